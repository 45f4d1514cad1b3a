import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SimClock } from '../../../src/core/clock.ts';
import { buildDefaultScenario, buildSmallScenario } from '../../../src/sim/universe/index.ts';
import { wsBookHash } from '../../../src/venues/polymarket/index.ts';
import type { Level } from '../../../src/core/market.ts';
import {
  adapterFor,
  P_MARKET,
  P_TOKENS,
  polyMarkets,
  seedBook,
  START_MS,
  startPolyHost,
} from '../../venues/polymarket/support.ts';
import { TestWsClient } from '../support/net.ts';
import { call, creds, orderBody, px, qty, signed } from './support.ts';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

describe('Polymarket front: markets, books and hashes', () => {
  it('pages /markets from MA== to LTE=; a bad cursor is a 400', async () => {
    const scenario = buildSmallScenario(1, { startTimeMs: START_MS });
    const h = await startPolyHost({ scenario, front: { pageSize: 5 } });
    const seen: string[] = [];
    const cursors: string[] = [];
    for (let cursor = 'MA=='; cursor !== 'LTE=';) {
      const r = await call(h, 'GET', `/markets?next_cursor=${encodeURIComponent(cursor)}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ limit: 5, count: r.body.data.length });
      seen.push(...r.body.data.map((m: { condition_id: string }) => m.condition_id));
      cursor = r.body.next_cursor;
      cursors.push(cursor);
    }
    expect(seen).toEqual(polyMarkets(scenario).map((m) => m.key));
    expect(cursors[0]).toBe(Buffer.from('5').toString('base64'));
    expect(cursors.at(-1)).toBe('LTE=');
    expect((await call(h, 'GET', '/markets?next_cursor=LTE=')).body).toMatchObject({
      data: [],
      next_cursor: 'LTE=',
    });
    expect((await call(h, 'GET', '/markets?next_cursor=bogus!')).status).toBe(400);
    // Open orders page the same way.
    const c = await creds(h);
    const plainEvent = scenario.events.find((e) => e.venue === 'polymarket' && !e.negRisk)!;
    const m = polyMarkets(scenario).find((x) => x.key === plainEvent.markets[0])!;
    for (let i = 0; i < 7; i++)
      expect(
        (
          await signed(
            h,
            c,
            'POST',
            '/order',
            (await orderBody(c, { tokenId: m.tokens!.yes, px: px(1000 + i * 100), qty: qty(500) })).body,
          )
        ).body,
      ).toMatchObject({ success: true });
    const p1 = await signed(h, c, 'GET', '/data/orders?next_cursor=MA==');
    expect(p1.body).toMatchObject({ count: 5, next_cursor: 'NQ==' });
    const p2 = await signed(h, c, 'GET', '/data/orders?next_cursor=NQ==');
    expect(p2.body).toMatchObject({ count: 2, next_cursor: 'LTE=' });
  });

  it('REST book: best level last, NO is the YES mirror, hash = SHA-1 of the summary with hash ""', async () => {
    const h = await startPolyHost();
    seedBook(h.ex, P_MARKET, {
      bids: [
        [4000, 1000],
        [4100, 550],
      ],
      asks: [
        [4500, 700],
        [4700, 800],
      ],
    });
    const yes = (await call(h, 'GET', `/book?token_id=${P_TOKENS.yes}`)).body;
    expect(Object.keys(yes)).toEqual([
      'market',
      'asset_id',
      'timestamp',
      'hash',
      'bids',
      'asks',
      'min_order_size',
      'tick_size',
      'neg_risk',
      'last_trade_price',
    ]);
    expect(yes).toMatchObject({
      market: P_MARKET,
      asset_id: P_TOKENS.yes,
      timestamp: String(START_MS),
      bids: [
        { price: '0.4', size: '10' },
        { price: '0.41', size: '5.5' },
      ],
      asks: [
        { price: '0.47', size: '8' },
        { price: '0.45', size: '7' },
      ],
      min_order_size: '5',
      tick_size: '0.01',
      neg_risk: false,
      last_trade_price: '',
    });
    expect(yes.hash).toBe(sha1(JSON.stringify({ ...yes, hash: '' })));
    const no = (await call(h, 'GET', `/book?token_id=${P_TOKENS.no}`)).body;
    expect(no.bids).toEqual([
      { price: '0.53', size: '8' },
      { price: '0.55', size: '7' },
    ]);
    expect(no.asks).toEqual([
      { price: '0.6', size: '10' },
      { price: '0.59', size: '5.5' },
    ]);
    const both = await call(h, 'POST', '/books', {
      body: JSON.stringify([{ token_id: P_TOKENS.yes }, { token_id: P_TOKENS.no }]),
    });
    expect(both.body).toEqual([yes, no]);
    expect(await call(h, 'GET', '/book?token_id=999')).toEqual({
      status: 404,
      body: { error: 'No orderbook exists for the requested token id' },
    });
    expect((await call(h, 'GET', `/midpoint?token_id=${P_TOKENS.no}`)).body).toEqual({ mid: '0.57' });
    expect((await call(h, 'GET', `/price?token_id=${P_TOKENS.yes}&side=SELL`)).body).toEqual({
      price: '0.45',
    });
    expect((await call(h, 'GET', `/spread?token_id=${P_TOKENS.yes}`)).body).toEqual({ spread: '0.04' });
    expect((await call(h, 'GET', `/tick-size?token_id=${P_TOKENS.yes}`)).body).toEqual({
      minimum_tick_size: 0.01,
    });
    expect((await call(h, 'GET', `/neg-risk?token_id=${P_TOKENS.yes}`)).body).toEqual({ neg_risk: false });
    expect((await call(h, 'GET', `/fee-rate?token_id=${P_TOKENS.yes}`)).body).toEqual({ base_fee: 400 });
    expect((await call(h, 'GET', `/clob-markets/${P_MARKET}`)).body).toEqual({
      c: P_MARKET,
      t: [
        { t: P_TOKENS.yes, o: 'Yes' },
        { t: P_TOKENS.no, o: 'No' },
      ],
      mts: 0.01,
      mos: 5,
      nr: false,
      fd: { r: 0.04, e: 1, to: true },
    });
  });

  it('WebSocket: snapshots as arrays, price_change as objects with absolute sizes and the book summary’s hash', async () => {
    const h = await startPolyHost();
    seedBook(h.ex, P_MARKET, { bids: [[4000, 1000]], asks: [[4500, 700]] });
    const ws = await TestWsClient.connect(h.conn.wsUrl);
    ws.socket.send('PING');
    ws.socket.send(JSON.stringify({ assets_ids: [P_TOKENS.yes, P_TOKENS.no], type: 'market' }));
    const first = await ws.untilCount(3);
    expect(first[0]).toBe('PONG');
    const snap = JSON.parse(first[1]!) as Record<string, unknown>[];
    expect(Array.isArray(snap)).toBe(true);
    const lv = (p: number, q: number): Level => ({ px: p, qty: q }) as Level;
    // The hash covers the REST-style summary: the frame's fields plus min_order_size, tick_size, neg_risk and
    // last_trade_price ("" before any trade), though the frame carries only the last two (captured shape).
    const meta = { minOrderSize: '5', tickSize: '0.01', negRisk: false, lastTradePrice: '' };
    expect(first[1]).toBe(
      JSON.stringify([
        {
          market: P_MARKET,
          asset_id: P_TOKENS.yes,
          timestamp: String(START_MS),
          hash: wsBookHash(P_MARKET, P_TOKENS.yes, String(START_MS), [lv(4000, 1000)], [lv(4500, 700)], meta),
          bids: [{ price: '0.4', size: '10' }],
          asks: [{ price: '0.45', size: '7' }],
          tick_size: '0.01',
          event_type: 'book',
          last_trade_price: '',
        },
      ]),
    );
    (h.clock as SimClock).advance(5);
    seedBook(h.ex, P_MARKET, { bids: [[4000, 500]] });
    const msgs = await ws.untilCount(4);
    const pc = JSON.parse(msgs[3]!) as {
      event_type: string;
      price_changes: Record<string, string>[];
      timestamp: string;
    };
    const t = String(START_MS + 5);
    expect(pc).toEqual({
      event_type: 'price_change',
      market: P_MARKET,
      timestamp: t,
      price_changes: [
        {
          asset_id: P_TOKENS.yes,
          price: '0.4',
          size: '15',
          side: 'BUY',
          hash: wsBookHash(P_MARKET, P_TOKENS.yes, t, [lv(4000, 1500)], [lv(4500, 700)], meta),
          best_bid: '0.4',
          best_ask: '0.45',
        },
        {
          asset_id: P_TOKENS.no,
          price: '0.6',
          size: '15',
          side: 'SELL',
          hash: wsBookHash(P_MARKET, P_TOKENS.no, t, [lv(5500, 700)], [lv(6000, 1500)], meta),
          best_bid: '0.55',
          best_ask: '0.6',
        },
      ],
    });
    // A trade: last_trade_price per token (three decimals, as captured), the batch, then fresh book snapshots
    // whose summary now has the trade's price.
    h.ex.openAccount('taker', 1e9, { tracked: false });
    h.ex.place({
      account: 'taker',
      market: P_MARKET,
      outcome: 'YES',
      side: 'BUY',
      px: px(4500),
      qty: qty(700),
      tif: 'IOC',
    });
    const after = (await ws.untilCount(9))
      .slice(4)
      .map((m) => JSON.parse(m) as Record<string, unknown> | Record<string, unknown>[]);
    const types = after.map((m) => (Array.isArray(m) ? `[${String(m[0]!.event_type)}]` : m.event_type));
    expect(types).toEqual(['last_trade_price', 'last_trade_price', 'price_change', '[book]', '[book]']);
    expect(after[0]).toMatchObject({ asset_id: P_TOKENS.yes, price: '0.450' });
    const yesBook = (after[3] as Record<string, unknown>[])[0]!;
    expect(yesBook).toMatchObject({ last_trade_price: '0.450', asks: [] });
    expect(yesBook.hash).toBe(
      wsBookHash(P_MARKET, P_TOKENS.yes, t, [lv(4000, 1500)], [], { ...meta, lastTradePrice: '0.450' }),
    );
    ws.socket.send(JSON.stringify({ operation: 'unsubscribe', assets_ids: [P_TOKENS.no] }));
    ws.socket.send(JSON.stringify({ operation: 'subscribe', assets_ids: [P_TOKENS.no] }));
    const resub = JSON.parse((await ws.untilCount(10))[9]!) as { asset_id: string }[];
    expect(resub[0]!.asset_id).toBe(P_TOKENS.no);
  });

  it('user channel: auth in the subscribe message, order and trade events through settlement', async () => {
    const h = await startPolyHost();
    seedBook(h.ex, P_MARKET, { asks: [[4500, 700]] });
    const c = await creds(h);
    const bad = await TestWsClient.connect(h.conn.userWsUrl);
    bad.socket.send(
      JSON.stringify({ auth: { apiKey: c.key, secret: 'x', passphrase: c.passphrase }, type: 'user' }),
    );
    expect(await bad.closed).toBe(4001);
    expect(bad.messages).toEqual([JSON.stringify({ error: 'Unauthorized/Invalid api key' })]);
    const ws = await TestWsClient.connect(h.conn.userWsUrl);
    ws.socket.send(
      JSON.stringify({
        auth: { apiKey: c.key, secret: c.secret, passphrase: c.passphrase },
        type: 'user',
        markets: [P_MARKET],
      }),
    );
    ws.socket.send('PING');
    await ws.untilCount(1);
    const o = await orderBody(c, { tokenId: P_TOKENS.yes, px: px(4500), qty: qty(500) });
    await signed(h, c, 'POST', '/order', o.body);
    (h.clock as SimClock).advance(2_000);
    (h.clock as SimClock).advance(5_000);
    const events = (await ws.untilCount(6)).slice(1).map((m) => JSON.parse(m) as Record<string, string>);
    expect(events.map((e) => `${e.event_type}:${e.type === 'TRADE' ? e.status : e.type}`)).toEqual([
      'order:PLACEMENT',
      'trade:MATCHED',
      'order:UPDATE',
      'trade:MINED',
      'trade:CONFIRMED',
    ]);
    expect(events[4]).toMatchObject({
      id: expect.any(String),
      trader_side: 'TAKER',
      transaction_hash: expect.stringMatching(/^0x/),
      size: '5',
    });
  });

  it('Gamma and Data API shapes; the adapter discovers augmented negRisk events with their placeholders', async () => {
    const scenario = buildDefaultScenario(1, { startTimeMs: START_MS });
    const h = await startPolyHost({ scenario });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    type Loose = Record<string, any>;
    const gamma = await fetch(`${h.conn.gammaUrl}/events?limit=500`).then(
      (r) => r.json() as Promise<Loose[]>,
    );
    const augmented = gamma.find((e) => e.negRiskAugmented)!;
    expect(augmented).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      negRisk: true,
      enableNegRisk: true,
    });
    const m = augmented.markets[0];
    expect(JSON.parse(m.outcomes)).toEqual(['Yes', 'No']);
    expect(JSON.parse(m.clobTokenIds)).toHaveLength(2);
    expect(JSON.parse(m.outcomePrices)).toHaveLength(2);
    expect(m).toMatchObject({
      orderPriceMinTickSize: expect.any(Number),
      orderMinSize: expect.any(Number),
      negRisk: true,
      conditionId: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    });
    expect(augmented.markets.some((x: { negRiskOther: boolean }) => x.negRiskOther)).toBe(true);
    const byCondition = await fetch(`${h.conn.gammaUrl}/markets?condition_ids=${m.conditionId}`).then(
      (r) => r.json() as Promise<unknown[]>,
    );
    expect(byCondition).toMatchObject([{ conditionId: m.conditionId, events: [{ slug: augmented.slug }] }]);

    const a = adapterFor(h);
    const d = await a.discover();
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value.markets).toHaveLength(polyMarkets(scenario).length);
    // Games list their teams and totals Over/Under, as the venue does: kept, first outcome = YES.
    const labelled = polyMarkets(scenario).filter((x) => x.outcomes !== undefined);
    expect(labelled.length).toBeGreaterThan(0);
    for (const x of labelled)
      expect(d.value.markets.find((y) => y.key === x.key)).toMatchObject({
        tokens: x.tokens,
        outcomes: { yes: x.outcomes![0], no: x.outcomes![1] },
      });
    expect(labelled.some((x) => x.outcomes![0] === 'Over')).toBe(true);
    const ev = d.value.events.find((e) => e.key === augmented.slug)!;
    expect(ev).toMatchObject({ mutuallyExclusive: true, augmented: true });
    expect(ev.placeholderKeys).toEqual(
      augmented.markets
        .filter((x: { negRiskOther: boolean }) => x.negRiskOther)
        .map((x: { conditionId: string }) => x.conditionId),
    );
    expect((await call(h, 'GET', '/data-api/positions')).status).toBe(400);
  });
});
