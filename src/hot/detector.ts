/**
 * Incremental detection: a book change on market m re-prices only the shapes that can use m (an index from
 * market to shapes), and keeps the set of live opportunities current. `rescan` prices every shape from scratch:
 * the slow reference the incremental path must always agree with.
 */
import type { MarketId } from '../core/market.ts';
import { type EvalContext, evaluateShape } from './evaluate.ts';
import type { Opportunity } from './opportunity.ts';
import type { Shape } from './shapes.ts';

export interface DetectorListener {
  /** A shape became (or stays, with new numbers) profitable. */
  onOpportunity?(opp: Opportunity): void;
  /** A previously profitable shape no longer is. */
  onClosed?(shape: number): void;
}

export class Detector {
  private readonly byMarket: number[][] = [];
  private readonly live = new Map<number, Opportunity>();
  evaluations = 0;

  constructor(
    readonly shapes: readonly Shape[],
    private readonly ctx: EvalContext,
    private readonly listener: DetectorListener = {},
  ) {
    for (const s of shapes) for (const m of s.markets) (this.byMarket[m] ??= []).push(s.index);
  }

  /** Number of shapes that use a market (0 if none). */
  fanOut(market: MarketId): number {
    return this.byMarket[market]?.length ?? 0;
  }

  /** Re-price the shapes touching `market` after its book changed. */
  onBookChange(market: MarketId, nowMs: number): void {
    const idx = this.byMarket[market];
    if (!idx) return;
    for (let i = 0; i < idx.length; i++) this.reprice(idx[i]!, nowMs);
  }

  /** Live opportunities, by shape index. */
  opportunities(): ReadonlyMap<number, Opportunity> {
    return this.live;
  }

  /** Price every shape from scratch, without touching the live set (the reference). */
  rescan(nowMs: number): Map<number, Opportunity> {
    const out = new Map<number, Opportunity>();
    for (const s of this.shapes) {
      this.evaluations++;
      const o = evaluateShape(s, this.ctx, nowMs);
      if (o) out.set(s.index, o);
    }
    return out;
  }

  private reprice(shape: number, nowMs: number): void {
    this.evaluations++;
    const o = evaluateShape(this.shapes[shape]!, this.ctx, nowMs);
    if (o) {
      this.live.set(shape, o);
      this.listener.onOpportunity?.(o);
    } else if (this.live.delete(shape)) {
      this.listener.onClosed?.(shape);
    }
  }
}
