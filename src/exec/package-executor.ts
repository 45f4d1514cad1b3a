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
import { asQty, type Px } from '../core/units.ts';
import type { VenueAdapter } from '../venues/venue.ts';
import { CrashPoints } from './crash-points.ts';
import { isTerminalOrder } from './lifecycle/order-state.ts';
import { exposure, isTerminalPackage } from './lifecycle/package-state.ts';
import { DEFAULT_ORDER_TIMING, OrderRunner, type OrderTiming } from './order-runner.ts';
import type { OrderStore } from './store/order-store.ts';
import { settleExposure, type Flight, type PolicyContext } from './exposure-policy.ts';
import { checkNextLeg, type GateResult } from './legging-gate.ts';
import { heldFills, NakedMeter, nakedMicros, outcomeOf, packageResult, repliedAt } from './package-result.ts';
import {
  DEFAULT_LEGGING,
  type LeggingPolicy,
  type LegResult,
  type PackageResult,
  type PackageStatus,
  type QuoteView,
  type SizedPlan,
} from './package-types.ts';
import { proveAt } from './proof.ts';

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

/** A package waiting for an order whose outcome is unknown: in flight, its markets blocked. */
export interface WaitingPackage {
  readonly packageId: string;
  readonly plan: SizedPlan;
  /** Client order ids whose outcome is not known yet. */
  readonly unknown: readonly string[];
  readonly sinceMs: number;
}

export class PackageExecutor {
  readonly runner: OrderRunner;
  private readonly policy: PolicyContext;
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
    this.policy = {
      store: deps.store,
      runner: this.runner,
      quotes: deps.quotes,
      now: () => this.now(),
      raise: (code, detail) => this.raise(code, detail),
      onOrder: deps.onOrder,
      gate: (...a) => this.gate(...a),
    };
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
        const gate = this.gate(plan, id, i, target, lastReplyMs, flight.naked);
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
          qty: asQty(target),
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
      lastReplyMs = repliedAt(store, id, intent.clientOrderId) ?? this.now();
      // Not known whether it exists, let alone what it filled: the package waits, in flight, never missed.
      if (intent.state === 'unknown') return this.wait(id, flight);
      store.packageEvent(this.now(), id, {
        type: 'leg_done',
        leg: i,
        filled: intent.filled,
        key: intent.clientOrderId,
      });
      const now = store.getPackage(id)!;
      flight.naked.set(nakedMicros(plan, now.bought, now.sold), sentMs);
      target = Math.min(target, intent.filled);
    }
    return this.settle(id, flight);
  }

  /** Bring a package whose legging is over to rest (the exposure policy), or to a wait for an unknown outcome. */
  private async settle(id: string, flight: Flight): Promise<PackageResult> {
    const outcome = await settleExposure(this.policy, id, flight);
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
      w.flight.naked.set(nakedMicros(w.flight.plan, p.bought, p.sold));
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

  /** The legging controls for leg `k` at `qty`, from the store's record of the package (see legging-gate.ts). */
  private gate(
    plan: SizedPlan,
    id: string,
    k: number,
    qty: number,
    lastReplyMs: number,
    naked: NakedMeter,
  ): GateResult {
    return checkNextLeg({
      plan,
      k,
      qty,
      held: heldFills(this.deps.store, plan, id),
      gapMs: this.now() - lastReplyMs,
      nakedMicrosMs: naked.total(),
      legging: this.legging,
      ...(this.deps.quotes ? { quotes: this.deps.quotes } : {}),
    });
  }
}
