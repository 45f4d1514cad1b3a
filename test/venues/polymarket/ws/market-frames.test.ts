/** The market channel's frames (P4) on fixtures in the venue's wire shape (fixtures/ws-*.json), and on malformed input. */
import { describe, expect, it } from 'vitest';
import type { Px, Qty } from '../../../../src/core/units.ts';
import book from '../../../../src/venues/polymarket/fixtures/ws-book.json' with { type: 'json' };
import lastTrade from '../../../../src/venues/polymarket/fixtures/ws-last-trade-price.json' with { type: 'json' };
import legacy from '../../../../src/venues/polymarket/fixtures/ws-price-change-legacy.json' with { type: 'json' };
import pc from '../../../../src/venues/polymarket/fixtures/ws-price-change.json' with { type: 'json' };
import tick from '../../../../src/venues/polymarket/fixtures/ws-tick-size-change.json' with { type: 'json' };
import { parseMarketFrame, PolyCodecError } from '../../../../src/venues/polymarket/index.ts';

const lv = (px: number, qty: number) => ({ px: px as Px, qty: qty as Qty });
const M = book.market;
const A = book.asset_id;
const B = pc.price_changes[1]!.asset_id;

describe('market channel frames', () => {
  it('reads a book event (object) and a list of them (array), sorting levels best first', () => {
    const one = parseMarketFrame(JSON.stringify(book));
    expect(one).toEqual([
      {
        type: 'book',
        market: M,
        assetId: A,
        bids: [lv(5000, 1500), lv(4900, 2000), lv(4800, 3000)],
        asks: [lv(5200, 2500), lv(5300, 6000), lv(5400, 1000)],
        timestamp: '123456789000',
        timeMs: 123456789000,
        hash: '0x0....',
      },
    ]);
    expect(parseMarketFrame(JSON.stringify([book, book]))).toHaveLength(2);
    expect(parseMarketFrame('PONG')).toEqual([]);
  });

  it('reads price_change covering several assets, the legacy single-asset form, tick_size_change, last_trade_price; ignores others', () => {
    expect(parseMarketFrame(JSON.stringify(pc))).toEqual([
      {
        type: 'price_change',
        market: M,
        timestamp: '1757908892351',
        timeMs: 1757908892351,
        changes: [
          {
            assetId: A,
            px: 5000,
            qty: 20000,
            side: 'BUY',
            hash: '56621a121a47ed9333273e21c83b660cff37ae50',
            bestBid: '0.5',
            bestAsk: '1',
          },
          {
            assetId: B,
            px: 5000,
            qty: 0,
            side: 'SELL',
            hash: '1895759e4df7a796bf4f1c5a5950b748306923e2',
            bestBid: '0',
            bestAsk: '0.5',
          },
        ],
      },
    ]);
    expect(parseMarketFrame(JSON.stringify(legacy))[0]).toMatchObject({
      changes: [{ assetId: A, px: 4000, qty: 330000, side: 'SELL', hash: '3cd4d61e' }],
    });
    expect(parseMarketFrame(JSON.stringify(tick))).toEqual([
      { type: 'tick_size_change', market: M, assetId: A, newTick: 10, tickSize: '0.001' },
    ]);
    expect(parseMarketFrame(JSON.stringify(lastTrade))).toEqual([
      { type: 'last_trade_price', market: M, assetId: A, px: 4560, price: '0.456' },
    ]);
    expect(parseMarketFrame(JSON.stringify({ event_type: 'sports_update', id: 1 }))).toEqual([
      { type: 'other', eventType: 'sports_update' },
    ]);
  });

  it.each([
    ['not JSON', '{"event_type": "book", "asset'],
    ['no event_type', '{"market": "x"}'],
    ['a number', '42'],
    [
      'price above 1',
      JSON.stringify({
        event_type: 'price_change',
        market: M,
        timestamp: '1',
        price_changes: [{ asset_id: A, price: '1.5', size: '1', side: 'BUY' }],
      }),
    ],
    [
      'price 1 exactly',
      JSON.stringify({
        event_type: 'price_change',
        market: M,
        timestamp: '1',
        price_changes: [{ asset_id: A, price: '1', size: '1', side: 'BUY' }],
      }),
    ],
    [
      'price "abc"',
      JSON.stringify({
        event_type: 'price_change',
        market: M,
        timestamp: '1',
        price_changes: [{ asset_id: A, price: 'abc', size: '1', side: 'BUY' }],
      }),
    ],
    [
      'negative size',
      JSON.stringify({
        event_type: 'price_change',
        market: M,
        timestamp: '1',
        price_changes: [{ asset_id: A, price: '0.5', size: '-1', side: 'BUY' }],
      }),
    ],
    [
      'size with 3 decimals',
      JSON.stringify({
        event_type: 'price_change',
        market: M,
        timestamp: '1',
        price_changes: [{ asset_id: A, price: '0.5', size: '1.005', side: 'BUY' }],
      }),
    ],
    [
      'side "UP"',
      JSON.stringify({
        event_type: 'price_change',
        market: M,
        timestamp: '1',
        price_changes: [{ asset_id: A, price: '0.5', size: '1', side: 'UP' }],
      }),
    ],
    [
      'bad timestamp',
      JSON.stringify({ event_type: 'price_change', market: M, timestamp: 'soon', price_changes: [] }),
    ],
    [
      'bids not a list',
      JSON.stringify({
        event_type: 'book',
        market: M,
        asset_id: A,
        bids: {},
        asks: [],
        timestamp: '1',
        hash: 'h',
      }),
    ],
    [
      'a price listed twice',
      JSON.stringify({
        event_type: 'book',
        market: M,
        asset_id: A,
        bids: [
          { price: '0.5', size: '1' },
          { price: '0.50', size: '2' },
        ],
        asks: [],
        timestamp: '1',
        hash: 'h',
      }),
    ],
    [
      'an exponent',
      JSON.stringify({
        event_type: 'book',
        market: M,
        asset_id: A,
        bids: [{ price: '5e-1', size: '1' }],
        asks: [],
        timestamp: '1',
        hash: 'h',
      }),
    ],
  ])('refuses %s with a PolyCodecError naming the field', (_what, text) => {
    expect(() => parseMarketFrame(text)).toThrow(PolyCodecError);
    try {
      parseMarketFrame(text);
    } catch (e) {
      expect((e as PolyCodecError).code).toBe('POLYMARKET.MALFORMED');
      expect((e as Error).message).toMatch(/frame|not JSON/);
    }
  });
});
