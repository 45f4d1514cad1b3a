/**
 * The shapes flattened into typed arrays, for the two things the detector does on every book change: find the
 * shapes that use a market (a CSR index: market → shape indices) and reject the shapes that cannot pay even at
 * the top of the books (the common case). Shape objects are scattered over the heap; at 10,000 markets and
 * tens of thousands of shapes, walking them costs mostly cache misses, while these arrays are a few hundred
 * kilobytes read in order.
 */
import { PX_ONE } from '../core/units.ts';
import type { Shape } from './shapes.ts';

export class ShapeIndex {
  /** Shape s uses slots `slotStart[s] … slotStart[s + 1] − 1`. */
  private readonly slotStart: Int32Array;
  /** Slot k offers options `optStart[k] … optStart[k + 1] − 1`. */
  private readonly optStart: Int32Array;
  /** An option's index into `BookStore.topOfBook`: 2 × market, + 1 for NO. */
  private readonly optKey: Int32Array;
  /** Guaranteed payout of one unit of each slot, in Px. */
  private readonly payoutPx: Float64Array;
  /** Market m is used by shapes `byMarket[marketStart[m]] … byMarket[marketStart[m + 1] − 1]`, ascending. */
  private readonly marketStart: Int32Array;
  private readonly byMarket: Int32Array;
  /** One more than the highest market id any shape uses. */
  readonly markets: number;

  constructor(shapes: readonly Shape[]) {
    let slots = 0;
    let options = 0;
    let uses = 0;
    let maxMarket = -1;
    for (const s of shapes) {
      slots += s.slots.length;
      for (const slot of s.slots) options += slot.length;
      uses += s.markets.length;
      for (const m of s.markets) maxMarket = Math.max(maxMarket, m);
    }
    this.slotStart = new Int32Array(shapes.length + 1);
    this.optStart = new Int32Array(slots + 1);
    this.optKey = new Int32Array(options);
    this.payoutPx = new Float64Array(shapes.length);
    let k = 0;
    let j = 0;
    shapes.forEach((s, i) => {
      if (s.index !== i) throw new Error(`shape ${s.index} is at position ${i}`);
      this.slotStart[i] = k;
      this.payoutPx[i] = s.payoutUnits * PX_ONE;
      for (const slot of s.slots) {
        this.optStart[k++] = j;
        for (const o of slot) this.optKey[j++] = 2 * o.market + (o.outcome === 'NO' ? 1 : 0);
      }
    });
    this.slotStart[shapes.length] = k;
    this.optStart[k] = j;

    // Counting sort by market keeps each market's shapes in ascending order, as the detector visits them.
    this.markets = maxMarket + 1;
    this.marketStart = new Int32Array(maxMarket + 2);
    for (const s of shapes) for (const m of s.markets) this.marketStart[m + 1]!++;
    for (let m = 0; m <= maxMarket; m++) this.marketStart[m + 1]! += this.marketStart[m]!;
    this.byMarket = new Int32Array(uses);
    const fill = this.marketStart.slice(0, maxMarket + 1);
    for (const s of shapes) for (const m of s.markets) this.byMarket[fill[m]!++] = s.index;
  }

  /** Number of shapes that use `market`. */
  fanOut(market: number): number {
    return this.usesEnd(market) - this.usesStart(market);
  }

  /** The shapes using `market` are `shapeAt(i)` for i in [usesStart, usesEnd), ascending; empty if none. */
  usesStart(market: number): number {
    return market >= 0 && market + 1 < this.marketStart.length ? this.marketStart[market]! : 0;
  }

  usesEnd(market: number): number {
    return market >= 0 && market + 1 < this.marketStart.length ? this.marketStart[market + 1]! : 0;
  }

  shapeAt(i: number): number {
    return this.byMarket[i]!;
  }

  /**
   * Can `shape` pay at the top of the books? Each slot takes its cheapest priced option; the shape may pay when
   * its payout exceeds the sum. Exactly the first test of `evaluateShape` (untrusted books price at −1 in
   * `topOfBook`), so a shape rejected here is one `evaluateShape` would reject.
   */
  mayPay(shape: number, topOfBook: Int32Array): boolean {
    let cost = 0;
    const end = this.slotStart[shape + 1]!;
    for (let k = this.slotStart[shape]!; k < end; k++) {
      let best = -1;
      const optEnd = this.optStart[k + 1]!;
      for (let j = this.optStart[k]!; j < optEnd; j++) {
        const px = topOfBook[this.optKey[j]!]!;
        if (px >= 0 && (best < 0 || px < best)) best = px;
      }
      if (best < 0) return false;
      cost += best;
    }
    return this.payoutPx[shape]! - cost > 0;
  }
}
