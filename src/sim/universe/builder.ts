/**
 * Accumulates a scenario: propositions, groups, and each venue's events and markets, filling in each venue's
 * conventions (Kalshi tick structures, 1-contract minimum and quadratic fees; Polymarket tick sizes, 5-share
 * minimum, per-category taker fees and random-looking ids) so the content families only say what is listed.
 */
import { kalshiFeeModel, polymarketFeeModel } from '../../core/fees.ts';
import { kalshiGrid, type KalshiPriceStructure, uniformGrid } from '../../core/market.ts';
import type { Rng } from '../../core/rng.ts';
import { asPx, type Px, qtyFromContracts } from '../../core/units.ts';
import { hex32, PolyEventIds, tokenId } from './ids.ts';
import type {
  PriceProcessParams,
  Proposition,
  PropositionGroup,
  Scenario,
  ScenarioEvent,
  ScenarioMarket,
} from './types.ts';

/** A Kalshi series: the ticker prefix and what every market in it shares. */
export interface KalshiSeries {
  readonly ticker: string;
  readonly category: string;
  /** Tick structure; `linear_cent` unless the series trades in tenths of a cent. */
  readonly structure?: KalshiPriceStructure;
  /** `quadratic_with_maker_fees` series charge makers too. */
  readonly makerFees?: boolean;
}

export interface KalshiEventSpec {
  readonly series: KalshiSeries;
  /** Full event ticker (`KXNBAGAME-26NOV28MILLAL`). */
  readonly ticker: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly mutuallyExclusive: boolean;
}

export interface KalshiMarketSpec {
  /** Appended to the event ticker after a dash (`MIL`, `T98999.99`); omit for a market named like its event. */
  readonly suffix?: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly prop: string;
  readonly inverted?: boolean;
  readonly openTimeMs: number;
  readonly closeTimeMs: number;
}

/** Polymarket tick sizes in use here: $0.01 for most markets, $0.001 for long shots and crowded fields. */
export type PolyTick = 0.01 | 0.001;

export interface PolyEventSpec {
  readonly slug: string;
  readonly title: string;
  readonly category: string;
  /** Taker fee rate for the event's markets, ppm; see `POLY_FEE_PPM`. */
  readonly feePpm: number;
  readonly negRisk?: boolean;
  readonly negRiskAugmented?: boolean;
  readonly tick?: PolyTick;
  /** Minimum order size in shares (5 on most markets). */
  readonly minShares?: number;
}

export interface PolyMarketSpec {
  readonly question: string;
  /** Defaults to the event slug for single-market events. */
  readonly slug?: string;
  /** `groupItemTitle`: the outcome's short name inside a multi-market event. */
  readonly subtitle?: string;
  readonly prop: string;
  readonly inverted?: boolean;
  readonly placeholder?: boolean;
  /** The two outcome labels when not "Yes"/"No" (a game's team names, a total's Over/Under). */
  readonly outcomes?: readonly [string, string];
  readonly openTimeMs: number;
  readonly closeTimeMs: number;
  readonly tick?: PolyTick;
  readonly minShares?: number;
  readonly feePpm?: number;
}

/**
 * Polymarket taker fee rates by category (P6: crypto 0.07, politics/finance 0.04, sports 0.03–0.05,
 * geopolitics 0). Weather, culture and tech markets are listed fee-free, as many Polymarket markets are.
 */
export const POLY_FEE_PPM = {
  crypto: 70_000,
  politics: 40_000,
  finance: 40_000,
  economy: 40_000,
  nba: 30_000,
  nfl: 40_000,
  nhl: 50_000,
  soccer: 50_000,
  sportsFutures: 30_000,
  geopolitics: 0,
  feeFree: 0,
} as const;

const TICK_PX: Record<PolyTick, Px> = { 0.01: asPx(100), 0.001: asPx(10) };

export class ScenarioBuilder {
  /** Families fork their own named streams from this (`b.rng.fork('fed')`): adding one never shifts another. */
  readonly rng: Rng;
  readonly startTimeMs: number;
  private readonly props = new Map<string, Proposition>();
  private readonly groups: PropositionGroup[] = [];
  private readonly events: { event: ScenarioEvent; markets: string[] }[] = [];
  /** Handles by `venue:key`, so a family can add markets to an event another family opened. */
  private readonly eventHandles = new Map<string, KalshiEventHandle | PolyEventHandle>();
  private readonly markets: ScenarioMarket[] = [];
  private readonly keys = new Set<string>();
  private readonly polyEventIds: PolyEventIds;
  /** Polymarket ids get their own streams so adding a Kalshi market never reshuffles them. */
  private readonly idRng: Rng;

  constructor(rng: Rng, startTimeMs: number) {
    this.rng = rng;
    this.startTimeMs = startTimeMs;
    this.idRng = rng.fork('polymarket-ids');
    this.polyEventIds = new PolyEventIds(this.idRng);
  }

  /** Registers a proposition; ids are unique. Returns the id for convenience. */
  prop(id: string, statement: string, p0: number): string {
    if (this.props.has(id)) throw new Error(`duplicate proposition ${id}`);
    this.props.set(id, { id, statement, p0 });
    return id;
  }

  group(group: PropositionGroup): void {
    this.groups.push(group);
  }

  /** An exclusive-exhaustive group over freshly registered propositions. */
  exclusive(id: string, outcomes: readonly { id: string; statement: string; p0: number }[]): string[] {
    const ids = outcomes.map((o) => this.prop(o.id, o.statement, o.p0));
    this.group({ kind: 'exclusive', id, props: ids, exhaustive: true });
    return ids;
  }

  /** A threshold ladder over freshly registered "above K" propositions (thresholds ascending). */
  ladder(
    id: string,
    rungs: readonly { id: string; statement: string; p0: number; threshold: number }[],
  ): string[] {
    if (rungs.length === 0) return [];
    const ids = rungs.map((r) => this.prop(r.id, r.statement, r.p0));
    this.group({ kind: 'ladder', id, props: ids, thresholds: rungs.map((r) => r.threshold) });
    return ids;
  }

  /** Opens a Kalshi event, or returns the already open one with this ticker. */
  kalshiEvent(spec: KalshiEventSpec): KalshiEventHandle {
    const existing = this.eventHandles.get(`kalshi:${spec.ticker}`);
    if (existing) return existing as KalshiEventHandle;
    const markets: string[] = [];
    const event: ScenarioEvent = {
      venue: 'kalshi',
      key: spec.ticker,
      title: spec.title,
      ...(spec.subtitle === undefined ? {} : { subtitle: spec.subtitle }),
      seriesKey: spec.series.ticker,
      category: spec.series.category,
      mutuallyExclusive: spec.mutuallyExclusive,
      markets,
    };
    this.events.push({ event, markets });
    const handle: KalshiEventHandle = {
      ticker: spec.ticker,
      market: (m) => {
        const key = m.suffix === undefined ? spec.ticker : `${spec.ticker}-${m.suffix}`;
        const structure = spec.series.structure ?? 'linear_cent';
        this.addMarket(markets, {
          venue: 'kalshi',
          key,
          eventKey: spec.ticker,
          seriesKey: spec.series.ticker,
          title: m.title,
          ...(m.subtitle === undefined ? {} : { subtitle: m.subtitle }),
          prop: m.prop,
          inverted: m.inverted ?? false,
          grid: kalshiGrid(structure),
          priceLevelStructure: structure,
          minSize: qtyFromContracts(1),
          fees: kalshiFeeModel({ makerFees: spec.series.makerFees ?? false }),
          openTimeMs: m.openTimeMs,
          closeTimeMs: m.closeTimeMs,
        });
        return key;
      },
    };
    this.eventHandles.set(`kalshi:${spec.ticker}`, handle);
    return handle;
  }

  /** Opens a Polymarket event, or returns the already open one with this slug (its spec's defaults apply). */
  polyEvent(spec: PolyEventSpec): PolyEventHandle {
    const existing = this.eventHandles.get(`polymarket:${spec.slug}`);
    if (existing) return existing as PolyEventHandle;
    const markets: string[] = [];
    const event: ScenarioEvent = {
      venue: 'polymarket',
      key: spec.slug,
      title: spec.title,
      category: spec.category,
      // Polymarket has no `mutually_exclusive` flag; a negRisk event is its exclusive set.
      mutuallyExclusive: spec.negRisk ?? false,
      negRisk: spec.negRisk ?? false,
      ...(spec.negRiskAugmented ? { negRiskAugmented: true } : {}),
      id: this.polyEventIds.take(this.idRng),
      markets,
    };
    this.events.push({ event, markets });
    const handle: PolyEventHandle = {
      slug: spec.slug,
      market: (m) => {
        // Each market's ids come from a stream named after its place in its event, so listing another market
        // elsewhere never changes them.
        const ids = this.idRng.fork(`${spec.slug}#${markets.length}`);
        const key = hex32(ids);
        this.addMarket(markets, {
          venue: 'polymarket',
          key,
          eventKey: spec.slug,
          title: m.question,
          ...(m.subtitle === undefined ? {} : { subtitle: m.subtitle }),
          slug: m.slug ?? spec.slug,
          questionId: hex32(ids),
          tokens: { yes: tokenId(ids), no: tokenId(ids) },
          ...(m.outcomes === undefined ? {} : { outcomes: m.outcomes }),
          prop: m.prop,
          inverted: m.inverted ?? false,
          grid: uniformGrid(TICK_PX[m.tick ?? spec.tick ?? 0.01]),
          minSize: qtyFromContracts(m.minShares ?? spec.minShares ?? 5),
          fees: polymarketFeeModel(m.feePpm ?? spec.feePpm, 1, true),
          openTimeMs: m.openTimeMs,
          closeTimeMs: m.closeTimeMs,
          ...(m.placeholder ? { placeholder: true } : {}),
        });
        return key;
      },
    };
    this.eventHandles.set(`polymarket:${spec.slug}`, handle);
    return handle;
  }

  private addMarket(eventMarkets: string[], market: ScenarioMarket): void {
    const id = `${market.venue}:${market.key}`;
    if (this.keys.has(id)) throw new Error(`duplicate market ${id}`);
    if (!this.props.has(market.prop))
      throw new Error(`market ${id} lists unknown proposition ${market.prop}`);
    this.keys.add(id);
    this.markets.push(market);
    eventMarkets.push(market.key);
  }

  build(meta: {
    name: string;
    description: string;
    seed: number;
    process: PriceProcessParams;
    botCashMicros: number;
  }): Scenario {
    return {
      ...meta,
      startTimeMs: this.startTimeMs,
      propositions: [...this.props.values()],
      groups: [...this.groups],
      // Drop events that ended up empty (a family may skip every market of an event on one venue).
      events: this.events
        .filter((e) => e.markets.length > 0)
        .map((e) => ({ ...e.event, markets: [...e.markets] })),
      markets: [...this.markets],
    };
  }
}

export interface KalshiEventHandle {
  readonly ticker: string;
  /** Adds a market to the event; returns its ticker. */
  market(spec: KalshiMarketSpec): string;
}

export interface PolyEventHandle {
  readonly slug: string;
  /** Adds a market to the event; returns its condition id. */
  market(spec: PolyMarketSpec): string;
}
