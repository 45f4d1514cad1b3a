/** Simulated Kalshi WebSocket: commands, replies, error codes, per-sid seq, signed deltas, channels, pings. */
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../../src/core/clock.ts';
import type { Px, Qty } from '../../../src/core/units.ts';
import { BOT_ACCOUNT } from '../../../src/sim/host.ts';
import { MM, seedBook, startKalshiSim } from '../../venues/kalshi/support.ts';
import { connectWs, type WsClient } from './support.ts';

async function setup(seed: number) {
  const clock = new SimClock(Date.UTC(2026, 0, 1));
  const sim = await startKalshiSim({
    seed,
    clock,
    front: { timestampToleranceMs: 'any', rateLimits: 'off' },
  });
  const ws = await connectWs(sim.kalshi.wsUrl);
  if (typeof ws === 'number') throw new Error(`handshake refused: ${ws}`);
  return { ...sim, clock, ws };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const bookFrames = (c: WsClient, sid: number) =>
  c.messages.filter(
    (m) => m.sid === sid && (m.type === 'orderbook_snapshot' || m.type === 'orderbook_delta'),
  );

describe('Kalshi WebSocket (seeds 41–48)', () => {
  it('subscribe: a snapshot (bids only, ascending), then signed deltas numbered per sid', async () => {
    const { ws, ex, markets } = await setup(41);
    const [a, b] = markets as [string, string];
    seedBook(ex, a, {
      bids: [
        [4_000, 5],
        [3_900, 7],
      ],
      asks: [[5_500, 3]],
    });
    const id = ws.command('subscribe', { channels: ['orderbook_delta'], market_tickers: [a] });
    expect(await ws.reply(id)).toEqual({
      id,
      type: 'subscribed',
      msg: { channel: 'orderbook_delta', sid: 1 },
    });
    await ws.until('snapshot', (c) => bookFrames(c, 1).length === 1);
    expect(bookFrames(ws, 1)[0]).toEqual({
      type: 'orderbook_snapshot',
      sid: 1,
      seq: 1,
      msg: {
        market_ticker: a,
        market_id: expect.stringMatching(UUID),
        yes_dollars_fp: [
          ['0.3900', '7.00'],
          ['0.4000', '5.00'],
        ],
        no_dollars_fp: [['0.4500', '3.00']],
      },
    });
    const r = ex.place({
      account: MM,
      market: a,
      outcome: 'YES',
      side: 'BUY',
      px: 4_000 as Px,
      qty: 250 as Qty,
      tif: 'GTC',
    });
    if (!r.ok) throw new Error(r.code);
    ex.cancel(MM, r.order.id);
    // A YES-book ask at 0.55 is a NO bid at 0.45: selling into it shows as a negative delta on the no side.
    ex.place({
      account: BOT_ACCOUNT,
      market: a,
      outcome: 'YES',
      side: 'BUY',
      px: 5_500 as Px,
      qty: 100 as Qty,
      tif: 'IOC',
    });
    ex.place({
      account: MM,
      market: b,
      outcome: 'YES',
      side: 'BUY',
      px: 1_000 as Px,
      qty: 100 as Qty,
      tif: 'GTC',
    });
    await ws.until('three deltas', (c) => bookFrames(c, 1).length === 4);
    expect(
      bookFrames(ws, 1)
        .slice(1)
        .map((m) => [m.seq, m.msg]),
    ).toEqual([
      [
        2,
        expect.objectContaining({ market_ticker: a, price_dollars: '0.4000', delta_fp: '2.50', side: 'yes' }),
      ],
      [
        3,
        expect.objectContaining({
          market_ticker: a,
          price_dollars: '0.4000',
          delta_fp: '-2.50',
          side: 'yes',
        }),
      ],
      [
        4,
        expect.objectContaining({ market_ticker: a, price_dollars: '0.4500', delta_fp: '-1.00', side: 'no' }),
      ],
    ]);
    expect((bookFrames(ws, 1)[1]!.msg as { ts_ms: number }).ts_ms).toBe(Date.UTC(2026, 0, 1));
  });

  it('update_subscription adds and deletes markets and resends snapshots; list and unsubscribe', async () => {
    const { ws, ex, markets } = await setup(42);
    const [a, b] = markets as [string, string];
    seedBook(ex, b, { bids: [[2_000, 1]] });
    const sub = ws.command('subscribe', { channels: ['orderbook_delta'], market_ticker: a });
    await ws.reply(sub);
    const add = ws.command('update_subscription', { sids: [1], market_tickers: [b], action: 'add_markets' });
    // The `ok` carries sid and seq and takes a number of the subscription (real traffic), before the snapshot.
    expect(await ws.reply(add)).toEqual({
      id: add,
      sid: 1,
      seq: 2,
      type: 'ok',
      msg: { market_tickers: [a, b] },
    });
    await ws.until('snapshot of b', (c) => bookFrames(c, 1).length === 2);
    expect(bookFrames(ws, 1)[1]).toMatchObject({
      seq: 3,
      msg: { market_ticker: b, yes_dollars_fp: [['0.2000', '1.00']] },
    });
    expect(bookFrames(ws, 1)[0]!.msg).toEqual({ market_ticker: a, market_id: expect.stringMatching(UUID) }); // empty sides are left out

    const snap = ws.command('update_subscription', { sid: 1, market_tickers: [b], action: 'get_snapshot' });
    expect(await ws.reply(snap)).toMatchObject({ sid: 1, seq: 4, type: 'ok' });
    await ws.until('resent snapshot', (c) => bookFrames(c, 1).length === 3);
    expect(bookFrames(ws, 1)[2]).toMatchObject({
      type: 'orderbook_snapshot',
      seq: 5,
      msg: { market_ticker: b },
    });

    const del = ws.command('update_subscription', {
      sids: [1],
      market_tickers: [a],
      action: 'delete_markets',
    });
    expect(await ws.reply(del)).toEqual({
      id: del,
      sid: 1,
      seq: 6,
      type: 'ok',
      msg: { market_tickers: [b] },
    });
    ex.place({
      account: MM,
      market: a,
      outcome: 'YES',
      side: 'BUY',
      px: 1_000 as Px,
      qty: 100 as Qty,
      tif: 'GTC',
    });
    ex.place({
      account: MM,
      market: b,
      outcome: 'YES',
      side: 'BUY',
      px: 1_000 as Px,
      qty: 100 as Qty,
      tif: 'GTC',
    });
    await ws.until('delta of b', (c) => bookFrames(c, 1).length === 4);
    // The numbers the `ok`s took are gone from the book messages: the delta after them is seq 7.
    expect(bookFrames(ws, 1)[3]).toMatchObject({ seq: 7, msg: { market_ticker: b } });

    const tick = ws.command('subscribe', { channels: ['ticker', 'trade'] });
    await ws.until('two subscriptions', (c) => c.ofType('subscribed').length === 3);
    const list = ws.command('list_subscriptions');
    expect(await ws.reply(list)).toEqual({
      id: list,
      type: 'ok',
      msg: [
        { channel: 'orderbook_delta', sid: 1, market_tickers: [b] },
        { channel: 'ticker', sid: 2 },
        { channel: 'trade', sid: 3 },
      ],
    });
    expect(tick).toBeGreaterThan(0);
    const un = ws.command('unsubscribe', { sids: [1, 3] });
    await ws.until('two unsubscribed', (c) => c.ofType('unsubscribed').length === 2);
    expect(ws.ofType('unsubscribed')).toEqual([
      { id: un, sid: 1, type: 'unsubscribed' },
      { id: un, sid: 3, type: 'unsubscribed' },
    ]);
    const before = bookFrames(ws, 1).length;
    ex.place({
      account: MM,
      market: b,
      outcome: 'YES',
      side: 'BUY',
      px: 1_100 as Px,
      qty: 100 as Qty,
      tif: 'GTC',
    });
    const after = ws.command('list_subscriptions');
    expect((await ws.reply(after)).msg).toEqual([{ channel: 'ticker', sid: 2 }]);
    expect(bookFrames(ws, 1).length).toBe(before);
  });

  it('answers bad commands with the reference error codes', async () => {
    const { ws, markets } = await setup(43);
    const errors: [unknown, number][] = [
      [{ id: 101, cmd: 'dance' }, 5],
      [{ id: 102, cmd: 'subscribe' }, 2],
      [{ id: 103, cmd: 'subscribe', params: { channels: [] } }, 3],
      [{ id: 104, cmd: 'subscribe', params: { channels: ['orderbook_v1'] } }, 8],
      [{ id: 105, cmd: 'subscribe', params: { channels: ['orderbook_delta'] } }, 14],
      [
        { id: 106, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_tickers: ['NOPE'] } },
        16,
      ],
      [{ id: 107, cmd: 'unsubscribe', params: { sids: [] } }, 4],
      [
        {
          id: 108,
          cmd: 'update_subscription',
          params: { sids: [1, 2], market_tickers: [markets[0]], action: 'add_markets' },
        },
        12,
      ],
      [
        {
          id: 109,
          cmd: 'update_subscription',
          params: { sid: 99, market_tickers: [markets[0]], action: 'add_markets' },
        },
        7,
      ],
      [{ id: 110, cmd: 'update_subscription', params: { sid: 1, market_tickers: [markets[0]] } }, 15],
      [
        {
          id: 111,
          cmd: 'update_subscription',
          params: { sid: 1, market_tickers: [markets[0]], action: 'shuffle' },
        },
        13,
      ],
      [{ id: 112, cmd: 'update_subscription', params: { sid: 1, action: 'get_snapshot' } }, 14],
      [{ id: 113, cmd: 'unsubscribe', params: { sids: [42] } }, 7],
    ];
    for (const [cmd] of errors) ws.socket.send(JSON.stringify(cmd));
    ws.socket.send('{not json');
    await ws.until('all errors', (c) => c.ofType('error').length === errors.length + 1);
    for (const [cmd, code] of errors) {
      const id = (cmd as { id: number }).id;
      expect([id, (ws.messages.find((m) => m.id === id)!.msg as { code: number }).code]).toEqual([id, code]);
    }
    expect(ws.ofType('error').find((m) => m.id === undefined)!.msg).toEqual({
      code: 1,
      msg: 'Unable to process message',
    });
    // The venue's texts word for word (docs.kalshi.com WebSocket error table), nothing appended.
    const msgOf = (id: number) => ws.messages.find((m) => m.id === id)!.msg;
    expect(msgOf(101)).toEqual({ code: 5, msg: 'Unknown command' });
    expect(msgOf(105)).toEqual({ code: 14, msg: 'Market Ticker required' });
    expect(msgOf(106)).toEqual({ code: 16, msg: 'Market not found', market_ticker: 'NOPE' });
    expect(msgOf(108)).toEqual({ code: 12, msg: 'Exactly one subscription ID is required' });
  });

  it('public and member channels: ticker, trade, fill, user_orders, market_positions, market_lifecycle_v2', async () => {
    const { ws, ex, markets } = await setup(44);
    const a = markets[0]!;
    seedBook(ex, a, { asks: [[5_500, 3]] });
    const id = ws.command('subscribe', {
      channels: ['ticker', 'trade', 'fill', 'user_orders', 'market_positions', 'market_lifecycle_v2'],
    });
    await ws.until('six subscriptions', (c) => c.ofType('subscribed').length === 6);
    expect(id).toBe(1);
    ex.place({
      account: BOT_ACCOUNT,
      market: a,
      outcome: 'YES',
      side: 'BUY',
      px: 5_500 as Px,
      qty: 200 as Qty,
      tif: 'IOC',
      clientOrderId: 'mine',
    });
    await ws.until('trade, fill, order and position messages', (c) =>
      ['trade', 'fill', 'user_order', 'market_position', 'ticker'].every((t) => c.ofType(t).length > 0),
    );
    expect(ws.ofType('trade')[0]!.msg).toMatchObject({
      market_ticker: a,
      yes_price_dollars: '0.5500',
      count_fp: '2.00',
      taker_side: 'yes',
    });
    expect(ws.ofType('fill')[0]!.msg).toMatchObject({
      market_ticker: a,
      is_taker: true,
      side: 'yes',
      action: 'buy',
      yes_price_dollars: '0.5500',
      count_fp: '2.00',
      client_order_id: 'mine',
      post_position_fp: '2.00',
    });
    expect(ws.ofType('user_order').at(-1)!.msg).toMatchObject({
      ticker: a,
      status: 'executed',
      fill_count_fp: '2.00',
      client_order_id: 'mine',
    });
    expect(ws.ofType('market_position').at(-1)!.msg).toMatchObject({
      market_ticker: a,
      position_fp: '2.00',
      position_cost_dollars: '1.1000',
    });
    expect(ws.ofType('ticker').at(-1)!.msg).toMatchObject({
      market_ticker: a,
      price_dollars: '0.5500',
      yes_ask_dollars: '0.5500',
      volume_fp: '2.00',
    });
    // Another account's trade is public (trade, ticker) but not ours (no fill, order or position message).
    const fills = ws.ofType('fill').length;
    ex.openAccount('someone', 1e6 * 1e6);
    ex.place({
      account: 'someone',
      market: a,
      outcome: 'YES',
      side: 'BUY',
      px: 5_500 as Px,
      qty: 100 as Qty,
      tif: 'IOC',
    });
    await ws.until('second trade', (c) => c.ofType('trade').length === 2);
    expect(ws.ofType('fill').length).toBe(fills);

    ex.resolve(a, 'YES');
    await ws.until('lifecycle', (c) => c.ofType('market_lifecycle_v2').length === 2);
    expect(ws.ofType('market_lifecycle_v2').map((m) => (m.msg as { event_type: string }).event_type)).toEqual(
      ['determined', 'settled'],
    );
  });

  it('pings every 10 s of simulator time, and routes every data frame through the fault injector', async () => {
    const { ws, ex, markets, clock, host } = await setup(45);
    clock.advance(9_999);
    clock.advance(1);
    await ws.until('first ping', (c) => c.pings === 1);
    clock.advance(20_000);
    await ws.until('three pings', (c) => c.pings === 3);

    const id = ws.command('subscribe', { channels: ['orderbook_delta'], market_tickers: [markets[0]] });
    await ws.until('snapshot', (c) => bookFrames(c, 1).length === 1);
    expect(id).toBe(1);
    host.injector.add({ venue: 'kalshi', kind: 'ws_gap', endpoint: 'orderbook_delta', count: 1 });
    ex.place({
      account: MM,
      market: markets[0]!,
      outcome: 'YES',
      side: 'BUY',
      px: 1_000 as Px,
      qty: 100 as Qty,
      tif: 'GTC',
    });
    ex.place({
      account: MM,
      market: markets[0]!,
      outcome: 'YES',
      side: 'BUY',
      px: 1_100 as Px,
      qty: 100 as Qty,
      tif: 'GTC',
    });
    await ws.until('delta after the gap', (c) => bookFrames(c, 1).length === 2);
    expect(bookFrames(ws, 1).map((m) => m.seq)).toEqual([1, 3]);
  });
});
