/**
 * How the admin API shows engine state: one presenter per venue turns engine integers into that venue's own
 * strings (Kalshi 4-decimal YES dollars and `_fp` counts with bid/ask; Polymarket shortest decimals of the
 * token's price with BUY/SELL), so a test compares simulator truth with what the bot saw in the same units.
 */
import type { MarketStatus, OrderStatus } from '../engine/types.ts';
import type { Outcome, Venue } from '../../core/market.ts';
import type { AccountView, BookView, SimFill, SimMarketConfig, SimOrder } from '../engine/types.ts';
import { formatScaled } from '../../core/units.ts';

/** Scenario facts the engine does not hold. */
export interface MarketInfo {
  readonly title?: string;
  readonly tokens?: { readonly yes: string; readonly no: string };
}

export interface MarketState {
  readonly cfg: SimMarketConfig;
  readonly status: MarketStatus;
  readonly result: Outcome | undefined;
}

export type Presented = Record<string, unknown>;

export interface VenuePresenter {
  readonly venue: Venue;
  order(o: Readonly<SimOrder>): Presented;
  fill(f: SimFill): Presented;
  account(a: AccountView): Presented;
  book(market: string, view: BookView): Presented;
  market(key: string, state: MarketState): Presented;
  /** The venue's order status words, for the `status` filter and error messages. */
  readonly statusWords: readonly string[];
  /** Engine statuses a status word (the venue's, or the engine's own) stands for; undefined when unknown. */
  statusFilter(word: string): readonly OrderStatus[] | undefined;
}

const ENGINE_STATUSES: readonly OrderStatus[] = ['resting', 'filled', 'cancelled', 'expired'];

/** Resolve a status word against the venue's vocabulary, then the engine's. */
export function statusFilterFor(
  venueWords: Readonly<Record<string, readonly OrderStatus[]>>,
): (word: string) => readonly OrderStatus[] | undefined {
  return (word) => {
    const venue = Object.entries(venueWords).find(([w]) => w.toLowerCase() === word.toLowerCase());
    if (venue) return venue[1];
    const engine = ENGINE_STATUSES.find((s) => s === word.toLowerCase());
    return engine ? [engine] : undefined;
  };
}

/** Dollars as the shortest exact decimal with at least 2 places: 180000 → "0.18", 17500 → "0.0175". */
export function usd(micros: number): string {
  const full = formatScaled(micros, 6);
  return full.replace(/(\.\d\d\d*?)0+$/, '$1');
}

export const nullable = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
