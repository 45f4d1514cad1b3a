/**
 * A session on the real clock against venues reached over the network (the embedded simulators on loopback, a
 * connection file's venues, or the real venues): paper wraps each adapter in a `PaperVenue`, live trades the
 * adapters directly. It runs until the duration ends or a stop signal arrives, then stops the engine (which
 * cancels anything still open) and returns the run report.
 */
import { MarketIdTable, type Venue } from '../../core/market.ts';
import { Rng } from '../../core/rng.ts';
import { asMicros, type Micros } from '../../core/units.ts';
import {
  Engine,
  PaperVenue,
  RunStats,
  type CrashPoints,
  type EngineEvents,
  type OrderStore,
  type RunSummary,
  StartupAborted,
} from '../../exec/index.ts';
import type { MappingFile } from '../../mapping/index.ts';
import type { VenueAdapter } from '../../venues/venue.ts';
import type { Config } from '../config/index.ts';
import { RealClock } from '../real-clock.ts';
import { engineConfig } from './engine-config.ts';

/** What every real-clock session starts from: the real clock, seeded randomness and a fresh market-id table. */
export interface RealClockKit {
  readonly clock: RealClock;
  readonly rng: Rng;
  readonly seed: number;
  readonly ids: MarketIdTable;
}

export function realClockKit(seed: number): RealClockKit {
  return { clock: new RealClock(), rng: new Rng(seed), seed, ids: new MarketIdTable() };
}

export interface RealClockSessionOptions extends RealClockKit {
  readonly mode: 'paper' | 'live';
  readonly data: RunSummary['data'];
  readonly adapters: Record<Venue, VenueAdapter>;
  readonly mapping: MappingFile | undefined;
  readonly config: Config;
  readonly reportConfig: unknown;
  /** Paper cash per venue (paper mode only). */
  readonly paperCash?: (venue: Venue) => Promise<Micros>;
  readonly durationMs: number | undefined;
  readonly stop: Promise<string>;
  readonly events?: EngineEvents;
  readonly onStarted?: (engine: Engine) => void;
  readonly onProgress?: (engine: Engine, stats: RunStats, elapsedMs: number) => void;
  readonly progressEveryMs?: number;
  /** Where intents, orders, fills and safe mode live (reconciled against the venues on start). */
  readonly store: OrderStore;
  readonly crash?: CrashPoints;
  /**
   * Bound on the stop (ms): the engine waits for the package in flight before cancelling what is open; past this
   * the session returns anyway and the next start's crash recovery resolves what was left. Unbounded if absent.
   */
  readonly stopTimeoutMs?: number;
}

export async function runRealClockSession(
  opts: RealClockSessionOptions,
): Promise<{ summary: RunSummary; reason: string; abandoned?: boolean }> {
  const { clock, config } = opts;
  const stats = new RunStats({
    mode: opts.mode,
    data: opts.data,
    clock: 'real',
    seed: opts.seed,
    config: opts.reportConfig,
  });
  const books = { levels: (v: Venue, m: string) => engine.levels(v, m) };
  const venues: Partial<Record<Venue, VenueAdapter>> = {};
  for (const [venue, adapter] of Object.entries(opts.adapters) as [Venue, VenueAdapter][]) {
    if (opts.mode === 'live') {
      venues[venue] = adapter;
      continue;
    }
    venues[venue] = new PaperVenue(adapter, {
      clock,
      rng: opts.rng.fork(`paper-${venue}`),
      books,
      fees: (market) => engine.feesOf(venue, market),
      startingCash: (await opts.paperCash?.(venue)) ?? asMicros(config.paper.startingCashUsd),
      latencyMs: [config.paper.latencyMinMs, config.paper.latencyMaxMs],
    });
  }
  const engine: Engine = new Engine({
    venues,
    clock,
    ids: opts.ids,
    mapping: opts.mapping,
    config: engineConfig(config),
    stats,
    store: opts.store,
    ...(opts.crash ? { crash: opts.crash } : {}),
    ...(opts.events ? { events: opts.events } : {}),
  });
  let abandonedAtStop = false;
  try {
    try {
      // A stop signal during start-up ends the step in progress; what was started is closed, nothing traded.
      await engine.start({ abort: opts.stop });
    } catch (e) {
      if (!(e instanceof StartupAborted)) throw e;
      stats.ended(clock.now());
      return { summary: stats.summary(), reason: e.message };
    }
    opts.onStarted?.(engine);
    const startedAt = clock.now();
    const every = opts.progressEveryMs ?? 5_000;
    const ticker = opts.onProgress
      ? clock.setInterval(() => opts.onProgress!(engine, stats, clock.now() - startedAt), every)
      : undefined;
    let timer: ReturnType<RealClock['setTimeout']> | undefined;
    let reason = await Promise.race([
      opts.stop,
      new Promise<string>((resolve) => {
        if (opts.durationMs !== undefined)
          timer = clock.setTimeout(() => resolve('duration reached'), opts.durationMs);
      }),
    ]);
    clock.clearTimer(timer);
    clock.clearTimer(ticker);
    if (opts.stopTimeoutMs === undefined) await engine.stop();
    else {
      let bound: ReturnType<RealClock['setTimeout']> | undefined;
      const timedOut = await Promise.race([
        engine.stop().then(() => false),
        new Promise<boolean>(
          (resolve) => (bound = clock.setTimeout(() => resolve(true), opts.stopTimeoutMs!)),
        ),
      ]);
      clock.clearTimer(bound);
      if (timedOut) {
        reason = `${reason}; the package in flight did not finish within ${opts.stopTimeoutMs} ms (left to crash recovery at the next start)`;
        // The engine still holds the package: its store and sockets must stay open until the process exits.
        abandonedAtStop = true;
        return { summary: stats.summary(), reason, abandoned: true };
      }
    }
    return { summary: stats.summary(), reason };
  } finally {
    // Also when starting failed (a venue unreachable, discovery refused): no socket or timer outlives the session.
    // Not when a package was abandoned at stop: closing its venue under it would only turn its legs into errors.
    if (!abandonedAtStop) for (const v of Object.values(venues)) await v?.close();
  }
}
