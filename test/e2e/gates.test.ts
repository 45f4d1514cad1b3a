/**
 * `arb gates` against `arb sim` (spawned, default scenario): all green on a good setup, and for each broken
 * precondition the gate it names: a wrong Kalshi key (credentials), the order store in safe mode (store), a kill
 * switch file (kill), and the simulator gone (reachable). Exit 0 only when all are green, 5 otherwise.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GateResult } from '../../src/app/gates/gate-chain.ts';
import { OrderStore } from '../../src/exec/index.ts';
import { runCli } from '../app/helpers.ts';
import { type ArbProcess, startSimWithFiles } from './support.ts';

interface GatesJson {
  readonly pass: boolean;
  readonly gates: readonly GateResult[];
}

let cwd = '';
let sim: ArbProcess | undefined;

beforeAll(async () => {
  // Not tempDir(): that one is removed after each test, and these share the simulator's files.
  cwd = mkdtempSync(join(tmpdir(), 'arb-gates-'));
  sim = (await startSimWithFiles(cwd)).sim;
}, 40_000);
afterAll(() => {
  sim?.kill();
  rmSync(cwd, { recursive: true, force: true });
});

async function gates(args: string[] = [], env: Record<string, string> = {}) {
  const run = await runCli(
    ['gates', '--connection-file', 'sim.json', '--mapping', 'mapping.json', '--json', ...args],
    { cwd, env },
  );
  const out = JSON.parse(run.stdout) as GatesJson;
  const status = Object.fromEntries(out.gates.map((g) => [g.name, g.status]));
  const of = (name: string): GateResult => out.gates.find((g) => g.name === name)!;
  return { ...run, out, status, of };
}

describe('arb gates against arb sim', () => {
  it('a good setup: every gate green, exit 0', async () => {
    const r = await gates(['--state-dir', 'fresh']);
    expect(r.out.gates.filter((g) => g.status !== 'green')).toEqual([]);
    expect(r.out.pass).toBe(true);
    expect(r.code).toBe(0);
    expect(r.of('credentials').reason).toMatch(/^kalshi balance \d+ micros, polymarket balance \d+ micros$/);
    expect(r.of('smoke').reason).toMatch(
      /^kalshi \S+: REST and stream agree; polymarket \S+: REST and stream agree$/,
    );
  }, 60_000);

  it('a wrong Kalshi key: "credentials" is red and names the venue; the gates after it that need it are skipped', async () => {
    const info = JSON.parse(readFileSync(join(cwd, 'sim.json'), 'utf8')) as {
      kalshi: { privateKeyPem: string };
    };
    info.kalshi.privateKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    writeFileSync(join(cwd, 'wrong-key.json'), JSON.stringify(info));
    const run = await runCli(
      ['gates', '--connection-file', 'wrong-key.json', '--mapping', 'mapping.json', '--state-dir', 'fresh'],
      { cwd },
    );
    expect(run.code).toBe(5);
    expect(run.stdout).toMatch(/^RED {5}credentials kalshi: key rejected: KALSHI\.\S+ \(HTTP 401\)/m);
    expect(run.stdout).toMatch(/^SKIPPED stream {6}needs "credentials" green \(it is red\)$/m);
    expect(run.stderr).toMatch(/^arb gates: gate "credentials" is red: kalshi: key rejected/);
  }, 60_000);

  it('the order store in safe mode: "store" is red with the reason code', async () => {
    mkdirSync(join(cwd, 'safe'), { recursive: true });
    const store = OrderStore.open(join(cwd, 'safe', 'live.db'));
    store.raiseSafeMode(1, 'UNHEDGED_PACKAGE', 'package 7: leg A filled, leg B never sent');
    store.close();
    const r = await gates(['--state-dir', 'safe']);
    expect(r.code).toBe(5);
    expect(r.status.store).toBe('red');
    expect(r.of('store').reason).toMatch(
      /^safe mode: UNHEDGED_PACKAGE: package 7: leg A filled, leg B never sent/,
    );
    expect(r.out.gates.filter((g) => g.status !== 'green').map((g) => g.name)).toEqual(['store']);
  }, 60_000);

  it('a kill switch set: "kill" is red, global or per venue', async () => {
    mkdirSync(join(cwd, 'killed'), { recursive: true });
    writeFileSync(join(cwd, 'killed', 'KILL.polymarket'), '');
    const venue = await gates(['--state-dir', 'killed']);
    expect(venue.code).toBe(5);
    expect(venue.status.kill).toBe('red');
    expect(venue.of('kill').reason).toContain('polymarket (KILL.polymarket file)');
    writeFileSync(join(cwd, 'killed', 'KILL'), '');
    const global = await gates(['--state-dir', 'killed']);
    expect(global.of('kill').reason).toMatch(/^kill switch set: global \(KILL file\), polymarket/);
  }, 60_000);

  // Last: it stops the simulator.
  it('the simulator down: "reachable" is red with the refused connection; later venue gates skipped', async () => {
    // arb sim removes its connection file when it stops: keep a copy, as an operator's file would stay.
    writeFileSync(join(cwd, 'kept.json'), readFileSync(join(cwd, 'sim.json')));
    sim!.child.kill('SIGTERM');
    await sim!.exited;
    const r = await gates(['--state-dir', 'fresh', '--connection-file', 'kept.json']);
    expect(r.code).toBe(5);
    expect(r.status.reachable).toBe('red');
    expect(r.of('reachable').reason).toMatch(
      /^kalshi: GET http:\/\/127\.0\.0\.1:\d+\/trade-api\/v2\/exchange\/status: fetch failed \(.*ECONNREFUSED/,
    );
    expect([r.status.credentials, r.status.clock, r.status.stream, r.status.smoke]).toEqual([
      'skipped',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(r.stderr).toMatch(/^arb gates: gate "reachable" is red: /);
  }, 60_000);
});
