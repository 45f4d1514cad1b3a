/**
 * Implementation, loaded only when the command runs (its imports are heavy).
 *
 * `arb paper`: paper trading. By default it starts both venue simulators in-process, connects to them over
 * loopback through the real Kalshi and Polymarket adapters exactly as it would to the venues, and trades them
 * with simulated fills until Ctrl-C (or `--duration`), then prints the run report.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Venue } from '../../core/market.ts';
import { asMicros } from '../../core/units.ts';
import type { EngineEvents, OrderStore, RunSummary } from '../../exec/index.ts';
import type { MappingFile } from '../../mapping/index.ts';
import { SIM_FRONTS } from '../../sim/fronts.ts';
import { SimHost } from '../../sim/host.ts';
import { PriceProcess } from '../../sim/process/index.ts';
import {
  formatScenarioIssues,
  loadScenario,
  scenarioMapping,
  type Scenario,
} from '../../sim/universe/index.ts';
import { removeIfUnchanged, writeFileAtomic } from '../atomic-write.ts';
import { redactConfig, type Config } from '../config/index.ts';
import { awaitStopSignal } from '../cli-io.ts';
import { ExitCode } from '../exit-codes.ts';
import { readMappingFile } from '../session/mapping-file.ts';
import { checkLiveDataReachable, LIVE_ENDPOINTS } from './live-data.ts';
import { failureText, heldBackLine, progressLine, reportText } from '../session/progress.ts';
import { realClockKit, runRealClockSession } from '../session/real-clock-session.ts';
import { openRunLog } from '../session/run-log.ts';
import { runSimClockSession } from './sim-clock-session.ts';
import { adaptersFromConnection } from '../session/venue-adapters.ts';
import { openPaperStore, storePath } from '../state-store.ts';
import { KalshiAdapter } from '../../venues/kalshi/index.ts';
import { PolymarketAdapter } from '../../venues/polymarket/index.ts';
import type { VenueAdapter } from '../../venues/venue.ts';
import { loadConfigOrReport } from '../commands/config.ts';
import type { CommandContext } from '../commands/context.ts';

export async function runPaper(ctx: CommandContext, raw: RawPaperOptions): Promise<ExitCode> {
  const { io } = ctx;
  const problems: string[] = [];
  if (raw.data !== 'sim' && raw.data !== 'live')
    problems.push(`--data must be sim or live, got ${JSON.stringify(raw.data)}`);
  const { seed: seedOpt, duration: durationS, newsPerHour: news } = raw;
  if (raw.simClock && durationS === undefined)
    problems.push('--sim-clock needs --duration (a simulated clock never waits for Ctrl-C)');
  if (raw.simClock && raw.data === 'live') problems.push('--sim-clock works only with --data sim');
  if (raw.connectionFile !== undefined) {
    if (raw.connectionFile.trim() === '') problems.push('--connection-file must not be empty');
    if (raw.simClock || raw.data === 'live')
      problems.push(
        '--connection-file needs the embedded simulators on the real clock (not --sim-clock or --data live)',
      );
  }
  if (problems.length > 0) {
    io.stderr(`arb paper: ${problems.join('; ')}\n(run "arb paper --help" for usage)\n`);
    return ExitCode.UsageOrConfig;
  }
  const config = loadConfigOrReport(ctx, raw.config);
  if (config === undefined) return ExitCode.UsageOrConfig;
  const seed = seedOpt ?? config.sim.seed;
  const reportConfig = redactConfig(config);
  const stateDir = raw.stateDir ?? config.paths.stateDir;
  const runLog = openRunLog({
    cwd: io.cwd,
    stateDir,
    name: 'paper',
    level: config.log.level,
    seed,
  });
  const { events } = runLog;
  let summary: RunSummary;
  let store: OrderStore | undefined;
  try {
    store = openPaperStore(storePath(io.cwd, stateDir, 'paper'));
    if (raw.data === 'live') {
      const reach = await checkLiveDataReachable(config);
      if (!reach.ok) {
        io.stderr(`arb paper --data live: ${reach.message}\n`);
        return ExitCode.RuntimeFailure;
      }
      summary = await liveDataRun(ctx, raw, seed, durationS, config, reportConfig, events, store);
      if (raw.summary) writeFileAtomic(resolve(io.cwd, raw.summary), `${JSON.stringify(summary, null, 2)}\n`);
      io.stdout(raw.json ? `${JSON.stringify(summary)}\n` : `${reportText(summary)}\n`);
      return ExitCode.Ok;
    }
    const loaded = loadScenario(raw.scenario ?? config.sim.scenario, seed);
    if (!loaded.ok) {
      io.stderr(`arb paper: scenario is not usable: ${formatScenarioIssues(loaded.error)}\n`);
      return ExitCode.UsageOrConfig;
    }
    const scenario: Scenario =
      news === undefined
        ? loaded.value
        : { ...loaded.value, process: { ...loaded.value.process, newsShocksPerHour: news } };
    summary = raw.simClock
      ? await simClockRun(ctx, raw, scenario, seed, durationS!, config, reportConfig, events, store)
      : await loopbackRun(
          ctx,
          raw,
          scenario,
          seed,
          durationS,
          config,
          reportConfig,
          events,
          runLog.file,
          store,
        );
  } catch (e) {
    io.stderr(`arb paper: ${failureText(e)}\n`);
    return ExitCode.RuntimeFailure;
  } finally {
    runLog.close();
    store?.close();
  }
  if (raw.summary) writeFileAtomic(resolve(io.cwd, raw.summary), `${JSON.stringify(summary, null, 2)}\n`);
  io.stdout(raw.json ? `${JSON.stringify(summary)}\n` : `${reportText(summary)}\n`);
  return ExitCode.Ok;
}

async function simClockRun(
  { io }: CommandContext,
  raw: RawPaperOptions,
  scenario: Scenario,
  seed: number,
  durationS: number,
  config: Config,
  reportConfig: unknown,
  events: EngineEvents,
  store: OrderStore,
): Promise<RunSummary> {
  if (!raw.quiet)
    io.stderr(
      `arb paper: ${durationS} s of scenario ${scenario.name} (seed ${seed}) on a simulated clock …\n`,
    );
  return runSimClockSession({
    scenario,
    seed,
    durationMs: durationS * 1000,
    config,
    reportConfig,
    events,
    store,
    progressEveryMs: 60_000,
    ...(raw.quiet
      ? {}
      : {
          onProgress: (engine, stats, clock) =>
            io.stderr(`${progressLine(engine, stats, clock.now() - scenario.startTimeMs)}\n`),
        }),
  });
}

async function loopbackRun(
  { io }: CommandContext,
  raw: RawPaperOptions,
  scenario: Scenario,
  seed: number,
  durationS: number | undefined,
  config: Config,
  reportConfig: unknown,
  events: EngineEvents,
  logFile: string,
  store: OrderStore,
): Promise<RunSummary> {
  const { stop, dispose: unsubscribe } = awaitStopSignal(io);
  const kit = realClockKit(seed);
  const { clock, rng, ids } = kit;
  const connectionFile = raw.connectionFile === undefined ? undefined : resolve(io.cwd, raw.connectionFile);
  let written: string | undefined;
  let host: SimHost | undefined;
  try {
    host = await SimHost.start({
      scenario,
      clock,
      rng,
      fronts: SIM_FRONTS,
      priceProcess: (c) => new PriceProcess(c).start(),
    });
    const info = host.connectionInfo();
    if (connectionFile !== undefined) {
      // Same file as `arb sim` writes (0600: it holds the simulators' test keys), so the same tools work.
      written = `${JSON.stringify(info, null, 2)}\n`;
      writeFileAtomic(connectionFile, written, 0o600);
    }
    if (!raw.quiet) {
      io.stderr(
        `arb paper: simulators up (scenario ${scenario.name}, seed ${seed}) — Kalshi ${info.kalshi.restUrl}, Polymarket ${info.polymarket.clobUrl}\n` +
          (connectionFile === undefined
            ? ''
            : `arb paper: connection file (URLs, admin API, test keys): ${connectionFile}\n`) +
          `arb paper: connecting through the venue adapters; events are logged to ${logFile}; ${durationS ? `stopping after ${durationS} s` : 'Ctrl-C stops and prints the report'}\n`,
      );
    }
    const { summary, reason } = await runRealClockSession({
      mode: 'paper',
      data: 'sim',
      adapters: adaptersFromConnection(info, { clock, rng, ids }),
      ...kit,
      mapping: scenarioMapping(scenario),
      config,
      reportConfig,
      paperCash: async (_v: Venue) => asMicros(scenario.botCashMicros),
      store,
      durationMs: durationS === undefined ? undefined : durationS * 1000,
      stop,
      events,
      onStarted: (engine) => {
        const held = heldBackLine(engine, 'arb paper');
        if (held !== undefined) io.stderr(`${held}\n`);
        if (!raw.quiet) io.stderr(`arb paper: trading ${engine.progress().markets} markets\n`);
      },
      ...(raw.quiet
        ? {}
        : { onProgress: (engine, stats, elapsed) => io.stderr(`${progressLine(engine, stats, elapsed)}\n`) }),
    });
    if (!raw.quiet) io.stderr(`arb paper: ${reason}, stopped\n`);
    return summary;
  } finally {
    unsubscribe();
    if (connectionFile !== undefined && written !== undefined) removeIfUnchanged(connectionFile, written);
    await host?.close();
  }
}

/**
 * Paper trading on the real venues' public market data. Polymarket's books are public; Kalshi's book feed needs
 * API credentials (config `venues.kalshi.keyId` and a private key), so without them only Polymarket is traded.
 * Orders never reach a venue: the paper venues fill them against the live books.
 */
async function liveDataRun(
  { io }: CommandContext,
  raw: RawPaperOptions,
  seed: number,
  durationS: number | undefined,
  config: Config,
  reportConfig: unknown,
  events: EngineEvents,
  store: OrderStore,
): Promise<RunSummary> {
  const { stop, dispose: unsubscribe } = awaitStopSignal(io);
  const kit = realClockKit(seed);
  const { clock, rng, ids } = kit;
  const k = config.venues.kalshi;
  const p = config.venues.polymarket;
  const kalshiKey =
    k.privateKeyPem ??
    (k.privateKeyPath ? readFileSync(resolve(io.cwd, k.privateKeyPath), 'utf8') : undefined);
  const adapters: Partial<Record<Venue, VenueAdapter>> = {
    polymarket: new PolymarketAdapter({
      clobUrl: p.clobUrl ?? LIVE_ENDPOINTS.polymarketClob,
      wsUrl: p.wsUrl ?? LIVE_ENDPOINTS.polymarketWs,
      userWsUrl: p.userWsUrl ?? LIVE_ENDPOINTS.polymarketUserWs,
      dataUrl: p.dataUrl ?? LIVE_ENDPOINTS.polymarketData,
      gammaUrl: p.gammaUrl ?? LIVE_ENDPOINTS.polymarketGamma,
      // Only public data is read; paper orders never reach the venue, so a throwaway wallet is enough.
      privateKey: p.privateKey ?? `0x${randomBytes(32).toString('hex')}`,
      chainId: p.chainId,
      clock,
      rng: rng.fork('polymarket-adapter'),
      ids,
      // Book hashes are checked, as in arb live: our hash reproduces the venue's real frames (the REST-style
      // summary, judged at the end of a same-timestamp batch; docs/architecture.md, issue 21).
    }),
  };
  if (k.keyId && kalshiKey) {
    adapters.kalshi = new KalshiAdapter({
      restUrl: k.restUrl ?? LIVE_ENDPOINTS.kalshiRest,
      wsUrl: k.wsUrl ?? LIVE_ENDPOINTS.kalshiWs,
      keyId: k.keyId,
      privateKeyPem: kalshiKey,
      clock,
      rng: rng.fork('kalshi-adapter'),
      ids,
      discoverStatus: 'open',
    });
  } else if (!raw.quiet) {
    io.stderr(
      'arb paper --data live: Kalshi skipped (its book feed needs venues.kalshi.keyId and a private key); trading Polymarket only\n',
    );
  }
  const mappingFile = config.paths.mappingFile;
  let mapping: MappingFile | undefined;
  if (mappingFile) {
    const read = readMappingFile(mappingFile, io.cwd);
    if (!read.ok) throw new Error(read.error);
    mapping = read.value;
  }
  try {
    const { summary } = await runRealClockSession({
      mode: 'paper',
      data: 'live',
      store,
      adapters: adapters as Record<Venue, VenueAdapter>,
      ...kit,
      mapping,
      config,
      reportConfig,
      durationMs: durationS === undefined ? undefined : durationS * 1000,
      stop,
      events,
      onStarted: (engine) => {
        const held = heldBackLine(engine, 'arb paper', mappingFile);
        if (held !== undefined) io.stderr(`${held}\n`);
      },
      ...(raw.quiet
        ? {}
        : { onProgress: (engine, stats, elapsed) => io.stderr(`${progressLine(engine, stats, elapsed)}\n`) }),
    });
    return summary;
  } finally {
    unsubscribe();
  }
}

export interface RawPaperOptions {
  data: string;
  stateDir?: string;
  seed?: number;
  scenario?: string;
  /** Seconds. */
  duration?: number;
  simClock?: boolean;
  summary?: string;
  quiet?: boolean;
  config?: string;
  newsPerHour: number;
  json?: boolean;
  connectionFile?: string;
}
