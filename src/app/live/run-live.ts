/**
 * Implementation, loaded only when the command runs (its imports are heavy).
 *
 * `arb live --venues FILE`: the paper engine, placing real orders on the venues named in a connection file
 * (the `arb sim` format). Same planner, same order path; only the venue differs.
 *
 * Every order goes through the order store (`<stateDir>/live.db`): intent first, then the request; every start
 * reconciles the store against the venues before trading, and anything unexplained or unhedged starts it in safe
 * mode. Before it starts, the pre-run gates (src/app/gates) must be green, which is what lets it take the real
 * venues' endpoints; `--skip-gates` is allowed only on loopback (the simulators). Each start is recorded for
 * crash-loop detection (src/app/supervision/crash-loop.ts): after too many failed starts in a row it stays down.
 */
import { resolve } from 'node:path';
import type { MappingFile } from '../../mapping/index.ts';
import type { ConnectionInfo } from '../../sim/connection.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { redactConfig, type Config } from '../config/index.ts';
import { readConnectionFile } from '../gates/connection-file.ts';
import { runGateChain } from '../gates/run-chain.ts';
import { gateLine } from '../gates/run-gates.ts';
import { crashLoopVerdict, StartLedger } from '../supervision/crash-loop.ts';
import { awaitStopSignal } from '../cli-io.ts';
import { ExitCode } from '../exit-codes.ts';
import { readMappingFile } from '../session/mapping-file.ts';
import { failureText, heldBackLine, progressLine, reportText } from '../session/progress.ts';
import { realClockKit, runRealClockSession } from '../session/real-clock-session.ts';
import { openRunLog } from '../session/run-log.ts';
import { adaptersFromConnection } from '../session/venue-adapters.ts';
import { KalshiAdapter } from '../../venues/kalshi/index.ts';
import { watchVenueSafetyNet } from './venue-safety-net.ts';
import { crashPointsFromEnv, openLiveStore, startHeartbeat, storePath } from '../state-store.ts';
import type { CrashPoints, OrderStore } from '../../exec/index.ts';
import { loadConfigOrReport } from '../commands/config.ts';
import type { CommandContext } from '../commands/context.ts';

export async function runLive(ctx: CommandContext, raw: RawLiveOptions): Promise<ExitCode> {
  const { io } = ctx;
  const crash = crashPointsFromEnv(io.env);
  if (!crash.ok) {
    io.stderr(`arb live: ${crash.error}\n`);
    return ExitCode.UsageOrConfig;
  }
  // The connection file's form is a usage error (exit 2, no restart helps); reaching the venues is a gate.
  const read = readConnectionFile(io.cwd, raw.venues);
  if (!read.ok) {
    io.stderr(`arb live: ${read.problems.join('\n  ')}\n`);
    return ExitCode.UsageOrConfig;
  }
  const info = read.info;
  const config = loadConfigOrReport(ctx, raw.config);
  if (config === undefined) return ExitCode.UsageOrConfig;
  const stateDir = raw.stateDir ?? config.paths.stateDir;
  const mappingPath = raw.mapping ?? config.paths.mappingFile;
  if (mappingPath) {
    const m = readMappingFile(mappingPath, io.cwd);
    if (!m.ok) {
      io.stderr(`arb live: ${m.error}\n`);
      return ExitCode.UsageOrConfig;
    }
  }
  const ledger = StartLedger.open(resolve(io.cwd, stateDir));
  if (ledger.problem) io.stderr(`arb live: ${ledger.problem}\n`);
  if (raw.clearCrashLoop) {
    ledger.clear();
    io.stderr(`arb live: crash-loop record cleared (--clear-crash-loop)\n`);
  }
  const loop = crashLoopVerdict(ledger.records(), io.now(), {
    maxStarts: config.supervision.crashLoopStarts,
    windowMs: config.supervision.crashLoopWindowMinutes * 60_000,
  });
  if (loop.loop) {
    io.stderr(
      `arb live: CRASH LOOP, not starting: ${loop.reason}. Find the cause in the run logs (${stateDir}), then start with --clear-crash-loop\n`,
    );
    return ExitCode.CrashLoop;
  }
  ledger.recordStart(io.now(), process.pid);
  const code = await runLiveStarted(ctx, raw, { info, config, stateDir, mappingPath, crash: crash.value });
  if (code === ExitCode.Ok) ledger.markClean(process.pid);
  return code;
}

async function runLiveStarted(
  ctx: CommandContext,
  raw: RawLiveOptions,
  p: {
    info: ConnectionInfo;
    config: Config;
    stateDir: string;
    mappingPath: string | undefined;
    crash: CrashPoints;
  },
): Promise<ExitCode> {
  const { io } = ctx;
  const { duration, seed } = raw;
  const { config, stateDir, mappingPath } = p;
  let info = p.info;
  let gateRecord: string | undefined;
  if (raw.skipGates) {
    const remote = remoteUrls(info);
    if (remote.length > 0) {
      io.stderr(
        `arb live: --skip-gates is for the simulators on this machine only; not loopback: ${remote.join(', ')}\n`,
      );
      return ExitCode.UsageOrConfig;
    }
  } else {
    const gates = await runGateChain({
      cwd: io.cwd,
      env: io.env,
      configFile: raw.config,
      connectionFile: raw.venues,
      mappingFile: raw.mapping,
      stateDir,
      onGate: (r) => {
        if (!raw.quiet || r.status !== 'green') io.stderr(`arb live: gate ${gateLine(r)}\n`);
      },
    });
    // A store in safe mode does not stop the start: the engine starts in safe mode (no new packages), so every
    // restart still runs crash recovery and keeps watching; every other gate must be green.
    const blocking = gates.results.find((r) => r.status !== 'green' && r.name !== 'store');
    if (blocking) {
      io.stderr(
        `arb live: not starting: gate "${blocking.name}" is ${blocking.status}: ${blocking.reason}\n`,
      );
      return ExitCode.GateRed;
    }
    if (gates.info) info = gates.info;
    // Kept in the store for `arb status` (a red store gate is the one a start goes past, in safe mode).
    gateRecord = JSON.stringify({
      atMs: io.now(),
      pass: gates.results.every((r) => r.status === 'green'),
      gates: gates.results.map(({ name, status, reason }) => ({ name, status, reason })),
    });
  }
  let mapping: MappingFile | undefined;
  if (mappingPath) {
    const read = readMappingFile(mappingPath, io.cwd);
    if (!read.ok) {
      io.stderr(`arb live: ${read.error}\n`);
      return ExitCode.UsageOrConfig;
    }
    mapping = read.value;
  }
  const dbPath = storePath(io.cwd, stateDir, 'live');
  let store: OrderStore;
  try {
    store = openLiveStore(dbPath);
  } catch (e) {
    io.stderr(
      `arb live: cannot open the order store ${dbPath}: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return ExitCode.RuntimeFailure;
  }
  if (gateRecord !== undefined) store.setMeta('gates', gateRecord);
  const { stop, dispose: unsubscribe } = awaitStopSignal(io);
  const runLog = openRunLog({
    cwd: io.cwd,
    stateDir,
    name: 'live',
    level: config.log.level,
    seed,
  });
  const kit = realClockKit(seed);
  const { clock, rng, ids } = kit;
  const stopHeartbeat = startHeartbeat(store, clock);
  let abandoned = false;
  let stopSafetyNet: (() => void) | undefined;
  try {
    const adapters = adaptersFromConnection(info, {
      clock,
      rng,
      ids,
      kalshiOrderGroupContractsLimit: config.venues.kalshi.orderGroupContractsLimit,
    });
    const session = await runRealClockSession({
      mode: 'live',
      data: 'venues',
      adapters,
      ...kit,
      mapping,
      config,
      reportConfig: redactConfig(config),
      durationMs: duration === undefined ? undefined : duration * 1000,
      stop,
      store,
      crash: p.crash,
      stopTimeoutMs: config.supervision.stopTimeoutMs,
      events: {
        ...runLog.events,
        recovered: (r) => {
          runLog.events.recovered?.(r);
          if (!raw.quiet)
            io.stderr(
              `arb live: recovered from ${dbPath}: ${r.intentsResolved} intents resolved, ${r.fillsRecorded} fills recorded, ${r.packagesRecovered} packages re-evaluated, ${r.ordersAdopted} orders adopted, ${r.positionMismatches} position mismatches\n`,
            );
        },
        startupStep: (venue, step) => {
          runLog.events.startupStep?.(venue, step);
          if (!raw.quiet) io.stderr(`arb live: starting: ${venue ? `${venue} ` : ''}${step}\n`);
        },
        venueGate: (t) => {
          runLog.events.venueGate?.(t);
          io.stderr(
            t.open
              ? `arb live: ${t.venue}: heartbeats acknowledged, new orders allowed\n`
              : `arb live: ${t.venue}: NEW ORDERS STOPPED (dead-man switch): ${t.reason}\n`,
          );
        },
        safeMode: (on, reasons) => {
          runLog.events.safeMode?.(on, reasons);
          io.stderr(
            on
              ? `arb live: SAFE MODE — new packages refused until an operator runs "arb ack":\n${reasons.map((r) => `  ${r.code}: ${r.detail}\n`).join('')}`
              : `arb live: safe mode cleared (acknowledged); trading resumes\n`,
          );
        },
      },
      ...(raw.quiet
        ? {}
        : { onProgress: (engine, stats, elapsed) => io.stderr(`${progressLine(engine, stats, elapsed)}\n`) }),
      onStarted: (engine) => {
        // The venue's own cap: a hit halts new Kalshi packages, and arb status shows the group (issue 16).
        stopSafetyNet = watchVenueSafetyNet({
          kalshi: adapters.kalshi instanceof KalshiAdapter ? adapters.kalshi : undefined,
          halts: engine.halts,
          store,
          clock,
        });
        // Held back relations are said even with --quiet: the operator must know what is not traded.
        const held = heldBackLine(engine, 'arb live', mappingPath);
        if (held !== undefined) io.stderr(`${held}\n`);
        if (!raw.quiet)
          io.stderr(
            `arb live: trading ${engine.progress().markets} markets on ${raw.venues}; events are logged to ${runLog.file}; Ctrl-C stops and prints the report\n`,
          );
      },
    });
    const { summary, reason } = session;
    abandoned = session.abandoned === true;
    if (!raw.quiet || abandoned) io.stderr(`arb live: ${reason}, stopped\n`);
    if (raw.summary) writeFileAtomic(resolve(io.cwd, raw.summary), `${JSON.stringify(summary, null, 2)}\n`);
    io.stdout(raw.json ? `${JSON.stringify(summary)}\n` : `${reportText(summary)}\n`);
    return ExitCode.Ok;
  } catch (e) {
    io.stderr(`arb live: ${failureText(e)}\n`);
    return ExitCode.RuntimeFailure;
  } finally {
    stopSafetyNet?.();
    unsubscribe();
    stopHeartbeat();
    if (abandoned) {
      // The package the stop did not wait for still runs: leave its store and log open (every write is durable)
      // and end the process shortly, whatever its sockets and timers would keep alive; recovery takes it from here.
      setTimeout(() => process.exit(process.exitCode ?? ExitCode.Ok), 200).unref();
    } else {
      runLog.close();
      store.close();
    }
  }
}

export interface RawLiveOptions {
  venues: string;
  stateDir?: string;
  mapping?: string;
  /** Seconds. */
  duration?: number;
  seed: number;
  summary?: string;
  quiet?: boolean;
  config?: string;
  json?: boolean;
  /** Start without the pre-run gates: only when every venue is on this machine (the simulators). */
  skipGates?: boolean;
  /** Forget the recorded failed starts (after the cause of a crash loop is fixed). */
  clearCrashLoop?: boolean;
}

/** URLs of a connection file that are not on this machine (a real venue, or anything else remote). */
function remoteUrls(info: ConnectionInfo): string[] {
  const isLoopback = (url: string): boolean => {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]';
  };
  return [
    info.kalshi.restUrl,
    info.kalshi.wsUrl,
    info.polymarket.clobUrl,
    info.polymarket.wsUrl,
    info.polymarket.userWsUrl,
    info.polymarket.dataUrl,
    info.polymarket.gammaUrl,
  ].filter((u) => !isLoopback(u));
}
