/**
 * Integer units for everything money touches. Venue strings become integers here and only here, by exact
 * string arithmetic (never through a float), and malformed input becomes a typed `UnitError`, never NaN.
 *
 *   Px     1 = $0.0001        price 0.55 → 5500; covers every Kalshi and Polymarket tick
 *   Qty    1 = 0.01 contract  Kalshi `_fp` counts and Polymarket sizes have 2 decimals
 *   Micros 1 = $0.000001      Polymarket collateral has 6 decimals
 *
 * so `Px × Qty` is exactly Micros (1e-4 × 1e-2 = 1e-6).
 */
import { UnitError } from './errors.ts';

declare const unitBrand: unique symbol;
export type Px = number & { readonly [unitBrand]: 'Px' };
export type Qty = number & { readonly [unitBrand]: 'Qty' };
export type Micros = number & { readonly [unitBrand]: 'Micros' };

export const PX_DECIMALS = 4;
export const QTY_DECIMALS = 2;
export const MICROS_DECIMALS = 6;
/** Px units in one dollar: the price of a certain outcome. (A cast: `asPx` checks against this very value.) */
export const PX_ONE = 10_000 as Px;
export const MICROS_PER_DOLLAR = 1_000_000;
/** Micros paid by one Qty unit (0.01 contract) of a winning outcome ($1 per contract). */
export const MICROS_PER_QTY_PAYOUT = 10_000;

const ZERO = 48;
const NINE = 57;
const DOT = 46;
const MINUS = 45;

/**
 * Parse a plain decimal string (`-?\d+(\.\d+)?`) into an integer scaled by 10^scale, exactly.
 * Extra fractional digits are accepted only when they are zeros ("0.560000" at scale 4 is 5600).
 *
 * A character loop rather than a regex: this runs on every price and size of every venue message, and the
 * loop is an order of magnitude faster. Digits accumulate into a number only while it stays below 10^15, so the
 * arithmetic is exact.
 */
export function parseScaled(input: string, scale: number, allowNegative = false): number {
  if (typeof input !== 'string') {
    throw new UnitError('UNITS.MALFORMED', String(input), 'expected a decimal string');
  }
  const n = input.length;
  let i = 0;
  let negative = false;
  if (n > 0 && input.charCodeAt(0) === MINUS) {
    negative = true;
    i = 1;
  }
  let value = 0;
  let significant = 0; // digits after leading zeros, to bound the magnitude exactly
  let wholeDigits = 0;
  for (; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c === DOT) break;
    if (c < ZERO || c > NINE) throw new UnitError('UNITS.MALFORMED', input, 'not a plain decimal number');
    wholeDigits++;
    if (significant > 0 || c !== ZERO) significant++;
    value = value * 10 + (c - ZERO);
  }
  if (wholeDigits === 0) throw new UnitError('UNITS.MALFORMED', input, 'not a plain decimal number');
  let fracDigits = 0;
  let excessNonZero = false;
  if (i < n) {
    i++; // the dot
    if (i === n) throw new UnitError('UNITS.MALFORMED', input, 'not a plain decimal number');
    for (; i < n; i++) {
      const c = input.charCodeAt(i);
      if (c < ZERO || c > NINE) throw new UnitError('UNITS.MALFORMED', input, 'not a plain decimal number');
      if (fracDigits < scale) {
        if (significant > 0 || c !== ZERO) significant++;
        value = value * 10 + (c - ZERO);
      } else if (c !== ZERO) excessNonZero = true;
      fracDigits++;
    }
  }
  if (negative && !allowNegative && value !== 0) {
    throw new UnitError('UNITS.OUT_OF_RANGE', input, 'negative value not allowed');
  }
  if (excessNonZero) throw new UnitError('UNITS.TOO_PRECISE', input, `more than ${scale} decimal places`);
  for (let k = Math.min(fracDigits, scale); k < scale; k++) {
    if (significant > 0) significant++;
    value *= 10;
  }
  if (significant > 15) throw new UnitError('UNITS.UNSAFE', input, 'too large to represent exactly');
  return negative && value !== 0 ? -value : value;
}

/** Format an integer scaled by 10^scale as a decimal string with exactly `decimals` places (≤ scale). */
export function formatScaled(value: number, scale: number, decimals: number = scale): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  if (decimals > scale) throw new RangeError('decimals must not exceed scale');
  const neg = value < 0;
  const abs = String(Math.abs(value)).padStart(scale + 1, '0');
  const whole = abs.slice(0, abs.length - scale);
  let frac = abs.slice(abs.length - scale);
  if (/[1-9]/.test(frac.slice(decimals))) {
    throw new RangeError(`${value} at scale ${scale} does not fit ${decimals} decimals`);
  }
  frac = frac.slice(0, decimals);
  return `${neg ? '-' : ''}${whole}${decimals > 0 ? `.${frac}` : ''}`;
}

/** Shortest exact decimal form ("0.56", "1", "12.5"). */
export function formatScaledMinimal(value: number, scale: number): string {
  const full = formatScaled(value, scale);
  return scale === 0 ? full : full.replace(/\.?0+$/, '');
}

// ---- Px ------------------------------------------------------------------------------------------

export function isPx(n: number): n is Px {
  return Number.isInteger(n) && n >= 0 && n <= PX_ONE;
}

export function asPx(n: number): Px {
  if (!isPx(n))
    throw new UnitError('UNITS.OUT_OF_RANGE', String(n), 'price must be an integer in [0, 10000] Px');
  return n;
}

/** A price as a dollar string (Kalshi `_dollars`, Polymarket `price`) → Px; must lie in [0, 1]. */
export function pxFromDollars(input: string): Px {
  const v = parseScaled(input, PX_DECIMALS);
  if (v > PX_ONE) throw new UnitError('UNITS.OUT_OF_RANGE', input, 'price above $1');
  return v as Px;
}

/** Px → dollar string with a fixed number of decimals (Kalshi requests use 4: "0.5600"). */
export function pxToDollars(px: Px, decimals = PX_DECIMALS): string {
  return formatScaled(px, PX_DECIMALS, decimals);
}

/** Px → shortest decimal ("0.56"), the Polymarket style. */
export function pxToDecimal(px: Px): string {
  return formatScaledMinimal(px, PX_DECIMALS);
}

/** The other outcome's price: a YES bid at p is a NO ask at 1 − p. */
export function pxComplement(px: Px): Px {
  // In [0, PX_ONE] because px is; unchecked because books and the hot path call it for every level.
  return (PX_ONE - px) as Px;
}

// ---- Qty -----------------------------------------------------------------------------------------

export function asQty(n: number): Qty {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new UnitError('UNITS.OUT_OF_RANGE', String(n), 'quantity must be a non-negative integer Qty');
  }
  return n as Qty;
}

/** A count string (Kalshi `_fp`, Polymarket `size`) → Qty ≥ 0. */
export function qtyFromDecimal(input: string): Qty {
  // parseScaled without allowNegative yields a non-negative safe integer: a Qty by construction.
  return parseScaled(input, QTY_DECIMALS) as Qty;
}

/** A signed count change (Kalshi `delta_fp`) → a signed Qty delta. */
export function signedQtyFromDecimal(input: string): number {
  return parseScaled(input, QTY_DECIMALS, true);
}

/** Qty → Kalshi `_fp` string, always two decimals ("10.00"). */
export function qtyToFp(qty: number): string {
  return formatScaled(qty, QTY_DECIMALS);
}

/** Qty → shortest decimal ("10", "12.5"), the Polymarket style. */
export function qtyToDecimal(qty: number): string {
  return formatScaledMinimal(qty, QTY_DECIMALS);
}

export function qtyFromContracts(contracts: number): Qty {
  return asQty(contracts * 100);
}

// ---- Micros --------------------------------------------------------------------------------------

export function asMicros(n: number): Micros {
  if (!Number.isSafeInteger(n))
    throw new UnitError('UNITS.UNSAFE', String(n), 'micros must be a safe integer');
  return n as Micros;
}

/** A dollar amount ("12.345678", "-3.5") → Micros. Negative amounts are allowed (PnL, balance changes). */
export function microsFromUsd(input: string): Micros {
  // parseScaled yields a safe integer (at most 15 significant digits): Micros by construction.
  return parseScaled(input, MICROS_DECIMALS, true) as Micros;
}

/** Polymarket collateral base units: an integer string of 6-decimal units ("1000000" = $1). */
export function microsFromBaseUnits(input: string): Micros {
  // As microsFromUsd: a safe integer by construction.
  return parseScaled(input, 0, true) as Micros;
}

export function microsFromCents(cents: number): Micros {
  return asMicros(cents * 10_000);
}

/** Micros → dollars with `decimals` places (default 6, exact; fewer must be exact too). */
export function microsToUsd(m: number, decimals = MICROS_DECIMALS): string {
  return formatScaled(m, MICROS_DECIMALS, decimals);
}

/** Micros → a human string rounded half away from zero to cents: "$12.35", "-$0.10". For display only. */
export function formatUsd(m: number): string {
  const neg = m < 0;
  const cents = Math.floor((Math.abs(m) + 5_000) / 10_000);
  return `${neg && cents > 0 ? '-' : ''}$${formatScaled(cents, 2)}`;
}

// ---- arithmetic ----------------------------------------------------------------------------------

/** Exact cost of `qty` at `px`, in micros. */
export function notional(px: Px, qty: Qty): Micros {
  const n = px * qty;
  if (!Number.isSafeInteger(n)) throw new UnitError('UNITS.UNSAFE', `${px}*${qty}`, 'notional overflows');
  return n as Micros;
}

/** What `qty` winning contracts pay, in micros. */
export function payoutMicros(qty: Qty): Micros {
  return asMicros(qty * MICROS_PER_QTY_PAYOUT);
}

/** Integer division rounding up, for non-negative numerators and positive denominators. */
export function ceilDiv(n: number, d: number): number {
  return Math.floor((n + d - 1) / d);
}
