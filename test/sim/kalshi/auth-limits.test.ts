/** Simulated Kalshi: request signing (401s), token-bucket rate limits (429s) and the signed WS handshake. */
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../../src/core/clock.ts';
import { startKalshiSim } from '../../venues/kalshi/support.ts';
import { call, connectWs } from './support.ts';

describe('Kalshi auth (seeds 31–34)', () => {
  it('accepts a good signature and refuses a bad one, a stale timestamp, an unknown key or missing headers', async () => {
    const { kalshi } = await startKalshiSim({ seed: 31 });
    const base = kalshi.restUrl;
    expect((await call(base, 'GET', '/portfolio/balance')).status).toBe(200);
    // The query string is not signed: the same signature holds with or without it.
    expect((await call(base, 'GET', '/portfolio/orders?status=resting&limit=5')).status).toBe(200);

    const cases: [string, Parameters<typeof call>[3], RegExp][] = [
      ['bad signature', { auth: { tamper: true } }, /invalid KALSHI-ACCESS-SIGNATURE/],
      ['stale timestamp', { auth: { ts: Date.now() - 10 * 60_000 } }, /more than 300000 ms away/],
      ['future timestamp', { auth: { ts: Date.now() + 10 * 60_000 } }, /more than 300000 ms away/],
      ['unknown key', { auth: { keyId: 'someone-else' } }, /unknown API key "someone-else"/],
    ];
    for (const [what, opts, message] of cases) {
      const r = await call(base, 'GET', '/portfolio/balance', opts);
      expect([what, r.status, r.body]).toEqual([
        what,
        401,
        { error: { message: expect.stringMatching(message) } },
      ]);
    }
    // A wrong signature is refused even on a public endpoint; no signature at all is fine there.
    expect((await call(base, 'GET', '/markets?limit=1', { auth: { tamper: true } })).status).toBe(401);
    expect((await call(base, 'GET', '/markets?limit=1', { auth: false })).status).toBe(200);
    expect((await call(base, 'GET', '/exchange/status', { auth: false })).status).toBe(200);
    const unsigned = await call(base, 'GET', '/portfolio/balance', { auth: false });
    expect(unsigned).toMatchObject({
      status: 401,
      body: { error: { message: expect.stringMatching(/signed/) } },
    });
    const unsignedOrder = await call(base, 'POST', '/portfolio/events/orders', { auth: false, body: {} });
    expect(unsignedOrder.status).toBe(401);
  });

  it('checks timestamps against a SimClock host, or accepts any with timestampToleranceMs: any', async () => {
    const clock = new SimClock(Date.UTC(2026, 0, 1));
    const strict = await startKalshiSim({ seed: 32, clock });
    expect((await call(strict.kalshi.restUrl, 'GET', '/portfolio/balance')).status).toBe(401);
    expect(
      (await call(strict.kalshi.restUrl, 'GET', '/portfolio/balance', { auth: { ts: clock.now() + 1_000 } }))
        .status,
    ).toBe(200);
    const lax = await startKalshiSim({
      seed: 33,
      clock: new SimClock(Date.UTC(2026, 0, 1)),
      front: { timestampToleranceMs: 'any' },
    });
    expect((await call(lax.kalshi.restUrl, 'GET', '/portfolio/balance')).status).toBe(200);
  });

  it('refuses an unsigned or badly signed WebSocket handshake with 401', async () => {
    const { kalshi } = await startKalshiSim({ seed: 34 });
    expect(await connectWs(kalshi.wsUrl, false)).toBe(401);
    expect(await connectWs(kalshi.wsUrl, { tamper: true })).toBe(401);
    expect(await connectWs(kalshi.wsUrl, { ts: Date.now() - 3_600_000 })).toBe(401);
    expect(typeof (await connectWs(kalshi.wsUrl))).toBe('object');
  });
});

describe('Kalshi rate limits (seeds 35–36)', () => {
  it('429 {"error":"too many requests"} without Retry-After when a bucket is empty; buckets refill on the clock', async () => {
    const clock = new SimClock(Date.UTC(2026, 0, 1));
    const { kalshi, markets } = await startKalshiSim({
      seed: 35,
      clock,
      front: {
        timestampToleranceMs: 'any',
        rateLimits: { read: { refillRate: 10, capacity: 30 }, write: { refillRate: 10, capacity: 20 } },
      },
    });
    const base = kalshi.restUrl;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(base, 'GET', '/markets?limit=1')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call(base, 'GET', '/exchange/status');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: 'too many requests' });
    expect(limited.headers.get('retry-after')).toBeNull();

    // Writes have their own bucket: an order still goes through while reads are exhausted.
    const order = {
      ticker: markets[0],
      side: 'bid',
      count: '1',
      price: '0.10',
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'taker_at_cross',
    };
    expect(
      (await call(base, 'POST', '/portfolio/events/orders', { body: { ...order, client_order_id: 'w1' } }))
        .status,
    ).toBe(201);
    expect(
      (await call(base, 'POST', '/portfolio/events/orders', { body: { ...order, client_order_id: 'w2' } }))
        .status,
    ).toBe(201);
    expect(
      (await call(base, 'POST', '/portfolio/events/orders', { body: { ...order, client_order_id: 'w3' } }))
        .status,
    ).toBe(429);

    // One second of simulated time refills 10 tokens: one more read.
    clock.advance(1_000);
    expect((await call(base, 'GET', '/markets?limit=1')).status).toBe(200);
    expect((await call(base, 'GET', '/markets?limit=1')).status).toBe(429);
  });

  it('serves the tier and endpoint costs, and charges a batch per order', async () => {
    const clock = new SimClock(Date.UTC(2026, 0, 1));
    const { kalshi, markets } = await startKalshiSim({
      seed: 36,
      clock,
      front: {
        timestampToleranceMs: 'any',
        rateLimits: { read: { refillRate: 1, capacity: 100 }, write: { refillRate: 1, capacity: 30 } },
      },
    });
    const costs = await call(kalshi.restUrl, 'GET', '/account/endpoint_costs');
    expect(costs.body).toMatchObject({
      default_cost: 10,
      endpoint_costs: expect.arrayContaining([
        { method: 'DELETE', path: '/trade-api/v2/portfolio/events/orders/{order_id}', cost: 2 },
      ]),
    });
    const order = (id: string) => ({
      ticker: markets[0],
      client_order_id: id,
      side: 'bid',
      count: '1',
      price: '0.10',
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'taker_at_cross',
    });
    // Four orders cost 40 tokens: more than the 30 the write bucket holds.
    expect(
      (
        await call(kalshi.restUrl, 'POST', '/portfolio/events/orders/batched', {
          body: { orders: ['a', 'b', 'c', 'd'].map(order) },
        })
      ).status,
    ).toBe(429);
    const three = await call(kalshi.restUrl, 'POST', '/portfolio/events/orders/batched', {
      body: { orders: ['a', 'b', 'c'].map(order) },
    });
    expect(three.status).toBe(201);
  });
});
