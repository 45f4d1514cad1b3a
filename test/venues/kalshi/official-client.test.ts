/**
 * The fidelity test: the official `kalshi-typescript` client, unchanged, pointed at the simulator's restUrl with
 * the connection file's key. It signs with Date.now(), so the host runs on the real clock and checks the
 * default ±5 min window. Each client gets its own axios instance (official-sdk.ts): on the shared default one,
 * a second key in the process would silently be signed with the first.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { officialKalshi } from './official-sdk.ts';
import { seedBook, startKalshiSim } from './support.ts';

async function sdk(seed: number) {
  const sim = await startKalshiSim({ seed });
  return { ...sim, ...officialKalshi(sim.kalshi) };
}

async function statusOf(p: Promise<unknown>): Promise<{ status: number | undefined; data: unknown }> {
  try {
    await p;
  } catch (e) {
    // The SDK throws axios errors carrying the response.
    const res = (e as { response?: { status: number; data: unknown } }).response;
    if (res) return { status: res.status, data: res.data };
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('official kalshi-typescript client against the simulator', () => {
  it('seed 11: lists markets with pagination, reads books, places, reads back and cancels a V2 order, reads fills and balance', async () => {
    const k = await sdk(11);
    const target = k.markets[0]!;
    seedBook(k.ex, target, {
      bids: [
        [4_000, 5],
        [3_900, 7],
      ],
      asks: [
        [5_500, 3],
        [5_600, 4],
      ],
    });

    // Pagination: three per page until the cursor comes back empty.
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const res = await k.market.getMarkets(3, cursor);
      expect(res.status).toBe(200);
      expect(res.data.markets.length).toBeLessThanOrEqual(3);
      seen.push(...res.data.markets.map((m) => m.ticker));
      if (res.data.cursor === '') break;
      cursor = res.data.cursor;
    }
    expect(seen).toEqual(k.markets);
    const one = (await k.market.getMarket(target)).data.market;
    expect(one).toMatchObject({
      ticker: target,
      status: 'active',
      yes_bid_dollars: '0.4000',
      yes_ask_dollars: '0.5500',
    });
    expect(one.price_ranges[0]).toEqual({ start: '0.0000', end: '1.0000', step: '0.0100' });

    const events = (await k.events.getEvents(200, undefined, true)).data;
    expect(events.events.flatMap((e) => e.markets?.map((m) => m.ticker) ?? []).sort()).toEqual(
      [...k.markets].sort(),
    );
    expect((await k.exchange.getExchangeStatus()).data).toMatchObject({
      exchange_active: true,
      trading_active: true,
    });

    // Bids only, ascending, best last; NO bids are the YES asks at 1 − price.
    const book = (await k.market.getMarketOrderbook(target)).data.orderbook_fp;
    expect(book.yes_dollars).toEqual([
      ['0.3900', '7.00'],
      ['0.4000', '5.00'],
    ]);
    expect(book.no_dollars).toEqual([
      ['0.4400', '4.00'],
      ['0.4500', '3.00'],
    ]);
    expect((await k.market.getMarketOrderbook(target, 1)).data.orderbook_fp.yes_dollars).toEqual([
      ['0.4000', '5.00'],
    ]);

    // A resting V2 bid, read back, cancelled.
    const placed = await k.orders.createOrderV2({
      ticker: target,
      client_order_id: 'official-1',
      side: 'bid',
      count: '2',
      price: '0.41',
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'taker_at_cross',
    });
    expect(placed.status).toBe(201);
    expect(placed.data).toMatchObject({
      client_order_id: 'official-1',
      fill_count: '0.00',
      remaining_count: '2.00',
    });
    const id = placed.data.order_id;
    const order = (await k.orders.getOrder(id)).data.order;
    expect(order).toMatchObject({
      order_id: id,
      client_order_id: 'official-1',
      ticker: target,
      book_side: 'bid',
      outcome_side: 'yes',
      status: 'resting',
      yes_price_dollars: '0.4100',
      no_price_dollars: '0.5900',
      remaining_count_fp: '2.00',
      initial_count_fp: '2.00',
    });
    const listed = (await k.orders.getOrders(target, undefined, undefined, undefined, 'resting')).data.orders;
    expect(listed.map((o) => o.order_id)).toEqual([id]);
    const cancelled = await k.orders.cancelOrderV2(id);
    expect(cancelled.data).toMatchObject({ order_id: id, client_order_id: 'official-1', reduced_by: '2.00' });
    expect((await k.orders.getOrder(id)).data.order.status).toBe('canceled');

    // A crossing IOC ask (sell YES ≈ buy NO at 0.60) takes the 0.40 bid: a fill.
    const taken = await k.orders.createOrderV2({
      ticker: target,
      client_order_id: 'official-2',
      side: 'ask',
      count: '1.50',
      price: '0.40',
      time_in_force: 'immediate_or_cancel',
      self_trade_prevention_type: 'taker_at_cross',
    });
    expect(taken.data).toMatchObject({
      fill_count: '1.50',
      remaining_count: '0.00',
      average_fill_price: '0.4000',
    });
    const fills = (await k.portfolio.getFills(target)).data.fills;
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({
      order_id: taken.data.order_id,
      ticker: target,
      book_side: 'ask',
      outcome_side: 'no',
      count_fp: '1.50',
      yes_price_dollars: '0.4000',
      no_price_dollars: '0.6000',
      is_taker: true,
    });
    const balance = (await k.portfolio.getBalance()).data;
    const truth = (await (await fetch(`${k.admin}/accounts?account=bot`)).json()) as { balance: string }[];
    expect(Number(balance.balance_dollars)).toBeCloseTo(Number(truth[0]!.balance), 6);
    expect(balance.balance).toBe(Math.floor(Number(truth[0]!.balance) * 100));
    const positions = (await k.portfolio.getPositions()).data.market_positions;
    expect(positions).toEqual([expect.objectContaining({ ticker: target, position_fp: '-1.50' })]);

    // The same client_order_id again: 409, and nothing new at the simulator.
    const dup = await statusOf(
      k.orders.createOrderV2({
        ticker: target,
        client_order_id: 'official-1',
        side: 'bid',
        count: '1',
        price: '0.30',
        time_in_force: 'good_till_canceled',
        self_trade_prevention_type: 'taker_at_cross',
      }),
    );
    // The venue documents no code for this: the status and the documented shape (src/sim/kalshi/errors.ts).
    expect(dup).toEqual({ status: 409, data: { error: { message: expect.stringContaining('official-1') } } });
    const botOrders = (await (await fetch(`${k.admin}/orders?account=bot`)).json()) as unknown[];
    expect(botOrders).toHaveLength(2);

    const limits = (await k.account.getAccountApiLimits()).data;
    expect(limits).toMatchObject({
      usage_tier: 'basic',
      read: { refill_rate: 200, bucket_capacity: 200 },
      write: { refill_rate: 100, bucket_capacity: 200 },
    });
    expect((await k.account.getAccountEndpointCosts()).data.default_cost).toBe(10);
  });

  it('seed 12: amends, decreases and batch-creates/cancels through the V2 endpoints', async () => {
    const k = await sdk(12);
    const target = k.markets[1]!;
    const placed = await k.orders.createOrderV2({
      ticker: target,
      client_order_id: 'amend-me',
      side: 'bid',
      count: '5',
      price: '0.20',
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'maker',
    });
    const id = placed.data.order_id;
    const amended = await k.orders.amendOrderV2(id, {
      ticker: target,
      side: 'bid',
      price: '0.25',
      count: '8',
    });
    expect(amended.data).toMatchObject({ order_id: id, remaining_count: '8.00', fill_count: '0.00' });
    const decreased = await k.orders.decreaseOrderV2(id, { reduce_to: '3' });
    expect(decreased.data).toMatchObject({ order_id: id, remaining_count: '3.00' });
    expect((await k.orders.getOrderQueuePosition(id)).data).toEqual({ queue_position_fp: '0.00' });
    const batch = await k.orders.batchCreateOrdersV2({
      orders: [
        {
          ticker: target,
          client_order_id: 'b-1',
          side: 'bid',
          count: '1',
          price: '0.10',
          time_in_force: 'good_till_canceled',
          self_trade_prevention_type: 'maker',
        },
        {
          ticker: target,
          client_order_id: 'b-2',
          side: 'bid',
          count: '1',
          price: '1.5',
          time_in_force: 'good_till_canceled',
          self_trade_prevention_type: 'maker',
        },
      ],
    });
    expect(batch.status).toBe(201);
    expect(batch.data.orders[0]).toMatchObject({ client_order_id: 'b-1', remaining_count: '1.00' });
    expect(batch.data.orders[1]).toMatchObject({
      client_order_id: 'b-2',
      // Errors inside a batch always carry `details` ("" when empty); no documented code for a bad price.
      error: { message: expect.stringMatching(/price/), details: '' },
    });
    const b1 = batch.data.orders[0]!.order_id!;
    const cancels = await k.orders.batchCancelOrdersV2({ orders: [{ order_id: b1 }, { order_id: 'nope' }] });
    expect(cancels.data.orders).toEqual([
      expect.objectContaining({ order_id: b1, reduced_by: '1.00' }),
      expect.objectContaining({
        order_id: 'nope',
        error: { message: 'no such order', details: '' },
      }),
    ]);
    expect((await k.orders.cancelAllOrders()).status).toBe(204);
    expect((await k.orders.getOrder(id)).data.order.status).toBe('canceled');
  });

  it('seed 13: two clients with different keys in one process each sign with their own key, in either order', async () => {
    const sim = await startKalshiSim({ seed: 13 });
    const wrong = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey;
    const balanceStatus = async (k: ReturnType<typeof officialKalshi>) => {
      try {
        return (await k.portfolio.getBalance()).status;
      } catch (e) {
        return (e as { response?: { status: number } }).response?.status;
      }
    };
    // Wrong key created first, then the right one; then a wrong one created after the right one.
    const first = officialKalshi({ ...sim.kalshi, privateKeyPem: wrong });
    const right = officialKalshi(sim.kalshi);
    const last = officialKalshi({ ...sim.kalshi, privateKeyPem: wrong });
    expect([await balanceStatus(first), await balanceStatus(right), await balanceStatus(last)]).toEqual([
      401, 200, 401,
    ]);
  });
});
