/**
 * The legging controls before a later leg (or a completion) is sent: pure decisions over what the executor
 * hands in (the plan and its proof, the fills made, the clock readings, the quote view), so each is tested
 * without a store or a socket.
 */
import { asPx, PX_ONE, type Px } from '../core/units.ts';
import type { LeggingPolicy, QuoteView, SizedPlan } from './package-types.ts';
import { worstClearingPrice, type HeldFill } from './proof.ts';

export interface GateInput {
  readonly plan: SizedPlan;
  /** The leg about to be sent. */
  readonly k: number;
  /** The package's size it is sent for, Qty (every leg ends holding this many). */
  readonly qty: number;
  /** What each leg's buys have filled so far. */
  readonly held: readonly (readonly HeldFill[])[];
  /** Since the previous leg's reply, ms. */
  readonly gapMs: number;
  /** Naked exposure carried so far, micros × ms. */
  readonly nakedMicrosMs: number;
  readonly legging: LeggingPolicy;
  /** The engine's books; absent (blind), the quote check is skipped. */
  readonly quotes?: QuoteView;
}

export type GateResult =
  { readonly ok: true; readonly limitPx: Px } | { readonly ok: false; readonly why: string };

/**
 * The deadline (gap since the last reply, naked budget), then the leg's limit from the verifier (the worst price
 * at which the whole package, with the fills already made, still clears the lane's minimum edge; never more than
 * `legPriceTolerancePx` above the planned price), then its quote: the book must be trusted and offer every
 * contract the leg still needs at or below that limit.
 */
export function checkNextLeg(g: GateInput): GateResult {
  const { plan, k, qty, held, legging } = g;
  if (g.gapMs > legging.maxLegGapMs)
    return { ok: false, why: `leg gap ${g.gapMs} ms over the ${legging.maxLegGapMs} ms limit` };
  if (g.nakedMicrosMs > legging.nakedBudgetMicrosMs)
    return {
      ok: false,
      why: `naked exposure ${(g.nakedMicrosMs / 1e9).toFixed(2)} $·s over the budget of ${(legging.nakedBudgetMicrosMs / 1e9).toFixed(2)} $·s`,
    };
  const leg = plan.legs[k]!;
  const need = qty - (held[k] ?? []).reduce((s, f) => s + f.qty, 0);
  const cap = asPx(Math.min(PX_ONE - 1, leg.px + Math.max(0, legging.legPriceTolerancePx)));
  const limitPx = worstClearingPrice(
    plan.proof,
    k,
    qty,
    plan.legs.map((l) => l.px),
    held,
    cap,
  );
  if (limitPx === undefined)
    return {
      ok: false,
      why: `no price of ${leg.venue} ${leg.market} ${leg.outcome} up to ${cap} Px clears the minimum edge for ${qty / 100} contracts with the fills made`,
    };
  if (!g.quotes) return { ok: true, limitPx };
  const q = g.quotes.buyable(leg.venue, leg.market, leg.outcome, limitPx);
  if (!q) return { ok: false, why: `${leg.venue} ${leg.market} book is not trusted (stale)` };
  if (q.qty < need)
    return {
      ok: false,
      why: `${leg.venue} ${leg.market} ${leg.outcome} moved: ${q.qty / 100} of the ${need / 100} contracts needed offered at or below ${limitPx} Px (planned ${leg.px})`,
    };
  return { ok: true, limitPx };
}
