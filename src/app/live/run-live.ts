/**
 * Implementation, loaded only when the command runs (its imports are heavy).
 *
 * `arb live --venues FILE`: the paper engine, placing real orders on the venues named in a connection file
 * (the `arb sim` format). Same planner, same order path; only the venue differs.
 *
 * Every order goes through the order store (`<stateDir>/live.db`): intent first, then the request; every start
 * reconciles the store against the venues before trading, and anything unexplained or unhedged starts it in safe
 * mode. The order lifecycle is crash-safe; the rest of what real money needs (pre-run gates, kill switch, loss
 * caps) is not built yet, so it still refuses venues that are not on this machine (loopback): the simulators.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { MappingFile } from '../../mapping/index.ts';
import type { ConnectionInfo } from '../../sim/connection.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { redactConfig } from '../config/index.ts';
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

const ConnectionFileSchema = z.object({
  kalshi: z.object({
    restUrl: z.string().url(),
    wsUrl: z.string().url(),
    keyId: z.string().min(1),
    privateKeyPem: z.string().min(1),
  }),
  polymarket: z.object({
    clobUrl: z.string().url(),
    wsUrl: z.string().url(),
    userWsUrl: z.string().url(),
    dataUrl: z.string().url(),
    gammaUrl: z.string().url(),
    privateKey: z.string().min(1),
    chainId: z.number().int().positive(),
  }),
  admin: z.object({ kalshi: z.string(), polymarket: z.string() }).optional(),
});

const isLoopback = (url: string): boolean => {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]';
};

export async function runLive(ctx: CommandContext, raw: RawLiveOptions): Promise<ExitCode> {
  const { io } = ctx;
  const problems: string[] = [];
  const { duration, seed } = raw;
  let info: ConnectionInfo | undefined;
  try {
    const parsed = ConnectionFileSchema.safeParse(
      JSON.parse(readFileSync(resolve(io.cwd, raw.venues), 'utf8')),
    );
    if (parsed.success) info = parsed.data as ConnectionInfo;
    else problems.push(...parsed.error.issues.map((i) => `${raw.venues}: ${i.path.join('.')}: ${i.message}`));
  } catch (e) {
    problems.push(`cannot read connection file ${raw.venues}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (info) {
    try {
      createPrivateKey(info.kalshi.privateKeyPem);
    } catch (e) {
      problems.push(
        `${raw.venues}: kalshi.privateKeyPem: not a usable private key (${e instanceof Error ? e.message : String(e)})`,
      );
    }
    if (!/^0x[0-9a-fA-F]{64}$/.test(info.polymarket.privateKey))
      problems.push(`${raw.venues}: polymarket.privateKey: expected 0x and 64 hex digits`);
    // Every URL the adapters would use: orders go to the CLOB, but fills and positions come from the data API.
    const remote = [
      info.kalshi.restUrl,
      info.kalshi.wsUrl,
      info.polymarket.clobUrl,
      info.polymarket.wsUrl,
      info.polymarket.userWsUrl,
      info.polymarket.dataUrl,
      info.polymarket.gammaUrl,
    ].filter((u) => !isLoopback(u));
    if (remote.length > 0) {
      problems.push(
        `refusing non-loopback venues (${remote.join(', ')}): live trading on real venues needs the pre-run gates, kill switch and loss caps first; today arb live is for the simulators`,
      );
    }
  }
  const crash = crashPointsFromEnv(io.env);
  if (!crash.ok) problems.push(crash.error);
  if (problems.length > 0) {
    io.stderr(`arb live: ${problems.join('\n  ')}\n`);
    return ExitCode.UsageOrConfig;
  }
  const config = loadConfigOrReport(ctx, raw.config);
  if (config === undefined) return ExitCode.UsageOrConfig;
  const mappingPath = raw.mapping ?? config.paths.mappingFile;
  let mapping: MappingFile | undefined;
  if (mappingPath) {
    const read = readMappingFile(mappingPath, io.cwd);
    if (!read.ok) {
      io.stderr(`arb live: ${read.error}\n`);
      return ExitCode.UsageOrConfig;
    }
    mapping = read.value;
  }
  const stateDir = raw.stateDir ?? config.paths.stateDir;
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
  let stopSafetyNet: (() => void) | undefined;
  try {
    const adapters = adaptersFromConnection(info!, {
      clock,
      rng,
      ids,
      kalshiOrderGroupContractsLimit: config.venues.kalshi.orderGroupContractsLimit,
    });
    const { summary, reason } = await runRealClockSession({
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
      crash: (crash as { ok: true; value: CrashPoints }).value,
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
    if (!raw.quiet) io.stderr(`arb live: ${reason}, stopped\n`);
    if (raw.summary) writeFileAtomic(resolve(io.cwd, raw.summary), `${JSON.stringify(summary, null, 2)}\n`);
    io.stdout(raw.json ? `${JSON.stringify(summary)}\n` : `${reportText(summary)}\n`);
    return ExitCode.Ok;
  } catch (e) {
    io.stderr(`arb live: ${failureText(e)}\n`);
    return ExitCode.RuntimeFailure;
  } finally {
    stopSafetyNet?.();
    unsubscribe();
    runLog.close();
    stopHeartbeat();
    store.close();
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
}
