/**
 * `arb paper` as an operator runs it (`npm start` = `node bin/arb.mjs paper`): the real bin as a child process,
 * the embedded simulators on loopback, the real venue adapters, paper fills.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/exec/index.ts';
import { tempDir } from '../app/helpers.ts';
import { expectConsistentWithFills, loggedPackages } from '../support/paper-ledger.ts';
import { type ArbProcess, crossListedKalshiMarkets, parseProgress, postJson, spawnArb } from './support.ts';

const TRADING_BUDGET_MS = 15_000;

const running: ArbProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.kill();
});

describe('npm start (arb paper, seed 1 from the default config)', () => {
  it(`trades within ${TRADING_BUDGET_MS / 1000} s, shows opportunities and fills, and Ctrl-C ends it with the report`, async () => {
    const cwd = tempDir();
    const p = spawnArb(['paper', '--connection-file', 'sim.json'], cwd);
    running.push(p);
    const trading = await p.waitFor(/^arb paper: trading (\d+) markets$/, 30_000, 'the trading line');
    console.info(`arb paper: "${trading.text}" ${Math.round(trading.atMs)} ms after spawn`);
    expect(trading.atMs).toBeLessThan(TRADING_BUDGET_MS);
    expect(Number(trading.match[1])).toBeGreaterThan(100);

    // News reaches one venue first at 180 shocks an hour, so trades come on their own within minutes; to keep this
    // test short and certain, move the Kalshi side of three cross-listed markets by 8 points, as news would.
    const info = JSON.parse(readFileSync(join(cwd, 'sim.json'), 'utf8')) as { admin: { kalshi: string } };
    for (const market of crossListedKalshiMarkets('default', 1, 3))
      await postJson(`${info.admin.kalshi}/faults`, {
        kind: 'price_jump',
        params: { market, yesDelta: 0.08 },
      });
    const busy = await p.waitForLine(
      (l) => {
        const pr = parseProgress(l);
        return pr && pr.opportunities >= 1 && pr.fills >= 1 ? pr : undefined;
      },
      120_000,
      'a progress line with an opportunity and a fill',
    );
    console.info(
      `arb paper: ${busy.value.opportunities} opportunities, ${busy.value.fills} fills, ${busy.value.hedged} hedged by ${Math.round(busy.atMs / 1000)} s: ${busy.text}`,
    );

    p.child.kill('SIGINT');
    const exit = await p.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(p.stderr()).toMatch(/arb paper: SIGINT, stopped\n$/);
    const report = p.stdout();
    expect(report).toMatch(/^Run report \(paper, data sim, real clock, seed 1\): \d+\.\d s\n/);
    for (const row of [
      'markets',
      'books',
      'opportunities',
      'plans',
      'packages',
      'orders',
      'fills',
      'fees',
      'PnL',
      'capital',
    ])
      expect(report).toMatch(new RegExp(`^ {2}${row} +\\S`, 'm'));
    const fills = Number(report.match(/^ {2}fills +(\d+)/m)![1]);
    expect(fills).toBeGreaterThanOrEqual(busy.value.fills);
    // The connection file goes with the simulators.
    expect(existsSync(join(cwd, 'sim.json'))).toBe(false);
  }, 150_000);
});

describe('arb paper --duration --seed --summary (real clock, loopback)', () => {
  // The example runs 60 s; 20 s proves the same path (a timed stop, the summary file) in a third of it.
  it('exits 0 by itself, trades, and writes the JSON report its fills account for (seed 7, 20 s)', async () => {
    const cwd = tempDir();
    const p = spawnArb(
      ['paper', '--duration', '20', '--seed', '7', '--summary', 'out.json', '--connection-file', 'sim.json'],
      cwd,
    );
    running.push(p);
    await p.waitFor(/^arb paper: trading \d+ markets$/, 30_000, 'the trading line');
    // Real-clock news is random (180 shocks an hour: likely none in 20 s), so make the trade certain: freeze both
    // venues' price processes, then move the Kalshi side of three cross-listed propositions 8 points. Each
    // opens a cross-venue window that nothing else can close, and the paper fills walk books that no longer move.
    const info = JSON.parse(readFileSync(join(cwd, 'sim.json'), 'utf8')) as { admin: { kalshi: string } };
    await postJson(`${info.admin.kalshi}/process`, { paused: true });
    for (const market of crossListedKalshiMarkets('default', 7, 3))
      await postJson(`${info.admin.kalshi}/faults`, {
        kind: 'price_jump',
        params: { market, yesDelta: 0.08 },
      });
    const exit = await Promise.race([
      p.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`still running after 60 s:\n${p.stderr()}`)), 60_000),
      ),
    ]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(p.stderr()).toMatch(/arb paper: duration reached, stopped\n$/);
    const s = JSON.parse(readFileSync(join(cwd, 'out.json'), 'utf8')) as RunSummary;
    expect(s).toMatchObject({ mode: 'paper', data: 'sim', clock: 'real', seed: 7 });
    expect(s.durationMs).toBeGreaterThanOrEqual(20_000);
    for (const n of [
      s.orders.count,
      s.fills.count,
      s.pnl.expectedMicros,
      s.pnl.realizedMicros,
      s.fees.totalMicros,
      s.capital.startingMicros.kalshi,
      s.capital.endingMicros.polymarket,
    ])
      expect(Number.isSafeInteger(n)).toBe(true);
    expect(s.markets.byVenue).toEqual({ kalshi: expect.any(Number), polymarket: expect.any(Number) });
    // It traded: the windows were seen, packages went out on both venues and were hedged.
    expect(s.opportunities.byLane.cross_venue).toBeGreaterThanOrEqual(1);
    expect(s.packages.hedged).toBeGreaterThanOrEqual(1);
    expect(s.orders.byVenue).toEqual({ kalshi: expect.any(Number), polymarket: expect.any(Number) });
    expect(s.fills.count).toBeGreaterThanOrEqual(2);
    expect(s.pnl.realizedMicros).not.toBe(0);
    // And the report is what those fills add up to: orders, fees, PnL, each venue's cash.
    expectConsistentWithFills(s, loggedPackages(join(cwd, '.arb/logs/paper.jsonl')));
    // Books lost while trading, not the ~450 the shutdown closes. (A few are real: the simulated Polymarket feed
    // sometimes hashes a level a trade just emptied, and the adapter resyncs that book; see the engine tests for
    // the exact count without it.)
    expect(s.books.invalidated).toBeLessThan(50);
    expect(p.stdout()).toMatch(/^Run report \(paper, data sim, real clock, seed 7\)/);
    // The connection file goes with the simulators.
    expect(existsSync(join(cwd, 'sim.json'))).toBe(false);
    console.info(
      `arb paper --duration 20 --seed 7: ${s.opportunities.total} opportunities, ${s.orders.count} orders, ${s.fills.count} fills, packages ${JSON.stringify(s.packages)}`,
    );
  }, 90_000);
});
