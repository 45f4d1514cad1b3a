/** `arb status` shows each dead-man switch as the engine's heartbeat supervisor last wrote it to the store. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/core/clock.ts';
import {
  CrashPoints,
  DEFAULT_GATE_POLICY,
  DEFAULT_ORDER_TIMING,
  HeartbeatSupervisor,
  OrderRunner,
  OrderStore,
} from '../../src/exec/index.ts';
import type { VenueAdapter } from '../../src/venues/venue.ts';
import { runCli, tempDir } from './helpers.ts';

const T0 = Date.UTC(2026, 0, 1);

/** A live store whose engine saw Polymarket's heartbeats acknowledged once, then fail twice (gate closed). */
function storeWithClosedGate(cwd: string): void {
  const clock = new SimClock(T0);
  const store = OrderStore.open(join(cwd, 'state', 'live.db'), { storeId: 'h' });
  let beat: ((ok: boolean, problem?: string) => void) | undefined;
  const polymarket = {
    venue: 'polymarket',
    startHeartbeats: (_ms: number, onBeat?: (ok: boolean, problem?: string) => void) => (beat = onBeat),
    stopHeartbeats: () => undefined,
  } as unknown as VenueAdapter;
  const runner = new OrderRunner({
    venues: { polymarket },
    clock,
    store,
    crash: CrashPoints.none(),
    timing: DEFAULT_ORDER_TIMING,
  });
  const sup = new HeartbeatSupervisor({
    venues: [['polymarket', polymarket]],
    clock,
    store,
    runner,
    settings: { everyMs: 3_000, policy: DEFAULT_GATE_POLICY },
  });
  sup.start();
  beat!(true);
  clock.advance(3_000);
  beat!(false, 'HTTP 503');
  clock.advance(3_000);
  beat!(false, 'HTTP 503');
  store.close();
}

describe('arb status: heartbeats', () => {
  it('--json and text: whether the venue may receive new orders, and why not', async () => {
    const cwd = tempDir();
    storeWithClosedGate(cwd);
    const json = await runCli(['status', '--json', '--state-dir', 'state'], { cwd });
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { heartbeats: unknown }).heartbeats).toEqual({
      asOfMs: T0 + 6_000,
      venues: [
        {
          venue: 'polymarket',
          open: false,
          reason: '2 heartbeats failed in a row (last: HTTP 503)',
          lastAckMs: T0,
          beats: { acknowledged: 1, failed: 2 },
          closures: 1,
          closedMs: 0,
        },
      ],
    });
    const text = await runCli(['status', '--state-dir', 'state'], { cwd });
    expect(text.stdout).toMatch(
      /^heartbeat polymarket: NEW ORDERS STOPPED: 2 heartbeats failed in a row \(last: HTTP 503\) \(last acknowledged \d+ s ago; 1 acknowledged, 2 failed; stopped 1 times; as of \d+ s ago\)$/m,
    );
  });
});
