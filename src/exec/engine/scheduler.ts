/**
 * Which opportunity goes next, and the single executor slot it runs in.
 *
 * One package executes at a time: a second could race the first for the same liquidity. An opportunity that
 * shows up meanwhile is not dropped: when the executor is free, the best opportunity still open (the detector's
 * live set) that has not been planned yet is taken. Each opportunity id is executed at most once; one that sized
 * to zero or was denied is reconsidered only when its edge, size or leg order changes (a window often opens in
 * steps as market makers requote, and its first, thinnest state must not shut it for good). A package whose
 * order has an unknown outcome stays in flight: its leg markets are blocked for new packages, and it is asked
 * about again every `unknownRetryMs` in this same slot, as are the late fills (./late-fills.ts), so neither ever
 * runs beside a package.
 */
import type { Clock, TimerHandle } from '../../core/clock.ts';
import type { Venue } from '../../core/market.ts';
import type { Opportunity } from '../../hot/index.ts';
import type { LateFills } from '../late-fills.ts';
import type { PackageExecutor } from '../package-executor.ts';
import type { PackageResult } from '../package-types.ts';
import { legOrder } from '../planner.ts';
import type { RunStats } from '../run-report.ts';
import type { EnginePlan } from './planning.ts';
import type { EngineEvents } from './types.ts';

export interface SchedulerOptions {
  readonly clock: Clock;
  readonly stats: RunStats;
  readonly events: EngineEvents | undefined;
  readonly executor: PackageExecutor;
  /** The engine is stopping or stopped: nothing new is taken. */
  readonly stopped: () => boolean;
  /** Safe mode is on: nothing new is taken until an operator acknowledges. */
  readonly safeMode: () => boolean;
  /** Do these venues take new orders (their dead-man switches beat)? */
  readonly gatesOpen: (venues: readonly Venue[]) => boolean;
  /** Is a new package on these venues halted or paused (../halts.ts: kill switch, loss cap, data health…)? */
  readonly halted: (venues: readonly Venue[]) => boolean;
  /** The opportunities open now (the detector's live set); undefined before the detector exists. */
  readonly open: () => Iterable<Opportunity> | undefined;
  /** Size, prove, check and commit a package for `o` (./planning.ts); undefined: not now. */
  readonly plan: (o: Opportunity) => EnginePlan | undefined;
  /** A package came to rest (./settlement.ts). */
  readonly settle: (result: PackageResult, plan: EnginePlan, o: Opportunity) => Promise<void>;
}

export class Scheduler {
  private running = false;
  private current: Promise<void> = Promise.resolve();
  /** Opportunity ids already counted in the report. */
  private readonly seen = new Set<string>();
  /** Opportunity ids already executed: never planned again. */
  private readonly planned = new Set<string>();
  /** Opportunities that sized to zero or were denied, with their edge and size then: retried only if those change. */
  private readonly declined = new Map<string, string>();
  /** Opportunity ids that had to wait for a package in flight (counted once each). */
  private readonly waited = new Set<string>();
  /** Opportunity ids refused because a leg's market is blocked by an unknown order outcome (counted once each). */
  private readonly blockedSeen = new Set<string>();
  /** Packages waiting for an order's outcome, with what the engine must do once each comes to rest. */
  private readonly waitingPlans = new Map<string, { plan: EnginePlan; o: Opportunity }>();
  private unknownTimer: TimerHandle | undefined;
  private lateFills: LateFills | undefined;

  constructor(private readonly s: SchedulerOptions) {}

  /** A package (or a pass over the unknown outcomes) holds the executor slot. */
  get busy(): boolean {
    return this.running;
  }

  /** What holds the slot now (resolved when it is free). */
  get inFlight(): Promise<void> {
    return this.current;
  }

  /** Arm the periodic work that runs in the slot: unknown outcomes asked again, late fills re-read. */
  startTimers(unknownRetryMs: number, lateFills: LateFills, pendingFillSyncMs: number): void {
    this.unknownTimer = this.s.clock.setInterval(() => this.askAboutUnknown(), unknownRetryMs);
    this.lateFills = lateFills;
    lateFills.start(pendingFillSyncMs);
  }

  stopTimers(): void {
    this.s.clock.clearTimer(this.unknownTimer);
    this.lateFills?.stop();
  }

  /** The detector found (or re-priced) an opportunity. */
  onOpportunity(o: Opportunity): void {
    if (!this.seen.has(o.id)) {
      this.seen.add(o.id);
      this.s.stats.opportunity(o.lane);
      this.s.events?.opportunity?.(o);
    }
    if (this.s.stopped() || !this.eligible(o)) return;
    if (this.s.safeMode()) return;
    if (this.running) {
      // Not lost: when the package in flight is done, whatever is still open gets its turn (`next`).
      if (!this.waited.has(o.id)) {
        this.waited.add(o.id);
        this.s.stats.plans.skippedBusy++;
      }
      return;
    }
    this.take(o);
  }

  /** The executor is free: take the best opportunity still open (the detector's live set) not yet planned. */
  next(): void {
    // A candidate that sizes to zero or is denied leaves the executor free: try the next best.
    while (!this.s.stopped() && !this.running && !this.s.safeMode()) {
      const open = this.s.open();
      if (!open) return;
      let best: Opportunity | undefined;
      for (const o of open) if (this.eligible(o) && (best === undefined || o.edge > best.edge)) best = o;
      if (!best) return;
      this.take(best);
    }
  }

  /**
   * Markets no new package may use: every leg market of a package waiting for an order's outcome (the order may
   * have traded, and the package may still need to complete or unwind there). `venue:market` keys.
   */
  blockedMarkets(): ReadonlySet<string> {
    const out = new Set<string>();
    for (const w of this.s.executor.waitingPackages())
      for (const l of w.plan.legs) out.add(`${l.venue}:${l.market}`);
    return out;
  }

  private eligible(o: Opportunity): boolean {
    if (this.planned.has(o.id) || this.declined.get(o.id) === planInputs(o)) return false;
    // A venue whose dead-man switch is in doubt gets no new package (the opportunity waits for the gate).
    const venues = o.legs.map((l) => l.venue);
    if (!this.s.gatesOpen(venues) || this.s.halted(venues)) return false;
    if (this.waitingPlans.size === 0) return true;
    const blocked = this.blockedMarkets();
    if (!o.legs.some((l) => blocked.has(`${l.venue}:${l.key}`))) return true;
    // Not declined: once the order is found and the package finished, the opportunity gets its turn (`next`).
    if (!this.blockedSeen.has(o.id)) {
      this.blockedSeen.add(o.id);
      this.s.stats.plans.skippedBlocked++;
    }
    return false;
  }

  private take(o: Opportunity): void {
    const plan = this.s.plan(o);
    if (!plan) {
      this.declined.set(o.id, planInputs(o));
      return;
    }
    this.planned.add(o.id);
    this.occupy(() => this.run(plan, o));
  }

  /**
   * `work` holds the slot until it settles; then whatever waited gets its turn. The slot is taken before `work`
   * starts: anything its synchronous start triggers (a safe-mode refresh calling `next`) must see it taken.
   */
  private occupy(work: () => Promise<void>): void {
    this.running = true;
    this.current = work().finally(() => {
      this.running = false;
      this.next();
    });
  }

  private async run(plan: EnginePlan, o: Opportunity): Promise<void> {
    const result = await this.s.executor.execute(plan.sized);
    if (result.status === 'unknown') {
      // In flight until the order is found: its capital stays locked and its markets blocked (see `blocked`).
      this.waitingPlans.set(result.packageId, { plan, o });
      this.s.stats.packages.waitedOnUnknown++;
      this.s.events?.warn?.(
        `package ${result.packageId}: an order's outcome is unknown; it stays in flight and its markets are blocked until the venue finds it`,
        { packageId: result.packageId },
      );
      return;
    }
    await this.s.settle(result, plan, o);
  }

  /**
   * Ask again about orders whose outcome is unknown, in the executor's slot (never beside another package): a
   * package whose orders are all found is finished, its markets unblocked, and what waited gets its turn.
   */
  private askAboutUnknown(): void {
    if (this.s.stopped() || this.running || this.waitingPlans.size === 0) return;
    this.occupy(() => this.resolveWaiting());
  }

  /** One pass over the packages waiting for an unknown outcome (runs in the executor's slot: one at a time). */
  private async resolveWaiting(): Promise<void> {
    for (const result of await this.s.executor.resolveWaiting()) {
      const w = this.waitingPlans.get(result.packageId);
      this.waitingPlans.delete(result.packageId);
      if (w) await this.s.settle(result, w.plan, w.o);
    }
  }
}

/**
 * What a plan's outcome depends on besides the books: edge, size and the order the legs would go in (sizing
 * prices a miss of a later leg, so the same window sized with its legs the other way round can come out
 * differently). A declined opportunity is planned again when any of it changes.
 */
const planInputs = (o: Opportunity): string =>
  `${o.edge}:${o.qty}:${legOrder(o)
    .map((l) => `${l.venue}/${l.key}/${l.outcome}`)
    .join(',')}`;
