import { describe, expect, it } from 'vitest';
import { restFixture } from './support.ts';

describe('REST faults', () => {
  it('latency: a fixed delay on the sim clock, only on the matching endpoint, gone once removed', async () => {
    const f = await restFixture();
    const id = f.injector.add({
      venue: 'kalshi',
      kind: 'latency',
      endpoint: 'POST /portfolio/*',
      params: { ms: 250 },
    });
    const applied = f.nextApplied(id);
    const res = f.post('/portfolio/events/orders');
    await applied;
    expect(f.clock.nextDueAt()! - f.clock.now()).toBe(250);
    expect((await fetch(f.url('/markets'))).status).toBe(200); // GET is not delayed
    f.clock.advance(249);
    expect(f.calls).toEqual(['GET /trade-api/v2/markets']); // the order has not reached the handler yet
    f.clock.advance(1);
    expect((await res).status).toBe(201);
    expect(f.calls).toEqual(['GET /trade-api/v2/markets', 'POST /trade-api/v2/portfolio/events/orders']);

    f.injector.remove(id);
    expect((await f.post('/portfolio/events/orders')).status).toBe(201);
    expect(f.clock.pending).toBe(0);
  });

  it('latency: uniform [min, max] and normal {mean, sd} draw from the seeded Rng', async () => {
    const f = await restFixture();
    const delays = async (): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < 6; i++) {
        const applied = f.nextApplied();
        const res = fetch(f.url('/markets'));
        await applied;
        out.push(f.clock.nextDueAt()! - f.clock.now());
        f.clock.advance(out[out.length - 1]!);
        expect((await res).status).toBe(200);
      }
      return out;
    };
    const uniform = f.injector.add({ venue: 'kalshi', kind: 'latency', params: { ms: [100, 200] } });
    const u = await delays();
    expect(u.every((d) => d >= 100 && d <= 200)).toBe(true);
    expect(new Set(u).size).toBeGreaterThan(1);
    f.injector.remove(uniform);
    f.injector.add({ venue: 'kalshi', kind: 'latency', params: { ms: { mean: 300, sd: 40 } } });
    const n = await delays();
    expect(n.every((d) => d > 100 && d < 500)).toBe(true);
    expect(new Set(n).size).toBeGreaterThan(1);
  });

  it("http_429: Kalshi's body without Retry-After; clears when removed", async () => {
    const f = await restFixture('kalshi');
    const id = f.injector.add({ venue: 'kalshi', kind: 'http_429', endpoint: '/portfolio/*' });
    const res = await f.post('/portfolio/events/orders');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(await res.json()).toEqual({ error: 'too many requests' });
    expect(f.calls).toEqual([]);
    f.injector.remove(id);
    expect((await f.post('/portfolio/events/orders')).status).toBe(201);
  });

  it('http_429: Polymarket answers {"error": …}; a fault for the other venue does nothing', async () => {
    const f = await restFixture('polymarket');
    const other = f.injector.add({ venue: 'kalshi', kind: 'http_429' });
    expect((await f.post('/portfolio/order')).status).toBe(201);
    f.injector.remove(other);
    f.injector.add({ venue: '*', kind: 'http_429', endpoint: 'POST *' });
    const res = await f.post('/portfolio/order');
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ error: 'Too Many Requests' });
  });

  it('http_5xx: the configured status (default 500) with the venue error body', async () => {
    const f = await restFixture('kalshi');
    const a = f.injector.add({ venue: 'kalshi', kind: 'http_5xx', params: { status: 503 } });
    const res = await fetch(f.url('/markets'));
    expect(res.status).toBe(503);
    // Kalshi documents no code for a 5xx: the documented shape, the SDK's description of the status.
    expect(await res.json()).toEqual({ error: { message: 'Service temporarily unavailable' } });
    f.injector.remove(a);
    const b = f.injector.add({ venue: 'kalshi', kind: 'http_5xx' });
    const five = await fetch(f.url('/markets'));
    expect([five.status, await five.json()]).toEqual([500, { error: { message: 'Internal server error' } }]);
    f.injector.remove(b);
    expect((await fetch(f.url('/markets'))).status).toBe(200);
  });

  it('timeout: the request is held unanswered until the client gives up', async () => {
    const f = await restFixture();
    const id = f.injector.add({ venue: 'kalshi', kind: 'timeout', endpoint: 'POST /portfolio/*' });
    const abort = new AbortController();
    const applied = f.nextApplied(id);
    const res = f.post('/portfolio/events/orders', { signal: abort.signal });
    await applied;
    // Other requests are answered while the held one waits.
    expect((await fetch(f.url('/markets'))).status).toBe(200);
    abort.abort();
    await expect(res).rejects.toThrow(/abort/i);
    expect(f.calls).toEqual(['GET /trade-api/v2/markets']);
    f.injector.remove(id);
    expect((await f.post('/portfolio/events/orders')).status).toBe(201);
  });

  it('drop_response: the handler runs (the order is placed) but the connection dies unanswered', async () => {
    const f = await restFixture();
    const id = f.injector.add({
      venue: 'kalshi',
      kind: 'drop_response',
      endpoint: 'POST /portfolio/events/orders',
    });
    await expect(f.post('/portfolio/events/orders')).rejects.toThrow();
    expect(f.calls).toEqual(['POST /trade-api/v2/portfolio/events/orders']);
    f.injector.remove(id);
    const ok = await f.post('/portfolio/events/orders');
    expect(await ok.json()).toEqual({ order_id: 'o2' });
  });

  it('never faults the admin routes', async () => {
    const f = await restFixture();
    f.injector.add({ venue: '*', kind: 'http_429' });
    expect((await fetch(f.server.httpUrl('/_sim/status'))).status).toBe(200);
    expect((await fetch(f.url('/markets'))).status).toBe(429);
  });

  it('honours fromMs/untilMs on the sim clock', async () => {
    const f = await restFixture();
    const id = f.injector.add({
      venue: 'kalshi',
      kind: 'http_429',
      fromMs: f.clock.now() + 1_000,
      untilMs: f.clock.now() + 2_000,
    });
    expect(f.injector.get(id)!.state).toBe('scheduled');
    expect((await fetch(f.url('/markets'))).status).toBe(200);
    f.clock.advance(1_000);
    expect(f.injector.get(id)!.state).toBe('active');
    expect((await fetch(f.url('/markets'))).status).toBe(429);
    f.clock.advance(999);
    expect((await fetch(f.url('/markets'))).status).toBe(429);
    f.clock.advance(1);
    expect((await fetch(f.url('/markets'))).status).toBe(200);
    expect(f.injector.get(id)).toMatchObject({ state: 'expired', applied: 2 });
  });

  it('honours count: at most that many applications', async () => {
    const f = await restFixture();
    const id = f.injector.add({ venue: 'kalshi', kind: 'http_5xx', count: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(f.url('/markets'))).status);
    expect(statuses).toEqual([500, 500, 200, 200]);
    expect(f.injector.get(id)).toMatchObject({ state: 'exhausted', applied: 2 });
  });

  it('honours probability with a seeded Rng (rate within tolerance, same seed → same sequence)', async () => {
    const run = async (seed: number): Promise<number[]> => {
      const f = await restFixture('kalshi', seed);
      f.injector.add({ venue: 'kalshi', kind: 'http_429', probability: 0.25 });
      const out: number[] = [];
      for (let i = 0; i < 400; i++) out.push((await fetch(f.url('/markets'))).status);
      return out;
    };
    const a = await run(7);
    const rate = a.filter((s) => s === 429).length / a.length;
    expect(rate).toBeGreaterThan(0.19);
    expect(rate).toBeLessThan(0.31);
    expect(await run(7)).toEqual(a);
  });
});
