/**
 * The trading engine: one loop from book update to order.
 *
 *   venue book events → book store → incremental detector → opportunity
 *     → sizing (execution-aware Kelly) → risk precheck → package executor → venues → run report
 *
 * Paper and live differ only in the `VenueAdapter`s passed in (a `PaperVenue` wrapping a real adapter, or the
 * real adapter). Books stream over WebSocket; a book the stream has lost (gap, bad frame, disconnect) is polled
 * over REST until the stream brings it back. One package executes at a time: simple, and a second package
 * could otherwise race the first for the same liquidity. An opportunity that shows up while a package is
 * executing waits: when the executor is free again, the best opportunity still open that has not been planned
 * yet is taken. Each opportunity (by id) is executed at most once; one that sized to zero or was denied is
 * reconsidered only when its edge, size or leg order changes (a window often opens in steps as market makers requote, and
 * its first, thinnest state must not shut it for good).
 */
import type { Clock, TimerHandle } from '../core/clock.ts';
import { feeFor, NO_FEES, type FeeModel } from '../core/fees.ts';
import type { MarketId, MarketIdTable, Venue } from '../core/market.ts';
import { notional, PX_ONE, type Qty } from '../core/units.ts';
import {
  Detector,
  type EvalContext,
  type LaneLimits,
  type LaneName,
  type Opportunity,
  sizePackage,
  type FillModel,
} from '../hot/index.ts';
import type { MappingFile } from '../mapping/index.ts';
import { RiskBook, type Plan, type RiskLimits } from '../risk/index.ts';
import type { BookEvent, BookStream, Discovery, OrderStream, VenueAdapter } from '../venues/venue.ts';
import { CrashPoints } from './crash-points.ts';
import { HeartbeatSupervisor, type HeartbeatSettings } from './heartbeats.ts';
import { LateFills } from './late-fills.ts';
import {
  PackageExecutor,
  type LeggingPolicy,
  type PackageResult,
  type QuoteView,
  type SizedPlan,
} from './package-executor.ts';
import type { OrderTiming } from './order-runner.ts';
import { legOrder, planPackage } from './planner.ts';
import { recover, type RecoveryReport } from './recovery.ts';
import type { OrderStore, SafeModeReason } from './store/order-store.ts';
import type { BookSource } from './paper-venue.ts';
import type { RunStats } from './run-report.ts';
import { FirstBooks, StartupSteps, type StartupTimeouts } from './startup.ts';
import { buildUniverse, type TradingUniverse } from './universe.ts';
import { DEFAULT_GATE_POLICY, type GateTransition } from './venue-gate.ts';

export interface EngineConfig {
  readonly lanes: Readonly<Record<LaneName, LaneLimits>>;
  readonly risk: RiskLimits;
  readonly minConfidence: number;
  readonly kellyMultiplier: number;
  readonly fill: FillModel;
  /** Largest package the detector may propose, contracts. */
  readonly maxContracts: number;
  /** How often lost books are polled over REST, ms. */
  readonly pollMs: number;
  /** Expected time for an order to reach a venue, ms: the fill model's clock for each leg. */
  readonly expectedLatencyMs: number;
  readonly legging: LeggingPolicy;
  readonly orderTiming: OrderTiming;
  /** How often each venue's balance is re-read (and stale locked capital released), ms. */
  readonly balanceRefreshMs: number;
  /** How often an order whose outcome is unknown is asked about again, ms. */
  readonly unknownRetryMs: number;
  /** Venue heartbeats (dead-man switches) and the gate they keep (default: every 3 s, DEFAULT_GATE_POLICY). */
  readonly heartbeat?: HeartbeatSettings;
  /** Deadlines of the start-up steps; absent: none, and books are not waited for (./startup.ts). */
  readonly startup?: StartupTimeouts;
  /** How often fills that may still change (Polymarket trades not yet final) are re-read, ms (default 2000). */
  readonly pendingFillSyncMs?: number;
}

export interface EngineEvents {
  opportunity?(o: Opportunity): void;
  planDenied?(o: Opportunity, reasons: readonly string[]): void;
  packageDone?(r: PackageResult, o: Opportunity): void;
  /** A book the engine trusted was lost (gap, bad frame, disconnect): it prices nothing until resynced. */
  bookLost?(venue: Venue, market: string, reason: string): void;
  /** Startup recovery finished (before any new order). */
  recovered?(r: RecoveryReport): void;
  /** Safe mode turned on or off; `reasons` are the unacknowledged ones. */
  safeMode?(on: boolean, reasons: readonly SafeModeReason[]): void;
  /** A start-up step begins (for progress lines): `venue` undefined for steps across venues. */
  startupStep?(venue: Venue | undefined, step: string): void;
  /** A venue's gate closed (no new orders there: its heartbeats fail) or opened again. */
  venueGate?(t: GateTransition): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
}

export interface EngineOptions {
  readonly venues: Readonly<Partial<Record<Venue, VenueAdapter>>>;
  readonly clock: Clock;
  readonly ids: MarketIdTable;
  readonly mapping: MappingFile | undefined;
  readonly config: EngineConfig;
  readonly stats: RunStats;
  readonly events?: EngineEvents;
  /** The order store: intents, orders, fills, positions, safe mode. Reconciled against the venues on start. */
  readonly store: OrderStore;
  readonly crash?: CrashPoints;
}

export class Engine implements BookSource, QuoteView {
  universe: TradingUniverse | undefined;
  private detector: Detector | undefined;
  private risk: RiskBook | undefined;
  private executor: PackageExecutor;
  private readonly streams: BookStream[] = [];
  /** The venues' user WebSockets: order updates pushed to the order runner (polling stays the safety net). */
  private readonly orderStreams: OrderStream[] = [];
  private pollTimer: TimerHandle | undefined;
  private busy = false;
  private stopped = false;
  /** Streams are being closed: their book events (every book marked lost) are not news. */
  private closing = false;
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
  private readonly waitingPlans = new Map<
    string,
    { plan: { sized: SizedPlan; risk: Plan }; o: Opportunity }
  >();
  private unknownTimer: TimerHandle | undefined;

  private inFlight: Promise<void> = Promise.resolve();
  private balanceTimer: TimerHandle | undefined;
  private safeTimer: TimerHandle | undefined;
  /** Unacknowledged safe-mode reasons (re-read from the store each second: `arb ack` runs in another process). */
  private safeReasons: readonly SafeModeReason[] = [];
  /** Venue heartbeats and the gate they keep: no new order to a venue whose dead-man switch may be firing. */
  private heartbeats: HeartbeatSupervisor | undefined;
  /** Fills that change after their package is done (Polymarket settlement): re-read, reversals taken back. */
  private lateFills: LateFills | undefined;
  /** Books still without their first snapshot while starting. */
  private firstBooks: FirstBooks | undefined;

  constructor(private readonly opts: EngineOptions) {
    this.executor = new PackageExecutor({
      venues: opts.venues,
      clock: opts.clock,
      store: opts.store,
      crash: opts.crash ?? CrashPoints.none(),
      quotes: this,
      legging: opts.config.legging,
      timing: opts.config.orderTiming,
      onOrder: (v, outcome) => opts.stats.order(v, outcome),
      onSafeMode: () => this.refreshSafeMode(),
    });
  }

  /** Safe mode: new packages are refused until an operator acknowledges every reason (`arb ack`). */
  get safeMode(): readonly SafeModeReason[] {
    return this.safeReasons;
  }

  private refreshSafeMode(): void {
    const before = this.safeReasons.length > 0;
    this.safeReasons = this.opts.store.safeModeReasons();
    const on = this.safeReasons.length > 0;
    this.opts.stats.safeMode = { on, reasons: this.safeReasons.map((r) => `${r.code}: ${r.detail}`) };
    if (on !== before) this.opts.events?.safeMode?.(on, this.safeReasons);
    // Acknowledged: whatever waited while trading was refused gets its turn.
    if (before && !on) this.next();
  }

  private get venueList(): [Venue, VenueAdapter][] {
    return (Object.entries(this.opts.venues) as [Venue, VenueAdapter][]).sort(([a], [b]) => (a < b ? -1 : 1));
  }

  /**
   * Discover markets, build the universe, read balances, arm the dead-man switches, recover, and start streaming
   * books. Each step has a deadline (`config.startup`, ./startup.ts): past it, a `StartupError` naming the venue
   * and the step; `abort` (a stop signal) ends the step in progress with `StartupAborted`. Either way what was
   * started is closed again before it throws.
   */
  async start(opts: { abort?: Promise<string> } = {}): Promise<TradingUniverse> {
    try {
      return await this.starting(opts.abort);
    } catch (e) {
      await this.abandonStart();
      throw e;
    }
  }

  /** Undo a start that failed or was stopped: no timer, stream or heartbeat outlives it. */
  private async abandonStart(): Promise<void> {
    this.stopped = true;
    this.closing = true;
    for (const t of [this.pollTimer, this.balanceTimer, this.safeTimer]) this.opts.clock.clearTimer(t);
    this.lateFills?.stop();
    this.heartbeats?.stop();
    await Promise.all([...this.streams, ...this.orderStreams].map((s) => s.close().catch(() => undefined)));
  }

  private async starting(abort: Promise<string> | undefined): Promise<TradingUniverse> {
    const { stats, clock, config } = this.opts;
    const limits = config.startup;
    const steps = new StartupSteps(clock, limits, abort, this.opts.events?.startupStep);
    stats.started(clock.now());
    const discoveries = new Map<Venue, Discovery>();
    for (const [v, adapter] of this.venueList) {
      const d = await steps.run(v, 'market discovery', 'discoveryMs', 'not done', () => adapter.discover());
      if (!d.ok) throw new Error(`${v}: market discovery failed: ${d.error.code}: ${d.error.message}`);
      discoveries.set(v, d.value);
      for (const r of d.value.refused ?? []) {
        stats.marketsRefused[v] = (stats.marketsRefused[v] ?? 0) + 1;
        this.opts.events?.warn?.(`${v}: market ${r.key} refused: ${r.reason}`, { market: r.key });
      }
    }
    const u = buildUniverse({
      discoveries,
      mapping: this.opts.mapping,
      minConfidence: config.minConfidence,
      ids: this.opts.ids,
    });
    this.universe = u;
    for (const d of u.relations.dropped) this.opts.events?.warn?.(`relation dropped: ${d}`);
    for (const h of u.relations.heldBack)
      this.opts.events?.warn?.(
        `relation held back (${h.verdict}): ${h.id}: ${h.reasons.map((r) => `${r.code}: ${r.message}`).join('; ')}`,
        { relation: h.id, verdict: h.verdict, reasons: h.reasons.map((r) => r.code) },
      );
    stats.heldBack(u.relations.heldBack, u.relations.approved.length);
    for (const [v, keys] of u.keysByVenue) stats.marketsByVenue[v] = keys.length;
    stats.shapes = u.shapes.length;
    stats.relations = u.relations.used;
    const cash: Partial<Record<Venue, number>> = {};
    for (const [v, adapter] of this.venueList) {
      const b = await steps.run(v, 'balance', 'balanceMs', 'not read', () => adapter.balance());
      if (!b.ok) throw new Error(`${v}: balance unavailable: ${b.error.code}: ${b.error.message}`);
      cash[v] = b.value;
      stats.startingMicros[v] = b.value;
    }
    this.risk = new RiskBook(config.risk, cash);
    // The dead-man switches are armed before any order, and a venue takes new orders only while they beat.
    this.heartbeats = new HeartbeatSupervisor({
      venues: this.venueList,
      clock,
      store: this.opts.store,
      runner: this.executor.runner,
      settings: config.heartbeat ?? { everyMs: 3_000, policy: DEFAULT_GATE_POLICY },
      onTransition: (t) => this.onGate(t),
    });
    this.executor.runner.useGate((v) => this.heartbeats?.closedReason(v));
    this.heartbeats.start();
    for (const v of this.heartbeats.watched)
      await steps.run(v, 'first heartbeat', 'heartbeatMs', 'not acknowledged', () =>
        this.heartbeats!.firstBeat(v),
      );
    this.lateFills = new LateFills({
      clock,
      store: this.opts.store,
      runner: this.executor.runner,
      stats,
      venues: () => this.venueList.map(([v]) => v),
      busy: () => this.busy || this.stopped,
      releaseHeld: (venue, market, micros) => {
        const id = this.opts.ids.get(venue, market);
        const eventKey = id === undefined ? undefined : this.universe?.meta.get(id)?.eventKey;
        this.risk?.addHeld({ venue, market, eventKey }, micros);
      },
      warn: (m, f) => this.opts.events?.warn?.(m, f),
      safeModeChanged: () => this.refreshSafeMode(),
    });
    // Recovery before any new order: the store and the venues must agree, or the engine starts in safe mode.
    const recovery = await steps.run(undefined, 'startup recovery', 'recoveryMs', 'not done', () =>
      recover({
        venues: this.opts.venues,
        clock,
        store: this.opts.store,
        runner: this.executor.runner,
        crash: this.opts.crash ?? CrashPoints.none(),
      }),
    );
    stats.recovery = {
      intentsResolved: recovery.intentsResolved,
      intentsUnresolved: recovery.intentsUnresolved,
      fillsRecorded: recovery.fillsRecorded,
      ordersAdopted: recovery.ordersAdopted,
      packagesRecovered: recovery.packagesRecovered,
      positionMismatches: recovery.positionMismatches,
      reasonsRaised: recovery.raised.length,
    };
    this.opts.events?.recovered?.(recovery);
    this.refreshSafeMode();
    for (const [v, adapter] of this.venueList) {
      if (!adapter.streamOrders) continue;
      const s = adapter.streamOrders((u) => this.executor.runner.onOrderUpdate(v, u));
      this.orderStreams.push(s);
      // Not awaited: order updates only speed tracking up; a user stream that cannot connect is a warning.
      s.ready.catch((e: unknown) =>
        this.opts.events?.warn?.(
          `${v}: order update stream not ready: ${e instanceof Error ? e.message : String(e)}`,
        ),
      );
    }
    // What the store says is held counts against the market and event caps, as if bought this run.
    for (const f of this.opts.store.fills()) {
      if (f.reversed) continue;
      const id = this.opts.ids.get(f.venue, f.market);
      this.risk.addHeld(
        {
          venue: f.venue,
          market: f.market,
          eventKey: id === undefined ? undefined : u.meta.get(id)?.eventKey,
        },
        (f.side === 'BUY' ? 1 : -1) * notional(f.px, f.qty),
      );
    }
    const ctx: EvalContext = {
      books: u.books,
      markets: u.markets,
      limits: config.lanes,
      maxSize: (config.maxContracts * 100) as Qty,
      idBucketMs: 60_000,
    };
    this.detector = new Detector(u.shapes, ctx, { onOpportunity: (o) => this.onOpportunity(o) });
    // Without deadlines (a library caller), books are not waited for: they arrive as they come.
    this.firstBooks = limits ? new FirstBooks(u.keysByVenue) : undefined;
    const subscribed: [Venue, BookStream][] = [];
    for (const [v, adapter] of this.venueList) {
      const keys = u.keysByVenue.get(v) ?? [];
      if (keys.length === 0) continue;
      const s = adapter.streamBooks(keys, (e) => this.onBook(v, e));
      this.streams.push(s);
      subscribed.push([v, s]);
    }
    for (const [v, s] of subscribed)
      await steps.run(v, 'book subscription', 'subscribeMs', 'not ready', () => s.ready);
    const first = this.firstBooks;
    if (first)
      for (const [v] of subscribed)
        await steps.run(
          v,
          'first books',
          'firstBooksMs',
          'not received',
          () => first.done(v),
          () => first.detail(v),
        );
    this.pollTimer = clock.setInterval(() => void this.pollLostBooks(), config.pollMs);
    this.balanceTimer = clock.setInterval(() => void this.refreshBalances(), config.balanceRefreshMs);
    this.safeTimer = clock.setInterval(() => this.refreshSafeMode(), 1_000);
    this.unknownTimer = clock.setInterval(() => this.askAboutUnknown(), config.unknownRetryMs);
    this.lateFills.start(config.pendingFillSyncMs ?? 2_000);
    return u;
  }

  /** Stop trading: wait for the package in flight, cancel anything still open, close the streams. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.opts.clock.clearTimer(this.pollTimer);
    this.opts.clock.clearTimer(this.balanceTimer);
    this.opts.clock.clearTimer(this.safeTimer);
    this.opts.clock.clearTimer(this.unknownTimer);
    this.lateFills?.stop();
    await this.inFlight;
    const waiting = this.executor.waitingPackages();
    if (waiting.length > 0)
      this.opts.events?.warn?.(
        `${waiting.length} package(s) still wait for an order's outcome (${waiting
          .flatMap((w) => w.unknown)
          .join(', ')}): the next start's recovery asks the venues again`,
      );
    this.opts.stats.packages.unresolved = waiting.length;
    for (const [v, adapter] of this.venueList) {
      const open = await adapter.openOrders();
      if (open.ok)
        for (const o of open.value) {
          const intent = o.clientOrderId ? this.opts.store.intent(o.clientOrderId) : undefined;
          if (intent) await this.executor.runner.cancel(v, intent.clientOrderId);
          else await adapter.cancelOrder(o.id);
        }
      const b = await adapter.balance();
      if (b.ok) this.opts.stats.endingMicros[v] = b.value;
    }
    // Beats stop only once nothing is left open (until then the switch still protects it).
    this.heartbeats?.stop();
    this.opts.stats.venueGates = this.heartbeats?.view() ?? [];
    this.opts.stats.orders.gated = this.executor.runner.gated;
    this.closing = true;
    await Promise.all([...this.streams, ...this.orderStreams].map((s) => s.close()));
    this.opts.stats.orders.pushedUpdates = this.executor.runner.pushed.applied;
    this.opts.stats.feeDrift = { ...this.executor.runner.feed.feeDrift };
    this.opts.stats.ended(this.opts.clock.now());
  }

  /** The live book of a market as the engine sees it (what a paper venue fills against). */
  levels(venue: Venue, market: string) {
    const id = this.opts.ids.get(venue, market);
    const u = this.universe;
    if (id === undefined || !u || !u.books.has(id) || !u.books.isTrusted(id)) return undefined;
    return u.books.levels(id);
  }

  /** QuoteView for the legging checks: what is offered to buy `outcome` at or below `limitPx` right now. */
  buyable(venue: Venue, market: string, outcome: 'YES' | 'NO', limitPx: number) {
    const id = this.opts.ids.get(venue, market);
    const u = this.universe;
    if (id === undefined || !u || !u.books.has(id) || !u.books.isTrusted(id)) return undefined;
    const books = u.books;
    const first = books.nextBuySlot(id, outcome, -1);
    const bestPx = first >= 0 ? books.buyPxAt(id, outcome, first) : PX_ONE;
    return { bestPx, qty: this.depthAt(id, outcome, limitPx) };
  }

  /**
   * Ask again about orders whose outcome is unknown, in the executor's slot (never beside another package): a
   * package whose orders are all found is finished, its markets unblocked, and what waited gets its turn.
   */
  private askAboutUnknown(): void {
    if (this.stopped || this.busy || this.waitingPlans.size === 0) return;
    this.busy = true;
    this.inFlight = this.resolveWaiting().finally(() => {
      this.busy = false;
      this.next();
    });
  }

  /**
   * Balance refresh: re-read each venue's free cash; with no package in flight nothing should be locked, so any
   * capital still locked is stale (a package the engine lost track of) and is released to what the venue says.
   */
  private async refreshBalances(): Promise<void> {
    if (this.stopped || this.busy || !this.risk) return;
    for (const [v, adapter] of this.venueList) {
      // Fills the venue reports late (an order whose outcome was unknown, found after its package closed) are
      // read even when nothing trades: a closed package they change is re-evaluated (unhedged → safe mode).
      await this.executor.runner.syncFills(v);
      if (this.busy || this.stopped) continue;
      const b = await adapter.balance();
      if (!b.ok || this.busy || this.stopped) continue;
      const now = Math.floor(this.opts.clock.now());
      this.opts.store.setBalance(now, v, b.value);
      const stale = this.risk.releaseStaleLocks(v);
      if (stale !== 0) this.opts.store.log(now, 'stale_lock_released', { micros: stale }, { venue: v });
      this.risk.setFreeCash(v, b.value);
    }
  }

  /** A discovered market's fee model (what paper fills charge); no fees for a market the engine does not know. */
  feesOf(venue: Venue, market: string): FeeModel {
    const id = this.opts.ids.get(venue, market);
    const u = this.universe;
    return id !== undefined && u?.markets.has(id) ? u.markets.get(id).fees : NO_FEES;
  }

  /** Progress numbers for the live display. */
  progress() {
    const u = this.universe;
    let trusted = 0;
    if (u) for (const m of u.markets.all()) if (u.books.isTrusted(m.id)) trusted++;
    return {
      markets: u?.markets.all().length ?? 0,
      booksInSync: trusted,
      openOpportunities: this.detector?.opportunities().size ?? 0,
    };
  }

  // ---- market data ------------------------------------------------------------------------------------

  private onBook(venue: Venue, e: BookEvent): void {
    if (this.closing) return;
    const u = this.universe!;
    const id = this.opts.ids.get(venue, e.market) as MarketId | undefined;
    if (id === undefined || !u.books.has(id)) return;
    const s = this.opts.stats.books;
    if (e.type === 'snapshot') {
      s.snapshots++;
      this.firstBooks?.snapshot(venue, e.market);
      u.books.snapshot(id, e.yesBids, e.yesAsks, e.venueTimeMs, e.receiveTimeMs);
    } else if (e.type === 'level') {
      s.updates++;
      if (!u.books.isTrusted(id)) return;
      u.books.level(id, e.side, e.px, e.qty, e.venueTimeMs, e.receiveTimeMs);
    } else {
      // Only losing a book we trusted is news; adapters also mark books invalid before their first snapshot.
      if (u.books.isTrusted(id)) {
        s.invalidated++;
        this.opts.events?.bookLost?.(venue, e.market, e.reason);
      }
      u.books.invalidate(id);
    }
    if (!this.stopped) this.detector!.onBookChange(id, this.opts.clock.now());
  }

  /** REST fallback: re-fetch books the streams have lost, a few per tick. */
  private async pollLostBooks(): Promise<void> {
    const u = this.universe;
    if (!u || this.stopped) return;
    const lost = u.markets
      .all()
      .filter((m) => !u.books.isTrusted(m.id))
      .slice(0, 20);
    for (const m of lost) {
      const r = await this.opts.venues[m.venue]?.fetchBook(m.key);
      if (!r?.ok || this.stopped) continue;
      this.opts.stats.books.polled++;
      const now = this.opts.clock.now();
      u.books.snapshot(m.id, r.value.yesBids, r.value.yesAsks, r.value.venueTimeMs, now);
      this.detector!.onBookChange(m.id, now);
    }
  }

  // ---- opportunities → plans → packages -----------------------------------------------------------------

  private onOpportunity(o: Opportunity): void {
    if (!this.seen.has(o.id)) {
      this.seen.add(o.id);
      this.opts.stats.opportunity(o.lane);
      this.opts.events?.opportunity?.(o);
    }
    if (this.stopped || !this.eligible(o)) return;
    if (this.safeReasons.length > 0) return;
    if (this.busy) {
      // Not lost: when the package in flight is done, whatever is still open gets its turn (`next`).
      if (!this.waited.has(o.id)) {
        this.waited.add(o.id);
        this.opts.stats.plans.skippedBusy++;
      }
      return;
    }
    this.take(o);
  }

  private eligible(o: Opportunity): boolean {
    if (this.planned.has(o.id) || this.declined.get(o.id) === planInputs(o)) return false;
    // A venue whose dead-man switch is in doubt gets no new package (the opportunity waits for the gate).
    if (!(this.heartbeats?.openFor(o.legs.map((l) => l.venue)) ?? true)) return false;
    if (this.waitingPlans.size === 0) return true;
    const blocked = this.blockedMarkets();
    if (!o.legs.some((l) => blocked.has(`${l.venue}:${l.key}`))) return true;
    // Not declined: once the order is found and the package finished, the opportunity gets its turn (`next`).
    if (!this.blockedSeen.has(o.id)) {
      this.blockedSeen.add(o.id);
      this.opts.stats.plans.skippedBlocked++;
    }
    return false;
  }

  /** A venue's gate changed; reopened, whatever waited gets its turn (as after safe mode). */
  private onGate(t: GateTransition): void {
    this.opts.events?.venueGate?.(t);
    this.opts.stats.venueGates = this.heartbeats?.view() ?? [];
    // Not from inside the gate check that noticed it (that may be `next` itself).
    if (t.open) void Promise.resolve().then(() => this.next());
  }

  private take(o: Opportunity): void {
    const plan = this.plan(o);
    if (!plan) {
      this.declined.set(o.id, planInputs(o));
      return;
    }
    this.planned.add(o.id);
    this.busy = true;
    this.inFlight = this.run(plan, o).finally(() => {
      this.busy = false;
      this.next();
    });
  }

  /** The executor is free: take the best opportunity still open (the detector's live set) not yet planned. */
  private next(): void {
    // A candidate that sizes to zero or is denied leaves the executor free: try the next best.
    while (!this.stopped && !this.busy && this.safeReasons.length === 0 && this.detector) {
      let best: Opportunity | undefined;
      for (const o of this.detector!.opportunities().values())
        if (this.eligible(o) && (best === undefined || o.edge > best.edge)) best = o;
      if (!best) return;
      this.take(best);
    }
  }

  private plan(o: Opportunity): { sized: SizedPlan; risk: Plan } | undefined {
    const { stats, config } = this.opts;
    const u = this.universe!;
    const risk = this.risk!;
    stats.plans.made++;
    const feeOf = (l: Opportunity['legs'][number]): number =>
      feeFor(u.markets.get(l.market).fees, 'taker', l.px, 100 as Qty);
    // Legs go one after another, the longest-unchanged quote first (the one most likely to be a laggard about
    // to reprice, while a miss still costs nothing); each leg's order lands one expected latency after the last.
    const order = legOrder(o);
    const arrival = new Map(order.map((l, k) => [l, (k + 1) * config.expectedLatencyMs]));
    const perContract = (o.cost + o.fees) / (o.qty / 100);
    const sizing = sizePackage({
      legs: o.legs.map((l) => ({
        venue: l.venue,
        market: l.key,
        px: l.px,
        depthQty: this.depthAt(l.market, l.outcome, l.px),
        arrivalMs: arrival.get(l)!,
        unwindPx: this.bestSellPx(l.market, l.outcome),
        feePerContract: feeOf(l),
        minSize: u.markets.get(l.market).minSize,
      })),
      edgePerContract: o.edge / (o.qty / 100),
      costPerContract: perContract,
      maxQty: o.qty,
      bankroll: Object.values(stats.startingMicros).reduce((s, v) => s + v, 0),
      cashByVenue: Object.fromEntries(this.venueList.map(([v]) => [v, risk.freeCash(v)])),
      marketRoom: Object.fromEntries(o.legs.map((l) => [l.key, risk.marketRoom(l.venue, l.key)])),
      laneRoom: Number.POSITIVE_INFINITY,
      kellyMultiplier: config.kellyMultiplier,
      fill: config.fill,
    });
    if (sizing.qty <= 0) {
      stats.sizedToZero(sizing.limitedBy);
      return undefined;
    }
    // The package at its final size, proven again on exactly what will be sent (see planner.ts).
    const decision = planPackage({
      opportunity: o,
      relations: u.shapes[o.shape]!.proof,
      market: (id) => {
        const m = u.markets.get(id);
        return { fees: m.fees, grid: m.grid, minSize: m.minSize, eventKey: u.meta.get(id)?.eventKey };
      },
      minEdgeBps: config.lanes[o.lane].minEdgeBps,
      sizedQty: sizing.qty,
      maxNakedMicros: config.legging.maxNakedMicros,
    });
    if (!decision.ok) {
      stats.sizedToZero(decision.reason);
      this.opts.events?.warn?.(`not planned: ${decision.detail}`, { opportunity: o.id });
      return undefined;
    }
    const riskPlan = decision.risk;
    const check = risk.precheck(riskPlan);
    if (!check.ok) {
      stats.denied(check.denials.map((d) => d.code));
      this.opts.events?.planDenied?.(
        o,
        check.denials.map((d) => d.code),
      );
      return undefined;
    }
    risk.commit(riskPlan);
    stats.plans.executed++;
    const lockedNow = this.venueList.reduce((s, [v]) => s + risk.lockedCash(v), 0);
    stats.peakLockedMicros = Math.max(stats.peakLockedMicros, lockedNow);
    return { sized: decision.sized, risk: riskPlan };
  }

  private async run(plan: { sized: SizedPlan; risk: Plan }, o: Opportunity): Promise<void> {
    const result = await this.executor.execute(plan.sized);
    if (result.status === 'unknown') {
      // In flight until the order is found: its capital stays locked and its markets blocked (see `blocked`).
      this.waitingPlans.set(result.packageId, { plan, o });
      this.opts.stats.packages.waitedOnUnknown++;
      this.opts.events?.warn?.(
        `package ${result.packageId}: an order's outcome is unknown; it stays in flight and its markets are blocked until the venue finds it`,
        { packageId: result.packageId },
      );
      return;
    }
    await this.packageDone(result, plan, o);
  }

  /** One pass over the packages waiting for an unknown outcome (runs in the executor's slot: one at a time). */
  private async resolveWaiting(): Promise<void> {
    for (const result of await this.executor.resolveWaiting()) {
      const w = this.waitingPlans.get(result.packageId);
      this.waitingPlans.delete(result.packageId);
      if (w) await this.packageDone(result, w.plan, w.o);
    }
  }

  /**
   * Markets no new package may use: every leg market of a package waiting for an order's outcome (the order may
   * have traded, and the package may still need to complete or unwind there). `venue:market` keys.
   */
  blockedMarkets(): ReadonlySet<string> {
    const out = new Set<string>();
    for (const w of this.executor.waitingPackages())
      for (const l of w.plan.legs) out.add(`${l.venue}:${l.market}`);
    return out;
  }

  /** A package came to rest: the report, the risk book (what it spent and holds), the venues' cash. */
  private async packageDone(
    result: PackageResult,
    plan: { sized: SizedPlan; risk: Plan },
    o: Opportunity,
  ): Promise<void> {
    const { stats } = this.opts;
    stats.legging(result);
    for (const f of result.fills) stats.fill(f.venue, f.fee);
    stats.fills.partial += result.legs.filter(
      (l) => l.requested > 0 && l.filled > 0 && l.filled < l.requested,
    ).length;
    if (result.status !== 'unknown') stats.packages[result.status]++;
    stats.expectedMicros += result.expectedMicros;
    stats.realizedMicros += result.realizedMicros;
    stats.unwindLossMicros += Math.max(0, result.unwind.loss);
    // Return what the plan locked but did not spend; record what filled against the caps.
    const spent = new Map<Venue, number>();
    for (const l of result.legs) {
      if (l.requested <= 0) continue;
      spent.set(l.leg.venue, (spent.get(l.leg.venue) ?? 0) + l.cost + l.fees);
      this.risk!.recordFill(
        {
          venue: l.leg.venue,
          market: l.leg.market,
          eventKey: this.universe!.meta.get(this.opts.ids.get(l.leg.venue, l.leg.market)!)?.eventKey,
        },
        l.cost,
        l.cost + l.fees,
      );
    }
    const unused: Partial<Record<Venue, number>> = {};
    for (const leg of plan.risk.legs) unused[leg.venue] = (unused[leg.venue] ?? 0) + leg.cash;
    for (const [v, s] of spent) unused[v] = (unused[v] ?? 0) - s;
    this.risk!.closePackage(plan.risk.id, unused);
    // Unwinds return cash too; the venue's own balance is the truth.
    for (const [v, adapter] of this.venueList) {
      const b = await adapter.balance();
      if (b.ok) this.risk!.setFreeCash(v, b.value);
    }
    this.opts.events?.packageDone?.(result, o);
  }

  private depthAt(id: MarketId, outcome: 'YES' | 'NO', px: number): number {
    const books = this.universe!.books;
    let qty = 0;
    for (let s = books.nextBuySlot(id, outcome, -1); s >= 0; s = books.nextBuySlot(id, outcome, s)) {
      if (books.buyPxAt(id, outcome, s) > px) break;
      qty += books.buyQtyAt(id, outcome, s);
    }
    return qty;
  }

  /** Best price to sell `outcome` now (its bid), Px; 0 if none. */
  private bestSellPx(id: MarketId, outcome: 'YES' | 'NO'): number {
    const books = this.universe!.books;
    const px =
      outcome === 'YES' ? books.bestBidPx(id) : books.bestAskPx(id) < 0 ? -1 : PX_ONE - books.bestAskPx(id);
    return Math.max(0, px);
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
