/**
 * A scenario: the simulated world. Latent *propositions* carry the true probabilities; *markets* on each venue
 * list a proposition (possibly inverted: "X loses" lists "X wins" with `inverted: true`); *groups* tie
 * propositions together (an exclusive-exhaustive set sums to 1, a threshold ladder is monotone). Every relation
 * the bot may trade on follows from these, so the simulator can judge detection against its own truth.
 */
import type { FeeModel } from '../../core/fees.ts';
import type { TickGrid, Venue } from '../../core/market.ts';
import type { Qty } from '../../core/units.ts';

export interface Proposition {
  readonly id: string;
  /** Plain-language statement, venue-neutral ("Fed cuts 25 bps at the Dec 2026 meeting"). */
  readonly statement: string;
  /** Initial true probability in (0, 1). */
  readonly p0: number;
}

export type PropositionGroup =
  /** Independent propositions (a binary question each). */
  | { readonly kind: 'independent'; readonly id: string; readonly props: readonly string[] }
  /** Exactly one is true (a game's winner, a Fed decision, an election). `exhaustive: false` = at most one. */
  | {
      readonly kind: 'exclusive';
      readonly id: string;
      readonly props: readonly string[];
      readonly exhaustive: boolean;
    }
  /** "Value above K_i" for ascending K_i: a higher threshold implies every lower one. Props in ascending K. */
  | {
      readonly kind: 'ladder';
      readonly id: string;
      readonly props: readonly string[];
      readonly thresholds: readonly number[];
    };

export interface ScenarioMarket {
  readonly venue: Venue;
  /** Kalshi ticker ("KXFEDDECISION-26DEC-C25"); Polymarket condition id ("0x" + 64 hex). */
  readonly key: string;
  /** Kalshi event ticker; Polymarket event slug. */
  readonly eventKey: string;
  /** Kalshi series ticker; absent on Polymarket. */
  readonly seriesKey?: string;
  /** In the venue's own style (Kalshi market title / Polymarket question). */
  readonly title: string;
  /** Kalshi `yes_sub_title` / Polymarket `groupItemTitle`. */
  readonly subtitle?: string;
  /** Polymarket: market slug, question id and the two ERC-1155 token ids (decimal strings). */
  readonly slug?: string;
  readonly questionId?: string;
  readonly tokens?: { readonly yes: string; readonly no: string };
  /**
   * Polymarket outcome labels of the two tokens, YES token first, when they are not "Yes" and "No" (a game's
   * `["Bucks", "Lakers"]`, a total's `["Over", "Under"]`, `["Up", "Down"]`): binary markets with other labels are
   * common on the venue. The first label's token is the one `prop` pays on.
   */
  readonly outcomes?: readonly [string, string];
  /** The proposition this market's YES pays on; with `inverted`, YES pays when the proposition is false. */
  readonly prop: string;
  readonly inverted: boolean;
  readonly grid: TickGrid;
  /** Kalshi price_level_structure name when the grid is one of Kalshi's. */
  readonly priceLevelStructure?: 'linear_cent' | 'deci_cent' | 'tapered_deci_cent';
  readonly minSize: Qty;
  readonly fees: FeeModel;
  readonly openTimeMs: number;
  readonly closeTimeMs: number;
  /** negRisk placeholder ("Other") outcome that is not a real proposition the bot may treat as exhaustive. */
  readonly placeholder?: boolean;
}

export interface ScenarioEvent {
  readonly venue: Venue;
  /** Kalshi event ticker; Polymarket event slug. */
  readonly key: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly seriesKey?: string;
  readonly category: string;
  /** Kalshi `mutually_exclusive`. */
  readonly mutuallyExclusive: boolean;
  /** Polymarket negRisk event; `negRiskAugmented` events carry placeholder outcomes. */
  readonly negRisk?: boolean;
  readonly negRiskAugmented?: boolean;
  /** Polymarket event id (numeric string). */
  readonly id?: string;
  readonly markets: readonly string[];
}

/** Knobs of the agent-based price process. Rates are per simulated hour. */
export interface PriceProcessParams {
  /** Market makers requote at least this often (ms) and whenever their fair value moves a tick. */
  readonly mmRequoteMs: number;
  /** Half-spread around fair value, in ticks of the market's grid. */
  readonly mmHalfSpreadTicks: number;
  /** Price levels per side. */
  readonly mmLevels: number;
  /** Contracts per level, uniform in [min, max]. */
  readonly mmLevelContracts: readonly [number, number];
  /** Latent drift: probability-space volatility per √hour. */
  readonly driftVolPerSqrtHour: number;
  readonly driftStepMs: number;
  /** Noise-trader market orders per market per hour, size uniform in contracts. */
  readonly noiseTradesPerMarketHour: number;
  readonly noiseTradeContracts: readonly [number, number];
  /** News shocks: jumps of a proposition's probability; the leading venue reprices at once, the other after a lag. */
  readonly newsShocksPerHour: number;
  /** Shock size in probability points, uniform in [min, max]. */
  readonly newsShockSize: readonly [number, number];
  /** How long the lagging venue takes to catch up (ms), uniform in [min, max]: the arbitrage window's lifetime. */
  readonly venueLagMs: readonly [number, number];
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly startTimeMs: number;
  readonly propositions: readonly Proposition[];
  readonly groups: readonly PropositionGroup[];
  readonly events: readonly ScenarioEvent[];
  readonly markets: readonly ScenarioMarket[];
  readonly process: PriceProcessParams;
  /** Opening cash of the bot's account on each venue, in micros. */
  readonly botCashMicros: number;
}
