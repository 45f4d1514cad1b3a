/**
 * Runs the gate chain in order (gate-chain.ts decides, probes.ts looks): a gate whose prerequisite is not green
 * is skipped, so a venue that is down is named once ("reachable") instead of by every later gate. The venue
 * adapters it opens are its own and closed before it returns; `arb live` builds fresh ones for trading.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { MarketIdTable, VENUES, type Venue } from '../../core/market.ts';
import { Rng } from '../../core/rng.ts';
import type { MappingFile } from '../../mapping/index.ts';
import type { ConnectionInfo } from '../../sim/connection.ts';
import type { VenueAdapter } from '../../venues/venue.ts';
import { DEFAULT_CONFIG_FILE } from '../commands/config.ts';
import type { Config, Env } from '../config/index.ts';
import { loadConfig } from '../config/index.ts';
import { killSwitchState } from '../operator/kill-state.ts';
import { RealClock } from '../real-clock.ts';
import { readMappingFile } from '../session/mapping-file.ts';
import { adaptersFromConnection } from '../session/venue-adapters.ts';
import { storePath } from '../state-store.ts';
import { readConnectionFile } from './connection-file.ts';
import {
  GATE_NAMES,
  green,
  judgeClock,
  judgeCredentials,
  judgeKill,
  judgeMappingGate,
  judgeReachable,
  judgeSmoke,
  judgeStore,
  judgeStream,
  red,
  skipReason,
  skipped,
  topOfBookAgrees,
  type GateName,
  type GateResult,
} from './gate-chain.ts';
import {
  mappingVerdicts,
  pickMarket,
  probeBalance,
  probeReachable,
  probeSmoke,
  probeStore,
  probeStream,
  type LiveBook,
  type ReachProbe,
} from './probes.ts';

export interface GateChainInput {
  readonly cwd: string;
  readonly env: Env;
  /** Config file as given (undefined: ./arb.config.yaml if present, else defaults and env). */
  readonly configFile: string | undefined;
  readonly connectionFile: string | undefined;
  readonly mappingFile: string | undefined;
  readonly stateDir: string | undefined;
  /** Each gate as it is decided (for progress lines). */
  readonly onGate?: (r: GateResult) => void;
}

export interface GateChainOutcome {
  readonly results: readonly GateResult[];
  /** What the chain read, for a caller that goes on to trade with it. */
  readonly config?: Config;
  readonly info?: ConnectionInfo;
  readonly mapping?: MappingFile;
}

export async function runGateChain(input: GateChainInput): Promise<GateChainOutcome> {
  const clock = new RealClock();
  const results: GateResult[] = [];
  let config: Config | undefined;
  let info: ConnectionInfo | undefined;
  let mapping: MappingFile | undefined;
  let mappingPath: string | undefined;
  let mappingFacts: ReturnType<typeof mappingVerdicts> | undefined;
  let reach: Record<Venue, ReachProbe> | undefined;
  let adapters: Record<Venue, VenueAdapter> | undefined;
  const books: Partial<Record<Venue, LiveBook>> = {};
  const timeoutMs = (): number => config?.gates.probeTimeoutMs ?? 10_000;

  const probes: Record<GateName, () => Promise<GateResult>> = {
    config: async () => {
      // The same file every command would pick: --config, else ./arb.config.yaml when present.
      const file =
        input.configFile ??
        (existsSync(resolve(input.cwd, DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined);
      const loaded = loadConfig({ file, env: input.env, cwd: input.cwd });
      if (!loaded.ok)
        return red(
          'config',
          `${file ?? 'defaults'}: ${loaded.error.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        );
      config = loaded.value;
      mappingPath = input.mappingFile ?? config.paths.mappingFile;
      return green('config', file === undefined ? 'defaults and environment' : `${file} is valid`);
    },
    connection: async () => {
      if (input.connectionFile === undefined)
        return red('connection', 'no connection file (give --connection-file)');
      const read = readConnectionFile(input.cwd, input.connectionFile);
      if (!read.ok) return red('connection', read.problems.join('; '));
      info = read.info;
      return green('connection', `${input.connectionFile}: keys present and well formed`);
    },
    reachable: async () => {
      reach = await probeReachable(info!, timeoutMs(), () => clock.now());
      return judgeReachable(reach);
    },
    credentials: async () => {
      adapters = adaptersFromConnection(info!, { clock, rng: new Rng(1), ids: new MarketIdTable() });
      const [kalshi, polymarket] = await Promise.all(
        VENUES.map((v) => probeBalance(adapters![v], timeoutMs())),
      );
      return judgeCredentials({ kalshi: kalshi!, polymarket: polymarket! });
    },
    clock: async () =>
      judgeClock(
        Object.fromEntries(VENUES.map((v) => [v, reach![v].ok ? reach![v].clock : undefined])),
        config?.gates.maxClockSkewMs ?? 2_000,
      ),
    stream: async () => {
      if (mapping === undefined && mappingPath !== undefined) {
        const read = readMappingFile(mappingPath, input.cwd);
        if (read.ok) mapping = read.value;
      }
      const trading = mapping
        ? mappingVerdicts(mapping, config?.detection.minConfidence ?? 0.9).trading
        : new Set<number>();
      const found = await Promise.all(
        VENUES.map(async (v) => {
          const picked = await pickMarket(adapters![v], mapping, trading, timeoutMs());
          if (!picked.ok) return [v, { market: '(none)', error: picked.error }] as const;
          books[v] = await probeStream(adapters![v], picked.market, timeoutMs());
          return [v, books[v]!.probe] as const;
        }),
      );
      return judgeStream(Object.fromEntries(found));
    },
    smoke: async () => {
      const attempts = config?.gates.smokeAttempts ?? 5;
      const found = await Promise.all(
        VENUES.map(
          async (v) =>
            [v, await probeSmoke(adapters![v], books[v]!, attempts, timeoutMs(), topOfBookAgrees)] as const,
        ),
      );
      return judgeSmoke(Object.fromEntries(found));
    },
    store: async () => {
      const dir = input.stateDir ?? config!.paths.stateDir;
      try {
        return judgeStore(probeStore(storePath(input.cwd, dir, 'live')));
      } catch (e) {
        return red('store', `cannot read ${storePath(input.cwd, dir, 'live')}: ${String(e)}`);
      }
    },
    kill: async () => {
      const dir = resolve(input.cwd, input.stateDir ?? config!.paths.stateDir);
      return judgeKill(killSwitchState(dir), (input.env.ARB_KILL ?? '') !== '');
    },
    mapping: async () => {
      if (mappingPath === undefined) return judgeMappingGate({ file: undefined });
      if (mapping === undefined) {
        const read = readMappingFile(mappingPath, input.cwd);
        if (!read.ok) return red('mapping', read.error);
        mapping = read.value;
      }
      mappingFacts ??= mappingVerdicts(mapping, config!.detection.minConfidence);
      return judgeMappingGate({ file: mappingPath, ...mappingFacts });
    },
  };

  try {
    for (const name of GATE_NAMES) {
      const why = skipReason(name, results);
      let r: GateResult;
      if (why !== undefined) r = skipped(name, why);
      else {
        try {
          r = await probes[name]();
        } catch (e) {
          r = red(name, `probe failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      results.push(r);
      input.onGate?.(r);
    }
  } finally {
    for (const b of Object.values(books)) await b?.close();
    for (const a of Object.values(adapters ?? {})) await a.close();
  }
  return {
    results,
    ...(config ? { config } : {}),
    ...(info ? { info } : {}),
    ...(mapping ? { mapping } : {}),
  };
}
