/**
 * The engine's start and stop, step by step.
 *
 * Start: discover every venue's markets and build the trading universe (./trading-universe.ts), read each venue's
 * cash (the risk book's starting point), arm the dead-man switches, recover the order store against the venues,
 * open the order-update streams, count what the store holds against the caps, subscribe the books and wait for
 * their first snapshots, then arm the periodic work. Each step has a deadline (./startup-steps.ts); a step that
 * fails is a `StartupError` with a stable code (./startup-errors.ts). What a failed start opened, `abandon` closes.
 *
 * Stop: finish the package in flight, cancel anything still open, read the final balances, stop the heartbeats
 * (only once nothing is left open: until then the switch still protects it) and close the streams.
 */
import type { TimerHandle } from '../../core/clock.ts';
import type { Venue } from '../../core/market.ts';
import { asMicros, notional, qtyFromContracts, type Micros } from '../../core/units.ts';
import { Detector, type EvalContext } from '../../hot/index.ts';
import { RiskBook } from '../../risk/index.ts';
import type { BookStream, Discovery, OrderStream, VenueAdapter } from '../../venues/venue.ts';
import { CrashPoints } from '../crash-points.ts';
import type { MarketData } from '../engine/market-data.ts';
import type { Scheduler } from '../engine/scheduler.ts';
import { Settlement } from '../engine/settlement.ts';
import type { EngineOptions } from '../engine/types.ts';
import { HeartbeatSupervisor } from '../heartbeats.ts';
import { LateFills } from '../late-fills.ts';
import type { PackageExecutor } from '../package-executor.ts';
import { recover } from '../recovery.ts';
import { DEFAULT_GATE_POLICY, type GateTransition } from '../venue-gate.ts';
import { StartupError } from './startup-errors.ts';
import { FirstBooks, StartupSteps } from './startup-steps.ts';
import { buildUniverse, type TradingUniverse } from './trading-universe.ts';

export interface BootstrapOptions {
  readonly engine: EngineOptions;
  /** The venues, in the engine's fixed order. */
  readonly venues: readonly [Venue, VenueAdapter][];
  readonly executor: PackageExecutor;
  readonly market: MarketData;
  readonly scheduler: Scheduler;
  readonly stopped: () => boolean;
  readonly onGate: (t: GateTransition) => void;
  /** Re-read safe mode from the store (recovery or a reversal may have raised it). */
  readonly refreshSafeMode: () => void;
}

export class Bootstrap {
  /** The risk book, once each venue's cash is read. */
  risk: RiskBook | undefined;
  settlement: Settlement | undefined;
  /** Venue heartbeats and the gate they keep: no new order to a venue whose dead-man switch may be firing. */
  heartbeats: HeartbeatSupervisor | undefined;
  /** Fills that change after their package is done (Polymarket settlement): re-read, reversals taken back. */
  private lateFills: LateFills | undefined;
  private readonly streams: BookStream[] = [];
  /** The venues' user WebSockets: order updates pushed to the order runner (polling stays the safety net). */
  private readonly orderStreams: OrderStream[] = [];
  private pollTimer: TimerHandle | undefined;
  private balanceTimer: TimerHandle | undefined;
  private safeTimer: TimerHandle | undefined;

  constructor(private readonly b: BootstrapOptions) {}

  async start(abort: Promise<string> | undefined): Promise<TradingUniverse> {
    const { engine, market, scheduler, executor } = this.b;
    const { stats, clock, config, events, store } = engine;
    const limits = config.startup;
    const steps = new StartupSteps(clock, limits, abort, events?.startupStep);
    stats.started(clock.now());
    const u = await this.discover(steps);
    const cash: Partial<Record<Venue, Micros>> = {};
    for (const [v, adapter] of this.b.venues) {
      const b = await steps.run(v, 'balance', 'balanceMs', 'not read', () => adapter.balance());
      if (!b.ok)
        throw new StartupError(
          'STARTUP.BALANCE_UNAVAILABLE',
          v,
          'balance',
          `${v}: balance unavailable: ${b.error.code}: ${b.error.message}`,
          { cause: b.error.code },
        );
      cash[v] = b.value;
      stats.startingMicros[v] = b.value;
    }
    const risk = new RiskBook(config.risk, cash);
    this.risk = risk;
    this.settlement = new Settlement({
      venues: this.b.venues,
      clock,
      store,
      stats,
      events,
      risk,
      market,
      runner: executor.runner,
      busy: () => scheduler.busy || this.b.stopped(),
    });
    // The dead-man switches are armed before any order, and a venue takes new orders only while they beat.
    const heartbeats = new HeartbeatSupervisor({
      venues: this.b.venues,
      clock,
      store,
      runner: executor.runner,
      settings: config.heartbeat ?? { everyMs: 3_000, policy: DEFAULT_GATE_POLICY },
      onTransition: (t) => this.b.onGate(t),
    });
    this.heartbeats = heartbeats;
    executor.runner.useGate((v) => this.heartbeats?.closedReason(v));
    heartbeats.start();
    for (const v of heartbeats.watched)
      await steps.run(v, 'first heartbeat', 'heartbeatMs', 'not acknowledged', () => heartbeats.firstBeat(v));
    this.lateFills = new LateFills({
      clock,
      store,
      runner: executor.runner,
      stats,
      venues: () => this.b.venues.map(([v]) => v),
      busy: () => scheduler.busy || this.b.stopped(),
      releaseHeld: (venue, m, micros) =>
        risk.addHeld({ venue, market: m, eventKey: market.eventKey(venue, m) }, asMicros(micros)),
      warn: (m, f) => events?.warn?.(m, f),
      safeModeChanged: () => this.b.refreshSafeMode(),
    });
    await this.recover(steps);
    this.openOrderStreams();
    // What the store says is held counts against the market and event caps, as if bought this run.
    for (const f of store.fills()) {
      if (f.reversed) continue;
      const held = (f.side === 'BUY' ? 1 : -1) * notional(f.px, f.qty);
      risk.addHeld(
        { venue: f.venue, market: f.market, eventKey: market.eventKey(f.venue, f.market) },
        asMicros(held),
      );
    }
    const ctx: EvalContext = {
      books: u.books,
      markets: u.markets,
      limits: config.lanes,
      maxSize: qtyFromContracts(config.maxContracts),
      idBucketMs: 60_000,
    };
    market.detector = new Detector(u.shapes, ctx, { onOpportunity: (o) => scheduler.onOpportunity(o) });
    await this.subscribeBooks(steps, u);
    // The order the timers are created in is part of a SimClock run's determinism: keep it.
    this.pollTimer = clock.setInterval(() => void market.pollLostBooks(), config.pollMs);
    this.balanceTimer = clock.setInterval(
      () => void this.settlement!.refreshBalances(),
      config.balanceRefreshMs,
    );
    this.safeTimer = clock.setInterval(() => this.b.refreshSafeMode(), 1_000);
    scheduler.startTimers(config.unknownRetryMs, this.lateFills, config.pendingFillSyncMs ?? 2_000);
    return u;
  }

  /** Undo a start that failed or was stopped: no timer, stream or heartbeat outlives it. */
  async abandon(): Promise<void> {
    this.b.market.closing = true;
    this.clearTimers();
    this.heartbeats?.stop();
    await Promise.all([...this.streams, ...this.orderStreams].map((s) => s.close().catch(() => undefined)));
  }

  /** Stop trading: wait for the package in flight, cancel anything still open, close the streams. */
  async stop(): Promise<void> {
    const { engine, executor, scheduler } = this.b;
    const { stats, store, events, clock } = engine;
    this.clearTimers();
    await scheduler.inFlight;
    const waiting = executor.waitingPackages();
    if (waiting.length > 0)
      events?.warn?.(
        `${waiting.length} package(s) still wait for an order's outcome (${waiting
          .flatMap((w) => w.unknown)
          .join(', ')}): the next start's recovery asks the venues again`,
      );
    stats.packages.unresolved = waiting.length;
    for (const [v, adapter] of this.b.venues) {
      const open = await adapter.openOrders();
      if (open.ok)
        for (const o of open.value) {
          const intent = o.clientOrderId ? store.intent(o.clientOrderId) : undefined;
          if (intent) await executor.runner.cancel(v, intent.clientOrderId);
          else await adapter.cancelOrder(o.id);
        }
      const b = await adapter.balance();
      if (b.ok) stats.endingMicros[v] = b.value;
    }
    // Beats stop only once nothing is left open (until then the switch still protects it).
    this.heartbeats?.stop();
    stats.venueGates = this.heartbeats?.view() ?? [];
    stats.orders.gated = executor.runner.gated;
    this.b.market.closing = true;
    await Promise.all([...this.streams, ...this.orderStreams].map((s) => s.close()));
    stats.orders.pushedUpdates = executor.runner.pushed.applied;
    stats.feeDrift = { ...executor.runner.feed.feeDrift };
    stats.ended(clock.now());
  }

  private clearTimers(): void {
    const clock = this.b.engine.clock;
    for (const t of [this.pollTimer, this.balanceTimer, this.safeTimer]) clock.clearTimer(t);
    this.b.scheduler.stopTimers();
    // Not started when the start failed before the timers: stopping it is still right (it may hold none).
    this.lateFills?.stop();
  }

  /** Every venue's markets, the universe built from them and the mapping, and what the run report says of it. */
  private async discover(steps: StartupSteps): Promise<TradingUniverse> {
    const { stats, config, events, mapping, ids } = this.b.engine;
    const discoveries = new Map<Venue, Discovery>();
    for (const [v, adapter] of this.b.venues) {
      const d = await steps.run(v, 'market discovery', 'discoveryMs', 'not done', () => adapter.discover());
      if (!d.ok)
        throw new StartupError(
          'STARTUP.DISCOVERY_FAILED',
          v,
          'market discovery',
          `${v}: market discovery failed: ${d.error.code}: ${d.error.message}`,
          { cause: d.error.code },
        );
      discoveries.set(v, d.value);
      for (const r of d.value.refused ?? []) {
        stats.marketsRefused[v] = (stats.marketsRefused[v] ?? 0) + 1;
        events?.warn?.(`${v}: market ${r.key} refused: ${r.reason}`, { market: r.key });
      }
    }
    const u = buildUniverse({ discoveries, mapping, minConfidence: config.minConfidence, ids });
    this.b.market.universe = u;
    for (const d of u.relations.dropped) events?.warn?.(`relation dropped: ${d}`);
    for (const h of u.relations.heldBack)
      events?.warn?.(
        `relation held back (${h.verdict}): ${h.id}: ${h.reasons.map((r) => `${r.code}: ${r.message}`).join('; ')}`,
        { relation: h.id, verdict: h.verdict, reasons: h.reasons.map((r) => r.code) },
      );
    stats.heldBack(u.relations.heldBack, u.relations.approved.length);
    for (const [v, keys] of u.keysByVenue) stats.marketsByVenue[v] = keys.length;
    stats.shapes = u.shapes.length;
    stats.relations = u.relations.used;
    return u;
  }

  /** Recovery before any new order: the store and the venues must agree, or the engine starts in safe mode. */
  private async recover(steps: StartupSteps): Promise<void> {
    const { venues, clock, store, crash, stats, events } = this.b.engine;
    const recovery = await steps.run(undefined, 'startup recovery', 'recoveryMs', 'not done', () =>
      recover({ venues, clock, store, runner: this.b.executor.runner, crash: crash ?? CrashPoints.none() }),
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
    events?.recovered?.(recovery);
    this.b.refreshSafeMode();
  }

  private openOrderStreams(): void {
    const runner = this.b.executor.runner;
    for (const [v, adapter] of this.b.venues) {
      if (!adapter.streamOrders) continue;
      const s = adapter.streamOrders((u) => runner.onOrderUpdate(v, u));
      this.orderStreams.push(s);
      // Not awaited: order updates only speed tracking up; a user stream that cannot connect is a warning.
      s.ready.catch((e: unknown) =>
        this.b.engine.events?.warn?.(
          `${v}: order update stream not ready: ${e instanceof Error ? e.message : String(e)}`,
        ),
      );
    }
  }

  /** Subscribe every venue's books, and (with deadlines) wait for each book's first snapshot. */
  private async subscribeBooks(steps: StartupSteps, u: TradingUniverse): Promise<void> {
    const market = this.b.market;
    // Without deadlines (a library caller), books are not waited for: they arrive as they come.
    const first = this.b.engine.config.startup ? new FirstBooks(u.keysByVenue) : undefined;
    market.firstBooks = first;
    const subscribed: [Venue, BookStream][] = [];
    for (const [v, adapter] of this.b.venues) {
      const keys = u.keysByVenue.get(v) ?? [];
      if (keys.length === 0) continue;
      const s = adapter.streamBooks(keys, (e) => market.onBook(v, e));
      this.streams.push(s);
      subscribed.push([v, s]);
    }
    for (const [v, s] of subscribed)
      await steps.run(v, 'book subscription', 'subscribeMs', 'not ready', () => s.ready);
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
  }
}
