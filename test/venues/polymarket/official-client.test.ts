/**
 * The fidelity test: the official `@polymarket/clob-client-v2`, unchanged, pointed at the simulator with the
 * connection file's private key, does the whole round: API credentials, markets, books, a signed limit order
 * (plain and negRisk exchange), reading it back, cancelling it, trades and balance.
 */
import { AssetType, ClobClient, OrderType, Side } from '@polymarket/clob-client-v2';
import { createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import type { Px, Qty } from '../../../src/core/units.ts';
import { buildSmallScenario } from '../../../src/sim/universe/index.ts';
import { polyMarkets, START_MS, startPolyHost } from './support.ts';

async function setup() {
  const scenario = buildSmallScenario(1, { startTimeMs: START_MS });
  const h = await startPolyHost({ scenario });
  const account = privateKeyToAccount(h.conn.privateKey as `0x${string}`);
  // A wallet client is all the client needs to sign; it never talks to a chain here.
  const signer = createWalletClient({ account, transport: http('http://127.0.0.1:9') });
  const markets = polyMarkets(scenario);
  const negRiskEvent = scenario.events.find((e) => e.venue === 'polymarket' && e.negRisk)!;
  const plain = markets.find((m) => !negRiskEvent.markets.includes(m.key))!;
  const negRisk = markets.find((m) => negRiskEvent.markets.includes(m.key))!;
  for (const m of [plain, negRisk]) {
    h.ex.openAccount('mm', 1e12, { tracked: false });
    const place = (outcome: 'YES' | 'NO', px: number) =>
      h.ex.place({
        account: 'mm',
        market: m.key,
        outcome,
        side: 'BUY',
        px: px as Px,
        qty: 2000 as Qty,
        tif: 'GTC',
      });
    place('YES', 4000);
    place('YES', 4200);
    place('NO', 5200); // a YES ask at 0.48
  }
  return { h, signer, account, plain, negRisk, scenarioCash: scenario.botCashMicros };
}

describe('official @polymarket/clob-client-v2 against the simulator', () => {
  it('derives credentials, reads markets and books, posts, reads, cancels, and reads trades and balance', async () => {
    const { h, signer, account, plain, negRisk, scenarioCash } = await setup();
    const l1 = new ClobClient({ host: h.conn.clobUrl, chain: h.conn.chainId, signer });
    const creds = await l1.createOrDeriveApiKey();
    expect(creds.key).toMatch(/^[0-9a-f-]{36}$/);
    // A second createOrDerive hits "key exists" and derives the same credentials.
    expect(await l1.createOrDeriveApiKey()).toEqual(creds);
    expect(await l1.deriveApiKey()).toEqual(creds);

    const c = new ClobClient({
      host: h.conn.clobUrl,
      chain: h.conn.chainId,
      signer,
      creds,
      throwOnError: true,
    });
    expect(await c.getServerTime()).toBe(Math.floor(START_MS / 1000));
    expect(await c.getVersion()).toBe(2);

    const page = await c.getMarkets();
    expect(page.next_cursor).toBe('LTE=');
    const listed = page.data as { condition_id: string; tokens: { token_id: string }[]; neg_risk: boolean }[];
    expect(listed.map((m) => m.condition_id)).toContain(plain.key);
    expect(listed.find((m) => m.condition_id === negRisk.key)!.neg_risk).toBe(true);
    expect((await c.getMarket(plain.key)).condition_id).toBe(plain.key);
    const info = await c.getClobMarketInfo(plain.key);
    expect(info).toMatchObject({ c: plain.key, mts: 0.01, mos: 5, nr: false, fd: { e: 1, to: true } });

    const book = await c.getOrderBook(plain.tokens!.yes);
    expect(book.bids.map((l) => l.price)).toEqual(['0.4', '0.42']); // best last
    expect(book.asks.map((l) => l.price)).toEqual(['0.48']);
    expect(await c.getOrderBookHash({ ...book })).toBe(book.hash);
    const noBook = await c.getOrderBook(plain.tokens!.no);
    expect(noBook.bids.map((l) => l.price)).toEqual(['0.52']); // the mirror: NO bid = 1 − YES ask
    expect(noBook.asks.map((l) => l.price)).toEqual(['0.6', '0.58']);
    expect(await c.getOrderBookHash({ ...noBook })).toBe(noBook.hash);
    expect(await c.getMidpoint(plain.tokens!.yes)).toEqual({ mid: '0.45' });
    expect(await c.getTickSize(plain.tokens!.yes)).toBe('0.01');

    for (const m of [plain, negRisk]) {
      const resp = await c.createAndPostOrder(
        { tokenID: m.tokens!.yes, price: 0.3, side: Side.BUY, size: 10 },
        { tickSize: '0.01' },
        OrderType.GTC,
      );
      expect(resp).toMatchObject({ success: true, status: 'live', errorMsg: '' });
      expect(resp.orderID).toMatch(/^0x[0-9a-f]{64}$/);
      const order = await c.getOrder(resp.orderID);
      expect(order).toMatchObject({
        id: resp.orderID,
        status: 'LIVE',
        owner: creds.key,
        maker_address: account.address,
        market: m.key,
        asset_id: m.tokens!.yes,
        side: 'BUY',
        original_size: '10',
        size_matched: '0',
        price: '0.3',
        outcome: 'Yes',
        order_type: 'GTC',
      });
      expect((await c.getOpenOrders({ market: m.key })).map((o) => o.id)).toEqual([resp.orderID]);
      expect(await c.cancelOrder({ orderID: resp.orderID })).toEqual({
        canceled: [resp.orderID],
        not_canceled: {},
      });
      expect((await c.getOrder(resp.orderID)).status).toBe('CANCELED');
    }

    // A marketable order without waiting for settlement (deferExec skips the client's tx-hash polling).
    const taken = await c.postOrder(
      await c.createOrder(
        { tokenID: plain.tokens!.yes, price: 0.48, side: Side.BUY, size: 5 },
        { tickSize: '0.01' },
      ),
      OrderType.GTC,
      false,
      true,
    );
    expect(taken).toMatchObject({
      success: true,
      status: 'matched',
      takingAmount: '5',
      makingAmount: '2.40',
    });
    const trades = await c.getTrades();
    expect(trades).toMatchObject([
      { status: 'MATCHED', price: '0.48', size: '5', side: 'BUY', trader_side: 'TAKER', market: plain.key },
    ]);
    const bal = await c.getBalanceAllowance({ asset_type: AssetType.COLLATERAL });
    expect(bal.balance).toMatch(/^\d+$/);
    expect(Number(bal.balance)).toBeLessThan(scenarioCash);
    const tokens = await c.getBalanceAllowance({
      asset_type: AssetType.CONDITIONAL,
      token_id: plain.tokens!.yes,
    });
    expect(tokens.balance).toBe('5000000');
  });

  it('gets errorMsg codes back as values (no throwOnError): min size, post-only, FOK', async () => {
    const { h, signer, plain } = await setup();
    const creds = await new ClobClient({ host: h.conn.clobUrl, chain: 137, signer }).createOrDeriveApiKey();
    const c = new ClobClient({ host: h.conn.clobUrl, chain: 137, signer, creds });
    const post = async (price: number, size: number, type: OrderType, postOnly = false) =>
      (await c.postOrder(
        await c.createOrder(
          { tokenID: plain.tokens!.yes, price, side: Side.BUY, size },
          { tickSize: '0.01' },
        ),
        type,
        postOnly,
        true,
      )) as unknown as { error?: string; errorMsg?: string; status?: number; success?: boolean };
    expect(await post(0.3, 1, OrderType.GTC)).toMatchObject({
      status: 400,
      success: false,
      errorMsg: 'INVALID_ORDER_MIN_SIZE',
    });
    expect(await post(0.48, 10, OrderType.GTC, true)).toMatchObject({
      status: 400,
      errorMsg: 'INVALID_POST_ONLY_ORDER',
    });
    expect(await post(0.48, 100, OrderType.FOK)).toMatchObject({
      status: 400,
      errorMsg: 'FOK_ORDER_NOT_FILLED_ERROR',
    });
    // (A price off the tick grid cannot be built with this client: it refuses a finer tick than the market's.)
  });
});
