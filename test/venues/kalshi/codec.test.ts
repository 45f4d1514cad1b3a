/** Kalshi codecs on small fixtures in the reference's shapes (K2, K3), and malformed input. */
import { describe, expect, it } from 'vitest';
import { kalshiFeeModel } from '../../../src/core/fees.ts';
import { kalshiGrid, MarketIdTable } from '../../../src/core/market.ts';
import type { Px, Qty } from '../../../src/core/units.ts';
import {
  decodeBalance,
  decodeFill,
  decodeMarket,
  decodeOrder,
  decodePosition,
  decodeJson,
  encodeOrder,
  parseFrame,
  WireEvent,
  WireFill,
  WireMarket,
  WireOrder,
  WireOrderbookResponse,
  WireSeries,
  yesLevels,
} from '../../../src/venues/kalshi/index.ts';

const MARKET = {
  ticker: 'KXFED-26DEC-T4.25',
  event_ticker: 'KXFED-26DEC',
  market_type: 'binary',
  title: 'Fed funds above 4.25%?',
  yes_sub_title: 'Above 4.25%',
  no_sub_title: 'Above 4.25%',
  open_time: '2026-01-01T00:00:00Z',
  close_time: '2026-12-16T19:00:00Z',
  status: 'active',
  yes_bid_dollars: '0.5500',
  yes_ask_dollars: '0.5700',
  no_bid_dollars: '0.4300',
  no_ask_dollars: '0.4500',
  last_price_dollars: '0.5600',
  volume_fp: '1200.00',
  open_interest_fp: '800.00',
  result: '',
  price_level_structure: 'tapered_deci_cent',
  price_ranges: [
    { start: '0.0000', end: '0.1000', step: '0.0010' },
    { start: '0.1000', end: '0.9000', step: '0.0100' },
    { start: '0.9000', end: '1.0000', step: '0.0010' },
  ],
};
const EVENT = {
  event_ticker: 'KXFED-26DEC',
  series_ticker: 'KXFED',
  title: 'Fed in December',
  mutually_exclusive: false,
};
const SERIES = { ticker: 'KXFED', fee_type: 'quadratic_with_maker_fees', fee_multiplier: 0.5 };

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('Kalshi REST codecs', () => {
  it('a market: grid from price_ranges, fee model from its series, status, close time', () => {
    const m = ok(
      decodeMarket(
        WireMarket.parse(MARKET),
        new MarketIdTable(),
        WireEvent.parse(EVENT),
        WireSeries.parse(SERIES),
      ),
    );
    expect(m).toEqual({
      id: 0,
      venue: 'kalshi',
      key: 'KXFED-26DEC-T4.25',
      title: 'Fed funds above 4.25%?',
      subtitle: 'Above 4.25%',
      eventKey: 'KXFED-26DEC',
      grid: kalshiGrid('tapered_deci_cent'),
      minSize: 100,
      fees: kalshiFeeModel({ makerFees: true, multiplierPpm: 500_000 }),
      closeTimeMs: Date.parse('2026-12-16T19:00:00Z'),
      status: 'open',
    });
    const noRanges = {
      ...MARKET,
      price_ranges: undefined,
      price_level_structure: 'deci_cent',
      status: 'finalized',
    };
    const m2 = ok(decodeMarket(WireMarket.parse(noRanges), new MarketIdTable(), undefined, undefined));
    expect([m2.grid, m2.fees, m2.status]).toEqual([kalshiGrid('deci_cent'), kalshiFeeModel(), 'settled']);
  });

  it('an order book: bids only (any order) → YES bids best first and YES asks = 1 − NO bids', () => {
    const text = JSON.stringify({
      orderbook_fp: {
        yes_dollars: [
          ['0.0800', '300.00'],
          ['0.0900', '12.00'],
        ],
        no_dollars: [
          ['0.9000', '5.00'],
          ['0.8850', '1.50'],
        ],
      },
    });
    const w = ok(decodeJson(WireOrderbookResponse, text, 'book'));
    expect(ok(yesLevels(w.orderbook_fp.yes_dollars ?? [], w.orderbook_fp.no_dollars ?? [], 'book'))).toEqual({
      yesBids: [
        { px: 900, qty: 1_200 },
        { px: 800, qty: 30_000 },
      ],
      yesAsks: [
        { px: 1_000, qty: 500 },
        { px: 1_150, qty: 150 },
      ],
    });
    expect(ok(yesLevels([], [], 'empty'))).toEqual({ yesBids: [], yesAsks: [] });
  });

  it('orders: V2 book side, or the deprecated side/action when present; statuses; counts', () => {
    const v2 = {
      order_id: 'ord-1',
      client_order_id: 'c-1',
      ticker: 'T',
      outcome_side: 'no',
      book_side: 'ask',
      type: 'limit',
      status: 'resting',
      yes_price_dollars: '0.6000',
      no_price_dollars: '0.4000',
      fill_count_fp: '1.50',
      remaining_count_fp: '4.00',
      initial_count_fp: '5.50',
      created_time: '2026-01-01T00:00:01.000Z',
    };
    expect(ok(decodeOrder(WireOrder.parse(v2)))).toEqual({
      id: 'ord-1',
      clientOrderId: 'c-1',
      market: 'T',
      outcome: 'NO',
      side: 'BUY',
      px: 4_000,
      qty: 550,
      filled: 150,
      status: 'open',
      createdMs: Date.parse('2026-01-01T00:00:01.000Z'),
    });
    const legacy = { ...v2, side: 'yes', action: 'sell', status: 'canceled', remaining_count_fp: '0.00' };
    expect(ok(decodeOrder(WireOrder.parse(legacy)))).toMatchObject({
      outcome: 'YES',
      side: 'SELL',
      px: 6_000,
      qty: 550,
      status: 'cancelled',
    });
  });

  it('fills, balance and positions', () => {
    const fill = {
      fill_id: 'f-1',
      trade_id: 'f-1',
      order_id: 'ord-1',
      ticker: 'T',
      market_ticker: 'T',
      side: 'no',
      action: 'buy',
      outcome_side: 'no',
      book_side: 'ask',
      count_fp: '10.00',
      yes_price_dollars: '0.5000',
      no_price_dollars: '0.5000',
      is_taker: true,
      created_time: '2026-01-01T00:00:02.500Z',
      fee_cost: '0.1750',
      ts: 1767225602,
    };
    expect(ok(decodeFill(WireFill.parse(fill)))).toEqual({
      id: 'f-1',
      orderId: 'ord-1',
      market: 'T',
      outcome: 'NO',
      side: 'BUY',
      px: 5_000,
      qty: 1_000,
      fee: 175_000,
      liquidity: 'taker',
      tsMs: Date.parse('2026-01-01T00:00:02.500Z'),
      final: true,
    });
    expect(ok(decodeBalance({ balance: 100_012, balance_dollars: '1000.1200' }))).toBe(1_000_120_000);
    expect(ok(decodeBalance({ balance: 5 }))).toBe(50_000);
    expect(ok(decodePosition({ ticker: 'T', position_fp: '-3.50' }))).toEqual({
      market: 'T',
      outcome: 'NO',
      qty: 350,
    });
    expect(ok(decodePosition({ ticker: 'T', position_fp: '0.00' }))).toBeUndefined();
  });

  it('encodes V2 orders: buy YES / sell NO bid, sell YES / buy NO ask, at the YES price', () => {
    const base = { clientOrderId: 'c', market: 'T', qty: 250 as Qty, tif: 'GTC' as const };
    const enc = (outcome: 'YES' | 'NO', side: 'BUY' | 'SELL') =>
      encodeOrder({ ...base, outcome, side, px: 3_000 as Px });
    expect(
      [enc('YES', 'BUY'), enc('NO', 'SELL'), enc('YES', 'SELL'), enc('NO', 'BUY')].map((b) => [
        b.side,
        b.price,
      ]),
    ).toEqual([
      ['bid', '0.3000'],
      ['bid', '0.7000'],
      ['ask', '0.3000'],
      ['ask', '0.7000'],
    ]);
    expect(enc('YES', 'BUY')).toEqual({
      ticker: 'T',
      client_order_id: 'c',
      side: 'bid',
      count: '2.50',
      price: '0.3000',
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'taker_at_cross',
    });
    const gtd = encodeOrder({
      ...base,
      outcome: 'YES',
      side: 'BUY',
      px: 3_000 as Px,
      tif: 'GTD',
      expiresAtMs: 1_767_225_600_500,
      postOnly: true,
    });
    expect(gtd).toMatchObject({
      time_in_force: 'good_till_canceled',
      expiration_time: 1_767_225_601,
      post_only: true,
    });
    expect(
      encodeOrder({ ...base, outcome: 'YES', side: 'BUY', px: 3_000 as Px, tif: 'FOK' }).time_in_force,
    ).toBe('fill_or_kill');
  });
});

describe('Kalshi WebSocket frames', () => {
  it('parses the reference snapshot and delta shapes', () => {
    const snap = parseFrame(
      '{"type":"orderbook_snapshot","sid":2,"seq":2,"msg":{"market_ticker":"T","yes_dollars_fp":[["0.0800","300.00"]],"no_dollars_fp":[["0.9000","5.00"]]}}',
    );
    expect(snap).toEqual({
      ok: true,
      frame: {
        type: 'orderbook_snapshot',
        sid: 2,
        seq: 2,
        market: 'T',
        yes: [{ px: 800, qty: 30_000 }],
        no: [{ px: 9_000, qty: 500 }],
      },
    });
    const delta = parseFrame(
      '{"type":"orderbook_delta","sid":2,"seq":3,"msg":{"market_ticker":"T","price_dollars":"0.960","delta_fp":"-54.00","side":"yes","ts_ms":1767225600000}}',
    );
    expect(delta).toEqual({
      ok: true,
      frame: {
        type: 'orderbook_delta',
        sid: 2,
        seq: 3,
        market: 'T',
        side: 'yes',
        px: 9_600,
        delta: -5_400,
        tsMs: 1767225600000,
      },
    });
    expect(parseFrame('{"id":1,"type":"subscribed","msg":{"channel":"orderbook_delta","sid":1}}')).toEqual({
      ok: true,
      frame: { type: 'subscribed', id: 1, sid: 1, channel: 'orderbook_delta' },
    });
    expect(parseFrame('{"id":3,"type":"error","msg":{"code":6,"msg":"Already subscribed"}}')).toEqual({
      ok: true,
      frame: { type: 'error', id: 3, code: 6, message: 'Already subscribed' },
    });
    expect(parseFrame('{"type":"ticker","sid":5,"msg":{}}')).toEqual({
      ok: true,
      frame: { type: 'other', kind: 'ticker', id: undefined, sid: 5 },
    });
  });
});

describe('malformed input ends in a clear error, never a value', () => {
  it.each([
    ['bad JSON', '{"orderbook_fp": {', /malformed JSON/],
    ['missing orderbook_fp', '{}', /orderbook_fp/],
    ['level not a pair', '{"orderbook_fp":{"yes_dollars":[["0.50"]]}}', /yes_dollars\.0/],
  ])('REST book: %s', (_what, text, message) => {
    const r = decodeJson(WireOrderbookResponse, text, 'GET /markets/T/orderbook');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });

  it.each([
    ['price above 1', [['1.5', '1.00']], [], /yes\[0\]\[0\]: price above \$1/],
    ['price not a number', [['abc', '1.00']], [], /not a plain decimal/],
    ['price 0', [], [['0.0000', '1.00']], /not inside \(0, 1\)/],
    ['negative count', [['0.50', '-1.00']], [], /negative value not allowed/],
    ['zero count', [['0.50', '0.00']], [], /must be positive/],
    [
      'same price twice',
      [
        ['0.50', '1.00'],
        ['0.5000', '2.00'],
      ],
      [],
      /listed twice/,
    ],
  ] as const)('book levels: %s', (_what, yes, no, message) => {
    const r = yesLevels(yes, no, 'book');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });

  it('orders, fills, markets and balances with impossible values', () => {
    const bad = (r: { ok: boolean; error?: { message: string } }, m: RegExp) => {
      expect(r.ok).toBe(false);
      expect(r.error?.message).toMatch(m);
    };
    const order = {
      order_id: 'o',
      ticker: 'T',
      status: 'resting',
      yes_price_dollars: '1.5',
      fill_count_fp: '0',
      remaining_count_fp: '1',
    };
    bad(decodeOrder(WireOrder.parse(order)), /order o\.yes_price_dollars/);
    expect(WireOrder.safeParse({ ...order, status: 'pending' }).success).toBe(false);
    bad(
      decodeFill(
        WireFill.parse({
          order_id: 'o',
          ticker: 'T',
          count_fp: 'x',
          yes_price_dollars: '0.5',
          is_taker: false,
          fill_id: 'f',
        }),
      ),
      /count_fp/,
    );
    bad(
      decodeFill(
        WireFill.parse({
          order_id: 'o',
          count_fp: '1',
          yes_price_dollars: '0.5',
          is_taker: false,
          fill_id: 'f',
        }),
      ),
      /no ticker/,
    );
    bad(
      decodeMarket(
        WireMarket.parse({ ...MARKET, price_ranges: [{ start: '0', end: '1', step: 'abc' }] }),
        new MarketIdTable(),
        undefined,
        undefined,
      ),
      /price_ranges\[0\]\.step/,
    );
    bad(decodeBalance({}), /balance/);
    bad(decodeBalance({ balance_dollars: '12.3456789' }), /more than 6 decimal/);
    expect(WireMarket.safeParse({ ...MARKET, ticker: undefined }).success).toBe(false);
  });

  it.each([
    ['not JSON', '{"type":"orderbook_delta",', {}],
    ['no seq', '{"type":"orderbook_delta","sid":1,"msg":{}}', { sid: 1 }],
    [
      'price above 1',
      '{"type":"orderbook_delta","sid":1,"seq":4,"msg":{"market_ticker":"T","price_dollars":"1.5","delta_fp":"1.00","side":"yes"}}',
      { sid: 1, seq: 4 },
    ],
    [
      'delta not a number',
      '{"type":"orderbook_delta","sid":1,"seq":4,"msg":{"market_ticker":"T","price_dollars":"0.5","delta_fp":"abc","side":"yes"}}',
      { sid: 1, seq: 4 },
    ],
    [
      'unknown side',
      '{"type":"orderbook_delta","sid":1,"seq":4,"msg":{"market_ticker":"T","price_dollars":"0.5","delta_fp":"1","side":"maybe"}}',
      { sid: 1, seq: 4 },
    ],
    ['missing market', '{"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{}}', { sid: 1, seq: 1 }],
    [
      'bad snapshot level',
      '{"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"T","yes_dollars_fp":[["0.5"]]}}',
      { sid: 1, seq: 1 },
    ],
  ])('WS frame: %s', (_what, text, where) => {
    const r = parseFrame(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('KALSHI.BAD_PAYLOAD');
      expect({ sid: r.sid, seq: r.seq }).toEqual({ sid: undefined, seq: undefined, ...where });
    }
  });
});
