/**
 * What the simulated Kalshi lists: the scenario's Kalshi markets, events and the series they imply, looked up
 * by ticker. Static for the life of the host; live state (status, books, trades) comes from the engine.
 */
import type { ScenarioEvent, ScenarioMarket, Scenario } from '../universe/types.ts';

export interface SeriesInfo {
  readonly ticker: string;
  readonly title: string;
  readonly category: string;
  /** K5: `quadratic_with_maker_fees` series charge makers too. */
  readonly feeType: 'quadratic' | 'quadratic_with_maker_fees';
  /** The fee multiplier (1 = the standard schedule). */
  readonly feeMultiplier: number;
}

export interface KalshiCatalog {
  /** In scenario order; the index is the stable pagination key. */
  readonly markets: readonly ScenarioMarket[];
  readonly market: ReadonlyMap<string, ScenarioMarket>;
  readonly events: readonly ScenarioEvent[];
  readonly event: ReadonlyMap<string, ScenarioEvent>;
  readonly series: ReadonlyMap<string, SeriesInfo>;
}

/** Series ticker of a market: the scenario's, else the event ticker's first segment (KXFOO-26DEC → KXFOO). */
export const seriesOf = (m: Pick<ScenarioMarket, 'seriesKey' | 'eventKey'>): string =>
  m.seriesKey ?? m.eventKey.split('-')[0]!;

export function buildCatalog(scenario: Scenario): KalshiCatalog {
  const markets = scenario.markets.filter((m) => m.venue === 'kalshi');
  const events = scenario.events.filter((e) => e.venue === 'kalshi');
  const series = new Map<string, SeriesInfo>();
  for (const m of markets) {
    const ticker = seriesOf(m);
    if (series.has(ticker)) continue;
    const ev = events.find((e) => e.key === m.eventKey);
    const fees = m.fees.kind === 'kalshi' ? m.fees : undefined;
    series.set(ticker, {
      ticker,
      title: ev?.title ?? ticker,
      category: ev?.category ?? '',
      feeType: fees && fees.makerRatePpm > 0 ? 'quadratic_with_maker_fees' : 'quadratic',
      feeMultiplier: (fees?.multiplierPpm ?? 1_000_000) / 1_000_000,
    });
  }
  return {
    markets,
    market: new Map(markets.map((m) => [m.key, m])),
    events,
    event: new Map(events.map((e) => [e.key, e])),
    series,
  };
}
