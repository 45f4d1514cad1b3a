/**
 * The venue's own cap as the live engine sees it (issue 16): a Kalshi order group whose cap was hit halts new
 * Kalshi packages until it accepts orders again, and `arb status` shows the group as the engine last wrote it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSafetyNet, watchVenueSafetyNet } from '../../src/app/live/venue-safety-net.ts';
import { SimClock } from '../../src/core/clock.ts';
import { Halts } from '../../src/exec/halts.ts';
import { OrderStore } from '../../src/exec/index.ts';
import type { OrderGroupStatus } from '../../src/venues/kalshi/orders/order-group.ts';
import { runCli, tempDir } from './helpers.ts';

const T0 = Date.UTC(2026, 0, 1);

function fixture() {
  const clock = new SimClock(T0);
  const halts = new Halts(() => undefined);
  const writes: string[] = [];
  const store = { setMeta: (_k: string, v: string) => void writes.push(v) };
  const kalshi: { orderGroup: OrderGroupStatus } = {
    orderGroup: { id: undefined, contractsLimit: 40, triggeredAtMs: undefined },
  };
  return { clock, halts, writes, store, kalshi };
}

describe('venue safety net watch', () => {
  it('halts Kalshi while the venue reports the cap hit, lifts it after a reset, writes the meta only on change', () => {
    const f = fixture();
    const stop = watchVenueSafetyNet({ kalshi: f.kalshi, halts: f.halts, store: f.store, clock: f.clock });
    expect(f.halts.state).toBe('running');
    expect(JSON.parse(f.writes[0]!)).toEqual({
      atMs: T0,
      kalshi: { orderGroupId: null, contractsLimit: 40, triggered: false },
    });
    f.clock.advance(5_000);
    expect(f.writes).toHaveLength(1);

    f.kalshi.orderGroup = { id: 'g-1', contractsLimit: 40, triggeredAtMs: T0 + 5_500 };
    f.clock.advance(1_000);
    expect(f.halts.blockedFor(['kalshi'])).toBeDefined();
    expect(f.halts.blockedFor(['polymarket'])).toBeUndefined();
    expect(f.halts.reasons().join(' ')).toMatch(/order group cap hit \(40 contracts per 15 s\)/);
    expect(JSON.parse(f.writes.at(-1)!)).toMatchObject({
      kalshi: { orderGroupId: 'g-1', triggered: true, triggeredAtMs: T0 + 5_500 },
    });

    f.kalshi.orderGroup = { id: 'g-1', contractsLimit: 40, triggeredAtMs: undefined };
    f.clock.advance(1_000);
    expect(f.halts.state).toBe('running');
    expect(f.writes).toHaveLength(3);
    stop();
  });

  it('without a Kalshi adapter it writes an empty view and never halts', () => {
    const f = fixture();
    const { view } = checkSafetyNet(
      { kalshi: undefined, halts: f.halts, store: f.store, clock: f.clock },
      undefined,
    );
    expect(view).toEqual({ atMs: T0 });
    expect(f.halts.state).toBe('running');
  });

  it('arb status --json and text show the Kalshi order group as the engine last wrote it', async () => {
    const cwd = tempDir();
    const store = OrderStore.open(join(cwd, 'state', 'live.db'), { storeId: 's' });
    const f = fixture();
    f.kalshi.orderGroup = { id: 'g-9', contractsLimit: 40, triggeredAtMs: T0 };
    checkSafetyNet({ kalshi: f.kalshi, halts: f.halts, store, clock: f.clock }, undefined);
    store.close();
    const json = await runCli(['status', '--json', '--state-dir', 'state'], { cwd });
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { venueSafetyNet: unknown }).venueSafetyNet).toEqual({
      atMs: T0,
      kalshi: { orderGroupId: 'g-9', contractsLimit: 40, triggered: true, triggeredAtMs: T0 },
    });
    const text = await runCli(['status', '--state-dir', 'state'], { cwd });
    expect(text.stdout).toMatch(
      /kalshi order group: g-9, cap 40 contracts per 15 s; CAP HIT .*new Kalshi packages halted/,
    );
  });
});
