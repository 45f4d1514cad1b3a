/**
 * A paper session on a simulated clock: the simulated venues run in-process (no sockets), the engine trades them
 * through paper venues, and the clock jumps from one timer to the next, letting every promise chain settle in
 * between. An hour takes seconds, and the same seed gives the same report, to the micro. When the duration is
 * up, a package still executing is finished first (its orders are a few hundred simulated ms from the venue), so
 * the report's `durationMs` can run slightly past the duration asked for.
 */
import { setImmediate } from 'node:timers/promises';
import { SimClock } from '../../core/clock.ts';
import { MarketIdTable, type Venue } from '../../core/market.ts';
import { Rng } from '../../core/rng.ts';
import {
  Engine,
  OrderStore,
  PaperVenue,
  RunStats,
  type EngineEvents,
  type RunSummary,
} from '../../exec/index.ts';
import { SimDirectAdapter } from './sim-direct-adapter.ts';
import { PriceProcess } from '../../sim/process/index.ts';
import { scenarioMapping, type Scenario } from '../../sim/universe/index.ts';
import { createVenueExchanges } from '../../sim/venue-exchanges.ts';
import type { VenueAdapter } from '../../venues/venue.ts';
import type { Config } from '../config/index.ts';
import { engineConfig } from '../session/engine-config.ts';

export interface SimClockSessionOptions {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly durationMs: number;
  readonly config: Config;
  /** The config as it should appear in the report (secrets redacted). */
  readonly reportConfig: unknown;
  readonly events?: EngineEvents;
  /** Called every `progressEveryMs` of simulated time. */
  readonly onProgress?: (engine: Engine, stats: RunStats, clock: SimClock) => void;
  readonly progressEveryMs?: number;
  /** The paper session's order store (default: in memory). A paper venue lives in memory, so it starts empty. */
  readonly store?: OrderStore;
}

/** Run the clock to `untilMs`, timer by timer, settling promise chains after each step. */
export async function runClock(clock: SimClock, untilMs: number, onStep?: () => void): Promise<void> {
  for (;;) {
    await setImmediate();
    const next = clock.nextDueAt();
    if (next === undefined || next > untilMs) break;
    clock.advanceTo(next);
    onStep?.();
  }
  clock.advanceTo(Math.max(clock.now(), untilMs));
  await setImmediate();
}

export async function runSimClockSession(opts: SimClockSessionOptions): Promise<RunSummary> {
  const { scenario, config } = opts;
  const clock = new SimClock(scenario.startTimeMs);
  const rng = new Rng(opts.seed);
  const exchanges = createVenueExchanges(scenario, clock);
  const process = new PriceProcess({ scenario, exchanges, clock, rng: rng.fork('process') }).start();
  const ids = new MarketIdTable();
  const stats = new RunStats({
    mode: 'paper',
    data: 'sim',
    clock: 'sim',
    seed: opts.seed,
    config: opts.reportConfig,
  });
  const venues: Partial<Record<Venue, VenueAdapter>> = {};
  // The engine is the paper venues' book source, created after them: the closure reads it when orders arrive.
  const books = { levels: (v: Venue, m: string) => engine.levels(v, m) };
  for (const venue of ['kalshi', 'polymarket'] as const) {
    const inner = new SimDirectAdapter({ exchange: exchanges[venue], scenario, clock, ids });
    venues[venue] = new PaperVenue(inner, {
      clock,
      rng: rng.fork(`paper-${venue}`),
      books,
      fees: (market) => engine.feesOf(venue, market),
      startingCash: scenario.botCashMicros as never,
      latencyMs: [config.paper.latencyMinMs, config.paper.latencyMaxMs],
    });
  }
  const engine: Engine = new Engine({
    venues,
    clock,
    ids,
    mapping: scenarioMapping(scenario),
    config: engineConfig(config),
    stats,
    store: opts.store ?? OrderStore.open(':memory:', { storeId: 'paper', durable: false }),
    ...(opts.events ? { events: opts.events } : {}),
  });
  await engine.start();
  const end = clock.now() + opts.durationMs;
  const every = opts.progressEveryMs ?? 0;
  let nextProgress = clock.now() + every;
  await runClock(clock, end, () => {
    if (every > 0 && clock.now() >= nextProgress) {
      nextProgress += every;
      opts.onProgress?.(engine, stats, clock);
    }
  });
  // Stop taking opportunities, but a package still in flight waits for its orders' latency timers: keep the
  // clock running (the market with it) until the engine has stopped, or it never would.
  await untilSettled(clock, engine.stop());
  process.stop();
  return stats.summary();
}

/** Advance `clock` timer by timer until `work` has settled; returns its result. */
export async function untilSettled<T>(clock: SimClock, work: Promise<T>): Promise<T> {
  let settled = false;
  const done = work.finally(() => {
    settled = true;
  });
  for (;;) {
    await setImmediate();
    if (settled) break;
    const next = clock.nextDueAt();
    if (next === undefined) break;
    clock.advanceTo(next);
  }
  return done;
}
