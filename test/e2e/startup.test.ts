/**
 * `arb live` start-up against `arb sim` whose Polymarket feed is frozen (no book is ever sent, so "first books"
 * never completes): Ctrl-C (SIGINT) while it waits stops it promptly and cleanly (exit 0, the step named, the
 * store closed with a clean stop recorded); left alone, the step's deadline ends it with an error naming the
 * venue and the step (exit 1).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../app/helpers.ts';
import { type ArbProcess, postJson, spawnArb, startSimWithFiles } from './support.ts';

const running: ArbProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.kill();
});

async function exitOf(p: ArbProcess, timeoutMs: number, what: string) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not exit within ${timeoutMs} ms:\n${p.stderr()}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([p.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function frozenSim() {
  const cwd = tempDir();
  const { sim, admin } = await startSimWithFiles(cwd);
  running.push(sim);
  // Every Polymarket book frozen: the market channel subscribes, but no snapshot ever comes.
  await postJson(`${admin.polymarket}/faults`, { kind: 'book_freeze' });
  return cwd;
}

describe('arb live start-up against a frozen Polymarket feed (default scenario, seed 1)', () => {
  it('SIGINT while waiting for the first books: a prompt, clean stop (exit 0) that names the step', async () => {
    const cwd = await frozenSim();
    const live = spawnArb(
      // The engine's own start-up is under test: the gates (whose stream preflight sees the frozen feed) are not.
      ['live', '--venues', 'sim.json', '--mapping', 'mapping.json', '--state-dir', 'state', '--skip-gates'],
      cwd,
    );
    running.push(live);
    await live.waitFor(/^arb live: starting: polymarket first books$/, 30_000, 'the first-books step');
    const sentAt = live.elapsed();
    live.child.kill('SIGINT');
    expect(await exitOf(live, 10_000, 'arb live')).toEqual({ code: 0, signal: null });
    const stoppedIn = live.elapsed() - sentAt;
    expect(live.stderr()).toMatch(/^arb live: SIGINT during start-up \(polymarket: first books\), stopped$/m);
    expect(live.stderr()).not.toMatch(/arb live: trading/);
    // The store was closed cleanly: its engine record says stopped (not crashed).
    const status = spawnArb(['status', '--json', '--state-dir', 'state'], cwd);
    running.push(status);
    expect(await exitOf(status, 20_000, 'arb status')).toEqual({ code: 0, signal: null });
    expect((JSON.parse(status.stdout()) as { engine: { state: string } }).engine.state).toBe('stopped');
    // Measured on this project's 2-core machine: well under a second; the bound only catches a hang.
    expect(stoppedIn).toBeLessThan(5_000);
    // The waits above can add up on a loaded machine (start-up up to 30 s, the stop 10 s, arb status 20 s).
  }, 90_000);

  it('left alone, the first-books deadline ends it with its code, the venue, the step and how far it got (exit 1)', async () => {
    const cwd = await frozenSim();
    const live = spawnArb(
      // The engine's own start-up is under test: the gates (whose stream preflight sees the frozen feed) are not.
      ['live', '--venues', 'sim.json', '--mapping', 'mapping.json', '--state-dir', 'state', '--skip-gates'],
      cwd,
      { ARB_STARTUP__FIRST_BOOKS_MS: '1500' },
    );
    running.push(live);
    expect(await exitOf(live, 30_000, 'arb live')).toEqual({ code: 1, signal: null });
    expect(live.stderr()).toMatch(
      /^arb live: STARTUP\.TIMEOUT: polymarket: first books not received within 1500 ms \(0 of \d+ markets\)$/m,
    );
  }, 60_000);
});
