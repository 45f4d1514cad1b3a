/**
 * Average-cost accounting of one account's fills in one market, in the way a Kalshi account nets: YES and NO
 * are one signed position (+ YES, − NO), a fill against the held side closes contracts (a NO buy while long
 * YES sells YES at 1 − price) and realizes PnL against the average cost; the rest opens. Gives Kalshi's
 * `market_exposure` (cost of what is held), realized PnL, traded notional and fees.
 */
import { asMicros, asQty, type Micros, type Px, PX_ONE, pxComplement, type Qty } from '../../core/units.ts';
import type { SimFill } from '../engine/types.ts';

export interface PositionSummary {
  /** Signed contracts in Qty: positive YES, negative NO. */
  readonly position: number;
  /** Cost basis of the contracts held. */
  readonly exposure: Micros;
  readonly realizedPnl: Micros;
  /** Σ price × count over the fills. */
  readonly traded: Micros;
  readonly fees: Micros;
  readonly volume: Qty;
  readonly lastFillMs: number | undefined;
}

/** A fill as a signed change of the YES-equivalent position at a YES price. */
function yesTerms(f: SimFill): { d: number; yesPx: number } {
  const isYes = f.outcome === 'YES';
  const yesPx = isYes ? f.px : PX_ONE - f.px;
  const buysYesExposure = isYes === (f.side === 'BUY');
  return { d: buysYesExposure ? f.qty : -f.qty, yesPx };
}

export function summarizeFills(fills: readonly SimFill[]): PositionSummary {
  let pos = 0;
  let cost = 0n;
  let realized = 0n;
  let traded = 0;
  let fees = 0;
  let volume = 0;
  let lastFillMs: number | undefined;
  for (const f of fills) {
    traded += f.px * f.qty;
    fees += f.fee;
    volume += f.qty;
    lastFillMs = f.tsMs;
    const { d, yesPx } = yesTerms(f);
    const dir = Math.sign(d);
    let rem = Math.abs(d);
    if (pos !== 0 && Math.sign(pos) !== dir) {
      const close = Math.min(rem, Math.abs(pos));
      const basis = (cost * BigInt(close)) / BigInt(Math.abs(pos));
      // Closing YES sells it at the YES price; closing NO sells it at the NO price.
      const exitPx = pos > 0 ? yesPx : PX_ONE - yesPx;
      realized += BigInt(exitPx * close) - basis;
      cost -= basis;
      pos += dir * close;
      rem -= close;
    }
    if (rem > 0) {
      const heldPx = dir > 0 ? yesPx : PX_ONE - yesPx;
      cost += BigInt(heldPx * rem);
      pos += dir * rem;
    }
  }
  return {
    position: pos,
    exposure: asMicros(Number(cost)),
    realizedPnl: asMicros(Number(realized)),
    traded: asMicros(traded),
    fees: asMicros(fees),
    volume: asQty(volume),
    lastFillMs,
  };
}

/** YES price of a fill (Kalshi quotes every fill from the YES side). */
export const fillYesPx = (f: Pick<SimFill, 'outcome' | 'px'>): Px =>
  f.outcome === 'YES' ? f.px : pxComplement(f.px);
