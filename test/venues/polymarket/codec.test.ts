/** The sans-I/O codec on fixtures in the reference's shapes (P2, P4), and on malformed input. */
import { ClobClient, OrderBuilder, Side } from '@polymarket/clob-client-v2';
import { createL2Headers } from '@polymarket/clob-client-v2';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itSeeded } from '../../support/seeds.ts';
import type { Level } from '../../../src/core/market.ts';
import type { Px, Qty } from '../../../src/core/units.ts';
import { SIM_POLYMARKET_PRIVATE_KEY } from '../../../src/sim/credentials.ts';
import { amountsFor, priceSizeFromAmounts } from '../../../src/venues/polymarket/amounts.ts';
import { l2Signature, walletSigner } from '../../../src/venues/polymarket/auth.ts';
import { hashWithBlankHash, sha1Hex, wsBookHash } from '../../../src/venues/polymarket/book-hash.ts';
import {
  orderStatusOf,
  parseBalance,
  parseBookSummary,
  parseClobMarketInfo,
  parseGammaEvent,
  parseMarketFrame,
  parseOpenOrder,
  parsePositions,
  parseTrade,
  PolyCodecError,
} from '../../../src/venues/polymarket/codec.ts';

const lv = (px: number, qty: number) => ({ px: px as Px, qty: qty as Qty });
const M = '0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1';
const A = '71321045679252212594626385532706912750332728571942532289631379312455583992563';
const B = '52114319501245915516055106046884209969926127482827954674443846427813813222426';

describe('market channel frames', () => {
  it('reads a book event (object) and a list of them (array), sorting levels best first', () => {
    const book = {
      event_type: 'book',
      asset_id: A,
      market: M,
      bids: [
        { price: '0.48', size: '30' },
        { price: '0.49', size: '20' },
        { price: '0.5', size: '15' },
      ],
      asks: [
        { price: '0.52', size: '25' },
        { price: '0.53', size: '60' },
        { price: '0.54', size: '10' },
      ],
      timestamp: '123456789000',
      hash: '0x0....',
    };
    const one = parseMarketFrame(JSON.stringify(book));
    expect(one).toEqual([
      {
        type: 'book',
        market: M,
        assetId: A,
        bids: [lv(5000, 1500), lv(4900, 2000), lv(4800, 3000)],
        asks: [lv(5200, 2500), lv(5300, 6000), lv(5400, 1000)],
        timestamp: '123456789000',
        hash: '0x0....',
      },
    ]);
    expect(parseMarketFrame(JSON.stringify([book, book]))).toHaveLength(2);
    expect(parseMarketFrame('PONG')).toEqual([]);
  });

  it('reads price_change covering several assets, the legacy single-asset form, tick_size_change; ignores others', () => {
    const pc = {
      market: M,
      price_changes: [
        {
          asset_id: A,
          price: '0.5',
          size: '200',
          side: 'BUY',
          hash: '56621a121a47ed9333273e21c83b660cff37ae50',
          best_bid: '0.5',
          best_ask: '1',
        },
        {
          asset_id: B,
          price: '0.5',
          size: '0',
          side: 'SELL',
          hash: '1895759e4df7a796bf4f1c5a5950b748306923e2',
          best_bid: '0',
          best_ask: '0.5',
        },
      ],
      timestamp: '1757908892351',
      event_type: 'price_change',
    };
    expect(parseMarketFrame(JSON.stringify(pc))).toEqual([
      {
        type: 'price_change',
        market: M,
        timestamp: '1757908892351',
        changes: [
          { assetId: A, px: 5000, qty: 20000, side: 'BUY', hash: '56621a121a47ed9333273e21c83b660cff37ae50' },
          { assetId: B, px: 5000, qty: 0, side: 'SELL', hash: '1895759e4df7a796bf4f1c5a5950b748306923e2' },
        ],
      },
    ]);
    const legacy = {
      asset_id: A,
      changes: [{ price: '0.4', side: 'SELL', size: '3300' }],
      event_type: 'price_change',
      market: M,
      timestamp: '1729084877448',
      hash: '3cd4d61e',
    };
    expect(parseMarketFrame(JSON.stringify(legacy))[0]).toMatchObject({
      changes: [{ assetId: A, px: 4000, qty: 330000, side: 'SELL', hash: '3cd4d61e' }],
    });
    const tick = {
      event_type: 'tick_size_change',
      asset_id: A,
      market: M,
      old_tick_size: '0.01',
      new_tick_size: '0.001',
      timestamp: '100000000',
    };
    expect(parseMarketFrame(JSON.stringify(tick))).toEqual([
      { type: 'tick_size_change', market: M, assetId: A, newTick: 10 },
    ]);
    const ltp = {
      event_type: 'last_trade_price',
      asset_id: A,
      market: M,
      price: '0.456',
      side: 'BUY',
      size: '219.217767',
      fee_rate_bps: '0',
      timestamp: '1750428146322',
    };
    expect(parseMarketFrame(JSON.stringify(ltp))).toEqual([{ type: 'other', eventType: 'last_trade_price' }]);
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

describe('REST payloads', () => {
  it('book summary, clob market info, open order, trade, balance, positions', () => {
    const summary = {
      market: M,
      asset_id: A,
      timestamp: '1767225600000',
      hash: 'abc',
      bids: [
        { price: '0.3', size: '100' },
        { price: '0.31', size: '5.5' },
      ],
      asks: [
        { price: '0.35', size: '1' },
        { price: '0.33', size: '2' },
      ],
      min_order_size: '5',
      tick_size: '0.01',
      neg_risk: false,
      last_trade_price: '0.32',
    };
    expect(parseBookSummary(summary)).toEqual({
      market: M,
      assetId: A,
      timestampMs: 1767225600000,
      bids: [lv(3100, 550), lv(3000, 10000)],
      asks: [lv(3300, 200), lv(3500, 100)],
      hash: 'abc',
    });
    expect(
      parseClobMarketInfo({
        c: M,
        t: [
          { t: A, o: 'Yes' },
          { t: B, o: 'No' },
        ],
        mts: 0.001,
        mos: 5,
        nr: true,
        fd: { r: 0.04, e: 1, to: true },
      }),
    ).toEqual({
      conditionId: M,
      tokens: { yes: A, no: B },
      tick: 10,
      minSize: 500,
      negRisk: true,
      fees: { kind: 'polymarket', ratePpm: 40_000, exponent: 1, takerOnly: true },
    });
    expect(
      parseClobMarketInfo({
        c: M,
        t: [
          { t: A, o: 'YES' },
          { t: B, o: 'NO' },
        ],
        mts: '0.0025',
        mos: '1',
      }).fees,
    ).toBeUndefined(); // no `fd`: unknown, not fee-free (fee-policy.ts decides)
    expect(() => parseClobMarketInfo({ c: M, t: [{ t: A, o: 'Up' }], mts: 0.01, mos: 5 })).toThrow(
      /no "yes" outcome/,
    );
    expect(() =>
      parseClobMarketInfo({
        c: M,
        t: [
          { t: A, o: 'Yes' },
          { t: B, o: 'No' },
        ],
        mts: 0,
        mos: 5,
      }),
    ).toThrow(/mts/);

    const order = {
      id: '0xb816482a5187a3d3db49cbaf6fe3ddf24f53e6c712b5a4bf5e01d0ec7b11dabc',
      status: 'ORDER_STATUS_LIVE',
      owner: 'f4f247b7-4ac7-ff29-a152-04fda0a8755a',
      maker_address: '0x1234',
      market: M,
      asset_id: A,
      side: 'BUY',
      original_size: '100',
      size_matched: '12.5',
      price: '0.51',
      associate_trades: [],
      outcome: 'Yes',
      created_at: 1767225600,
      expiration: '0',
      order_type: 'GTC',
    };
    expect(parseOpenOrder(order)).toEqual({
      id: order.id,
      status: 'LIVE',
      market: M,
      assetId: A,
      side: 'BUY',
      px: 5100,
      originalQty: 10000,
      matchedQty: 1250,
      outcome: 'YES',
      createdMs: 1767225600000,
    });
    expect(
      ['live', 'ORDER_STATUS_MATCHED', 'CANCELED', 'ORDER_STATUS_CANCELED_MARKET_RESOLVED', 'weird'].map(
        orderStatusOf,
      ),
    ).toEqual(['LIVE', 'MATCHED', 'CANCELED', 'CANCELED', 'OTHER']);
    expect(() => parseOpenOrder({ ...order, side: 'buy' })).toThrow(/order.side/);

    const trade = {
      id: '28c4d2eb-bbea-40e7-a9f0-b2fdb56b2c2e',
      taker_order_id: '0x06bc63e346ed4ceddce9efd6b3af37c8f8f440c92fe7da6b2d0f9e4ccbc50c42',
      market: M,
      asset_id: A,
      side: 'BUY',
      size: '10',
      fee_rate_bps: '0',
      price: '0.57',
      status: 'MINED',
      match_time: '1672290701',
      last_update: '1672290701',
      outcome: 'Yes',
      bucket_index: 0,
      owner: '',
      maker_address: '0xaaa',
      maker_orders: [
        {
          order_id: '0xff354cd7ca7539dfa9c28d90943ab5779a4eac34b9b37a757d7b32bdfb11790b',
          owner: 'k',
          maker_address: '0xBBB',
          matched_amount: '10',
          price: '0.57',
          fee_rate_bps: '0',
          asset_id: A,
          outcome: 'No',
          side: 'SELL',
        },
      ],
      transaction_hash: '0x',
      trader_side: 'MAKER',
    };
    expect(parseTrade(trade)).toMatchObject({
      status: 'MINED',
      matchTimeMs: 1672290701000,
      traderSide: 'MAKER',
      makers: [{ side: 'SELL', qty: 1000, px: 5700, makerAddress: '0xBBB' }],
    });
    expect(() => parseTrade({ ...trade, status: 'SETTLED' })).toThrow(/trade.status/);

    expect(parseBalance({ balance: '1000000000', allowances: {} })).toBe(1_000_000_000);
    expect(() => parseBalance({ balance: '1.5' })).toThrow(PolyCodecError);
    expect(
      parsePositions([
        { asset: A, conditionId: M, size: 12.345678, outcome: 'Yes' },
        { asset: B, conditionId: M, size: 3, outcomeIndex: 1 },
      ]),
    ).toEqual([
      { conditionId: M, assetId: A, outcome: 'YES', qty: 1234 },
      { conditionId: M, assetId: B, outcome: 'NO', qty: 300 },
    ]);
    expect(() => parsePositions([{ asset: A, conditionId: M, size: 1e-7 }])).toThrow(PolyCodecError);
  });

  it('Gamma events in the real data shape (JSON-encoded lists inside strings)', () => {
    const e = parseGammaEvent({
      id: '35090',
      ticker: 'fed-decision-in-december',
      slug: 'fed-decision-in-december',
      title: 'Fed decision in December?',
      negRisk: true,
      enableNegRisk: true,
      negRiskAugmented: false,
      markets: [
        {
          id: '570361',
          question: 'Fed decreases interest rates by 25 bps after December 2025 meeting?',
          conditionId: '0xcb111226a8271fed0c71bb5ec1bd67b2a4fd72f1eb08466e2180b9efa99d3f32',
          endDate: '2025-12-10T00:00:00Z',
          outcomes: '["Yes", "No"]',
          outcomePrices: '["0.305", "0.695"]',
          active: true,
          closed: false,
          groupItemTitle: '25 bps decrease',
          orderPriceMinTickSize: 0.01,
          orderMinSize: 5,
          clobTokenIds:
            '["87769991026114894163580777793845523168226980076553814689875238288185044414090", "13411284055273560855537595688801764123705139415061660246624128667183605973730"]',
          acceptingOrders: true,
          negRisk: true,
          negRiskOther: false,
        },
      ],
    });
    expect(e).toMatchObject({ slug: 'fed-decision-in-december', negRisk: true, augmented: false });
    expect(e.markets[0]).toMatchObject({
      subtitle: '25 bps decrease',
      tokens: {
        yes: '87769991026114894163580777793845523168226980076553814689875238288185044414090',
        no: '13411284055273560855537595688801764123705139415061660246624128667183605973730',
      },
      endDateMs: Date.UTC(2025, 11, 10),
    });
    const broken = {
      id: '1',
      slug: 's',
      title: 't',
      markets: [
        {
          conditionId: M,
          question: 'q',
          endDate: '2026-01-01T00:00:00Z',
          outcomes: '["Yes","No"]',
          clobTokenIds: '[1, 2',
        },
      ],
    };
    expect(() => parseGammaEvent(broken)).toThrow(/clobTokenIds/);
  });
});

describe('hashes, amounts and signatures agree with the official client', () => {
  it('the WebSocket book hash is SHA-1 of the documented canonical object', () => {
    const h = wsBookHash(
      M,
      A,
      '1767225600000',
      [lv(5000, 1500), lv(4900, 2000)] as Level[],
      [lv(5200, 2500)] as Level[],
    );
    expect(h).toBe(
      sha1Hex(
        `{"market":"${M}","asset_id":"${A}","timestamp":"1767225600000","hash":"",` +
          '"bids":[{"price":"0.49","size":"20"},{"price":"0.5","size":"15"}],"asks":[{"price":"0.52","size":"25"}]}',
      ),
    );
  });

  it('a REST summary hash is what the client recomputes', async () => {
    const summary = {
      market: M,
      asset_id: A,
      timestamp: '1',
      hash: '',
      bids: [{ price: '0.3', size: '1' }],
      asks: [],
      min_order_size: '5',
      tick_size: '0.01',
      neg_risk: false,
      last_trade_price: '',
    };
    summary.hash = hashWithBlankHash(summary);
    const client = new ClobClient({ host: 'http://127.0.0.1:9', chain: 137 });
    expect(await client.getOrderBookHash({ ...summary } as never)).toBe(summary.hash);
  });

  it('L2 signatures equal the client’s createL2Headers', async () => {
    const signer = walletSigner(SIM_POLYMARKET_PRIVATE_KEY);
    const creds = {
      key: 'k',
      secret: Buffer.from('0123456789abcdef0123456789abcdef').toString('base64url'),
      passphrase: 'p',
    };
    const body = '{"orderID":"0xabc"}';
    const theirs = await createL2Headers(
      signer as never,
      creds,
      { method: 'DELETE', requestPath: '/order', body },
      1767225600,
    );
    expect(l2Signature(creds.secret, `1767225600DELETE/order${body}`)).toBe(theirs.POLY_SIGNATURE);
  });

  itSeeded('order amounts equal the official builder’s for prices on every tick grid', [11], async (seed) => {
    const signer = walletSigner(SIM_POLYMARKET_PRIVATE_KEY);
    const builder = new OrderBuilder(signer as never, 137);
    const ticks = [
      ['0.1', 1000],
      ['0.01', 100],
      ['0.005', 50],
      ['0.001', 10],
      ['0.0025', 25],
      ['0.0001', 1],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ticks),
        fc.integer({ min: 1, max: 9_999 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom('BUY' as const, 'SELL' as const),
        async ([tick, step], k, q, side) => {
          const p = Math.min(Math.max(step, Math.round(k / step) * step), 10_000 - step);
          const ours = amountsFor(side, p as Px, q as Qty);
          const theirs = await builder.buildOrder(
            { tokenID: A, price: p / 10_000, size: q / 100, side: side === 'BUY' ? Side.BUY : Side.SELL },
            { tickSize: tick, negRisk: false },
            2,
          );
          expect([theirs.makerAmount, theirs.takerAmount]).toEqual([
            ours.makerAmount.toString(),
            ours.takerAmount.toString(),
          ]);
          expect(priceSizeFromAmounts(side, ours.makerAmount, ours.takerAmount)).toEqual({
            ok: true,
            px: p,
            qty: q,
          });
        },
      ),
      { seed, numRuns: 60 },
    );
    expect(priceSizeFromAmounts('BUY', 1_000_001n, 2_000_000n)).toEqual({
      ok: false,
      problem: 'price_precision',
    });
    expect(priceSizeFromAmounts('BUY', 1_000_000n, 2_000_001n)).toEqual({
      ok: false,
      problem: 'size_precision',
    });
    expect(priceSizeFromAmounts('SELL', 0n, 1n)).toEqual({ ok: false, problem: 'zero' });
  });
});
