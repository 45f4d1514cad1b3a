import { describe, expect, it } from 'vitest';
import type { Px, Qty } from '../../../src/core/units.ts';
import type { OrderRequest } from '../../../src/sim/engine/types.ts';
import { K_MARKET, P_MARKET, P_TOKENS } from '../support/scenario.ts';
import { startHost } from './support.ts';

const px = (n: number) => n as Px;
const qty = (n: number) => n as Qty;
const req = (o: Omit<OrderRequest, 'tif'> & Partial<Pick<OrderRequest, 'tif'>>): OrderRequest => ({
  tif: 'GTC',
  ...o,
});

const ORDER_KEYS = [
  'id',
  'clientOrderId',
  'market',
  'side',
  'price',
  'size',
  'filled',
  'status',
  'account',
  'outcome',
  'createdMs',
];
const FILL_KEYS = ['orderId', 'market', 'price', 'size', 'fee', 'account', 'outcome', 'createdMs'];

/** mm offers YES at 0.56 (by bidding NO at 0.44); the bot lifts 10 and rests a NO bid at 0.40. */
async function tradeOn(venue: 'kalshi' | 'polymarket') {
  const h = await startHost();
  const ex = h.host.venue(venue).exchange;
  const market = venue === 'kalshi' ? K_MARKET : P_MARKET;
  ex.openAccount('mm', 1_000_000_000);
  expect(
    ex.place(req({ account: 'mm', market, outcome: 'NO', side: 'BUY', px: px(4400), qty: qty(1000) })).ok,
  ).toBe(true);
  const take = ex.place(
    req({
      account: 'bot',
      market,
      outcome: 'YES',
      side: 'BUY',
      px: px(5600),
      qty: qty(1000),
      clientOrderId: 'c-1',
    }),
  );
  expect(take.ok && take.fills.length).toBe(1);
  const rest = ex.place(
    req({
      account: 'bot',
      market,
      outcome: 'NO',
      side: 'BUY',
      px: px(4000),
      qty: qty(550),
      clientOrderId: 'c-2',
    }),
  );
  expect(rest.ok).toBe(true);
  return h;
}

describe('admin orders and fills in Kalshi units', () => {
  it('YES prices in 4-decimal dollars, _fp counts, bid/ask', async () => {
    const { call } = await tradeOn('kalshi');
    const orders = await call('kalshi', 'GET', '/orders?account=bot');
    expect(orders.status).toBe(200);
    const list = orders.body as Record<string, unknown>[];
    expect(list).toHaveLength(2);
    for (const o of list) expect(Object.keys(o)).toEqual(expect.arrayContaining(ORDER_KEYS));
    expect(list[0]).toMatchObject({
      id: 'K2',
      clientOrderId: 'c-1',
      account: 'bot',
      market: K_MARKET,
      outcome: 'YES',
      side: 'bid',
      price: '0.5600',
      size: '10.00',
      filled: '10.00',
      status: 'executed',
      createdMs: expect.any(Number),
    });
    // Buying NO at 0.40 is an ask at YES 0.60.
    expect(list[1]).toMatchObject({
      clientOrderId: 'c-2',
      outcome: 'NO',
      side: 'ask',
      price: '0.6000',
      size: '5.50',
      filled: '0.00',
      status: 'resting',
    });

    const fills = (await call('kalshi', 'GET', '/fills?account=bot')).body as Record<string, unknown>[];
    expect(fills).toHaveLength(1);
    expect(Object.keys(fills[0]!)).toEqual(expect.arrayContaining(FILL_KEYS));
    expect(fills[0]).toMatchObject({
      orderId: 'K2',
      market: K_MARKET,
      side: 'bid',
      price: '0.5600',
      size: '10.00',
      fee: '0.18',
      liquidity: 'taker',
      account: 'bot',
      outcome: 'YES',
    });
    // The maker's fill is a NO fill at 0.44 = an ask at YES 0.56.
    const all = (await call('kalshi', 'GET', '/fills')).body as Record<string, unknown>[];
    expect(all.find((f) => f.account === 'mm')).toMatchObject({
      outcome: 'NO',
      side: 'ask',
      price: '0.5600',
      fee: '0.00',
    });

    expect((await call('kalshi', 'GET', '/orders?status=resting')).body).toHaveLength(1);
    expect((await call('kalshi', 'GET', '/orders?status=executed&account=mm')).body).toHaveLength(1);
    expect(await call('kalshi', 'GET', '/orders?status=LIVE')).toEqual({
      status: 400,
      body: { error: 'status: unknown order status "LIVE"; expected one of resting, canceled, executed' },
    });
  });
});

describe('admin orders and fills in Polymarket units', () => {
  it("the token's price and size as shortest decimals, BUY/SELL, asset ids", async () => {
    const { call } = await tradeOn('polymarket');
    const list = (await call('polymarket', 'GET', '/orders?account=bot')).body as Record<string, unknown>[];
    expect(list).toHaveLength(2);
    for (const o of list) expect(Object.keys(o)).toEqual(expect.arrayContaining(ORDER_KEYS));
    expect(list[0]).toMatchObject({
      id: 'P2',
      clientOrderId: 'c-1',
      market: P_MARKET,
      asset_id: P_TOKENS.yes,
      outcome: 'YES',
      side: 'BUY',
      price: '0.56',
      size: '10',
      filled: '10',
      status: 'MATCHED',
    });
    expect(list[1]).toMatchObject({
      asset_id: P_TOKENS.no,
      outcome: 'NO',
      side: 'BUY',
      price: '0.4',
      size: '5.5',
      filled: '0',
      status: 'LIVE',
    });

    const fills = (await call('polymarket', 'GET', '/fills?account=bot')).body as Record<string, unknown>[];
    expect(fills).toHaveLength(1);
    expect(Object.keys(fills[0]!)).toEqual(expect.arrayContaining(FILL_KEYS));
    // 0.04 × 10 × 0.56 × 0.44 = 0.09856, exact in micros.
    expect(fills[0]).toMatchObject({
      orderId: 'P2',
      asset_id: P_TOKENS.yes,
      side: 'BUY',
      price: '0.56',
      size: '10',
      fee: '0.09856',
    });
    expect((await call('polymarket', 'GET', '/orders?status=LIVE')).body).toHaveLength(1);
  });

  it('accounts, books and markets speak the same units', async () => {
    const { call } = await tradeOn('polymarket');
    const accounts = (await call('polymarket', 'GET', '/accounts?account=bot')).body as Record<
      string,
      unknown
    >[];
    expect(accounts).toEqual([
      {
        account: 'bot',
        balance: expect.stringMatching(/^\d+\.\d{2,6}$/),
        reserved: '2.2528', // 5.5 × 0.40 plus the fee bound 0.04 × 5.5 × 0.4 × 0.6
        positions: [{ market: P_MARKET, asset_id: P_TOKENS.yes, outcome: 'YES', size: '10', reserved: '0' }],
      },
    ]);
    expect(accounts[0]!.balance).toBe('992.04864'); // 1000 − 5.60 − 0.09856 fee − 2.2528 reserved
    const book = (await call('polymarket', 'GET', `/book/${P_MARKET}`)).body;
    expect(book).toEqual({
      market: P_MARKET,
      asset_id: P_TOKENS.yes,
      bids: [],
      asks: [{ price: '0.6', size: '5.5', orders: 1 }],
    });
    const markets = (await call('polymarket', 'GET', '/markets')).body as Record<string, unknown>[];
    expect(markets).toEqual([
      {
        market: P_MARKET,
        title: 'Will it happen?',
        status: 'open',
        result: null,
        minSize: '5',
        tickSize: '0.01',
        tokens: P_TOKENS,
      },
    ]);
  });

  it('Kalshi accounts, books and markets', async () => {
    const { call } = await tradeOn('kalshi');
    const [bot] = (await call('kalshi', 'GET', '/accounts?account=bot')).body as Record<string, unknown>[];
    expect(bot).toMatchObject({
      account: 'bot',
      positions: [{ market: K_MARKET, yes: '10.00', no: '0.00', reservedYes: '0.00', reservedNo: '0.00' }],
    });
    expect(bot!.balance).toMatch(/^\d+\.\d\d$/);
    expect((await call('kalshi', 'GET', `/book/${K_MARKET}`)).body).toEqual({
      market: K_MARKET,
      bids: [],
      asks: [{ price: '0.6000', size: '5.50', orders: 1 }],
    });
    expect(((await call('kalshi', 'GET', '/markets')).body as unknown[])[0]).toEqual({
      market: K_MARKET,
      title: 'Will it happen?',
      status: 'open',
      result: null,
      minSize: '1.00',
      priceRanges: [{ start: '0.0000', end: '1.0000', step: '0.0100' }],
    });
    expect(await call('kalshi', 'GET', '/book/NOPE')).toEqual({
      status: 404,
      body: { error: 'unknown market "NOPE"' },
    });
  });
});
