/**
 * The exposure policy, run when a package's legging is over and its legs do not hold the same size, each choice
 * logged as a decision:
 *   - complete: a leg partly filled (the venue is taking orders, liquidity was there) and its quote still offers
 *     the remainder within the proof: buy the remainder, once per leg, ever;
 *   - flatten: otherwise sell the excess of the over-filled legs back into the bids (once per leg);
 *   - give up: exposure still left after flattening: the package is unhedged and safe mode is raised with it.
 * An order of unknown outcome stops it where it is ('unknown'): the package waits, and the policy runs again,
 * from where it stopped, once the order is found.
 */
import { asPx, asQty } from '../core/units.ts';
import type { Venue } from '../core/market.ts';
import type { GateResult } from './legging-gate.ts';
import { exposure, hedgedQty } from './lifecycle/package-state.ts';
import type { OrderRunner } from './order-runner.ts';
import { nakedMicros, outcomeOf, type NakedMeter } from './package-result.ts';
import type { ExposureDecision, LegResult, QuoteView, SizedPlan } from './package-types.ts';
import type { OrderStore } from './store/order-store.ts';

/** What a package in flight carries from one step to the next (and across a wait for an unknown outcome). */
export interface Flight {
  readonly plan: SizedPlan;
  readonly naked: NakedMeter;
  readonly decisions: { decision: ExposureDecision; why: string }[];
  aborted: string | undefined;
}

export interface PolicyContext {
  readonly store: OrderStore;
  readonly runner: OrderRunner;
  readonly quotes: QuoteView | undefined;
  now(): number;
  raise(code: string, detail: string): void;
  readonly onOrder: ((venue: Venue, outcome: LegResult['outcome']) => void) | undefined;
  /** The legging controls for leg `k` at `qty` (a completion is gated as a later leg is). */
  gate(
    plan: SizedPlan,
    id: string,
    k: number,
    qty: number,
    lastReplyMs: number,
    naked: NakedMeter,
  ): GateResult;
}

/** Lowest price a sell may ask: selling "at market" into whatever bids there are. */
const SELL_ANY = asPx(100);

/**
 * The exposure policy: complete a partly filled leg, else flatten the excess, else give up (safe mode). Returns
 * 'unknown' when one of its orders has an unknown outcome (the package then waits; see `wait`). Re-entrant: a
 * completion or an unwind already tried for a leg (its client order id exists) is not tried again.
 */
export async function settleExposure(
  ctx: PolicyContext,
  id: string,
  flight: Flight,
): Promise<'done' | 'unknown'> {
  const { store, runner } = ctx;
  const { plan, naked, decisions } = flight;
  const decide = (decision: ExposureDecision, why: string): void => {
    decisions.push({ decision, why });
    store.log(ctx.now(), 'exposure_decision', { decision, why, ...quantities(store, id) }, { packageId: id });
  };
  let pkg = store.getPackage(id)!;
  if (pkg.state === 'exposed') {
    // Complete: a leg that partly filled, whose quote still offers the rest.
    const most = Math.max(...pkg.bought.map((b, i) => b - pkg.sold[i]!));
    const short = pkg.bought.findIndex((b, i) => b - pkg.sold[i]! < most);
    const shortIntent = store.intents({ packageId: id }).find((x) => x.role === 'leg' && x.leg === short);
    const gap = most - (pkg.bought[short]! - pkg.sold[short]!);
    const partlyFilled = shortIntent !== undefined && shortIntent.filled > 0;
    // One completion order can hedge the package only when one leg is short; the proof of that order counts
    // every other leg at what it holds. A leg gets one completion, ever.
    const onlyShort = pkg.bought.filter((b, i) => b - pkg.sold[i]! < most).length === 1;
    const tried = store.intent(`${id}-C${short}`) !== undefined;
    const leg = plan.legs[short]!;
    // Completing needs to see the book (a quote view): blind, the remainder is flattened instead.
    const gate =
      partlyFilled && onlyShort && !tried && ctx.quotes
        ? ctx.gate(plan, id, short, most, ctx.now(), naked)
        : undefined;
    if (gate?.ok) {
      decide(
        'complete',
        `leg ${short} filled ${shortIntent!.filled}/${shortIntent!.qty}; its quote still offers the remaining ${gap}`,
      );
      store.packageEvent(ctx.now(), id, { type: 'complete_sent', leg: short });
      const intent = await runner.run(
        leg.venue,
        {
          clientOrderId: `${id}-C${short}`,
          market: leg.market,
          outcome: leg.outcome,
          side: 'BUY',
          px: gate.limitPx,
          qty: asQty(gap),
          tif: 'IOC',
        },
        { packageId: id, role: 'complete', leg: short },
      );
      ctx.onOrder?.(leg.venue, outcomeOf(intent));
      if (intent.state === 'unknown') return 'unknown';
      store.packageEvent(ctx.now(), id, {
        type: 'leg_done',
        leg: short,
        filled: intent.filled,
        key: intent.clientOrderId,
      });
      pkg = store.getPackage(id)!;
      naked.set(nakedMicros(plan, pkg.bought, pkg.sold));
    }
    if (pkg.state === 'exposed') {
      decide(
        'flatten',
        tried
          ? `leg ${short} was completed once already: sell the excess back`
          : partlyFilled
            ? gate && !gate.ok
              ? `completing leg ${short} is off: ${gate.why}`
              : `completing leg ${short} fell short`
            : `leg ${short} filled nothing (rejected, missed or never sent): sell the excess back`,
      );
      store.packageEvent(ctx.now(), id, {
        type: 'unwind_sent',
        leg: exposure(pkg).findIndex((x) => x > 0),
      });
      pkg = store.getPackage(id)!;
    }
  }
  if (pkg.state !== 'unwinding') {
    naked.set(0);
    return 'done';
  }
  for (const [i, excess] of exposure(pkg).entries()) {
    if (excess <= 0 || store.intent(`${id}-U${i}`) !== undefined) continue;
    const l = plan.legs[i]!;
    const intent = await runner.run(
      l.venue,
      {
        clientOrderId: `${id}-U${i}`,
        market: l.market,
        outcome: l.outcome,
        side: 'SELL',
        px: SELL_ANY,
        qty: asQty(excess),
        tif: 'IOC',
      },
      { packageId: id, role: 'unwind', leg: i },
      { sent: 'during-unwind' },
    );
    ctx.onOrder?.(l.venue, outcomeOf(intent));
    if (intent.state === 'unknown') return 'unknown';
    store.packageEvent(ctx.now(), id, {
      type: 'unwind_done',
      leg: i,
      sold: intent.filled,
      key: intent.clientOrderId,
    });
    pkg = store.getPackage(id)!;
    naked.set(nakedMicros(plan, pkg.bought, pkg.sold));
  }
  if (pkg.state === 'unwinding') {
    const left = exposure(pkg).reduce((s, x) => s + x, 0);
    decide('give_up', `the unwind left ${left / 100} contracts naked`);
    // Together: an unhedged package is never on disk without its safe-mode reason.
    store.tx(() => {
      store.packageEvent(ctx.now(), id, { type: 'give_up', reason: `unwind left ${left} Qty naked` });
      ctx.raise(
        'UNHEDGED_PACKAGE',
        `package ${id}: ${left / 100} contracts naked after the unwind fell short`,
      );
    });
  }
  naked.set(0);
  return 'done';
}

function quantities(store: OrderStore, id: string): { hedged: number; exposed: number[] } {
  const p = store.getPackage(id)!;
  return { hedged: hedgedQty(p), exposed: exposure(p) };
}
