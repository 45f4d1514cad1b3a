/**
 * Simulated Kalshi WebSocket, as real traffic showed the venue behaves (reference "Observed in real traffic",
 * which overrides K3): `ok` replies carry `sid` and `seq` and take a number of the subscription; a second
 * subscribe to a channel merges into its sid; book messages carry `market_id`.
 */
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../../src/core/clock.ts';
import type { Px, Qty } from '../../../src/core/units.ts';
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

const buy = (market: string, px: number) => ({
  account: MM,
  market,
  outcome: 'YES' as const,
  side: 'BUY' as const,
  px: px as Px,
  qty: 100 as Qty,
  tif: 'GTC' as const,
});

describe('Kalshi WebSocket as observed in real traffic (seeds 46–49)', () => {
  it('book messages carry market_id, a stable UUID per market, right after market_ticker (real traffic)', async () => {
    const { ws, ex, markets, kalshi } = await setup(46);
    const wsUrl = kalshi.wsUrl;
    const [a, b] = markets as [string, string];
    ws.command('subscribe', { channels: ['orderbook_delta'], market_tickers: [a, b] });
    await ws.until('two snapshots', (c) => bookFrames(c, 1).length === 2);
    ex.place({
      account: MM,
      market: a,
      outcome: 'YES',
      side: 'BUY',
      px: 1_000 as Px,
      qty: 100 as Qty,
      tif: 'GTC',
    });
    await ws.until('a delta', (c) => bookFrames(c, 1).length === 3);
    const [snapA, snapB, deltaA] = bookFrames(ws, 1).map((m) => m.msg as Record<string, unknown>);
    expect(snapA!.market_id).toMatch(UUID);
    expect(snapB!.market_id).toMatch(UUID);
    expect(snapB!.market_id).not.toBe(snapA!.market_id);
    expect(deltaA!.market_id).toBe(snapA!.market_id);
    expect(Object.keys(deltaA!).slice(0, 3)).toEqual(['market_ticker', 'market_id', 'price_dollars']);
    expect(deltaA!.ts_ms).toBe(Date.UTC(2026, 0, 1));
    // Stable: another connection names the market by the same id.
    const again = await connectWs(wsUrl);
    if (typeof again === 'number') throw new Error(`handshake refused: ${again}`);
    again.command('subscribe', { channels: ['orderbook_delta'], market_tickers: [a] });
    await again.until('snapshot', (c) => bookFrames(c, 1).length === 1);
    expect((bookFrames(again, 1)[0]!.msg as Record<string, unknown>).market_id).toBe(snapA!.market_id);
  });

  it('a second subscribe to a channel merges into its sid: ok with sid, seq and the whole market set, then the new snapshot', async () => {
    const { ws, markets } = await setup(48);
    const [a, b, c] = markets as [string, string, string];
    const first = ws.command('subscribe', { channels: ['orderbook_delta'], market_tickers: [a] });
    expect(await ws.reply(first)).toEqual({
      id: first,
      type: 'subscribed',
      msg: { channel: 'orderbook_delta', sid: 1 },
    });
    const second = ws.command('subscribe', { channels: ['orderbook_delta'], market_tickers: [a, b] });
    expect(await ws.reply(second)).toEqual({
      id: second,
      sid: 1,
      seq: 2,
      type: 'ok',
      msg: { market_tickers: [a, b] },
    });
    const third = ws.command('subscribe', { channels: ['orderbook_delta'], market_ticker: c });
    expect(await ws.reply(third)).toEqual({
      id: third,
      sid: 1,
      seq: 4,
      type: 'ok',
      msg: { market_tickers: [a, b, c] },
    });
    await ws.until('three snapshots', (m) => bookFrames(m, 1).length === 3);
    // subscribed → snapshot 1 → ok 2 → snapshot 3 → ok 4 → snapshot 5: one sid, no second `subscribed`, no error.
    const numbered = ws.messages
      .filter((m) => m.sid === 1)
      .map((m) => [m.type, m.seq, (m.msg as { market_ticker?: string }).market_ticker]);
    expect(numbered).toEqual([
      ['orderbook_snapshot', 1, a],
      ['ok', 2, undefined],
      ['orderbook_snapshot', 3, b],
      ['ok', 4, undefined],
      ['orderbook_snapshot', 5, c],
    ]);
    expect(ws.ofType('subscribed')).toHaveLength(1);
    expect(ws.ofType('error')).toEqual([]);
    const list = ws.command('list_subscriptions');
    expect((await ws.reply(list)).msg).toEqual([
      { channel: 'orderbook_delta', sid: 1, market_tickers: [a, b, c] },
    ]);
  });

  it('an ok takes the next number even behind a delayed frame, and never overtakes it', async () => {
    const { ws, ex, markets, host, clock } = await setup(49);
    const [a, b] = markets as [string, string];
    seedBook(ex, b, { bids: [[2_000, 1]] });
    ws.command('subscribe', { channels: ['orderbook_delta'], market_tickers: [a] });
    await ws.until('snapshot of a', (c) => bookFrames(c, 1).length === 1);
    host.injector.add({
      venue: 'kalshi',
      kind: 'book_stale',
      endpoint: 'orderbook_delta',
      count: 1,
      params: { ms: 50 },
    });
    ex.place(buy(a, 1_000)); // its delta (seq 2) is held back 50 ms
    const add = ws.command('update_subscription', { sid: 1, market_tickers: [b], action: 'add_markets' });
    // Commands are handled in order and `list_subscriptions` is answered at once: once it is here, the `ok`
    // exists too, queued behind the held delta.
    const list = ws.command('list_subscriptions');
    await ws.reply(list);
    expect(ws.messages.filter((m) => m.sid === 1).map((m) => m.type)).toEqual(['orderbook_snapshot']);
    clock.advance(50);
    await ws.until(
      'the delta, the ok and the snapshot of b',
      (c) => bookFrames(c, 1).length === 3 && c.messages.some((m) => m.id === add),
    );
    const numbered = ws.messages.filter((m) => m.sid === 1).map((m) => [m.type, m.seq]);
    expect(numbered).toEqual([
      ['orderbook_snapshot', 1],
      ['orderbook_delta', 2],
      ['ok', 3],
      ['orderbook_snapshot', 4],
    ]);
  });
});
