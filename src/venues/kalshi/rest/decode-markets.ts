/**
 * Discovery payloads (`/markets`, `/events`, `/series`, K2 and K5) → core markets and events: tick grids,
 * statuses, fee models, and the join of the three lists. A market that does not decode is left out and said
 * why (`issues`), so one bad listing cannot stop discovery.
 */
import type { Result } from '../../../core/errors.ts';
import { type FeeModel, kalshiFeeModel } from '../../../core/fees.ts';
import {
  type KalshiPriceStructure,
  kalshiGrid,
  type MarketIdTable,
  type TickGrid,
  type TickRange,
} from '../../../core/market.ts';
import { pxFromDollars, type Qty, qtyFromContracts } from '../../../core/units.ts';
import type { Discovery, VenueEvent, VenueMarket } from '../../venue.ts';
import { KalshiCodecError } from '../errors.ts';
import { attempt, unit } from './decode-fields.ts';
import type { WireEvent, WireMarket, WireSeries } from './schemas.ts';

const STRUCTURES: readonly string[] = ['linear_cent', 'deci_cent', 'tapered_deci_cent'];

/** The tick grid: explicit `price_ranges` win; else the named `price_level_structure`; else a cent grid. */
export function gridOf(m: Pick<WireMarket, 'price_ranges' | 'price_level_structure' | 'ticker'>): TickGrid {
  if (m.price_ranges && m.price_ranges.length > 0) {
    const ranges: TickRange[] = m.price_ranges.map((r, i) => {
      const f = `${m.ticker}.price_ranges[${i}]`;
      const range = {
        start: unit(`${f}.start`, () => pxFromDollars(r.start)),
        end: unit(`${f}.end`, () => pxFromDollars(r.end)),
        step: unit(`${f}.step`, () => pxFromDollars(r.step)),
      };
      if (range.step <= 0 || range.end < range.start) throw new KalshiCodecError(`${f}: not a usable range`);
      return range;
    });
    return { ranges };
  }
  const s = m.price_level_structure;
  return kalshiGrid(s && STRUCTURES.includes(s) ? (s as KalshiPriceStructure) : 'linear_cent');
}

/** Market object statuses → the four the bot cares about; anything unknown is treated as not tradable. */
export function marketStatus(s: string): VenueMarket['status'] {
  switch (s) {
    case 'active':
    case 'open':
      return 'open';
    case 'initialized':
    case 'inactive':
    case 'unopened':
    case 'paused':
      return 'paused';
    case 'finalized':
    case 'settled':
      return 'settled';
    default:
      return 'closed';
  }
}

/** K5: maker fees only on `quadratic_with_maker_fees` series (and events overriding to it). */
export function feeModelFor(series: WireSeries | undefined, event: WireEvent | undefined): FeeModel {
  const type = event?.fee_type_override ?? series?.fee_type;
  const multiplier = event?.fee_multiplier_override ?? series?.fee_multiplier ?? 1;
  return kalshiFeeModel({
    makerFees: type === 'quadratic_with_maker_fees' || type === 'quadratic_with_combo_maker_fees',
    multiplierPpm: Math.round(multiplier * 1_000_000),
  });
}

/** Kalshi exposes no minimum order size; one whole contract is what every binary market accepts. */
export const DEFAULT_MIN_SIZE: Qty = qtyFromContracts(1);

export function decodeMarket(
  m: WireMarket,
  ids: MarketIdTable,
  event: WireEvent | undefined,
  series: WireSeries | undefined,
): Result<VenueMarket, KalshiCodecError> {
  return attempt(() => {
    const closeMs = m.close_time ? Date.parse(m.close_time) : Number.NaN;
    if (m.close_time && Number.isNaN(closeMs))
      throw new KalshiCodecError(`${m.ticker}.close_time: not a date`);
    const subtitle = m.yes_sub_title ?? m.subtitle;
    return {
      id: ids.intern('kalshi', m.ticker),
      venue: 'kalshi',
      key: m.ticker,
      title: m.title ?? event?.title ?? m.ticker,
      eventKey: m.event_ticker,
      grid: gridOf(m),
      minSize: DEFAULT_MIN_SIZE,
      fees: feeModelFor(series, event),
      closeTimeMs: Number.isNaN(closeMs) ? 0 : closeMs,
      status: marketStatus(m.status),
      ...(subtitle ? { subtitle } : {}),
    };
  });
}

export function decodeEvent(e: WireEvent, marketKeys: readonly string[]): VenueEvent {
  return {
    venue: 'kalshi',
    key: e.event_ticker,
    title: e.title,
    marketKeys,
    mutuallyExclusive: e.mutually_exclusive,
  };
}

/**
 * The three discovery lists joined: each market gets its event's and series' fee schedule, each event the
 * markets that decoded (else the ones it lists itself). Markets that do not decode go to `issues`.
 */
export function decodeDiscovery(
  markets: readonly WireMarket[],
  events: readonly WireEvent[],
  seriesList: readonly WireSeries[],
  ids: MarketIdTable,
): { discovery: Discovery; issues: string[] } {
  const series = new Map<string, WireSeries>(seriesList.map((s) => [s.ticker, s]));
  const eventByKey = new Map<string, WireEvent>(events.map((e) => [e.event_ticker, e]));
  const issues: string[] = [];
  const out: VenueMarket[] = [];
  for (const w of markets) {
    const ev = eventByKey.get(w.event_ticker);
    const s = ev?.series_ticker ? series.get(ev.series_ticker) : undefined;
    const m = decodeMarket(w, ids, ev, s);
    if (m.ok) out.push(m.value);
    else issues.push(m.error.message);
  }
  const byEvent = new Map<string, string[]>();
  for (const m of out) if (m.eventKey) byEvent.set(m.eventKey, [...(byEvent.get(m.eventKey) ?? []), m.key]);
  const discovered = events.map((e) =>
    decodeEvent(e, byEvent.get(e.event_ticker) ?? (e.markets ?? []).map((m) => m.ticker)),
  );
  return { discovery: { markets: out, events: discovered }, issues };
}
