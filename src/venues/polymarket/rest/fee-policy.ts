/**
 * Which fee model a Polymarket market trades under, from every place the venue publishes fees (P6, and "Observed
 * in real traffic"): the CLOB's `fd` (`/clob-markets`: rate, exponent, taker-only), Gamma's `feesEnabled`,
 * `feeType` and `feeSchedule {rate, exponent, takerOnly, rebateRate}`, and `/fee-rate`'s `base_fee` (bps).
 *
 * A market without fee information is **refused** (not traded), never assumed fee-free: assuming zero would let
 * the detector count a fee market's edge without its fees, and the verifier would then "prove" arbitrage the fills
 * pay away. The sources are **cross-checked**; a conflict puts the market **on review**: refused like a market
 * without fee information, counted and logged (the engine logs every refusal with its reason) with each source's
 * values, until the venue's sources agree again at the next discovery. A guess (the dearer model, say) would
 * trade on a rate the venue may not charge, and a conflict is the venue's data being wrong somewhere.
 *
 *   - Conflicts: `fd` and `feeSchedule` both given with another rate, exponent or taker-only; `feesEnabled: false`
 *     against a positive rate; `feesEnabled: true` against rates that are all zero; `/fee-rate` saying fees (or
 *     none) against the schedules' rate. `base_fee` is compared as zero or not only: its relation to the schedule's
 *     rate is not documented (a 0.25-rate crypto market was seen with `base_fee` 1000).
 *   - Otherwise the model is `fd`'s, else `feeSchedule`'s; with neither, `feesEnabled: false` or `base_fee` 0 is
 *     fee-free (the venue said so), and anything else is refused.
 */
import { polymarketFeeModel, type PolymarketFeeModel } from '../../../core/fees.ts';
import { formatScaledMinimal } from '../../../core/units.ts';
import type { GammaFees } from './decode-gamma.ts';

export type FeeVerdict =
  | { readonly ok: true; readonly model: PolymarketFeeModel; readonly source: string }
  | { readonly ok: false; readonly reason: string; readonly review?: true };

const FEE_FREE = polymarketFeeModel(0);

/** The code a conflict's reason starts with, so logs and reports can find markets on review. */
export const FEE_CONFLICT = 'POLYMARKET.FEE_CONFLICT';

const show = (m: PolymarketFeeModel): string =>
  `rate ${formatScaledMinimal(m.ratePpm, 6)}, exponent ${m.exponent}, ${m.takerOnly ? 'taker only' : 'makers too'}`;

const sameModel = (a: PolymarketFeeModel, b: PolymarketFeeModel): boolean =>
  a.ratePpm === b.ratePpm && a.exponent === b.exponent && a.takerOnly === b.takerOnly;

const review = (what: string): FeeVerdict => ({
  ok: false,
  review: true,
  reason: `${FEE_CONFLICT}: fee sources disagree, market on review: ${what}`,
});

/**
 * @param clob the CLOB's `fd` model (undefined: none given)
 * @param gamma what the Gamma market says
 * @param baseFeeBps `/fee-rate`'s `base_fee` (undefined: not asked, or no answer)
 */
export function resolveFees(
  clob: PolymarketFeeModel | undefined,
  gamma: GammaFees | undefined,
  baseFeeBps?: number,
): FeeVerdict {
  if (gamma?.problem) return { ok: false, reason: `unreadable fee schedule (${gamma.problem})` };
  const schedule = gamma?.schedule;
  if (clob && schedule && !sameModel(clob, schedule))
    return review(`clob fd (${show(clob)}) vs gamma feeSchedule (${show(schedule)})`);
  const model = clob ?? schedule;
  const source = clob ? (schedule ? 'clob fd = gamma feeSchedule' : 'clob fd') : 'gamma feeSchedule';
  const type = gamma?.type ? ` (${gamma.type})` : '';
  if (model) {
    const charges = model.ratePpm > 0;
    if (gamma?.enabled === false && charges)
      return review(`gamma feesEnabled=false vs ${source} ${show(model)}`);
    if (gamma?.enabled === true && !charges)
      return review(`gamma feesEnabled=true${type} vs ${source} rate 0`);
    if (baseFeeBps !== undefined && baseFeeBps > 0 !== charges)
      return review(`/fee-rate base_fee ${baseFeeBps} bps vs ${source} ${show(model)}`);
    return { ok: true, model, source };
  }
  if (gamma?.enabled === false) {
    if (baseFeeBps !== undefined && baseFeeBps > 0)
      return review(`gamma feesEnabled=false vs /fee-rate base_fee ${baseFeeBps} bps`);
    return { ok: true, model: FEE_FREE, source: 'gamma feesEnabled=false' };
  }
  if (gamma?.enabled === true)
    return {
      ok: false,
      reason: `fees enabled${type} but no rate published (no clob fd, no feeSchedule)`,
    };
  if (baseFeeBps === 0) return { ok: true, model: FEE_FREE, source: '/fee-rate base_fee=0' };
  if (baseFeeBps !== undefined)
    return {
      ok: false,
      reason: `/fee-rate base_fee ${baseFeeBps} bps but no rate published (no clob fd, no feeSchedule)`,
    };
  return { ok: false, reason: 'no fee information (no clob fd, no Gamma feeSchedule or feesEnabled)' };
}
