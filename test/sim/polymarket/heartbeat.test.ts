import { describe, expect, it } from 'vitest';
import type { SimClock } from '../../../src/core/clock.ts';
import { adapterFor, P_MARKET, P_TOKENS, startPolyHost } from '../../venues/polymarket/support.ts';
import { creds, orderBody, px, qty, signed } from './support.ts';

describe('Polymarket front: heartbeat dead-man switch', () => {
  it('cancels every open order once heartbeats stop for 10 s + grace, on the simulator clock', async () => {
    const h = await startPolyHost();
    const clock = h.clock as SimClock;
    const c = await creds(h);
    const o = await orderBody(c, { tokenId: P_TOKENS.yes, px: px(3000), qty: qty(1000) });
    await signed(h, c, 'POST', '/order', o.body);
    // No heartbeat ever sent: the switch is off.
    clock.advance(60_000);
    expect(h.ex.order(o.hash)!.status).toBe('resting');

    const beat = (id: string) => signed(h, c, 'POST', '/v1/heartbeats', JSON.stringify({ heartbeat_id: id }));
    const first = await beat('');
    expect(first.status).toBe(200);
    let id = first.body.heartbeat_id as string;
    for (let i = 0; i < 5; i++) {
      clock.advance(14_000);
      const r = await beat(id);
      expect(r.status).toBe(200);
      id = r.body.heartbeat_id;
    }
    expect(h.ex.order(o.hash)!.status).toBe('resting');
    // A stale id is refused with the one expected.
    expect(await beat('stale')).toMatchObject({
      status: 400,
      body: { error: 'Invalid Heartbeat ID', heartbeat_id: id },
    });
    clock.advance(14_999);
    expect(h.ex.order(o.hash)!.status).toBe('resting');
    clock.advance(1);
    expect(h.ex.order(o.hash)).toMatchObject({ status: 'cancelled', cancelReason: 'heartbeat' });
    expect(h.front.heartbeats.expirations).toBe(1);
    expect((await signed(h, c, 'GET', `/data/order/${o.hash}`)).body.status).toBe('CANCELED');
    // After expiry a new session starts from scratch.
    expect((await beat('')).status).toBe(200);
  });

  it('the adapter keeps the switch alive while it beats and the venue cancels when it stops (seed 1)', async () => {
    const h = await startPolyHost();
    const clock = h.clock as SimClock;
    const a = adapterFor(h);
    const placed = await a.placeOrder({
      clientOrderId: 'hb-1',
      market: P_MARKET,
      outcome: 'YES',
      side: 'BUY',
      px: px(3000),
      qty: qty(1000),
      tif: 'GTC',
    });
    expect(placed.ok).toBe(true);
    expect(await a.beat()).toBe(true);
    clock.advance(9_000);
    expect(await a.beat()).toBe(true);
    clock.advance(9_000);
    expect(await a.beat()).toBe(true);
    expect(a.heartbeats).toMatchObject({ sent: 3, failed: 0 });
    clock.advance(15_000);
    expect(await a.getOrder(placed.ok ? placed.value.id : '')).toMatchObject({
      ok: true,
      value: { status: 'cancelled' },
    });
  });
});
