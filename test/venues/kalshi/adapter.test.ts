/** KalshiAdapter against the simulated Kalshi over loopback: discovery, REST books, orders, portfolio. */
import { describe, expect, it } from 'vitest';
import { RealClock } from '../../../src/app/real-clock.ts';
import { Rng } from '../../../src/core/rng.ts';
import type { Px, Qty } from '../../../src/core/units.ts';
import { KalshiAdapter } from '../../../src/venues/kalshi/index.ts';
import { onCleanup } from '../../sim/support/net.ts';
import { seedBook, startKalshiSim } from './support.ts';

async function setup(seed: number, front: NonNullable<Parameters<typeof startKalshiSim>[0]>['front'] = {}) {
  const sim = await startKalshiSim({ seed, front });
  const adapter = new KalshiAdapter({
    restUrl: sim.kalshi.restUrl,
    wsUrl: sim.kalshi.wsUrl,
    keyId: sim.kalshi.keyId,
    privateKeyPem: sim.kalshi.privateKeyPem,
    clock: new RealClock(),
    rng: new Rng(seed),
  });
  onCleanup(() => adapter.close());
  return { ...sim, adapter };
}

const px = (n: number) => n as Px;
const qty = (n: number) => n as Qty;

describe('KalshiAdapter over loopback (seeds 21–26)', () => {
  it('discovers every market and event with grids, fees and statuses', async () => {
    const sim = await setup(21);
    const { adapter, markets, scenario, ex } = sim;
    const d = await adapter.discover();
    if (!d.ok) throw new Error(d.error.message);
    expect(d.value.markets.map((m) => m.key)).toEqual(markets);
    const m0 = d.value.markets[0]!;
    const s0 = scenario.markets.find((m) => m.key === m0.key)!;
    expect(m0).toMatchObject({
      venue: 'kalshi',
      status: 'open',
      grid: s0.grid,
      minSize: 100,
      fees: s0.fees,
      closeTimeMs: s0.closeTimeMs,
    });
    const kEvents = scenario.events.filter((e) => e.venue === 'kalshi');
    expect(d.value.events.map((e) => [e.key, e.mutuallyExclusive, e.marketKeys])).toEqual(
      kEvents.map((e) => [e.key, e.mutuallyExclusive, e.markets]),
    );
    expect(adapter.discoveryIssues).toEqual([]);

    // Against the real venue discovery asks only for open markets.
    ex.resolve(markets[0]!, 'YES');
    const openOnly = new KalshiAdapter({
      ...sim.kalshi,
      clock: new RealClock(),
      rng: new Rng(21),
      discoverStatus: 'open',
    });
    onCleanup(() => openOnly.close());
    const open = await openOnly.discover();
    expect(open.ok && open.value.markets.map((m) => m.key)).toEqual(markets.slice(1));
    const all = await adapter.discover();
    expect(all.ok && all.value.markets[0]).toMatchObject({ key: markets[0], status: 'settled' });
  });

  it('reads a book over REST, YES-normalized, best first', async () => {
    const { adapter, ex, markets } = await setup(22);
    seedBook(ex, markets[0]!, {
      bids: [
        [4_000, 5],
        [3_900, 7],
      ],
      asks: [
        [5_500, 3],
        [5_600, 4],
      ],
    });
    const b = await adapter.fetchBook(markets[0]!);
    if (!b.ok) throw new Error(b.error.message);
    expect(b.value.yesBids).toEqual([
      { px: 4_000, qty: 500 },
      { px: 3_900, qty: 700 },
    ]);
    expect(b.value.yesAsks).toEqual([
      { px: 5_500, qty: 300 },
      { px: 5_600, qty: 400 },
    ]);
    const missing = await adapter.fetchBook('NOPE');
    expect(missing).toMatchObject({
      ok: false,
      error: { kind: 'rejected', code: 'KALSHI.NOT_FOUND', status: 404 },
    });
  });

  it('places, reads, amends, decreases and cancels; fills, positions and balance follow', async () => {
    const { adapter, ex, markets, admin } = await setup(23);
    const m = markets[1]!;
    seedBook(ex, m, { asks: [[5_500, 3]] });
    const placed = await adapter.placeOrder({
      clientOrderId: 'a-1',
      market: m,
      outcome: 'YES',
      side: 'BUY',
      px: px(4_000),
      qty: qty(500),
      tif: 'GTC',
    });
    if (!placed.ok) throw new Error(placed.error.message);
    expect(placed.value).toMatchObject({ clientOrderId: 'a-1', status: 'open', filled: 0, qty: 500 });
    const got = await adapter.getOrder(placed.value.id);
    expect(got.ok && got.value).toMatchObject({
      id: placed.value.id,
      market: m,
      outcome: 'YES',
      side: 'BUY',
      px: 4_000,
      qty: 500,
      status: 'open',
    });
    const amended = await adapter.amendOrder(placed.value.id, { px: px(4_100), qty: qty(800) });
    expect(amended.ok && amended.value).toMatchObject({ px: 4_100, qty: 800, status: 'open' });
    const decreased = await adapter.decreaseOrder(placed.value.id, qty(300));
    expect(decreased.ok && decreased.value).toMatchObject({ qty: 500, status: 'open' });
    const open = await adapter.openOrders(m);
    expect(open.ok && open.value.map((o) => o.id)).toEqual([placed.value.id]);
    const cancelled = await adapter.cancelOrder(placed.value.id);
    expect(cancelled.ok && cancelled.value.status).toBe('cancelled');
    const again = await adapter.cancelOrder(placed.value.id);
    expect(again).toMatchObject({
      ok: false,
      error: { kind: 'rejected', code: 'KALSHI.CONFLICT', status: 409 },
    });

    // Buying YES at 0.55 takes the resting 0.55 ask: a taker fill.
    const taker = await adapter.placeOrder({
      clientOrderId: 'a-2',
      market: m,
      outcome: 'YES',
      side: 'BUY',
      px: px(5_500),
      qty: qty(200),
      tif: 'IOC',
    });
    expect(taker.ok && taker.value).toMatchObject({ status: 'filled', filled: 200 });
    const f1 = await adapter.fillsSince(undefined);
    if (!f1.ok) throw new Error(f1.error.message);
    expect(f1.value.fills).toEqual([
      expect.objectContaining({
        market: m,
        outcome: 'YES',
        side: 'BUY',
        px: 5_500,
        qty: 200,
        liquidity: 'taker',
        final: true,
      }),
    ]);
    const f2 = await adapter.fillsSince(f1.value.cursor);
    expect(f2.ok && f2.value.fills).toEqual([]);
    const seller = await adapter.placeOrder({
      clientOrderId: 'a-3',
      market: m,
      outcome: 'YES',
      side: 'SELL',
      px: px(5_400),
      qty: qty(100),
      tif: 'GTC',
    });
    expect(seller.ok).toBe(true);
    seedBook(ex, m, { bids: [[5_400, 1]] });
    const f3 = await adapter.fillsSince(f2.ok ? f2.value.cursor : undefined);
    expect(f3.ok && f3.value.fills.map((f) => [f.outcome, f.side, f.qty, f.liquidity])).toEqual([
      ['YES', 'SELL', 100, 'maker'],
    ]);
    const pos = await adapter.positions();
    expect(pos.ok && pos.value).toEqual([{ market: m, outcome: 'YES', qty: 100 }]);
    const bal = await adapter.balance();
    const truth = (await (await fetch(`${admin}/accounts?account=bot`)).json()) as { balance: string }[];
    expect(bal.ok && bal.value).toBe(Math.round(Number(truth[0]!.balance) * 1_000_000));
  });

  it('a dropped order response is unknown, then resolved by query with exactly one order at the simulator', async () => {
    const { adapter, markets, admin } = await setup(24);
    const fault = await fetch(`${admin}/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'drop_response', endpoint: 'POST /portfolio/events/orders', count: 1 }),
    });
    expect(fault.status).toBe(201);
    const req = {
      clientOrderId: 'lost-1',
      market: markets[0]!,
      outcome: 'NO' as const,
      side: 'BUY' as const,
      px: px(3_000),
      qty: qty(100),
      tif: 'GTC' as const,
    };
    const first = await adapter.placeOrder(req);
    expect(first).toMatchObject({ ok: false, error: { kind: 'unknown', code: 'KALSHI.NETWORK' } });
    const found = await adapter.findOrder('lost-1');
    expect(found.ok && found.value).toMatchObject({
      clientOrderId: 'lost-1',
      market: markets[0],
      outcome: 'NO',
      side: 'BUY',
      px: 3_000,
      status: 'open',
    });
    // Retrying with the same deterministic id cannot create a second order.
    const retry = await adapter.placeOrder(req);
    expect(retry).toMatchObject({
      ok: false,
      error: { kind: 'rejected', code: 'KALSHI.CONFLICT', status: 409 },
    });
    const orders = (await (await fetch(`${admin}/orders?account=bot`)).json()) as { clientOrderId: string }[];
    expect(orders.map((o) => o.clientOrderId)).toEqual(['lost-1']);
    expect(await adapter.findOrder('never-sent')).toEqual({ ok: true, value: undefined });
  });

  it('classifies business rejections, bad requests and auth failures', async () => {
    const { adapter, markets, ex } = await setup(25);
    // The one order rejection whose code the venue documents: a post-only order that would cross.
    seedBook(ex, markets[0]!, { asks: [[5_500, 1]] });
    const crossing = await adapter.placeOrder({
      clientOrderId: 'cross',
      market: markets[0]!,
      outcome: 'YES',
      side: 'BUY',
      px: px(5_500),
      qty: qty(100),
      tif: 'GTC',
      postOnly: true,
    });
    expect(crossing).toMatchObject({
      ok: false,
      error: {
        kind: 'rejected',
        code: 'KALSHI.INVALID_ORDER',
        status: 400,
        message: 'invalid order: post only cross',
      },
    });
    // Without a documented code, the status names it; the message still says why.

    const poor = await adapter.placeOrder({
      clientOrderId: 'big',
      market: markets[0]!,
      outcome: 'YES',
      side: 'BUY',
      px: px(9_900),
      qty: qty(100_000_000),
      tif: 'GTC',
    });
    expect(poor).toMatchObject({
      ok: false,
      error: { kind: 'rejected', code: 'KALSHI.HTTP_400', status: 400 },
    });
    const offGrid = await adapter.placeOrder({
      clientOrderId: 'grid',
      market: markets[0]!,
      outcome: 'YES',
      side: 'BUY',
      px: px(4_005),
      qty: qty(100),
      tif: 'GTC',
    });
    expect(offGrid).toMatchObject({
      ok: false,
      error: { kind: 'rejected', code: 'KALSHI.HTTP_400', status: 400 },
    });
    const local = await adapter.placeOrder({
      clientOrderId: 'zero',
      market: markets[0]!,
      outcome: 'YES',
      side: 'BUY',
      px: px(0),
      qty: qty(100),
      tif: 'GTC',
    });
    expect(local).toMatchObject({ ok: false, error: { kind: 'rejected', code: 'KALSHI.INVALID_REQUEST' } });

    const sim = await startKalshiSim({ seed: 26 });
    const stranger = new KalshiAdapter({
      restUrl: sim.kalshi.restUrl,
      wsUrl: sim.kalshi.wsUrl,
      keyId: 'not-a-key',
      privateKeyPem: sim.kalshi.privateKeyPem,
      clock: new RealClock(),
      rng: new Rng(26),
    });
    onCleanup(() => stranger.close());
    expect(await stranger.balance()).toMatchObject({
      ok: false,
      error: { kind: 'fatal', code: 'KALSHI.UNAUTHORIZED', status: 401 },
    });
  });
});
