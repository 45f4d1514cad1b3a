import { describe, expect, it } from 'vitest';
import { RealClock } from '../../../src/app/real-clock.ts';
import { Rng } from '../../../src/core/rng.ts';
import { json } from '../../../src/sim/server/index.ts';
import { type MarketNotice, PolymarketAdapter } from '../../../src/venues/polymarket/index.ts';
import { onCleanup, startServer } from '../../sim/support/net.ts';
import type { SimClock } from '../../../src/core/clock.ts';
import type { Px, Qty } from '../../../src/core/units.ts';
import type { BookEvent, OrderRequest } from '../../../src/venues/venue.ts';
import { adapterFor, P_MARKET, P_TOKENS, seedBook, startPolyHost } from './support.ts';

const px = (n: number) => n as Px;
const qty = (n: number) => n as Qty;

const buy = (
  clientOrderId: string,
  p: number,
  q: number,
  extra: Partial<OrderRequest> = {},
): OrderRequest => ({
  clientOrderId,
  market: P_MARKET,
  outcome: 'YES',
  side: 'BUY',
  px: px(p),
  qty: qty(q),
  tif: 'GTC',
  ...extra,
});

describe('PolymarketAdapter over loopback', () => {
  it('discovers, reads a book, places, reads back and cancels an order', async () => {
    const h = await startPolyHost();
    seedBook(h.ex, P_MARKET, {
      bids: [[4000, 1000]],
      asks: [
        [4500, 700],
        [4600, 600],
      ],
    });
    const a = adapterFor(h);
    const d = await a.discover();
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value.markets.map((m) => m.key)).toEqual([P_MARKET]);
    expect(d.value.markets[0]).toMatchObject({
      minSize: 500,
      status: 'open',
      grid: { ranges: [{ step: 100 }] },
    });
    const book = await a.fetchBook(P_MARKET);
    expect(book).toEqual({
      ok: true,
      value: {
        yesBids: [{ px: 4000, qty: 1000 }],
        yesAsks: [
          { px: 4500, qty: 700 },
          { px: 4600, qty: 600 },
        ],
        venueTimeMs: h.clock.now(),
      },
    });
    const placed = await a.placeOrder(buy('c-1', 3000, 1000));
    expect(placed).toMatchObject({ ok: true, value: { status: 'open', filled: 0, clientOrderId: 'c-1' } });
    if (!placed.ok) return;
    expect((await a.orderIdFor(buy('c-1', 3000, 1000))).ok && placed.value.id).toBeTruthy();
    expect(await a.getOrder(placed.value.id)).toMatchObject({
      ok: true,
      value: { id: placed.value.id, status: 'open', qty: 1000 },
    });
    expect((await a.openOrders()).ok).toBe(true);
    const bal = await a.balance();
    expect(bal).toEqual({ ok: true, value: 1_000_000_000 - 3000 * 1000 });
    const cancelled = await a.cancelOrder(placed.value.id);
    expect(cancelled).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    expect(await a.cancelOrder(placed.value.id)).toMatchObject({
      ok: false,
      error: { code: 'POLYMARKET.ORDER_NOT_OPEN' },
    });
    expect(await a.getOrder('0xdead')).toEqual({ ok: true, value: undefined });
  });

  it('classifies rejections with Polymarket codes', async () => {
    const h = await startPolyHost();
    seedBook(h.ex, P_MARKET, { asks: [[4500, 700]] });
    const a = adapterFor(h);
    expect(await a.placeOrder(buy('small', 3000, 100))).toMatchObject({
      ok: false,
      error: { kind: 'rejected', code: 'POLYMARKET.MIN_SIZE' },
    });
    expect(await a.placeOrder(buy('tick', 3050, 1000))).toMatchObject({
      ok: false,
      error: { code: 'POLYMARKET.TICK_SIZE' },
    });
    expect(await a.placeOrder(buy('po', 4500, 1000, { postOnly: true }))).toMatchObject({
      ok: false,
      error: { code: 'POLYMARKET.POST_ONLY_WOULD_CROSS' },
    });
    expect(await a.placeOrder(buy('fok', 4500, 1000, { tif: 'FOK' }))).toMatchObject({
      ok: false,
      error: { code: 'POLYMARKET.FOK_NOT_FILLED' },
    });
    expect(await a.placeOrder(buy('rich', 9000, 10_000_000))).toMatchObject({
      ok: false,
      error: { code: 'POLYMARKET.INSUFFICIENT_BALANCE' },
    });
  });

  it('fills: non-final while MATCHED, final once CONFIRMED, positions and balance follow (seed 3)', async () => {
    const h = await startPolyHost();
    seedBook(h.ex, P_MARKET, { asks: [[4500, 700]] });
    const a = adapterFor(h);
    const placed = await a.placeOrder(buy('take', 4500, 500));
    expect(placed).toMatchObject({ ok: true, value: { status: 'filled', filled: 500 } });
    const first = await a.fillsSince(undefined);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.value.fills).toMatchObject([
      {
        px: 4500,
        qty: 500,
        side: 'BUY',
        outcome: 'YES',
        liquidity: 'taker',
        final: false,
        clientOrderId: 'take',
      },
    ]);
    expect(first.value.fills[0]!.fee).toBeGreaterThan(0);
    const again = await a.fillsSince(first.value.cursor);
    expect(again.ok && again.value.fills).toEqual([]);
    (h.clock as SimClock).advance(10_000);
    const confirmed = await a.fillsSince(again.ok ? again.value.cursor : undefined);
    expect(confirmed.ok && confirmed.value.fills).toMatchObject([
      { id: first.value.fills[0]!.id, final: true },
    ]);
    expect(await a.positions()).toEqual({
      ok: true,
      value: [{ market: P_MARKET, outcome: 'YES', qty: 500 }],
    });
  });
});

describe('PolymarketAdapter book stream resyncs', () => {
  it('a tick_size_change moves the market’s tick: the book stays valid, its hash covers the new tick, orders off it are refused here', async () => {
    const h = await startPolyHost();
    seedBook(h.ex, P_MARKET, { bids: [[4000, 1000]], asks: [[4500, 700]] });
    const notices: MarketNotice[] = [];
    const a = adapterFor(h, { onMarketNotice: (n) => notices.push(n) });
    const events: BookEvent[] = [];
    let wake: (() => void) | undefined;
    const stream = a.streamBooks([P_MARKET], (e) => {
      events.push(e);
      wake?.();
    });
    await stream.ready;
    const until = (n: number) =>
      new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`only ${events.map((e) => e.type).join(',')}`)), 5_000);
        wake = () => {
          if (events.length >= n) {
            clearTimeout(t);
            resolve();
          }
        };
        wake();
      });
    await until(1);
    expect(
      (await h.adminCall('POST', '/polymarket/tick-size', { market: P_MARKET, tickSize: '0.1' })).body,
    ).toEqual({
      market: P_MARKET,
      old_tick_size: '0.01',
      new_tick_size: '0.1',
    });
    // A change after the tick change: its hash covers `tick_size` "0.1", and the book takes it.
    seedBook(h.ex, P_MARKET, { bids: [[4000, 500]] });
    await until(2);
    expect(events.map((e) => e.type)).toEqual(['snapshot', 'level']);
    expect(events[1]).toMatchObject({ side: 'bid', px: 4000, qty: 1500 });
    expect(stream.stats()).toMatchObject({ snapshots: 1, resyncs: 0, gaps: 0 });
    expect(notices).toEqual([{ type: 'tick_size', market: P_MARKET, assetId: P_TOKENS.yes, tick: 1000 }]);
    expect((await a.marketInfo(P_MARKET)).ok && (await a.marketInfo(P_MARKET))).toMatchObject({
      value: { tick: 1000 },
    });
    // 0.45 is off the 0.1 grid: refused before anything is sent.
    const sent = a.restStats.calls;
    const r = await a.placeOrder(buy('tick-1', 4500, 500));
    expect(r).toMatchObject({ ok: false, error: { kind: 'rejected', code: 'POLYMARKET.TICK_SIZE' } });
    expect(a.restStats.calls - sent).toBeLessThanOrEqual(1); // at most the API key; never POST /order
  });
});

describe('PolymarketAdapter on bad REST input', () => {
  it('an undecodable or inconsistent response is a clear, counted error, never a crash', async () => {
    const info = {
      c: P_MARKET,
      t: [
        { t: '1', o: 'Yes' },
        { t: '2', o: 'No' },
      ],
      mts: 0.01,
      mos: 5,
      nr: false,
    };
    const s = await startServer((srv) =>
      srv
        .get('/clob-markets/:id', (req) =>
          req.params.id === 'broken' ? json(200, { c: 'broken', t: 'x' }) : json(200, info),
        )
        .get('/book', () =>
          json(200, {
            market: P_MARKET,
            asset_id: '1',
            timestamp: '1',
            hash: 'wrong',
            bids: [{ price: '0.5', size: '1' }],
            asks: [],
          }),
        )
        .get('/positions', () => json(200, [{ asset: '1', conditionId: P_MARKET, size: 'lots' }])),
    );
    const a = new PolymarketAdapter({
      clobUrl: s.httpUrl(),
      wsUrl: s.wsUrl('/ws/market'),
      userWsUrl: s.wsUrl('/ws/user'),
      dataUrl: s.httpUrl(),
      gammaUrl: s.httpUrl(),
      privateKey: `0x${'11'.repeat(32)}`,
      chainId: 137,
      clock: new RealClock(),
      rng: new Rng(1),
    });
    onCleanup(() => a.close());
    expect(await a.fetchBook(P_MARKET)).toMatchObject({
      ok: false,
      error: {
        kind: 'retryable',
        code: 'POLYMARKET.BAD_RESPONSE',
        message: expect.stringContaining('hash does not match'),
      },
    });
    expect(await a.marketInfo('broken')).toMatchObject({
      ok: false,
      error: {
        code: 'POLYMARKET.BAD_RESPONSE',
        message: expect.stringContaining('clob-market.t (expected a list)'),
      },
    });
    expect(await a.positions()).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('positions[0].size') },
    });
    expect(a.restStats.malformed).toBe(3);
    const noHash = new PolymarketAdapter({
      ...{ clobUrl: s.httpUrl(), wsUrl: '', userWsUrl: '', dataUrl: s.httpUrl(), gammaUrl: s.httpUrl() },
      privateKey: `0x${'11'.repeat(32)}`,
      chainId: 137,
      clock: new RealClock(),
      rng: new Rng(1),
      verifyHashes: false,
    });
    onCleanup(() => noHash.close());
    expect(await noHash.fetchBook(P_MARKET)).toMatchObject({
      ok: true,
      value: { yesBids: [{ px: 5000, qty: 100 }] },
    });
  });
});
