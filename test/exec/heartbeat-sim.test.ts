/**
 * The heartbeat dead-man switch through the real Polymarket adapter against the simulator, on a SimClock: beats
 * that keep coming keep a resting order alive; beats that fail close the venue gate (no new order is sent) and,
 * once the lapse reaches the venue's timeout, the venue cancels the order. The store believes that only when the
 * venue says so, which is checked before the gate reopens.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { SimClock } from '../../src/core/clock.ts';
import type { Px, Qty } from '../../src/core/units.ts';
import {
  CrashPoints,
  DEFAULT_GATE_POLICY,
  DEFAULT_ORDER_TIMING,
  HeartbeatSupervisor,
  OrderRunner,
  OrderStore,
  type GateTransition,
} from '../../src/exec/index.ts';
import type { OrderRequest, VenueAdapter } from '../../src/venues/venue.ts';
import { waitFor, within } from '../sim/support/net.ts';
import { adapterFor, P_MARKET, startPolyHost } from '../venues/polymarket/support.ts';

const order = (clientOrderId: string): OrderRequest => ({
  clientOrderId,
  market: P_MARKET,
  outcome: 'YES',
  side: 'BUY',
  px: 3_000 as Px,
  qty: 1_000 as Qty,
  tif: 'GTC',
});

async function world() {
  const h = await startPolyHost();
  const clock = h.clock as SimClock;
  const adapter = adapterFor(h, { clock });
  // The real adapter, with each beat's outcome also announced to the test (so it waits on events, not time).
  const beats = new EventEmitter();
  const venue = new Proxy(adapter, {
    get(target, prop) {
      if (prop === 'startHeartbeats')
        return (everyMs: number, onBeat?: (ok: boolean, problem?: string) => void) =>
          target.startHeartbeats(everyMs, (ok, problem) => {
            onBeat?.(ok, problem);
            beats.emit('beat', ok);
          });
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as VenueAdapter;
  const store = OrderStore.open(':memory:', { storeId: 'hb', durable: false });
  const runner = new OrderRunner({
    venues: { polymarket: venue },
    clock,
    store,
    crash: CrashPoints.none(),
    timing: DEFAULT_ORDER_TIMING,
  });
  const gates = new EventEmitter();
  const supervisor = new HeartbeatSupervisor({
    venues: [['polymarket', venue]],
    clock,
    store,
    runner,
    settings: { everyMs: 3_000, policy: DEFAULT_GATE_POLICY },
    onTransition: (t) => gates.emit('gate', t),
  });
  runner.useGate((v) => supervisor.closedReason(v));
  const nextBeat = () =>
    waitFor<boolean>('a heartbeat', (deliver) => {
      beats.once('beat', deliver);
      return () => beats.off('beat', deliver);
    });
  /** Advance one beat interval and return that beat's outcome. */
  const beatAfter = async (ms = 3_000): Promise<boolean> => {
    const b = nextBeat();
    clock.advance(ms);
    return b;
  };
  const botOrders = async () => (await h.adminCall('GET', '/orders?account=bot')).body as unknown[];
  return { h, clock, store, runner, supervisor, gates, nextBeat, beatAfter, botOrders };
}

describe('Polymarket heartbeats keep the venue gate (real adapter, simulator, SimClock)', () => {
  it('working beats keep a resting order alive; a lapse closes the gate, the venue cancels, the store learns it from the venue', async () => {
    const w = await world();
    const first = w.nextBeat();
    w.supervisor.start();
    expect(await first).toBe(true);
    await within(w.supervisor.firstBeat('polymarket'), 5_000, 'first heartbeat acknowledged');
    const placed = await w.runner.run('polymarket', order('hb-1'), { role: 'manual', leg: 0 }, {}, false);
    expect(placed.state).toBe('open');
    const hash = placed.venueOrderId!;

    // 30 s of working heartbeats: the switch never fires, the gate stays open.
    for (let i = 0; i < 10; i++) expect(await w.beatAfter()).toBe(true);
    expect(w.h.ex.order(hash)!.status).toBe('resting');
    expect(w.h.front.heartbeats.expirations).toBe(0);
    expect(w.supervisor.closedReason('polymarket')).toBeUndefined();

    // Heartbeats start failing: two failures in a row close the gate at once.
    expect(
      (await w.h.adminCall('POST', '/faults', { kind: 'http_5xx', endpoint: 'POST /v1/heartbeats' })).status,
    ).toBe(201);
    expect(await w.beatAfter()).toBe(false);
    expect(w.supervisor.closedReason('polymarket')).toBeUndefined();
    expect(await w.beatAfter()).toBe(false);
    expect(w.supervisor.closedReason('polymarket')).toBe('2 heartbeats failed in a row (last: HTTP 500)');
    // No new order goes out while it is closed: the intent is refused before sending.
    const before = (await w.botOrders()).length;
    const refused = await w.runner.run('polymarket', order('hb-2'), { role: 'manual', leg: 0 }, {}, false);
    expect(refused).toMatchObject({ state: 'rejected', error: expect.stringContaining('gate closed') });
    expect((await w.botOrders()).length).toBe(before);
    expect(w.runner.gated).toBe(1);

    // 15 s after the last acknowledged beat the venue cancels every open order. The store does not assume it.
    for (let i = 0; i < 3; i++) expect(await w.beatAfter()).toBe(false);
    expect(w.h.ex.order(hash)).toMatchObject({ status: 'cancelled', cancelReason: 'heartbeat' });
    expect(w.h.front.heartbeats.expirations).toBe(1);
    expect(w.store.intent('hb-1')!.state).toBe('open');

    // Beats work again: two in a row, then the open orders are re-checked with the venue, then it reopens.
    await w.h.adminCall('DELETE', '/faults');
    expect(await w.beatAfter()).toBe(true);
    expect(w.supervisor.closedReason('polymarket')).toMatch(/^recovering: 1\/2/);
    expect(await w.beatAfter()).toBe(true);
    const reopened = waitFor<GateTransition>('the gate to reopen', (deliver) => {
      const f = (t: GateTransition) => t.open && deliver(t);
      w.gates.on('gate', f);
      return () => w.gates.off('gate', f);
    });
    w.clock.advance(500); // the supervisor's next look
    await reopened;
    expect(w.store.intent('hb-1')!.state).toBe('cancelled');
    expect(w.supervisor.closedReason('polymarket')).toBeUndefined();
    const log = w.store.events().filter((e) => e.kind.startsWith('venue_gate'));
    expect(log.map((e) => [e.kind, e.data.open ?? e.data.answered])).toEqual([
      ['venue_gate', true],
      ['venue_gate', false],
      ['venue_gate_reconcile', true],
      ['venue_gate', true],
    ]);
    expect(JSON.parse(w.store.getMeta('venue_gates')!)).toMatchObject({
      venues: [{ venue: 'polymarket', open: true, closures: 1, beats: { failed: 5 } }],
    });
    w.supervisor.stop();
  });
});
