/**
 * Incremental detection: a book change on market m re-prices only the shapes that can use m (an index from
 * market to shapes), and keeps the set of live opportunities current. `rescan` prices every shape from scratch:
 * the reference the incremental path must always agree with.
 *
 * Pricing a shape starts with the top-of-book test on flat arrays (`ShapeIndex.mayPay` over
 * `BookStore.topOfBook`); only a shape that passes it goes to `evaluateShape`, which repeats that test and then
 * walks depth, charges fees and has the verifier prove the result. Both paths price the same way, so the
 * incremental-vs-rescan comparison measures the index, not a difference in pricing.
 *
 * Most book changes are sizes, not best prices. A change that leaves m's best buy prices as they were, while
 * none of m's shapes passes the top-of-book test, cannot change any of their results (a shape failing the test
 * prices to nothing whatever the depth), so it re-prices nothing. A shape that passes is re-priced on every
 * change of any of its markets, since its edge depends on depth.
 */
import type { MarketId } from '../core/market.ts';
import { type EvalContext, evaluateShape } from './evaluate.ts';
import type { Opportunity } from './opportunity.ts';
import { ShapeIndex } from './shape-index.ts';
import type { Shape } from './shapes.ts';

export interface DetectorListener {
  /** A shape became (or stays, with new numbers) profitable. */
  onOpportunity?(opp: Opportunity): void;
  /** A previously profitable shape no longer is. */
  onClosed?(shape: number): void;
}

/** Never a `topOfBook` value, so a market's first change always re-prices its shapes. */
const UNSEEN = -2;
const MARKET_ROW = 4;
const SEEN_YES = 0;
const SEEN_NO = 1;
const OPEN = 2;

export class Detector {
  private readonly index: ShapeIndex;
  private readonly live = new Map<number, Opportunity>();
  /** 1 where `live` holds the shape: a rejected shape then costs no map lookup. */
  private readonly isLive: Uint8Array;
  /** 1 where the shape passed the top-of-book test when last priced. */
  private readonly passed: Uint8Array;
  /**
   * Per market, one 16-byte row (one cache line for the common case): its two `topOfBook` entries when its
   * shapes were last re-priced for its own change, and how many of its shapes passed the top-of-book test
   * when last priced.
   */
  private readonly perMarket: Int32Array;
  evaluations = 0;

  constructor(
    readonly shapes: readonly Shape[],
    private readonly ctx: EvalContext,
    private readonly listener: DetectorListener = {},
  ) {
    this.index = new ShapeIndex(shapes);
    this.isLive = new Uint8Array(shapes.length);
    this.passed = new Uint8Array(shapes.length);
    this.perMarket = new Int32Array(MARKET_ROW * this.index.markets);
    for (let m = 0; m < this.index.markets; m++) {
      this.perMarket[MARKET_ROW * m + SEEN_YES] = UNSEEN;
      this.perMarket[MARKET_ROW * m + SEEN_NO] = UNSEEN;
    }
  }

  /** Number of shapes that use a market (0 if none). */
  fanOut(market: MarketId): number {
    return this.index.fanOut(market);
  }

  /** Re-price the shapes touching `market` after its book changed. */
  onBookChange(market: MarketId, nowMs: number): void {
    if (market < 0 || market >= this.index.markets) return; // no shape uses it
    const top = this.ctx.books.topOfBook;
    const yes = top[2 * market]!;
    const no = top[2 * market + 1]!;
    const row = this.perMarket;
    const r = MARKET_ROW * market;
    if (yes === row[r + SEEN_YES] && no === row[r + SEEN_NO] && row[r + OPEN] === 0) return;
    row[r + SEEN_YES] = yes;
    row[r + SEEN_NO] = no;
    const index = this.index;
    const end = index.usesEnd(market);
    for (let i = index.usesStart(market); i < end; i++) this.reprice(index.shapeAt(i), top, nowMs);
  }

  /** Live opportunities, by shape index. */
  opportunities(): ReadonlyMap<number, Opportunity> {
    return this.live;
  }

  /** Price every shape from scratch, without touching the live set (the reference). */
  rescan(nowMs: number): Map<number, Opportunity> {
    const out = new Map<number, Opportunity>();
    const top = this.ctx.books.topOfBook;
    for (let s = 0; s < this.shapes.length; s++) {
      this.evaluations++;
      const o = this.index.mayPay(s, top) ? evaluateShape(this.shapes[s]!, this.ctx, nowMs) : undefined;
      if (o) out.set(s, o);
    }
    return out;
  }

  private reprice(shape: number, top: Int32Array, nowMs: number): void {
    this.evaluations++;
    const pass = this.index.mayPay(shape, top);
    if (pass !== (this.passed[shape] === 1)) {
      this.passed[shape] = pass ? 1 : 0;
      for (const m of this.shapes[shape]!.markets) this.perMarket[MARKET_ROW * m + OPEN]! += pass ? 1 : -1;
    }
    const o = pass ? evaluateShape(this.shapes[shape]!, this.ctx, nowMs) : undefined;
    if (o) {
      this.live.set(shape, o);
      this.isLive[shape] = 1;
      this.listener.onOpportunity?.(o);
    } else if (this.isLive[shape] === 1) {
      this.isLive[shape] = 0;
      this.live.delete(shape);
      this.listener.onClosed?.(shape);
    }
  }
}
