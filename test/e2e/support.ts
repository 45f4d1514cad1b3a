/** Spawning the real `arb` bin and waiting on what it prints: no fixed sleeps, every wait has a deadline. */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MappingFile, MappingRelation, MarketRef } from '../../src/mapping/index.ts';
import { loadScenario, scenarioMapping } from '../../src/sim/universe/index.ts';

export const BIN = fileURLToPath(new URL('../../bin/arb.mjs', import.meta.url));

export interface Line {
  readonly text: string;
  /** ms since the process was spawned. */
  readonly atMs: number;
}

export interface ArbProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** ms since spawn. */
  elapsed(): number;
  /** Resolves with the first stderr line (past or future) matching `re`; rejects on timeout or exit. */
  waitFor(re: RegExp, timeoutMs: number, what?: string): Promise<Line & { match: RegExpMatchArray }>;
  /** Resolves with the first stderr line for which `test` returns something; rejects on timeout or exit. */
  waitForLine<T>(
    test: (line: string) => T | undefined,
    timeoutMs: number,
    what: string,
  ): Promise<Line & { value: T }>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
  /** Kill it if it is still running (test cleanup). */
  kill(): void;
}

/** Spawn `node bin/arb.mjs …args` in `cwd` with only PATH in the environment (plus `env`). */
export function spawnArb(args: readonly string[], cwd: string, env: Record<string, string> = {}): ArbProcess {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let partial = '';
  const lines: Line[] = [];
  const waiters = new Set<() => void>();
  let done = false;
  child.stdout.on('data', (c: Buffer) => void (stdout += String(c)));
  child.stderr.on('data', (c: Buffer) => {
    const text = String(c);
    stderr += text;
    partial += text;
    const parts = partial.split('\n');
    partial = parts.pop()!;
    const at = elapsed();
    for (const p of parts) lines.push({ text: p, atMs: at });
    for (const w of waiters) w();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      done = true;
      for (const w of waiters) w();
      resolve({ code, signal });
    }),
  );
  function waitForLine<T>(
    test: (line: string) => T | undefined,
    timeoutMs: number,
    what: string,
  ): Promise<Line & { value: T }> {
    return new Promise((resolve, reject) => {
      let seen = 0;
      const check = (): void => {
        for (; seen < lines.length; seen++) {
          const value = test(lines[seen]!.text);
          if (value !== undefined) {
            finish();
            resolve({ ...lines[seen]!, value });
            return;
          }
        }
        if (done) {
          finish();
          reject(new Error(`arb ${args[0]} exited before ${what}:\n${stderr}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no ${what} after ${timeoutMs} ms:\n${stderr}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  }
  return {
    child,
    elapsed,
    waitFor: async (re, timeoutMs, what = String(re)) => {
      const r = await waitForLine((l) => l.match(re) ?? undefined, timeoutMs, what);
      return { text: r.text, atMs: r.atMs, match: r.value };
    },
    waitForLine,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    kill: () => {
      if (!done) child.kill('SIGKILL');
    },
  };
}

/** The numbers of a progress line (`[mm:ss] … · N opportunities … · K packages (H hedged…) · O orders, F fills · …`). */
export interface Progress {
  readonly opportunities: number;
  readonly packages: number;
  readonly hedged: number;
  readonly orders: number;
  readonly fills: number;
}

export function parseProgress(line: string): Progress | undefined {
  const m = line.match(
    /^\[\d+:\d\d\] .* · (\d+) opportunities.* · (\d+) packages \((\d+) hedged.*\) · (\d+) orders, (\d+) fills · /,
  );
  if (!m) return undefined;
  const [opportunities, packages, hedged, orders, fills] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return { opportunities, packages, hedged, orders, fills };
}

export async function postJson(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
  const json = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return (await res.json()) as T;
}

const refs = (r: MappingRelation): readonly MarketRef[] => (r.kind === 'exclusive' ? r.markets : [r.a, r.b]);

/** Kalshi markets a scenario lists on both venues as the same proposition (the first `n`). */
export function crossListedKalshiMarkets(scenario: string, seed: number, n: number): string[] {
  const s = loadScenario(scenario, seed);
  if (!s.ok) throw new Error(`scenario ${scenario} does not load`);
  return scenarioMapping(s.value)
    .relations.flatMap((r) =>
      r.kind === 'equivalent' && r.a.venue === 'kalshi' && r.b.venue === 'polymarket' ? [r.a.market] : [],
    )
    .slice(0, n);
}

/**
 * Kalshi ↔ Polymarket equivalences whose two markets appear in no other relation of the mapping: moving one of
 * them opens a cross-venue window and nothing else, so every position the bot ends with is on these pairs.
 */
export function isolatedPairs(mapping: MappingFile) {
  const uses = new Map<string, number>();
  for (const r of mapping.relations)
    for (const m of refs(r))
      uses.set(`${m.venue}:${m.market}`, (uses.get(`${m.venue}:${m.market}`) ?? 0) + 1);
  return mapping.relations.flatMap((r) =>
    r.kind === 'equivalent' &&
    r.a.venue === 'kalshi' &&
    r.b.venue === 'polymarket' &&
    refs(r).every((m) => uses.get(`${m.venue}:${m.market}`) === 1)
      ? [{ kalshi: r.a.market, polymarket: r.b.market, polarity: r.polarity }]
      : [],
  );
}

/**
 * `arb sim` on free ports in `cwd`, writing its connection file (`sim.json`) and mapping (`mapping.json`), waited
 * on until ready. The caller owns the process (kill it in cleanup).
 */
export async function startSimWithFiles(
  cwd: string,
): Promise<{ sim: ArbProcess; admin: { kalshi: string; polymarket: string }; mapping: MappingFile }> {
  const sim = spawnArb(
    [
      'sim',
      '--kalshi-port',
      '0',
      '--polymarket-port',
      '0',
      '--connection-file',
      'sim.json',
      '--mapping-file',
      'mapping.json',
    ],
    cwd,
  );
  try {
    await sim.waitFor(/^arb sim: ready/, 20_000, 'the ready line');
  } catch (e) {
    sim.kill();
    throw e;
  }
  const admin = (JSON.parse(readFileSync(join(cwd, 'sim.json'), 'utf8')) as { admin: AdminUrls }).admin;
  const mapping = JSON.parse(readFileSync(join(cwd, 'mapping.json'), 'utf8')) as MappingFile;
  return { sim, admin, mapping };
}

interface AdminUrls {
  readonly kalshi: string;
  readonly polymarket: string;
}
