/** Kalshi REST decoders on the folder's fixtures (reference shapes, K2 and K5), and malformed input. */
import { describe, expect, it } from 'vitest';
import { kalshiFeeModel } from '../../../../src/core/fees.ts';
import { kalshiGrid, MarketIdTable } from '../../../../src/core/market.ts';
import {
  decodeBalance,
  decodeJson,
  decodeMarket,
  decodePosition,
  WireEvent,
  WireMarket,
  WireOrderbookResponse,
  WireSeries,
  yesLevels,
} from '../../../../src/venues/kalshi/index.ts';
import EVENT from '../../../../src/venues/kalshi/fixtures/rest-event.json' with { type: 'json' };
import MARKET from '../../../../src/venues/kalshi/fixtures/rest-market.json' with { type: 'json' };
import ORDERBOOK from '../../../../src/venues/kalshi/fixtures/rest-orderbook.json' with { type: 'json' };
import SERIES from '../../../../src/venues/kalshi/fixtures/rest-series.json' with { type: 'json' };

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const bad = (r: { ok: boolean; error?: { message: string } }, m: RegExp) => {
  expect(r.ok).toBe(false);
  expect(r.error?.message).toMatch(m);
};

describe('Kalshi REST decoders', () => {
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
    const w = ok(decodeJson(WireOrderbookResponse, JSON.stringify(ORDERBOOK), 'book'));
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

  it('balance and positions', () => {
    expect(ok(decodeBalance({ balance: 100_012, balance_dollars: '1000.1200' }))).toBe(1_000_120_000);
    expect(ok(decodeBalance({ balance: 5 }))).toBe(50_000);
    expect(ok(decodePosition({ ticker: 'T', position_fp: '-3.50' }))).toEqual({
      market: 'T',
      outcome: 'NO',
      qty: 350,
    });
    expect(ok(decodePosition({ ticker: 'T', position_fp: '0.00' }))).toBeUndefined();
  });
});

describe('malformed REST input ends in a clear error, never a value', () => {
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

  it('markets and balances with impossible values', () => {
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
});
