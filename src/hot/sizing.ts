/**
 * Execution-aware Kelly sizing for an arbitrage package.
 *
 * An arbitrage is only riskless if every leg fills at its planned price. If one leg misses, the legs that did
 * fill must be unwound (sold back at the bid, paying fees both ways). So a package is a bet that wins the edge
 * `e` per contract with probability `p` (every leg fills) and loses the unwind cost `l` per contract otherwise.
 * Kelly's fraction of bankroll for such a bet, staking the package cost `c` per contract, is
 *
 *     f* = p·c/l − (1 − p)·c/e
 *
 * scaled down by a fractional-Kelly multiplier (full Kelly is too aggressive when p is itself an estimate),
 * then capped by executable depth, per-market and per-lane caps and the cash on each venue, and rounded
 * down to whole lots every venue accepts. Anything doubtful sizes to zero.
 *
 * Floats are fine here (probabilities, fractions); the result is an integer Qty.
 */
import { MICROS_PER_QTY_PAYOUT, type Micros, type Qty } from '../core/units.ts';

export interface FillModel {
  /** A quote this old (ms) has lost about 63% of its chance to still be there. */
  readonly quoteHalfLifeMs: number;
  /** How much taking the whole visible depth lowers the chance of getting it (0 = not at all, 1 = to zero). */
  readonly depthPenalty: number;
}

export const DEFAULT_FILL_MODEL: FillModel = { quoteHalfLifeMs: 2_000, depthPenalty: 0.5 };

export interface LegSizingInput {
  readonly venue: string;
  readonly market: string;
  /** Planned price of the leg's outcome, in Px. */
  readonly px: number;
  /** Contracts (Qty) available at or better than `px`. */
  readonly depthQty: number;
  /** Age of the quote behind the leg, ms. */
  readonly quoteAgeMs: number;
  /** Best bid for the same outcome now (what an unwind would sell at), Px; 0 if none. */
  readonly unwindPx: number;
  /** Taker fee per contract at this price, in micros (both ways are charged on an unwind). */
  readonly feePerContract: number;
  /** Venue minimum order size, Qty. */
  readonly minSize: number;
}

export interface SizingInput {
  readonly legs: readonly LegSizingInput[];
  /** Guaranteed edge per contract after fees, micros. */
  readonly edgePerContract: number;
  /** Package cost per contract (sum of leg prices + fees), micros. */
  readonly costPerContract: number;
  /** Largest size detection found profitable, Qty. */
  readonly maxQty: number;
  /** Total capital the bot trades with, micros. */
  readonly bankroll: number;
  /** Free cash per venue, micros. */
  readonly cashByVenue: Readonly<Record<string, number>>;
  /** Remaining room under the per-market cap (notional, micros), per market key. */
  readonly marketRoom: Readonly<Record<string, number>>;
  /** Remaining room under the lane's cap (notional, micros). */
  readonly laneRoom: number;
  readonly kellyMultiplier: number;
  readonly fill: FillModel;
}

export interface SizingResult {
  readonly qty: Qty;
  /** Probability every leg fills at its planned price. */
  readonly pFill: number;
  /** Unwind loss per contract if a leg misses, micros. */
  readonly lossPerContract: number;
  readonly kellyFraction: number;
  /** What bound the size, for the report ("kelly", "depth", "cash:kalshi", "cap:market:…", "lane cap", "min size"). */
  readonly limitedBy: string;
}

const LOT = 100;

/** Probability that one leg fills: fresh quotes and small takes are likely, stale quotes and whole books less so. */
export function legFillProbability(leg: LegSizingInput, qty: number, fill: FillModel): number {
  if (leg.depthQty <= 0) return 0;
  const fresh = Math.exp(-Math.max(0, leg.quoteAgeMs) / fill.quoteHalfLifeMs);
  const share = Math.min(1, qty / leg.depthQty);
  return fresh * (1 - fill.depthPenalty * share);
}

export function sizePackage(input: SizingInput): SizingResult {
  const zero = (limitedBy: string, pFill = 0, loss = 0, f = 0): SizingResult => ({
    qty: 0 as Qty,
    pFill,
    lossPerContract: loss,
    kellyFraction: f,
    limitedBy,
  });
  const { legs, edgePerContract: e, costPerContract: c } = input;
  if (legs.length === 0 || !(e > 0) || !(c > 0) || !(input.bankroll > 0)) return zero('no edge');
  // A miss leaves at most the other legs filled; the worst single unwind bounds the loss per contract.
  let loss = 0;
  for (const leg of legs) {
    const unwind =
      Math.max(0, leg.px - leg.unwindPx) * (MICROS_PER_QTY_PAYOUT / 100) + 2 * leg.feePerContract;
    loss = Math.max(loss, unwind);
  }
  loss = Math.max(loss, 1);
  // Kelly at the largest candidate size (the fill probability falls as size grows, so this is conservative).
  let qty = Math.floor(input.maxQty / LOT) * LOT;
  let limitedBy = 'depth';
  const p = (q: number): number => legs.reduce((acc, leg) => acc * legFillProbability(leg, q, input.fill), 1);
  const kelly = (q: number): number => (p(q) * c) / loss - ((1 - p(q)) * c) / e;
  let f = kelly(qty);
  if (!(f > 0)) {
    // Maybe a smaller package (less of the book) is still worth it: try the minimum lot.
    const minLot = Math.max(LOT, ...legs.map((l) => Math.ceil(l.minSize / LOT) * LOT));
    f = kelly(minLot);
    if (!(f > 0)) return zero('negative kelly', p(minLot), loss, f);
  }
  const kellyQty = Math.floor((f * input.kellyMultiplier * input.bankroll) / c) * LOT;
  if (kellyQty < qty) {
    qty = kellyQty;
    limitedBy = 'kelly';
  }
  // Cash per venue: every leg's notional + fee must be payable from its venue.
  for (const leg of legs) {
    const perContract = leg.px * (MICROS_PER_QTY_PAYOUT / 100) + leg.feePerContract;
    const cash = input.cashByVenue[leg.venue] ?? 0;
    const byCash = Math.floor(cash / perContract) * LOT;
    if (byCash < qty) {
      qty = byCash;
      limitedBy = `cash:${leg.venue}`;
    }
    const room = input.marketRoom[leg.market] ?? Number.POSITIVE_INFINITY;
    const byMarket = Math.floor(room / (leg.px * (MICROS_PER_QTY_PAYOUT / 100))) * LOT;
    if (byMarket < qty) {
      qty = byMarket;
      limitedBy = `cap:market:${leg.market}`;
    }
  }
  const byLane = Math.floor(input.laneRoom / c) * LOT;
  if (byLane < qty) {
    qty = byLane;
    limitedBy = 'lane cap';
  }
  qty = Math.max(0, Math.floor(qty / LOT) * LOT);
  if (legs.some((l) => qty < l.minSize) || qty <= 0) return zero('min size', p(qty), loss, f);
  return { qty: qty as Qty, pFill: p(qty), lossPerContract: loss, kellyFraction: f, limitedBy };
}

/** Micros per contract from a Qty-denominated amount (helper for callers building the inputs). */
export const perContract = (micros: Micros, qty: Qty): number => (qty > 0 ? (micros * 100) / qty : 0);
