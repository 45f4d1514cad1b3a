/**
 * Execution-aware Kelly sizing for an arbitrage package whose legs execute one after another.
 *
 * An arbitrage is only riskless if every leg fills at its planned price. Legs go in sequence, so there are
 * three outcomes per contract: every leg fills (win the edge `e`, probability p_w); the first leg fills but a
 * later one misses (the legs already bought are sold back at the bid, paying fees both ways: lose `l`,
 * probability p_l); or the first leg misses (nothing happens). Kelly's fraction of bankroll, staking the
 * package cost `c` per contract, for win +e/c with p_w and loss −l/c with p_l, is
 *
 *     f* = c · (p_w·e − p_l·l) / (l · e · (p_w + p_l))
 *
 * (with p_l = 1 − p_w it is the familiar p·c/l − (1 − p)·c/e). It is scaled by a fractional-Kelly multiplier
 * (full Kelly over-bets when p is itself an estimate), then capped by executable depth, per-market and per-lane
 * caps and the cash on each venue, and rounded down to whole lots every venue accepts. Anything doubtful sizes
 * to zero.
 *
 * Floats are fine here (probabilities, fractions); the result is an integer Qty.
 */
import { asQty, type Micros, MICROS_PER_QTY_PAYOUT, type Qty } from '../core/units.ts';

export interface FillModel {
  /**
   * Quotes vanish at a steady rate (a reprice can come at any moment), so a quote survives the next t ms with
   * probability exp(−t / quoteLifetimeMs) whatever its age: what matters is how long until our order arrives.
   */
  readonly quoteLifetimeMs: number;
  /** How much taking the whole visible depth lowers the chance of getting it (0 = not at all, 1 = to zero). */
  readonly depthPenalty: number;
}

export const DEFAULT_FILL_MODEL: FillModel = { quoteLifetimeMs: 2_000, depthPenalty: 0.5 };

export interface LegSizingInput {
  readonly venue: string;
  readonly market: string;
  /** Planned price of the leg's outcome, in Px. */
  readonly px: number;
  /** Contracts (Qty) available at or better than `px`. */
  readonly depthQty: number;
  /** How long from now until this leg's order reaches the venue (legs go one after another), ms. */
  readonly arrivalMs: number;
  /** Best bid for the same outcome now (what an unwind would sell at), Px; 0 if none. */
  readonly unwindPx: number;
  /** Taker fee per contract at this price, in micros (both ways are charged on an unwind). */
  readonly feePerContract: number;
  /** Venue minimum order size, Qty. */
  readonly minSize: number;
}

export interface SizingInput {
  /** In execution order. */
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
  /** Unwind loss per contract if the package breaks after its first leg, micros. */
  readonly lossPerContract: number;
  readonly kellyFraction: number;
  /** What bound the size, for the report ("kelly", "depth", "cash:kalshi", "cap:market:…", "lane cap", "min size"). */
  readonly limitedBy: string;
}

const LOT = 100;
/** With no bid to sell into, an unwind is assumed to give up this much (10¢) below the price paid. */
const NO_BID_UNWIND_PX = 1_000;

/** Probability that one leg fills: quick arrivals and small takes are likely, slow ones and whole books less so. */
export function legFillProbability(leg: LegSizingInput, qty: number, fill: FillModel): number {
  if (leg.depthQty <= 0) return 0;
  const fresh = Math.exp(-Math.max(0, leg.arrivalMs) / fill.quoteLifetimeMs);
  const share = Math.min(1, qty / leg.depthQty);
  return fresh * (1 - fill.depthPenalty * share);
}

export function sizePackage(input: SizingInput): SizingResult {
  const zero = (limitedBy: string, pFill = 0, loss = 0, f = 0): SizingResult => ({
    qty: asQty(0),
    pFill,
    lossPerContract: loss,
    kellyFraction: f,
    limitedBy,
  });
  const { legs, edgePerContract: e, costPerContract: c } = input;
  if (legs.length === 0 || !(e > 0) || !(c > 0) || !(input.bankroll > 0)) return zero('no edge');
  // Breaking after the first leg means unwinding everything bought before the missing leg; the worst case is the
  // last leg missing, with every earlier leg to sell back.
  let loss = 0;
  for (const leg of legs.slice(0, -1)) {
    const bid = leg.unwindPx > 0 ? leg.unwindPx : leg.px - NO_BID_UNWIND_PX;
    loss += Math.max(0, leg.px - bid) * (MICROS_PER_QTY_PAYOUT / 100) + 2 * leg.feePerContract;
  }
  loss = Math.max(loss, 1);
  // The fill probability falls as the package takes more of the book, so Kelly's answer depends on the size:
  // scan sizes from the largest found down to the minimum lot and keep the largest one Kelly supports.
  const p = (q: number): number => legs.reduce((acc, leg) => acc * legFillProbability(leg, q, input.fill), 1);
  const kelly = (q: number): number => {
    const pWin = p(q);
    const pLose = legFillProbability(legs[0]!, q, input.fill) - pWin;
    return pWin + pLose > 0 ? (c * (pWin * e - pLose * loss)) / (loss * e * (pWin + pLose)) : 0;
  };
  const kellyQtyAt = (f: number): number =>
    Math.floor((f * input.kellyMultiplier * input.bankroll) / c) * LOT;
  const minLot = Math.max(LOT, ...legs.map((l) => Math.ceil(l.minSize / LOT) * LOT));
  let qty = 0;
  let f = kelly(minLot);
  let limitedBy = 'depth';
  for (
    let q = Math.floor(input.maxQty / LOT) * LOT;
    q >= minLot;
    q = q > minLot ? Math.max(minLot, Math.floor(q / 2 / LOT) * LOT) : 0
  ) {
    const fq = kelly(q);
    if (!(fq > 0)) continue;
    const byKelly = kellyQtyAt(fq);
    if (byKelly >= q) {
      qty = q;
      f = fq;
      limitedBy = q === Math.floor(input.maxQty / LOT) * LOT ? 'depth' : 'fill odds';
      break;
    }
    if (byKelly >= minLot) {
      qty = byKelly;
      f = fq;
      limitedBy = 'kelly';
      break;
    }
  }
  if (qty === 0) return zero(f > 0 ? 'kelly' : 'negative kelly', p(minLot), loss, f);
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
  return { qty: asQty(qty), pFill: p(qty), lossPerContract: loss, kellyFraction: f, limitedBy };
}

/** Micros per contract from a Qty-denominated amount (helper for callers building the inputs). */
export const perContract = (micros: Micros, qty: Qty): number => (qty > 0 ? (micros * 100) / qty : 0);
