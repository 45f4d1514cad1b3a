/** `arb status`, `arb ack` and `arb debug crash-points` through the real CLI, on a store built by hand. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Px, Qty } from '../../src/core/units.ts';
import { CRASH_POINTS, OrderStore } from '../../src/exec/index.ts';
import { runCli, tempDir } from './helpers.ts';

/**
 * A live store as a crash after leg A's fill leaves it, after recovery: package s-1 bought 7 YES on Kalshi and
 * nothing on Polymarket (unhedged, with its safe-mode reason); plus an order nobody placed, still resting.
 */
function crashedStore(cwd: string): void {
  const s = OrderStore.open(join(cwd, 'state', 'live.db'), { storeId: 's' });
  const p = s.createPackage(1, {
    opportunityId: 'cross_venue-abc',
    lane: 'cross_venue',
    qty: 700,
    payoutUnits: 1,
    expectedEdge: 35_000,
    legs: [
      { venue: 'kalshi', market: 'KX-1', outcome: 'YES', px: 4_000 },
      { venue: 'polymarket', market: '0xa', outcome: 'NO', px: 5_500 },
    ],
  });
  const req = {
    clientOrderId: `${p.id}-L0`,
    market: 'KX-1',
    outcome: 'YES' as const,
    side: 'BUY' as const,
    px: 4_000 as Px,
    qty: 700 as Qty,
    tif: 'IOC' as const,
  };
  s.writeIntent(2, { request: req, venue: 'kalshi', packageId: p.id, role: 'leg', leg: 0 });
  s.orderEvent(3, req.clientOrderId, { type: 'sent' });
  s.orderEvent(
    3,
    req.clientOrderId,
    { type: 'report', status: 'filled', filled: 700 },
    {
      order: {
        id: 'K1',
        clientOrderId: req.clientOrderId,
        market: 'KX-1',
        outcome: 'YES',
        side: 'BUY',
        px: 4_000 as Px,
        qty: 700 as Qty,
        filled: 700 as Qty,
        status: 'filled',
        createdMs: 3,
      },
    },
  );
  s.recordFill(
    4,
    'kalshi',
    {
      id: 'Kf1',
      orderId: 'K1',
      market: 'KX-1',
      outcome: 'YES',
      side: 'BUY',
      px: 4_000 as Px,
      qty: 700 as Qty,
      fee: 10_000 as never,
      liquidity: 'taker',
      tsMs: 4,
      final: true,
    },
    false,
  );
  s.packageEvent(5, p.id, { type: 'recovered', bought: [700, 0], sold: [0, 0] });
  s.raiseSafeMode(5, 'UNHEDGED_PACKAGE', `package ${p.id}: naked 7 × kalshi KX-1 YES`);
  s.upsertOrder(
    6,
    'polymarket',
    {
      id: '0xfeed',
      market: '0xb',
      outcome: 'YES',
      side: 'BUY',
      px: 2_000 as Px,
      qty: 500 as Qty,
      filled: 0 as Qty,
      status: 'open',
      createdMs: 6,
    },
    true,
  );
  s.raiseSafeMode(6, 'UNEXPLAINED_ORDER', 'polymarket order 0xfeed is not ours');
  s.close();
}

describe('arb status', () => {
  it('--json: safe mode and its reasons, unhedged exposure, positions, open orders, engine state', async () => {
    const cwd = tempDir();
    crashedStore(cwd);
    const run = await runCli(['status', '--json', '--state-dir', 'state'], { cwd });
    expect(run.code).toBe(0);
    const v = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(v).toMatchObject({
      mode: 'live',
      storeId: 's',
      engine: { state: 'not running' },
      tradingState: 'safe_mode',
      safeMode: true,
      unhedged: [
        {
          packageId: 's-1',
          state: 'unhedged',
          venue: 'kalshi',
          market: 'KX-1',
          outcome: 'YES',
          contracts: 7,
          costMicros: 2_800_000,
        },
      ],
      positions: [{ venue: 'kalshi', market: 'KX-1', outcome: 'YES', contracts: 7, adjustment: 0 }],
      openOrders: [{ venue: 'polymarket', id: '0xfeed', adopted: true }],
      unresolvedIntents: [],
      packages: { byState: { unhedged: 1 } },
    });
    expect((v.safeModeReasons as { code: string }[]).map((r) => r.code)).toEqual([
      'UNHEDGED_PACKAGE',
      'UNEXPLAINED_ORDER',
    ]);
  });

  it('text: says SAFE MODE and what to do, with each reason and the naked legs', async () => {
    const cwd = tempDir();
    crashedStore(cwd);
    const run = await runCli(['status', '--state-dir', 'state'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/trading: SAFE MODE — new packages refused until "arb ack"/);
    expect(run.stdout).toMatch(/\[1\] UNHEDGED_PACKAGE: package s-1: naked 7 × kalshi KX-1 YES/);
    expect(run.stdout).toMatch(/s-1: 7 × kalshi KX-1 YES \(cost \$2\.80\)/);
    expect(run.stdout).toMatch(/polymarket 0xfeed BUY 5 YES 0xb @ 2000 Px, filled 0 \(adopted: not ours\)/);
  });

  it('exits 2, naming the path, when there is no store there', async () => {
    const cwd = tempDir();
    const run = await runCli(['status', '--state-dir', 'nowhere'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^arb status: no live order store at .*nowhere\/live\.db .*--state-dir/);
    const paper = await runCli(['status', '--paper'], { cwd });
    expect(paper.code).toBe(2);
    expect(paper.stderr).toMatch(/no paper order store at .*\.arb\/paper\.db/);
  });
});

describe('arb ack', () => {
  it('--dry-run shows what would be acknowledged and changes nothing', async () => {
    const cwd = tempDir();
    crashedStore(cwd);
    const run = await runCli(['ack', '--dry-run', '--state-dir', 'state'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^arb ack: would acknowledge:\n {2}\[1\] UNHEDGED_PACKAGE/);
    const after = JSON.parse(
      (await runCli(['status', '--json', '--state-dir', 'state'], { cwd })).stdout,
    ) as {
      safeMode: boolean;
    };
    expect(after.safeMode).toBe(true);
  });

  it('acknowledges one reason by id, then the rest; safe mode ends with the last', async () => {
    const cwd = tempDir();
    crashedStore(cwd);
    const env = { USER: 'alice' };
    const one = await runCli(['ack', '--id', '2', '--state-dir', 'state'], { cwd, env });
    expect(one.code).toBe(0);
    expect(one.stdout).toBe(
      'arb ack: acknowledged (by alice):\n  [2] UNEXPLAINED_ORDER: polymarket order 0xfeed is not ours\n' +
        'arb ack: 1 reason(s) still open: still in safe mode\n',
    );
    const rest = await runCli(['ack', '--json', '--state-dir', 'state', '--by', 'bob'], { cwd, env });
    expect(JSON.parse(rest.stdout)).toMatchObject({
      dryRun: false,
      remaining: 0,
      safeMode: false,
      acknowledged: [{ id: 1, code: 'UNHEDGED_PACKAGE', ackedBy: 'bob' }],
    });
    const again = await runCli(['ack', '--state-dir', 'state'], { cwd });
    expect(again.stdout).toBe('arb ack: nothing to acknowledge: not in safe mode\n');
    // The unhedged package is still shown: acknowledging is not hedging.
    const status = JSON.parse(
      (await runCli(['status', '--json', '--state-dir', 'state'], { cwd })).stdout,
    ) as {
      safeMode: boolean;
      unhedged: unknown[];
    };
    expect(status.safeMode).toBe(false);
    expect(status.unhedged).toHaveLength(1);
  });

  it('refuses an id that is not an open reason, or not a number (exit 2)', async () => {
    const cwd = tempDir();
    crashedStore(cwd);
    const missing = await runCli(['ack', '--id', '9', '--state-dir', 'state'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no open safe-mode reason with id 9/);
    const bad = await runCli(['ack', '--id', 'x', '--state-dir', 'state'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/option '--id <n>' argument 'x' is invalid\. must be a reason number/);
  });
});

describe('crash points', () => {
  it('arb debug crash-points lists every point, as text and as JSON', async () => {
    const json = await runCli(['debug', 'crash-points', '--json']);
    expect(json.code).toBe(0);
    const points = JSON.parse(json.stdout) as { name: string; description: string }[];
    expect(points.map((p) => p.name)).toEqual(Object.keys(CRASH_POINTS));
    expect(points.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'after-intent-written',
        'after-leg-a-sent',
        'after-leg-a-ack',
        'after-leg-a-fill',
        'after-leg-b-sent',
        'during-unwind',
        'mid-reconcile',
      ]),
    );
    const text = await runCli(['debug', 'crash-points']);
    for (const p of points) expect(text.stdout).toContain(p.name);
  });

  it.each([
    ['no-such-point', /unknown crash point "no-such-point"; known: after-intent-written, /],
    ['after-leg-a-fill:0', /n must be 1 or more/],
    ['after leg', /must be <point>\[:<n>\]/],
  ])('arb live refuses ARB_CRASH_AT=%s (exit 2) before connecting anywhere', async (value, message) => {
    const cwd = tempDir({ 'sim.json': '{}' });
    const run = await runCli(['live', '--venues', 'sim.json'], { cwd, env: { ARB_CRASH_AT: value } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
