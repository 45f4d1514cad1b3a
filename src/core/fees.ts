/**
 * Venue fee models, computed exactly in integers (BigInt inside, because rate × rate × C × P × (1−P) overflows
 * 2^53 for realistic sizes) and rounded at the edge by each venue's own rule.
 *
 * Rates are integer parts-per-million (0.07 → 70_000) so a fee model never holds a float.
 */
import { asMicros, type Micros, type Px, type Qty, PX_ONE } from './units.ts';

export type Liquidity = 'taker' | 'maker';

/** Kalshi quadratic fees (K5): rate × C × P × (1−P) × multiplier. */
export interface KalshiFeeModel {
  readonly kind: 'kalshi';
  /** 0.07 on every series. */
  readonly takerRatePpm: number;
  /** 0.0175 on `quadratic_with_maker_fees` series, 0 otherwise. */
  readonly makerRatePpm: number;
  /** Series/event `fee_multiplier`; 1.0 = 1_000_000. */
  readonly multiplierPpm: number;
}

/** Polymarket (P6): C × rate × (p(1−p))^exponent, per market (`fd` in /clob-markets). */
export interface PolymarketFeeModel {
  readonly kind: 'polymarket';
  /** 0 on fee-free markets. */
  readonly ratePpm: number;
  readonly exponent: number;
  /** Makers pay nothing when true (the venue's current rule). */
  readonly takerOnly: boolean;
}

export interface NoFeeModel {
  readonly kind: 'none';
}

export type FeeModel = KalshiFeeModel | PolymarketFeeModel | NoFeeModel;

export const NO_FEES: NoFeeModel = { kind: 'none' };

export function kalshiFeeModel(opts: { makerFees?: boolean; multiplierPpm?: number } = {}): KalshiFeeModel {
  return {
    kind: 'kalshi',
    takerRatePpm: 70_000,
    makerRatePpm: opts.makerFees ? 17_500 : 0,
    multiplierPpm: opts.multiplierPpm ?? 1_000_000,
  };
}

export function polymarketFeeModel(ratePpm: number, exponent = 1, takerOnly = true): PolymarketFeeModel {
  if (!Number.isSafeInteger(ratePpm) || ratePpm < 0) throw new RangeError(`bad fee rate ppm ${ratePpm}`);
  if (!Number.isInteger(exponent) || exponent < 1 || exponent > 4)
    throw new RangeError(`bad exponent ${exponent}`);
  return { kind: 'polymarket', ratePpm, exponent, takerOnly };
}

const ceilDivBig = (n: bigint, d: bigint): bigint => (n + d - 1n) / d;

/**
 * Kalshi exact fee numerator in units of $1e-22: ratePpm × multiplierPpm × q × p × (1−p),
 * where q is in Qty (1e-2), p in Px (1e-4), both rates in ppm (1e-6).
 */
function kalshiNumerator(model: KalshiFeeModel, liquidity: Liquidity, px: Px, qty: Qty): bigint {
  const rate = liquidity === 'taker' ? model.takerRatePpm : model.makerRatePpm;
  return BigInt(rate) * BigInt(model.multiplierPpm) * BigInt(qty) * BigInt(px) * BigInt(PX_ONE - px);
}

/** Kalshi fee rounded up to the cent: the classic rule (K5). Not a bound on what an order pays: see `kalshiOrderFee`. */
export function kalshiFeeCents(model: KalshiFeeModel, liquidity: Liquidity, px: Px, qty: Qty): Micros {
  const cents = ceilDivBig(kalshiNumerator(model, liquidity, px, qty), 10n ** 20n);
  return asMicros(Number(cents) * 10_000);
}

/** Kalshi model fee under the current rule: rounded up to $0.0001 (K5). */
export function kalshiModelFee(model: KalshiFeeModel, liquidity: Liquidity, px: Px, qty: Qty): Micros {
  const units = ceilDivBig(kalshiNumerator(model, liquidity, px, qty), 10n ** 18n);
  return asMicros(Number(units) * 100);
}

/** Polymarket fee, rounded half-up to 5 decimals ($0.00001 = 10 micros). */
export function polymarketFee(model: PolymarketFeeModel, liquidity: Liquidity, px: Px, qty: Qty): Micros {
  if (model.ratePpm === 0 || (liquidity === 'maker' && model.takerOnly)) return asMicros(0);
  const e = BigInt(model.exponent);
  // fee$ = q/1e2 × rate/1e6 × (p(1e4−p)/1e8)^e; in units of $1e-5: × 1e5.
  const num = BigInt(qty) * BigInt(model.ratePpm) * (BigInt(px) * BigInt(PX_ONE - px)) ** e * 100_000n;
  const den = 100n * 1_000_000n * 100_000_000n ** e;
  const units = (2n * num + den) / (2n * den);
  return asMicros(Number(units) * 10);
}

/**
 * What Kalshi takes from an order filled at once (one fill) under the sub-cent rule (K5): the model fee rounded up
 * to $0.0001, plus the rounding fee that floors the balance change to a whole cent. The rounding covers the trade
 * cash too: on a linear-cent market with whole contracts the cash is whole cents and this equals the classic
 * cent round-up of the fee (`kalshiFeeCents`), but on deci-cent prices (or fractional counts) the cash has
 * sub-cent digits and the fee can be up to $0.0099 more than the classic rule (1 contract at $0.505: model fee
 * $0.0175, cash $0.505, balance −$0.5225 floored to −$0.53: fee $0.025, not $0.02). `side` matters because a buy's
 * balance change is −(cash + fee) and a sale's is cash − fee.
 *
 * Over an order that fills in n pieces the accumulator's total is floor-to-cent of the summed exact changes, so
 * it can exceed this by the extra per-fill $0.0001 round-ups (n − 1 of them) carried across a cent boundary: at
 * most one cent per order, and only for orders split into several fills.
 */
export function kalshiOrderFee(
  model: KalshiFeeModel,
  liquidity: Liquidity,
  px: Px,
  qty: Qty,
  side: TradeSide = 'BUY',
): Micros {
  const fee = kalshiModelFee(model, liquidity, px, qty);
  const cash = Number(px) * Number(qty);
  const exact = side === 'BUY' ? -cash - fee : cash - fee;
  const floored = Math.floor(exact / CENT) * CENT;
  return asMicros(fee + (exact - floored));
}

/** Buy or sell, as the fee rules see it (core/market's `Side`, restated here so fees.ts stays a leaf module). */
export type TradeSide = 'BUY' | 'SELL';

/**
 * The fee the verifier charges a leg: exactly what the venue takes for one order filled at once, by the same
 * rule paper and simulated fills use (Kalshi: `kalshiOrderFee`, the sub-cent rule of one fill; Polymarket: the
 * fee rounded half-up to 5 decimals).
 */
export function feeFor(
  model: FeeModel,
  liquidity: Liquidity,
  px: Px,
  qty: Qty,
  side: TradeSide = 'BUY',
): Micros {
  switch (model.kind) {
    case 'kalshi':
      return kalshiOrderFee(model, liquidity, px, qty, side);
    case 'polymarket':
      return polymarketFee(model, liquidity, px, qty);
    case 'none':
      return asMicros(0);
  }
}

/** One Kalshi fill's effect on a member balance under the sub-cent rule. */
export interface KalshiBalanceChange {
  /** Signed balance change actually applied, in micros (a whole number of cents). */
  readonly balanceChange: Micros;
  /** Total fee taken for this fill: model fee + rounding fee − refund. */
  readonly feeCharged: Micros;
  readonly modelFee: Micros;
  readonly roundingFee: Micros;
  readonly refund: Micros;
}

const CENT = 10_000;

/**
 * Kalshi's sub-cent rounding (K5), per order: the model fee is rounded up to $0.0001, the member's balance
 * change is floored to the cent (the difference is a "rounding fee"), and whole cents of accumulated rounding
 * fee are refunded. Our reading of the rule: the refund is credited with the fill that completes the cent.
 */
export class KalshiFeeAccumulator {
  private pendingRounding = 0;

  /** `cashFlow` is the fill's signed trade cash (−cost for a buy), before fees. */
  apply(cashFlow: Micros, modelFee: Micros): KalshiBalanceChange {
    const exact = cashFlow - modelFee;
    const floored = Math.floor(exact / CENT) * CENT;
    const roundingFee = exact - floored;
    this.pendingRounding += roundingFee;
    const refund = Math.floor(this.pendingRounding / CENT) * CENT;
    this.pendingRounding -= refund;
    return {
      balanceChange: asMicros(floored + refund),
      feeCharged: asMicros(modelFee + roundingFee - refund),
      modelFee,
      roundingFee: asMicros(roundingFee),
      refund: asMicros(refund),
    };
  }

  /** Rounding fee paid but not yet refunded (always under one cent). */
  get outstanding(): Micros {
    return asMicros(this.pendingRounding);
  }
}
