/**
 * Order amounts (P3): a signed order carries integer 6-decimal `makerAmount` and `takerAmount` instead of a
 * price and a size. BUY gives collateral (maker) for shares (taker); SELL gives shares for collateral. In our
 * units shares × 10^6 = Qty × 10^4 and collateral × 10^6 = Px × Qty (Micros), so both directions are exact
 * integer arithmetic. The simulator reads orders back with its own code (src/sim/polymarket/amounts.ts), never this.
 */
import type { Side } from '../../../core/market.ts';
import { asPx, asQty, type Px, type Qty } from '../../../core/units.ts';

/** 6-decimal base units per Qty unit (0.01 share). */
const BASE_PER_QTY = 10_000n;
const PX_SCALE = 10_000n;

export interface OrderAmounts {
  readonly makerAmount: bigint;
  readonly takerAmount: bigint;
}

/** The amounts the official client's builder produces for a limit order at `px` for `qty`. */
export function amountsFor(side: Side, px: Px, qty: Qty): OrderAmounts {
  const shares = BigInt(qty) * BASE_PER_QTY;
  const collateral = BigInt(px) * BigInt(qty);
  return side === 'BUY'
    ? { makerAmount: collateral, takerAmount: shares }
    : { makerAmount: shares, takerAmount: collateral };
}

export type PriceSize =
  | { readonly ok: true; readonly px: Px; readonly qty: Qty }
  | { readonly ok: false; readonly problem: 'size_precision' | 'price_precision' | 'zero' | 'too_large' };

/** Price and size back from the amounts; fails when the size is not whole 0.01 shares or the price is finer than $0.0001. */
export function priceSizeFromAmounts(side: Side, makerAmount: bigint, takerAmount: bigint): PriceSize {
  const shares = side === 'BUY' ? takerAmount : makerAmount;
  const collateral = side === 'BUY' ? makerAmount : takerAmount;
  if (shares <= 0n || collateral <= 0n) return { ok: false, problem: 'zero' };
  if (shares % BASE_PER_QTY !== 0n) return { ok: false, problem: 'size_precision' };
  const qty = shares / BASE_PER_QTY;
  if (qty > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, problem: 'too_large' };
  // price = collateral / shares dollars; in Px: collateral × 10^4 / shares.
  const num = collateral * PX_SCALE;
  if (num % shares !== 0n) return { ok: false, problem: 'price_precision' };
  const px = num / shares;
  if (px > PX_SCALE) return { ok: false, problem: 'price_precision' };
  return { ok: true, px: asPx(Number(px)), qty: asQty(Number(qty)) };
}
