/**
 * Executes one sized package, leg after leg, as immediate-or-cancel orders, with every step in the order store
 * before it is acted on (see ./order-runner.ts and docs/architecture.md, "Orders").
 *
 * Leg order. The planner lists the legs most-likely-to-miss first (the quote unchanged the longest: on a lagging
 * venue that is the one about to reprice). Missing leg A costs nothing; missing leg B costs an unwind. So the
 * risky quote goes first and the robust one hedges it.
 *
 * Every order inside the proof: the plan must clear the lane's minimum edge as it stands (or nothing is sent),
 * and each later leg's limit comes from the verifier (proof.ts): the worst price at which the whole package, with
 * the fills already made (their real prices and fees), still clears, never more than `legPriceTolerancePx` above
 * the planned price. Legging controls, before each later leg:
 *   - gap: no more than `maxLegGapMs` since the previous leg's reply, and no more than the naked-exposure budget
 *     allows (exposure × time, dollars × seconds, so a bigger naked position gets a shorter deadline);
 *   - price: some price on the leg's grid still clears (see above);
 *   - quote: the leg's book must still be trusted and offer every contract the leg needs at or below its limit.
 * If any fails the package is aborted: what the earlier legs bought is naked and the exposure policy runs.
 *
 * Exposure policy (partial fills, misses, aborts), logged as a decision:
 *   - complete: a leg partly filled (the venue is taking orders, liquidity was there) and its quote still offers
 *     the remainder at the limit: buy the remainder, once;
 *   - flatten: otherwise sell the excess of the over-filled legs back into the bids;
 *   - give up: exposure still left after flattening: the package is unhedged and the engine goes to safe mode.
 * Orders still working (not IOC-terminal) are waited on up to their timeout, then cancelled (the runner).
 */
import type { Clock } from '../core/clock.ts';
import type { Outcome, Venue } from '../core/market.ts';
import { MICROS_PER_QTY_PAYOUT, notional, PX_ONE, type Px, type Qty } from '../core/units.ts';
import type { VenueAdapter, VenueFill } from '../venues/venue.ts';
import { CrashPoints } from './crash-points.ts';
import { exposure, hedgedQty } from './lifecycle/package-state.ts';
import { DEFAULT_ORDER_TIMING, OrderRunner, type OrderTiming } from './order-runner.ts';
import type { OrderStore, StoredIntent } from './store/order-store.ts';
import { proveAt, worstClearingPrice, type HeldFill, type PackageProof } from './proof.ts';

/** A leg to buy. Legs execute in the order the plan lists them (the planner decides the order). */
export interface PlannedLeg {
  readonly venue: Venue;
  readonly market: string;
  readonly outcome: Outcome;
  readonly px: Px;
}

export interface SizedPlan {
  readonly id: string;
  readonly lane?: string;
  readonly legs: readonly PlannedLeg[];
  readonly qty: Qty;
  /** Contracts paid per contract of each leg in the worst feasible state (1, or n − 1 for a NO basket). */
  readonly payoutUnits: number;
  /** Edge after fees the verifier proved for `qty`, micros. */
  readonly expectedEdge: number;
  /** How to prove the package again at any size and price (every later leg's limit comes from it). */
  readonly proof: PackageProof;
}

export interface LegResult {
  readonly leg: PlannedLeg;
  readonly clientOrderId: string;
  readonly orderId: string | undefined;
  /** Contracts asked for, Qty; negative for an unwind (a sale). */
  readonly requested: number;
  readonly filled: number;
  readonly cost: number;
  readonly fees: number;
  readonly outcome: 'ok' | 'rejected' | 'unknown';
  readonly error?: string;
}

export type ExposureDecision = 'complete' | 'flatten' | 'give_up';

export interface PackageResult {
  readonly planId: string;
  /** The store's package id (unique across restarts). */
  readonly packageId: string;
  readonly legs: readonly LegResult[];
  /** Contracts held on every leg: the part of the package that is a true arbitrage. */
  readonly hedgedQty: number;
  /**
   * hedged: every contract of the package held on every leg; partial: some hedged, the rest never filled or was
   * unwound; unwound: a leg missed after another filled, and everything bought was sold back; unhedged: naked
   * exposure remains (the unwind itself fell short); missed: nothing filled.
   */
  readonly status: 'hedged' | 'partial' | 'unwound' | 'unhedged' | 'missed';
  readonly expectedMicros: number;
  readonly realizedMicros: number;
  readonly unwind: {
    readonly qty: number;
    readonly proceeds: number;
    readonly fees: number;
    readonly loss: number;
  };
  /** Why legging stopped early, if it did. */
  readonly aborted?: string;
  readonly decisions: readonly { readonly decision: ExposureDecision; readonly why: string }[];
  /** Naked exposure integrated over time: micros × ms (divide by 1e9 for dollar-seconds). */
  readonly nakedMicrosMs: number;
  readonly fills: readonly (VenueFill & { readonly venue: Venue })[];
}

export interface LeggingPolicy {
  /** Longest time between one leg's reply and the next leg's send, ms. */
  readonly maxLegGapMs: number;
  /** How far above its planned price a later leg may be bought, Px (and never above what the proof allows). */
  readonly legPriceTolerancePx: number;
  /** Naked exposure allowed while legging, micros × ms. */
  readonly nakedBudgetMicrosMs: number;
  /** Largest naked position a package may risk (the cost of every leg but the last), micros: caps its size. */
  readonly maxNakedMicros: number;
}

export const DEFAULT_LEGGING: LeggingPolicy = {
  maxLegGapMs: 2_000,
  legPriceTolerancePx: 100,
  nakedBudgetMicrosMs: 50 * 1_000_000 * 5_000,
  maxNakedMicros: 25_000_000,
};

/** What the engine sees of a market now, for the legging checks. */
export interface QuoteView {
  /** Contracts offered to buy `outcome` at or below `limitPx`, and the best such price; undefined if the book is lost. */
  buyable(
    venue: Venue,
    market: string,
    outcome: Outcome,
    limitPx: number,
  ): { bestPx: number; qty: number } | undefined;
}

export interface ExecutorDeps {
  readonly venues: Readonly<Partial<Record<Venue, VenueAdapter>>>;
  readonly clock: Clock;
  readonly store: OrderStore;
  readonly crash?: CrashPoints;
  readonly quotes?: QuoteView;
  readonly legging?: LeggingPolicy;
  readonly timing?: OrderTiming;
  readonly onOrder?: (venue: Venue, outcome: LegResult['outcome']) => void;
  /** Something the store cannot explain, or an unhedged package: the engine raises safe mode. */
  readonly onSafeMode?: (code: string, detail: string) => void;
}

/** Lowest price a sell may ask: selling "at market" into whatever bids there are. */
const SELL_ANY = 100 as Px;

export class PackageExecutor {
  readonly runner: OrderRunner;
  private readonly legging: LeggingPolicy;
  private readonly crash: CrashPoints;

  constructor(private readonly deps: ExecutorDeps) {
    this.legging = deps.legging ?? DEFAULT_LEGGING;
    this.crash = deps.crash ?? CrashPoints.none();
    this.runner = new OrderRunner({
      venues: deps.venues,
      clock: deps.clock,
      store: deps.store,
      crash: this.crash,
      timing: deps.timing ?? DEFAULT_ORDER_TIMING,
      onUnexplained: (code, detail) => this.raise(code, detail),
    });
  }

  private now(): number {
    return Math.floor(this.deps.clock.now());
  }

  private raise(code: string, detail: string): void {
    this.deps.store.raiseSafeMode(this.now(), code, detail);
    this.deps.onSafeMode?.(code, detail);
  }

  async execute(plan: SizedPlan): Promise<PackageResult> {
    const { store } = this.deps;
    const pkg = store.createPackage(this.now(), {
      opportunityId: plan.id,
      lane: plan.lane ?? plan.id.split('-')[0] ?? 'unknown',
      qty: plan.qty,
      payoutUnits: plan.payoutUnits,
      expectedEdge: plan.expectedEdge,
      legs: plan.legs,
    });
    const id = pkg.id;
    const legs: { leg: PlannedLeg; intent: StoredIntent; requested: number }[] = [];
    const naked = new NakedMeter(() => this.now());
    let target: number = plan.qty;
    let aborted: string | undefined;
    let lastReplyMs = this.now();
    // The executor is the last stop before the venues: a plan that does not clear as it stands sends nothing.
    const proven = proveAt(
      plan.proof,
      plan.qty,
      plan.legs.map((l) => l.px),
    );
    if (!proven.ok) {
      aborted = `plan not proven: ${proven.why}`;
      store.packageEvent(this.now(), id, { type: 'abort', reason: aborted });
      target = 0;
    }
    for (const [i, leg] of plan.legs.entries()) {
      if (target <= 0) break;
      let limit: Px = leg.px;
      if (i > 0) {
        const gate = this.checkNextLeg(plan, id, i, target, lastReplyMs, naked);
        if (!gate.ok) {
          aborted = gate.why;
          store.packageEvent(this.now(), id, { type: 'abort', reason: gate.why });
          break;
        }
        limit = gate.limitPx;
      }
      store.packageEvent(this.now(), id, { type: 'leg_sent', leg: i });
      const first = i === 0;
      const sentMs = this.now();
      const intent = await this.runner.run(
        leg.venue,
        {
          clientOrderId: `${id}-L${i}`,
          market: leg.market,
          outcome: leg.outcome,
          side: 'BUY',
          px: limit,
          qty: target as Qty,
          tif: 'IOC',
        },
        { packageId: id, role: 'leg', leg: i },
        first
          ? { sent: 'after-leg-a-sent', ack: 'after-leg-a-ack', fill: 'after-leg-a-fill' }
          : { sent: 'after-leg-b-sent', ack: 'after-leg-b-ack', fill: 'after-leg-b-fill' },
      );
      this.deps.onOrder?.(leg.venue, outcomeOf(intent));
      lastReplyMs = this.now();
      legs.push({ leg, intent, requested: target });
      store.packageEvent(this.now(), id, {
        type: 'leg_done',
        leg: i,
        filled: intent.filled,
        key: intent.clientOrderId,
      });
      naked.set(this.nakedMicros(plan, store.getPackage(id)!.bought, store.getPackage(id)!.sold), sentMs);
      target = Math.min(target, intent.filled);
    }
    const decisions: { decision: ExposureDecision; why: string }[] = [];
    await this.settleExposure(plan, id, decisions, naked);
    const final = store.getPackage(id)!;
    store.addNakedExposure(id, naked.total());
    return this.result(plan, id, final.state, aborted, decisions, naked.total());
  }

  /**
   * The legging controls before leg `k` is sent for the package at `qty` contracts: the deadline (gap since the
   * last reply, naked budget), then its limit from the verifier (the worst price at which the whole package, with
   * the fills already made, still clears the lane's minimum edge; never more than `legPriceTolerancePx` above the
   * planned price), then its quote: the book must be trusted and offer every contract the leg still needs at or
   * below that limit.
   */
  private checkNextLeg(
    plan: SizedPlan,
    id: string,
    k: number,
    qty: number,
    lastReplyMs: number,
    naked: NakedMeter,
  ): { ok: true; limitPx: Px } | { ok: false; why: string } {
    const gap = this.now() - lastReplyMs;
    if (gap > this.legging.maxLegGapMs)
      return { ok: false, why: `leg gap ${gap} ms over the ${this.legging.maxLegGapMs} ms limit` };
    if (naked.total() > this.legging.nakedBudgetMicrosMs)
      return {
        ok: false,
        why: `naked exposure ${(naked.total() / 1e9).toFixed(2)} $·s over the budget of ${(this.legging.nakedBudgetMicrosMs / 1e9).toFixed(2)} $·s`,
      };
    const leg = plan.legs[k]!;
    const held = this.heldFills(plan, id);
    const need = qty - (held[k] ?? []).reduce((s, f) => s + f.qty, 0);
    const cap = Math.min(PX_ONE - 1, leg.px + Math.max(0, this.legging.legPriceTolerancePx)) as Px;
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
    const quotes = this.deps.quotes;
    if (!quotes) return { ok: true, limitPx };
    const q = quotes.buyable(leg.venue, leg.market, leg.outcome, limitPx);
    if (!q) return { ok: false, why: `${leg.venue} ${leg.market} book is not trusted (stale)` };
    if (q.qty < need)
      return {
        ok: false,
        why: `${leg.venue} ${leg.market} ${leg.outcome} moved: ${q.qty / 100} of the ${need / 100} contracts needed offered at or below ${limitPx} Px (planned ${leg.px})`,
      };
    return { ok: true, limitPx };
  }

  /** The fills each leg's buys (first try and completion) have made so far, in the terms they were ordered in. */
  private heldFills(plan: SizedPlan, id: string): HeldFill[][] {
    const { store } = this.deps;
    const held: HeldFill[][] = plan.legs.map(() => []);
    for (const i of store.intents({ packageId: id })) {
      if (i.side !== 'BUY' || (i.role !== 'leg' && i.role !== 'complete')) continue;
      for (const f of store.fills({ clientOrderId: i.clientOrderId }))
        if (f.venue === i.venue && !f.reversed) {
          const o = asOrdered(f, i.outcome, i.side);
          held[i.leg]!.push({ px: o.px, qty: o.qty, fee: o.fee });
        }
    }
    return held;
  }

  /** Naked exposure now: what the contracts held beyond the hedged size cost, micros. */
  private nakedMicros(plan: SizedPlan, bought: readonly number[], sold: readonly number[]): number {
    const ex = exposure({ bought, sold });
    return ex.reduce((s, x, i) => s + notional(plan.legs[i]!.px, x as Qty), 0);
  }

  /** The exposure policy: complete a partly filled leg, else flatten the excess, else give up (safe mode). */
  private async settleExposure(
    plan: SizedPlan,
    id: string,
    decisions: { decision: ExposureDecision; why: string }[],
    naked: NakedMeter,
  ): Promise<void> {
    const { store } = this.deps;
    const decide = (decision: ExposureDecision, why: string): void => {
      decisions.push({ decision, why });
      store.log(
        this.now(),
        'exposure_decision',
        { decision, why, ...this.quantities(id) },
        { packageId: id },
      );
    };
    let pkg = store.getPackage(id)!;
    if (pkg.state !== 'exposed') return;
    // Complete: a leg that partly filled, whose quote still offers the rest.
    const most = Math.max(...pkg.bought.map((b, i) => b - pkg.sold[i]!));
    const short = pkg.bought.findIndex((b, i) => b - pkg.sold[i]! < most);
    const shortIntent = store.intents({ packageId: id }).find((x) => x.role === 'leg' && x.leg === short);
    const gap = most - (pkg.bought[short]! - pkg.sold[short]!);
    const partlyFilled = shortIntent !== undefined && shortIntent.filled > 0;
    // One completion order can hedge the package only when one leg is short; the proof of that order counts
    // every other leg at what it holds.
    const onlyShort = pkg.bought.filter((b, i) => b - pkg.sold[i]! < most).length === 1;
    const leg = plan.legs[short]!;
    // Completing needs to see the book (a quote view): blind, the remainder is flattened instead.
    const gate =
      partlyFilled && onlyShort && this.deps.quotes
        ? this.checkNextLeg(plan, id, short, most, this.now(), naked)
        : undefined;
    if (gate?.ok) {
      decide(
        'complete',
        `leg ${short} filled ${shortIntent!.filled}/${shortIntent!.qty}; its quote still offers the remaining ${gap}`,
      );
      store.packageEvent(this.now(), id, { type: 'complete_sent', leg: short });
      const intent = await this.runner.run(
        leg.venue,
        {
          clientOrderId: `${id}-C${short}`,
          market: leg.market,
          outcome: leg.outcome,
          side: 'BUY',
          px: gate.limitPx,
          qty: gap as Qty,
          tif: 'IOC',
        },
        { packageId: id, role: 'complete', leg: short },
      );
      this.deps.onOrder?.(leg.venue, outcomeOf(intent));
      store.packageEvent(this.now(), id, {
        type: 'leg_done',
        leg: short,
        filled: intent.filled,
        key: intent.clientOrderId,
      });
      pkg = store.getPackage(id)!;
      naked.set(this.nakedMicros(plan, pkg.bought, pkg.sold));
      if (pkg.state !== 'exposed') return;
    }
    decide(
      'flatten',
      partlyFilled
        ? gate && !gate.ok
          ? `completing leg ${short} is off: ${gate.why}`
          : `completing leg ${short} fell short`
        : `leg ${short} filled nothing (rejected, missed or never sent): sell the excess back`,
    );
    const ex = exposure(pkg);
    store.packageEvent(this.now(), id, { type: 'unwind_sent', leg: ex.findIndex((x) => x > 0) });
    for (const [i, excess] of ex.entries()) {
      if (excess <= 0) continue;
      const l = plan.legs[i]!;
      const intent = await this.runner.run(
        l.venue,
        {
          clientOrderId: `${id}-U${i}`,
          market: l.market,
          outcome: l.outcome,
          side: 'SELL',
          px: SELL_ANY,
          qty: excess as Qty,
          tif: 'IOC',
        },
        { packageId: id, role: 'unwind', leg: i },
        { sent: 'during-unwind' },
      );
      this.deps.onOrder?.(l.venue, outcomeOf(intent));
      store.packageEvent(this.now(), id, {
        type: 'unwind_done',
        leg: i,
        sold: intent.filled,
        key: intent.clientOrderId,
      });
      pkg = store.getPackage(id)!;
      naked.set(this.nakedMicros(plan, pkg.bought, pkg.sold));
    }
    if (pkg.state === 'unwinding') {
      const left = exposure(pkg).reduce((s, x) => s + x, 0);
      decide('give_up', `the unwind left ${left / 100} contracts naked`);
      // Together: an unhedged package is never on disk without its safe-mode reason.
      store.tx(() => {
        store.packageEvent(this.now(), id, { type: 'give_up', reason: `unwind left ${left} Qty naked` });
        this.raise(
          'UNHEDGED_PACKAGE',
          `package ${id}: ${left / 100} contracts naked after the unwind fell short`,
        );
      });
    }
    naked.set(0);
  }

  private quantities(id: string): { hedged: number; exposed: number[] } {
    const p = this.deps.store.getPackage(id)!;
    return { hedged: hedgedQty(p), exposed: exposure(p) };
  }

  /** The package as the store records it: legs, fills (in their orders' terms), money. */
  private result(
    plan: SizedPlan,
    id: string,
    state: string,
    aborted: string | undefined,
    decisions: { decision: ExposureDecision; why: string }[],
    nakedMicrosMs: number,
  ): PackageResult {
    const { store } = this.deps;
    const pkg = store.getPackage(id)!;
    const intents = store.intents({ packageId: id });
    const fills: (VenueFill & { venue: Venue })[] = [];
    const legs: LegResult[] = intents.map((i) => {
      const leg = plan.legs[i.leg]!;
      const mine = store
        .fills({ clientOrderId: i.clientOrderId })
        .filter((f) => f.venue === i.venue && !f.reversed)
        .map((f) => ({ ...asOrdered(f, i.outcome, i.side), venue: f.venue }));
      fills.push(...mine);
      const outcome = outcomeOf(i);
      return {
        leg,
        clientOrderId: i.clientOrderId,
        orderId: i.venueOrderId,
        requested: i.side === 'SELL' ? -i.qty : i.qty,
        filled: i.filled,
        cost: mine.reduce((s, f) => s + notional(f.px, f.qty), 0),
        fees: mine.reduce((s, f) => s + f.fee, 0),
        outcome,
        ...(i.error ? { error: i.error } : {}),
      };
    });
    const hedged = hedgedQty(pkg);
    const buys = fills.filter((f) => f.side === 'BUY');
    const sells = fills.filter((f) => f.side === 'SELL');
    const buyCost = buys.reduce((s, f) => s + notional(f.px, f.qty) + f.fee, 0);
    const sellProceeds = sells.reduce((s, f) => s + notional(f.px, f.qty), 0);
    const sellFees = sells.reduce((s, f) => s + f.fee, 0);
    const realized =
      Math.round(plan.payoutUnits * hedged * MICROS_PER_QTY_PAYOUT) - buyCost + sellProceeds - sellFees;
    const expected = Math.floor((plan.expectedEdge * hedged) / plan.qty);
    // What the naked part cost: its purchase (at the fills' prices and fees) minus what selling it returned.
    const excessCost = legs
      .filter((r) => r.requested > 0 && r.filled > 0)
      .reduce((s, r) => {
        const boughtOnLeg = pkg.bought[intents.find((x) => x.clientOrderId === r.clientOrderId)!.leg]!;
        const extra = Math.max(0, boughtOnLeg - hedged);
        return s + ((r.cost + r.fees) * Math.min(extra, r.filled)) / r.filled;
      }, 0);
    const unwindQty = pkg.sold.reduce((s, x) => s + x, 0);
    const status: PackageResult['status'] =
      state === 'hedged' || state === 'partial' || state === 'unwound' || state === 'missed'
        ? state
        : 'unhedged';
    return {
      planId: plan.id,
      packageId: id,
      legs,
      hedgedQty: hedged,
      status,
      expectedMicros: expected,
      realizedMicros: realized,
      unwind: {
        qty: unwindQty,
        proceeds: sellProceeds,
        fees: sellFees,
        loss: unwindQty > 0 ? Math.round(excessCost - sellProceeds + sellFees) : 0,
      },
      ...(aborted ? { aborted } : {}),
      decisions,
      nakedMicrosMs,
      fills,
    };
  }
}

/** rejected: the venue refused it (or it never got there); unknown: its reply was lost (resolved by query or not). */
const outcomeOf = (i: StoredIntent): LegResult['outcome'] =>
  i.state === 'rejected' || (i.state === 'void' && i.error === undefined)
    ? 'rejected'
    : i.error !== undefined
      ? 'unknown'
      : 'ok';

/** Naked exposure (micros) integrated over time: micros × ms. */
class NakedMeter {
  private micros = 0;
  private since: number;
  private acc = 0;
  constructor(private readonly now: () => number) {
    this.since = now();
  }
  /**
   * Exposure is now `micros`. `sinceMs`: when a rise began, if earlier than now (a leg's exposure starts when its
   * order left, not when its fills were read back); never before the last change.
   */
  set(micros: number, sinceMs?: number): void {
    const t = this.now();
    // Backdated only when exposure grows: measured conservatively, it is never under-counted.
    const from =
      sinceMs === undefined || micros <= this.micros ? t : Math.max(this.since, Math.min(t, sinceMs));
    this.acc += this.micros * (from - this.since);
    this.micros = micros;
    this.since = from;
  }
  total(): number {
    return this.acc + this.micros * (this.now() - this.since);
  }
}

/** A fill in the terms its order was placed in: the mirror trade (other outcome, other side, 1 − price) flipped. */
function asOrdered<F extends VenueFill>(f: F, outcome: Outcome, side: 'BUY' | 'SELL'): F {
  if (f.outcome === outcome || f.side === side) return f;
  return { ...f, outcome, side, px: (PX_ONE - f.px) as Px };
}
