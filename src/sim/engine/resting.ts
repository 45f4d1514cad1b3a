/**
 * An order on or off its book, and the `book` event that tells subscribers the level's new size and the signed
 * change: every book movement of the exchange goes through these three, so the feed can never miss one.
 */
import { asQty } from '../../core/units.ts';
import type { MarketState, OrderState } from './internal.ts';
import { remainingQty, type SimEventBody } from './types.ts';

type Emit = (body: SimEventBody) => void;

/** The level the order rests on now holds `levelQty`; it changed by `delta`. */
function announce(m: MarketState, st: OrderState, levelQty: number, delta: number, emit: Emit): void {
  emit({ type: 'book', market: m.cfg.key, side: st.side, yesPx: st.yesPx, qty: asQty(levelQty), delta });
}

/** Put the order's remainder at the back of its level. */
export function restOnBook(m: MarketState, st: OrderState, emit: Emit): void {
  const qty = m.book.add(st.order, st.side, st.yesPx);
  st.resting = true;
  announce(m, st, qty, remainingQty(st.order), emit);
}

/** Take a resting order off its level (nothing if it is not resting). */
export function takeOffBook(m: MarketState, st: OrderState, emit: Emit): void {
  if (!st.resting) return;
  const rem = remainingQty(st.order);
  const qty = m.book.remove(st.order, st.side, st.yesPx);
  st.resting = false;
  announce(m, st, qty, -rem, emit);
}

/** Shrink a resting order in place by `by` contracts, keeping its queue priority. */
export function shrinkOnBook(m: MarketState, st: OrderState, by: number, emit: Emit): void {
  announce(m, st, m.book.shrink(st.side, st.yesPx, by), -by, emit);
}
