/**
 * The trading engine: one loop from book update to order.
 *
 *   venue book events → book store → incremental detector → opportunity
 *     → sizing (execution-aware Kelly) → risk precheck → package executor → venues → run report
 *
 * Paper and live differ only in the `VenueAdapter`s passed in (a `PaperVenue` wrapping a real adapter, or the
 * real adapter). `Engine` is the one entry point; its parts each hold one responsibility:
 *
 *   ../bootstrap/engine-bootstrap.ts  start and stop: discovery, recovery, streams, heartbeats, start-up steps
 *   ./market-data.ts                  book events, REST polling of lost books, the reads of the books
 *   ./scheduler.ts                    which opportunity goes next, the single executor slot, its timers
 *   ./planning.ts                     sizing inputs → the pure ../planner.ts → risk precheck and commit
 *   ./settlement.ts                   what a finished package does to the risk book, the report, the balances
 *
 * Safe mode (unacknowledged reasons in the store) is kept here: it gates the scheduler and is re-read each second.
 */
import type { FeeModel } from '../../core/fees.ts';
import type { Outcome, Venue } from '../../core/market.ts';
import type { RiskBook } from '../../risk/index.ts';
import type { VenueAdapter } from '../../venues/venue.ts';
import { Bootstrap } from '../bootstrap/engine-bootstrap.ts';
import type { TradingUniverse } from '../bootstrap/trading-universe.ts';
import { CrashPoints } from '../crash-points.ts';
import { type HaltChange, Halts } from '../halts.ts';
import { PackageExecutor } from '../package-executor.ts';
import type { QuoteView } from '../package-types.ts';
import type { BookSource } from '../paper-venue.ts';
import type { SafeModeReason } from '../store/order-store.ts';
import type { GateTransition } from '../venue-gate.ts';
import { MarketData } from './market-data.ts';
import { planOpportunity } from './planning.ts';
import { Scheduler } from './scheduler.ts';
import type { EngineOptions } from './types.ts';

export type { EngineConfig, EngineEvents, EngineOptions } from './types.ts';

export class Engine implements BookSource, QuoteView {
  private readonly executor: PackageExecutor;
  private readonly market: MarketData;
  private readonly scheduler: Scheduler;
  private readonly boot: Bootstrap;
  private stopped = false;
  /** Unacknowledged safe-mode reasons (re-read from the store each second: `arb ack` runs in another process). */
  private safeReasons: readonly SafeModeReason[] = [];
  /** Why new packages may not open (kill switch, loss cap, failures, data health): ../halts.ts. */
  readonly halts: Halts;

  constructor(private readonly opts: EngineOptions) {
    const venues = (Object.entries(opts.venues) as [Venue, VenueAdapter][]).sort(([a], [b]) =>
      a < b ? -1 : 1,
    );
    const stopped = (): boolean => this.stopped;
    this.halts = new Halts((c) => this.onHalt(c));
    this.market = new MarketData({
      venues: opts.venues,
      clock: opts.clock,
      ids: opts.ids,
      stats: opts.stats,
      events: opts.events,
      stopped,
    });
    this.executor = new PackageExecutor({
      venues: opts.venues,
      clock: opts.clock,
      store: opts.store,
      crash: opts.crash ?? CrashPoints.none(),
      quotes: this.market,
      legging: opts.config.legging,
      timing: opts.config.orderTiming,
      onOrder: (v, outcome) => opts.stats.order(v, outcome),
      onSafeMode: () => this.refreshSafeMode(),
    });
    this.scheduler = new Scheduler({
      clock: opts.clock,
      stats: opts.stats,
      events: opts.events,
      executor: this.executor,
      stopped,
      safeMode: () => this.safeReasons.length > 0,
      gatesOpen: (vs) => this.boot.heartbeats?.openFor(vs) ?? true,
      halted: (vs) => this.halts.blockedFor(vs) !== undefined,
      open: () => this.market.detector?.opportunities().values(),
      plan: (o) =>
        planOpportunity(
          {
            config: opts.config,
            stats: opts.stats,
            events: opts.events,
            universe: this.market.universe!,
            risk: this.risk!,
            market: this.market,
            venues: venues.map(([v]) => v),
          },
          o,
        ),
      settle: (result, plan, o) => this.boot.settlement!.packageDone(result, plan, o),
    });
    this.boot = new Bootstrap({
      engine: opts,
      venues,
      executor: this.executor,
      market: this.market,
      scheduler: this.scheduler,
      stopped,
      onGate: (t) => this.onGate(t),
      refreshSafeMode: () => this.refreshSafeMode(),
    });
  }

  /** What the engine trades on, once started. */
  get universe(): TradingUniverse | undefined {
    return this.market.universe;
  }

  /** Safe mode: new packages are refused until an operator acknowledges every reason (`arb ack`). */
  get safeMode(): readonly SafeModeReason[] {
    return this.safeReasons;
  }

  /** The risk book, once each venue's cash is read at start. */
  private get risk(): RiskBook | undefined {
    return this.boot.risk;
  }

  /**
   * Discover markets, build the universe, read balances, arm the dead-man switches, recover, and start streaming
   * books (../bootstrap/engine-bootstrap.ts). Each step has a deadline (`config.startup`): past it, a
   * `StartupError` (code `STARTUP.TIMEOUT`) naming the venue and the step; a venue that refuses discovery or its
   * balance is `STARTUP.DISCOVERY_FAILED` / `STARTUP.BALANCE_UNAVAILABLE`; `abort` (a stop signal) ends the step
   * in progress with `StartupAborted`. Either way what was started is closed again before it throws.
   */
  async start(opts: { abort?: Promise<string> } = {}): Promise<TradingUniverse> {
    try {
      return await this.boot.start(opts.abort);
    } catch (e) {
      this.stopped = true;
      await this.boot.abandon();
      throw e;
    }
  }

  /** Stop trading: wait for the package in flight, cancel anything still open, close the streams. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.boot.stop();
  }

  /** The live book of a market as the engine sees it (what a paper venue fills against). */
  levels(venue: Venue, market: string) {
    return this.market.levels(venue, market);
  }

  /** QuoteView for the legging checks: what is offered to buy `outcome` at or below `limitPx` right now. */
  buyable(venue: Venue, market: string, outcome: Outcome, limitPx: number) {
    return this.market.buyable(venue, market, outcome, limitPx);
  }

  /** A discovered market's fee model (what paper fills charge); no fees for a market the engine does not know. */
  feesOf(venue: Venue, market: string): FeeModel {
    return this.market.feesOf(venue, market);
  }

  /** Progress numbers for the live display. */
  progress() {
    return this.market.progress();
  }

  /**
   * Markets no new package may use: every leg market of a package waiting for an order's outcome (the order may
   * have traded, and the package may still need to complete or unwind there). `venue:market` keys.
   */
  blockedMarkets(): ReadonlySet<string> {
    return this.scheduler.blockedMarkets();
  }

  private refreshSafeMode(): void {
    const before = this.safeReasons.length > 0;
    this.safeReasons = this.opts.store.safeModeReasons();
    const on = this.safeReasons.length > 0;
    this.opts.stats.safeMode = { on, reasons: this.safeReasons.map((r) => `${r.code}: ${r.detail}`) };
    if (on !== before) this.opts.events?.safeMode?.(on, this.safeReasons);
    // Acknowledged: whatever waited while trading was refused gets its turn.
    if (before && !on) this.scheduler.next();
  }

  /** A halt was set or lifted: told to the caller, kept in the store's meta for `arb status`; lifted, what waited goes. */
  private onHalt(c: HaltChange): void {
    this.opts.events?.halt?.(c);
    this.opts.store.setMeta(
      'halts',
      JSON.stringify({
        atMs: Math.floor(this.opts.clock.now()),
        trading: this.halts.state,
        halts: this.halts.view(),
      }),
    );
    if (c.kind === 'lifted') void Promise.resolve().then(() => this.scheduler.next());
  }

  /** A venue's gate changed; reopened, whatever waited gets its turn (as after safe mode). */
  private onGate(t: GateTransition): void {
    this.opts.events?.venueGate?.(t);
    this.opts.stats.venueGates = this.boot.heartbeats?.view() ?? [];
    // Not from inside the gate check that noticed it (that may be `next` itself).
    if (t.open) void Promise.resolve().then(() => this.scheduler.next());
  }
}
