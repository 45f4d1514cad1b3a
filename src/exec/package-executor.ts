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
import type { Venue } from '../core/market.ts';
import { notional, PX_ONE, type Px, type Qty } from '../core/units.ts';
import type { VenueAdapter } from '../venues/venue.ts';
import { CrashPoints } from './crash-points.ts';
import { isTerminalOrder } from './lifecycle/order-state.ts';
import { exposure, hedgedQty, isTerminalPackage } from './lifecycle/package-state.ts';
import { DEFAULT_ORDER_TIMING, OrderRunner, type OrderTiming } from './order-runner.ts';
import type { OrderStore } from './store/order-store.ts';
import { asOrdered, NakedMeter, outcomeOf, packageResult } from './package-result.ts';
import {
  DEFAULT_LEGGING,
  type ExposureDecision,
  type LeggingPolicy,
  type LegResult,
  type PackageResult,
  type PackageStatus,
  type QuoteView,
  type SizedPlan,
} from './package-types.ts';
import { proveAt, worstClearingPrice, type HeldFill } from './proof.ts';

export {
  DEFAULT_LEGGING,
  type ExposureDecision,
  type LeggingPolicy,
  type LegResult,
  type PackageResult,
  type PackageStatus,
  type PlannedLeg,
  type QuoteView,
  type SizedPlan,
} from './package-types.ts';

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

/** What a package in flight carries from one step to the next (and across a wait for an unknown outcome). */
interface Flight {
  readonly plan: SizedPlan;
  readonly naked: NakedMeter;
  readonly decisions: { decision: ExposureDecision; why: string }[];
  aborted: string | undefined;
}

/** A package waiting for an order whose outcome is unknown: in flight, its markets blocked. */
export interface WaitingPackage {
  readonly packageId: string;
  readonly plan: SizedPlan;
  /** Client order ids whose outcome is not known yet. */
  readonly unknown: readonly string[];
  readonly sinceMs: number;
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
      onPackageFill: (id) => this.onPackageFill(id),
    });
  }

  private now(): number {
    return Math.floor(this.deps.clock.now());
  }

  private raise(code: string, detail: string): void {
    this.deps.store.raiseSafeMode(this.now(), code, detail);
    this.deps.onSafeMode?.(code, detail);
  }

  /** Packages waiting for an order's outcome, by id. */
  private readonly waiting = new Map<string, { flight: Flight; sinceMs: number }>();

  /**
   * Packages in flight because one of their orders has an unknown outcome (a timeout, a 5xx after sending, a lost
   * connection, and the venue could not yet say whether it has the order). No new package may use their markets
   * until a query or the user stream has found the order (see `resolveWaiting`).
   */
  waitingPackages(): WaitingPackage[] {
    return [...this.waiting].map(([packageId, w]) => ({
      packageId,
      plan: w.flight.plan,
      unknown: this.deps.store
        .intents({ packageId })
        .filter((i) => i.state === 'unknown')
        .map((i) => i.clientOrderId),
      sinceMs: w.sinceMs,
    }));
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
    const flight: Flight = {
      plan,
      naked: new NakedMeter(() => this.now()),
      decisions: [],
      aborted: undefined,
    };
    let target: number = plan.qty;
    let lastReplyMs = this.now();
    // The executor is the last stop before the venues: a plan that does not clear as it stands sends nothing.
    const proven = proveAt(
      plan.proof,
      plan.qty,
      plan.legs.map((l) => l.px),
    );
    if (!proven.ok) {
      flight.aborted = `plan not proven: ${proven.why}`;
      store.packageEvent(this.now(), id, { type: 'abort', reason: flight.aborted });
      target = 0;
    }
    for (const [i, leg] of plan.legs.entries()) {
      if (target <= 0) break;
      let limit: Px = leg.px;
      if (i > 0) {
        const gate = this.checkNextLeg(plan, id, i, target, lastReplyMs, flight.naked);
        if (!gate.ok) {
          flight.aborted = gate.why;
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
      // The gap runs from the venue's reply, not from when the runner has read the fills back (that can take
      // up to `fillWaitMs`, and is exactly the time the next leg's quote has to move).
      lastReplyMs = this.repliedAt(id, intent.clientOrderId);
      // Not known whether it exists, let alone what it filled: the package waits, in flight, never missed.
      if (intent.state === 'unknown') return this.wait(id, flight);
      store.packageEvent(this.now(), id, {
        type: 'leg_done',
        leg: i,
        filled: intent.filled,
        key: intent.clientOrderId,
      });
      const now = store.getPackage(id)!;
      flight.naked.set(this.nakedMicros(plan, now.bought, now.sold), sentMs);
      target = Math.min(target, intent.filled);
    }
    return this.settle(id, flight);
  }

  /** Bring a package whose legging is over to rest (the exposure policy), or to a wait for an unknown outcome. */
  private async settle(id: string, flight: Flight): Promise<PackageResult> {
    const outcome = await this.settleExposure(id, flight);
    if (outcome === 'unknown') return this.wait(id, flight);
    const { store } = this.deps;
    const final = store.getPackage(id)!;
    store.addNakedExposure(id, flight.naked.total());
    const status: PackageStatus =
      final.state === 'hedged' ||
      final.state === 'partial' ||
      final.state === 'unwound' ||
      final.state === 'missed'
        ? final.state
        : 'unhedged';
    return packageResult(
      store,
      flight.plan,
      id,
      status,
      flight.aborted,
      flight.decisions,
      flight.naked.total(),
    );
  }

  /** Park a package on an unknown outcome: it stays in flight (not missed, not unwound), its markets blocked. */
  private wait(id: string, flight: Flight): PackageResult {
    const { store } = this.deps;
    const unknown = store
      .intents({ packageId: id })
      .filter((i) => i.state === 'unknown')
      .map((i) => i.clientOrderId);
    if (!this.waiting.has(id)) this.waiting.set(id, { flight, sinceMs: this.now() });
    store.log(
      this.now(),
      'package_waiting',
      { unknown, state: store.getPackage(id)!.state },
      { packageId: id },
    );
    return packageResult(
      store,
      flight.plan,
      id,
      'unknown',
      flight.aborted,
      flight.decisions,
      flight.naked.total(),
    );
  }

  /**
   * One pass over the packages waiting for an unknown outcome: ask each venue once more for each unknown order
   * (the user stream may also have found it meanwhile). A package whose orders are all known again is finished:
   * a found order still working is cancelled (the package is stale), its fills are read, its results applied, and
   * the exposure policy runs as it would have. Legging never resumes after a wait. Returns the packages finished.
   */
  async resolveWaiting(): Promise<PackageResult[]> {
    const { store } = this.deps;
    const done: PackageResult[] = [];
    for (const [id, w] of [...this.waiting]) {
      for (const i of store.intents({ packageId: id }))
        if (i.state === 'unknown') await this.runner.resolve(i.venue, i.clientOrderId, 1);
      for (const i of store.intents({ packageId: id }))
        if (!isTerminalOrder(i.state) && i.state !== 'unknown' && i.venueOrderId !== undefined)
          await this.runner.cancel(i.venue, i.clientOrderId);
      const intents = store.intents({ packageId: id });
      if (intents.some((i) => !isTerminalOrder(i.state))) continue;
      this.waiting.delete(id);
      for (const i of intents) await this.runner.awaitFills(i.venue, i.clientOrderId);
      store.log(this.now(), 'package_resumed', { afterMs: this.now() - w.sinceMs }, { packageId: id });
      this.applyResults(id);
      if (store.getPackage(id)!.state === 'legging') {
        w.flight.aborted = 'an order outcome was unknown: legging does not resume once it is found';
        store.packageEvent(this.now(), id, { type: 'abort', reason: w.flight.aborted });
      }
      const p = store.getPackage(id)!;
      w.flight.naked.set(this.nakedMicros(w.flight.plan, p.bought, p.sold));
      const r = await this.settle(id, w.flight);
      if (r.status !== 'unknown') done.push(r);
    }
    return done;
  }

  /** The results of orders that were waited on, applied to their package (each counted once, by its key). */
  private applyResults(id: string): void {
    const { store } = this.deps;
    for (const i of store.intents({ packageId: id })) {
      const p = store.getPackage(id)!;
      if (p.applied.includes(i.clientOrderId) || !isTerminalOrder(i.state)) continue;
      if (i.role === 'leg' && p.state === 'legging' && !p.done[i.leg])
        store.packageEvent(this.now(), id, {
          type: 'leg_done',
          leg: i.leg,
          filled: i.filled,
          key: i.clientOrderId,
        });
      else if (i.role === 'complete' && p.state === 'completing')
        store.packageEvent(this.now(), id, {
          type: 'leg_done',
          leg: i.leg,
          filled: i.filled,
          key: i.clientOrderId,
        });
      else if (i.role === 'unwind' && p.state === 'unwinding')
        store.packageEvent(this.now(), id, {
          type: 'unwind_done',
          leg: i.leg,
          sold: i.filled,
          key: i.clientOrderId,
        });
    }
  }

  /**
   * A fill recorded for a package that is already closed (an order whose outcome was unknown, found later; a
   * venue that reports late): the package is re-evaluated from its intents' fills, and exposure makes it
   * unhedged, with its safe-mode reason in the same transaction. A package in flight is the executor's own.
   */
  onPackageFill(id: string): void {
    const { store } = this.deps;
    const p = store.getPackage(id);
    if (!p || !isTerminalPackage(p.state) || this.waiting.has(id)) return;
    const q = store.legQuantities(p);
    if (q.bought.every((b, k) => b === p.bought[k]) && q.sold.every((x, k) => x === p.sold[k])) return;
    store.tx(() => {
      const t = store.packageEvent(this.now(), id, { type: 'recovered', ...q });
      store.log(
        this.now(),
        'late_fill',
        { was: p.state, now: t.next.state, before: { bought: p.bought, sold: p.sold }, after: q },
        { packageId: id },
      );
      if (t.next.state === 'unhedged' && p.state !== 'unhedged')
        this.raise(
          'UNHEDGED_PACKAGE',
          `package ${id}: a fill arrived after it closed ${p.state}; naked ${exposure(t.next)
            .map((x, k) => (x > 0 ? `${x / 100} on leg ${k}` : ''))
            .filter(Boolean)
            .join(', ')}`,
        );
    });
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

  /** When the venue's reply to an order was recorded (its `order_sent` event), or now if there is none. */
  private repliedAt(packageId: string, clientOrderId: string): number {
    const sent = this.deps.store
      .events({ packageId })
      .filter((e) => e.kind === 'order_sent' && e.clientOrderId === clientOrderId);
    return sent.length > 0 ? sent[sent.length - 1]!.tsMs : this.now();
  }

  /** Naked exposure now: what the contracts held beyond the hedged size cost, micros. */
  private nakedMicros(plan: SizedPlan, bought: readonly number[], sold: readonly number[]): number {
    const ex = exposure({ bought, sold });
    return ex.reduce((s, x, i) => s + notional(plan.legs[i]!.px, x as Qty), 0);
  }

  /**
   * The exposure policy: complete a partly filled leg, else flatten the excess, else give up (safe mode). Returns
   * 'unknown' when one of its orders has an unknown outcome (the package then waits; see `wait`). Re-entrant: a
   * completion or an unwind already tried for a leg (its client order id exists) is not tried again.
   */
  private async settleExposure(id: string, flight: Flight): Promise<'done' | 'unknown'> {
    const { store } = this.deps;
    const { plan, naked, decisions } = flight;
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
        partlyFilled && onlyShort && !tried && this.deps.quotes
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
        if (intent.state === 'unknown') return 'unknown';
        store.packageEvent(this.now(), id, {
          type: 'leg_done',
          leg: short,
          filled: intent.filled,
          key: intent.clientOrderId,
        });
        pkg = store.getPackage(id)!;
        naked.set(this.nakedMicros(plan, pkg.bought, pkg.sold));
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
        store.packageEvent(this.now(), id, {
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
      if (intent.state === 'unknown') return 'unknown';
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
    return 'done';
  }

  private quantities(id: string): { hedged: number; exposed: number[] } {
    const p = this.deps.store.getPackage(id)!;
    return { hedged: hedgedQty(p), exposed: exposure(p) };
  }
}
