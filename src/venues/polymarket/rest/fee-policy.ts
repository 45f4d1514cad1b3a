/**
 * Which fee model a Polymarket market trades under, from what the venue publishes about it (P6, and "Observed in
 * real traffic"): the CLOB's `fd` (`/clob-markets`), and Gamma's `feeSchedule` and `feesEnabled`.
 *
 * The policy: a market without fee information is **refused** (not traded), never assumed fee-free. Assuming
 * zero would let the detector count a fee market's edge without its fees, and the verifier would then "prove"
 * arbitrage the fills pay away. Charging a guessed maximum instead would keep such markets, but the highest rate
 * the venue reports is a category figure that changes; a refusal is visible (counted, logged with its reason)
 * and costs only opportunities.
 *
 *   - `fd` with a rate, or a readable `feeSchedule`: that model. When both are given and disagree, the one that
 *     charges a taker more at p = 0.5 (conservative: a fee over-estimated shrinks an edge, never invents one).
 *   - neither, but `feesEnabled: false`: fee-free (the venue said so).
 *   - otherwise: refused, with the reason.
 */
import { polymarketFee, polymarketFeeModel, type PolymarketFeeModel } from '../../../core/fees.ts';
import { asPx, asQty } from '../../../core/units.ts';
import type { GammaFees } from './decode-markets.ts';

export type FeeVerdict =
  | { readonly ok: true; readonly model: PolymarketFeeModel; readonly source: string }
  | { readonly ok: false; readonly reason: string };

const FEE_FREE = polymarketFeeModel(0);

/** A taker's fee on 100 contracts at $0.50: how two models are compared. */
const HALF = asPx(5_000);
const HUNDRED = asQty(10_000);
const atHalf = (m: PolymarketFeeModel): number => polymarketFee(m, 'taker', HALF, HUNDRED);

export function resolveFees(clob: PolymarketFeeModel | undefined, gamma: GammaFees | undefined): FeeVerdict {
  const candidates: { model: PolymarketFeeModel; source: string }[] = [];
  if (clob) candidates.push({ model: clob, source: 'clob fd' });
  if (gamma?.schedule) candidates.push({ model: gamma.schedule, source: 'gamma feeSchedule' });
  if (candidates.length > 0) {
    let best = candidates[0]!;
    for (const c of candidates.slice(1)) if (atHalf(c.model) > atHalf(best.model)) best = c;
    return { ok: true, ...best };
  }
  if (gamma?.problem) return { ok: false, reason: `unreadable fee schedule (${gamma.problem})` };
  if (gamma?.enabled === false) return { ok: true, model: FEE_FREE, source: 'gamma feesEnabled=false' };
  if (gamma?.enabled === true)
    return {
      ok: false,
      reason: `fees enabled${gamma.type ? ` (${gamma.type})` : ''} but no rate published (no clob fd, no feeSchedule)`,
    };
  return { ok: false, reason: 'no fee information (no clob fd, no Gamma feeSchedule or feesEnabled)' };
}
