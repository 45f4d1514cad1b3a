/**
 * The market channel as the venue sends it (reference, "Observed in real traffic"; issue 21 points 5–7): an
 * engine call's book changes go out as one same-timestamp batch whose frames all carry the end-of-batch hash and
 * best prices, growing levels first, so the book is crossed for a moment inside the batch; clients with custom
 * features get `best_bid_ask`, `market_resolved` and `new_market`. The adapter's own sync, fed these frames as
 * the socket delivers them with hash checking on, keeps the book valid and equal to the engine's.
 */
import { describe, expect, it } from 'vitest';
import type { SimClock } from '../../../src/core/clock.ts';
import type { Level } from '../../../src/core/market.ts';
import { type BookEvent } from '../../../src/venues/venue.ts';
import { type MarketNotice, PolyBookSync, wsBookHash } from '../../../src/venues/polymarket/index.ts';
import { P_MARKET, P_TOKENS, seedBook, START_MS, startPolyHost } from '../../venues/polymarket/support.ts';
import { TestWsClient } from '../support/net.ts';
import { px, qty } from './support.ts';

const lv = (p: number, q: number): Level => ({ px: p, qty: q }) as Level;
type Frame = Record<string, unknown>;

describe('Polymarket market channel: same-timestamp batches and market events', () => {
  it('a sweep that leaves a remainder: one batch, end-of-batch hash on every frame, crossed on the way; the adapter keeps its book', async () => {
    const h = await startPolyHost();
    seedBook(h.ex, P_MARKET, {
      bids: [[4000, 1000]],
      asks: [
        [4500, 700],
        [4600, 500],
      ],
    });
    const ws = await TestWsClient.connect(h.conn.wsUrl);
    ws.socket.send(
      JSON.stringify({ assets_ids: [P_TOKENS.yes], type: 'market', custom_feature_enabled: true }),
    );
    await ws.untilCount(1);
    (h.clock as SimClock).advance(7);
    h.ex.openAccount('taker', 1e9, { tracked: false });
    // Buys 7 at 0.45 and 5 at 0.46, and rests 8 at 0.47.
    h.ex.place({
      account: 'taker',
      market: P_MARKET,
      outcome: 'YES',
      side: 'BUY',
      px: px(4700),
      qty: qty(2000),
      tif: 'GTC',
    });
    const all = await ws.untilCount(8);
    const frames = all.slice(1).map((m) => JSON.parse(m) as Frame | Frame[]);
    const kind = (f: Frame | Frame[]) => (Array.isArray(f) ? `[${String(f[0]!.event_type)}]` : f.event_type);
    expect(frames.map(kind)).toEqual([
      'last_trade_price',
      'last_trade_price',
      'price_change',
      'price_change',
      'price_change',
      'best_bid_ask',
      '[book]',
    ]);
    const t = String(START_MS + 7);
    const meta = { minOrderSize: '5', tickSize: '0.01', negRisk: false, lastTradePrice: '0.460' };
    const endHash = wsBookHash(P_MARKET, P_TOKENS.yes, t, [lv(4700, 800), lv(4000, 1000)], [], meta);
    const changes = frames.slice(2, 5).map((f) => (f as { price_changes: Frame[] }).price_changes[0]!);
    // The resting remainder first: on its own it crosses the asks still listed.
    expect(changes.map((c) => [c.side, c.price, c.size])).toEqual([
      ['BUY', '0.47', '8'],
      ['SELL', '0.45', '0'],
      ['SELL', '0.46', '0'],
    ]);
    for (const c of changes) expect(c).toMatchObject({ hash: endHash, best_bid: '0.47', best_ask: '1' });
    expect(frames.slice(2, 5).every((f) => (f as Frame).timestamp === t)).toBe(true);
    expect(frames[5]).toMatchObject({
      asset_id: P_TOKENS.yes,
      best_bid: '0.47',
      best_ask: '1',
      timestamp: t,
    });

    // The adapter's sync, hash checking on, on exactly these frames after the first snapshot.
    const events: BookEvent[] = [];
    let resyncs = 0;
    const sync = new PolyBookSync([{ market: P_MARKET, assetId: P_TOKENS.yes }], {
      onEvent: (e) => events.push(e),
      resync: () => resyncs++,
    });
    for (const text of all) sync.frame(text, 0);
    expect(resyncs).toBe(0);
    expect(sync.detail).toMatchObject({
      hashFailed: 0,
      multiFrameBatches: 1,
      crossedInBatch: 1,
      bboMismatch: 0,
    });
    expect(events.map((e) => e.type)).toEqual(['snapshot', 'level', 'level', 'level', 'snapshot']);
    // Net changes, removals first: a consumer applying them in turn never holds a crossed book.
    expect(events.slice(1, 4).map((e) => (e.type === 'level' ? [e.side, e.px, e.qty] : e.type))).toEqual([
      ['ask', 4500, 0],
      ['ask', 4600, 0],
      ['bid', 4700, 800],
    ]);
    expect(sync.book(P_TOKENS.yes)).toMatchObject({
      valid: true,
      bids: [lv(4700, 800), lv(4000, 1000)],
      asks: [],
    });
  });

  it('market_resolved and new_market reach clients with custom features only; the sync drops a resolved book for good', async () => {
    const h = await startPolyHost();
    seedBook(h.ex, P_MARKET, { bids: [[4000, 1000]], asks: [[4500, 700]] });
    const plain = await TestWsClient.connect(h.conn.wsUrl);
    plain.socket.send(JSON.stringify({ assets_ids: [P_TOKENS.yes], type: 'market' }));
    const custom = await TestWsClient.connect(h.conn.wsUrl);
    custom.socket.send(
      JSON.stringify({ assets_ids: [P_TOKENS.yes], type: 'market', custom_feature_enabled: true }),
    );
    await plain.untilCount(1);
    await custom.untilCount(1);
    expect((await h.adminCall('POST', '/polymarket/new-market', { market: P_MARKET })).status).toBe(200);
    const announced = JSON.parse((await custom.untilCount(2))[1]!) as Frame;
    expect(announced).toMatchObject({
      event_type: 'new_market',
      market: P_MARKET,
      assets_ids: [P_TOKENS.yes, P_TOKENS.no],
      outcomes: ['Yes', 'No'],
    });
    const resolved = await h.adminCall('POST', '/resolve', { market: P_MARKET, result: 'NO' });
    expect(resolved.status).toBe(200);
    // The resolution cancels the resting orders (a batch of two removals, then the new top), then says so.
    const after = (await custom.untilCount(6)).slice(2).map((m) => JSON.parse(m) as Frame);
    expect(after.map((f) => f.event_type)).toEqual([
      'price_change',
      'price_change',
      'best_bid_ask',
      'market_resolved',
    ]);
    const gone = after[3]!;
    expect(gone).toMatchObject({ market: P_MARKET, winning_asset_id: P_TOKENS.no, winning_outcome: 'No' });
    expect(plain.messages.some((m) => /market_resolved|new_market|best_bid_ask/.test(m))).toBe(false);

    const events: BookEvent[] = [];
    const notices: MarketNotice[] = [];
    let resyncs = 0;
    const sync = new PolyBookSync([{ market: P_MARKET, assetId: P_TOKENS.yes }], {
      onEvent: (e) => events.push(e),
      resync: () => resyncs++,
      onNotice: (n) => notices.push(n),
    });
    for (const text of custom.messages) sync.frame(text, 0);
    expect(events.at(-1)).toMatchObject({ type: 'invalid', reason: 'market resolved' });
    expect(resyncs).toBe(0);
    expect(sync.needsSnapshot(P_TOKENS.yes)).toBe(false);
    expect(sync.assetIds()).toEqual([]);
    // A snapshot after the resolution changes nothing.
    sync.frame(custom.messages[0]!, 0);
    expect(sync.isValid(P_MARKET)).toBe(false);
    expect(notices.map((n) => n.type)).toEqual(['new_market', 'resolved']);
    expect(notices[1]).toMatchObject({ market: P_MARKET, winningAssetId: P_TOKENS.no });
  });
});
