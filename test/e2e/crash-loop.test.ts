/**
 * Crash-loop detection with a process that dies on start: `arb live` spawned against a connection file whose
 * venues are down fails its "reachable" gate and exits (5) every time, as it would under systemd's Restart=. After
 * supervision.crashLoopStarts such starts within the window, the next one refuses (exit 4) and says why, without
 * touching the venues; --clear-crash-loop lets it try again.
 */
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SIM_KALSHI_PRIVATE_KEY_PEM, SIM_POLYMARKET_PRIVATE_KEY } from '../../src/sim/credentials.ts';
import { tempDir } from '../app/helpers.ts';
import { type ArbProcess, spawnArb } from './support.ts';

const running: ArbProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.kill();
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const connection = (host: string) =>
  JSON.stringify({
    kalshi: {
      restUrl: `http://${host}/trade-api/v2`,
      wsUrl: `ws://${host}/trade-api/ws/v2`,
      keyId: 'k',
      privateKeyPem: SIM_KALSHI_PRIVATE_KEY_PEM,
    },
    polymarket: {
      clobUrl: `http://${host}`,
      wsUrl: `ws://${host}/ws/market`,
      userWsUrl: `ws://${host}/ws/user`,
      dataUrl: `http://${host}/data-api`,
      gammaUrl: `http://${host}/gamma-api`,
      privateKey: SIM_POLYMARKET_PRIVATE_KEY,
      chainId: 137,
    },
  });

async function start(cwd: string, extra: string[] = []): Promise<{ code: number | null; stderr: string }> {
  const p = spawnArb(['live', '--venues', 'down.json', '--state-dir', 'state', '--quiet', ...extra], cwd, {
    ARB_SUPERVISION__CRASH_LOOP_STARTS: '3',
    ARB_SUPERVISION__CRASH_LOOP_WINDOW_MINUTES: '10',
  });
  running.push(p);
  const exit = await Promise.race([
    p.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`arb live still running after 30 s:\n${p.stderr()}`)), 30_000),
    ),
  ]);
  return { code: exit.code, stderr: p.stderr() };
}

describe('crash-loop detection (arb live whose venues are down, restarted as a supervisor would)', () => {
  it('three failed starts in a row, then the fourth refuses with exit 4; --clear-crash-loop tries again', async () => {
    const cwd = tempDir({ 'down.json': connection(`127.0.0.1:${await closedPort()}`) });
    for (let i = 1; i <= 3; i++) {
      const r = await start(cwd);
      expect(r.code, r.stderr).toBe(5);
      expect(r.stderr).toMatch(/^arb live: not starting: gate "reachable" is red: /m);
    }
    const ledger = JSON.parse(readFileSync(join(cwd, 'state', 'starts.json'), 'utf8')) as {
      starts: { atMs: number; pid: number; clean?: boolean }[];
    };
    expect(ledger.starts).toHaveLength(3);
    expect(ledger.starts.every((s) => s.clean === undefined)).toBe(true);

    const refused = await start(cwd);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(
      /^arb live: CRASH LOOP, not starting: the last 3 starts \(since \S+\) all ended without a clean stop, within 10 min\. Find the cause in the run logs \(state\), then start with --clear-crash-loop\n$/,
    );
    // A refusal is not a start: the record is unchanged, so it stays down until the window passes or it is cleared.
    expect(JSON.parse(readFileSync(join(cwd, 'state', 'starts.json'), 'utf8'))).toEqual(ledger);

    const cleared = await start(cwd, ['--clear-crash-loop']);
    expect(cleared.stderr).toMatch(/^arb live: crash-loop record cleared \(--clear-crash-loop\)$/m);
    expect(cleared.code).toBe(5);
  }, 120_000);
});
