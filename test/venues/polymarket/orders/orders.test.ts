/** Unknown outcomes resolved by the derived order hash, and FAILED trades reversed in the adapter's fills. */
import { describe, expect, it } from 'vitest';
import type { Px, Qty } from '../../../../src/core/units.ts';
import type { OrderRequest } from '../../../../src/venues/venue.ts';
import { adapterFor, P_MARKET, seedBook, startPolyHost } from '../support.ts';

const req = (
  clientOrderId: string,
  px: number,
  qty: number,
  extra: Partial<OrderRequest> = {},
): OrderRequest => ({
  clientOrderId,
  market: P_MARKET,
  outcome: 'YES',
  side: 'BUY',
  px: px as Px,
  qty: qty as Qty,
  tif: 'GTC',
  ...extra,
});

describe('orders with unknown outcomes', () => {
  it('a dropped POST /order response ends in exactly one order, found by its hash; a retry does not duplicate it', async () => {
    const h = await startPolyHost();
    const a = adapterFor(h);
    expect((await a.credentials()).ok).toBe(true);
    h.host.injector.add({ venue: 'polymarket', kind: 'drop_response', endpoint: 'POST /order', count: 1 });
    const r = req('intent-17', 3000, 1000);
    const placed = await a.placeOrder(r);
    expect(placed).toMatchObject({ ok: false, error: { kind: 'unknown', code: 'POLYMARKET.NETWORK' } });
    const hash = await a.orderIdFor(r);
    expect(hash.ok).toBe(true);
    const found = await a.findOrder('intent-17');
    expect(found).toMatchObject({
      ok: true,
      value: { id: hash.ok && hash.value, status: 'open', qty: 1000, clientOrderId: 'intent-17' },
    });
    // The retry sends the identical signed order: the venue refuses the duplicate, the adapter reports the original.
    const retried = await a.placeOrder(r);
    expect(retried).toMatchObject({ ok: true, value: { id: hash.ok && hash.value, status: 'open' } });
    const orders = h.ex.orders({ account: 'bot' });
    expect(orders).toHaveLength(1);
    expect(orders[0]!.id).toBe(hash.ok && hash.value);
    expect((await a.openOrders()).ok && (await a.openOrders())).toMatchObject({
      value: [{ id: orders[0]!.id }],
    });
  });

  it('a success whose status is empty is unknown, not "cancelled with 0 filled": the order is then found as it is (point 9)', async () => {
    const h = await startPolyHost();
    seedBook(h.ex, P_MARKET, { asks: [[4500, 600]] });
    const a = adapterFor(h);
    expect((await a.credentials()).ok).toBe(true);
    // The venue's reply to the next two orders carries `status: ""` (observed in real traffic).
    expect((await h.adminCall('POST', '/polymarket/order-status', { status: '', count: 2 })).status).toBe(
      200,
    );
    const resting = req('intent-e1', 3000, 1000);
    expect(await a.placeOrder(resting)).toMatchObject({
      ok: false,
      error: { kind: 'unknown', code: 'POLYMARKET.UNKNOWN_STATUS', status: 200 },
    });
    expect(await a.findOrder('intent-e1', resting)).toMatchObject({
      ok: true,
      value: { status: 'open', filled: 0, qty: 1000, clientOrderId: 'intent-e1' },
    });
    // A marketable one: it traded, which a "cancelled, 0 filled" reading would have lost.
    const taking = req('intent-e2', 4500, 600);
    expect(await a.placeOrder(taking)).toMatchObject({ ok: false, error: { kind: 'unknown' } });
    expect(await a.findOrder('intent-e2', taking)).toMatchObject({
      ok: true,
      value: { status: 'filled', filled: 600 },
    });
    // The switch is spent: the next reply says `live` again.
    expect(await a.placeOrder(req('intent-e3', 3000, 500))).toMatchObject({
      ok: true,
      value: { status: 'open' },
    });
  });

  it('an order that was never placed is not found; another client order id derives another hash', async () => {
    const h = await startPolyHost();
    const a = adapterFor(h);
    h.host.injector.add({ venue: 'polymarket', kind: 'timeout', endpoint: 'POST /order', count: 1 });
    const r = req('intent-18', 3000, 1000);
    // A request that never reached the handler (held, never answered): unknown, and the query says it does not exist.
    const placed = await a.placeOrder(r);
    expect(placed).toMatchObject({ ok: false, error: { kind: 'unknown', code: 'POLYMARKET.TIMEOUT' } });
    expect(await a.findOrder('intent-18')).toEqual({ ok: true, value: undefined });
    const other = await a.orderIdFor(req('intent-19', 3000, 1000));
    const same = await a.orderIdFor(r);
    expect(other.ok && same.ok && other.value !== same.value).toBe(true);
    expect(await a.findOrder('never-seen')).toMatchObject({
      ok: false,
      error: { code: 'POLYMARKET.UNKNOWN_CLIENT_ORDER_ID' },
    });
  }, 20_000);
});

describe('trade settlement', () => {
  it('a FAILED trade is reported again as reversed, and leaves balance and positions (seed 5)', async () => {
    const h = await startPolyHost();
    seedBook(h.ex, P_MARKET, { asks: [[4500, 2000]] });
    const a = adapterFor(h);
    const before = await a.balance();
    const placed = await a.placeOrder(req('take-1', 4500, 1000));
    expect(placed).toMatchObject({ ok: true, value: { status: 'filled', filled: 1000 } });
    const first = await a.fillsSince(undefined);
    expect(first.ok && first.value.fills).toMatchObject([{ qty: 1000, final: false }]);
    if (!first.ok) return;
    expect(await a.positions()).toEqual({
      ok: true,
      value: [{ market: P_MARKET, outcome: 'YES', qty: 1000 }],
    });

    const trades = (await h.adminCall('GET', '/polymarket/trades')).body as { id: string; status: string }[];
    expect(trades).toMatchObject([{ status: 'MATCHED' }]);
    const failed = await h.adminCall('POST', '/polymarket/fail-trade', { tradeId: trades[0]!.id });
    expect(failed).toMatchObject({ status: 200, body: { status: 'FAILED' } });
    expect((await h.adminCall('POST', '/polymarket/fail-trade', { tradeId: trades[0]!.id })).status).toBe(
      409,
    );

    const after = await a.fillsSince(first.value.cursor);
    expect(after.ok && after.value.fills).toEqual([{ ...first.value.fills[0], final: true, reversed: true }]);
    const quiet = await a.fillsSince(after.ok ? after.value.cursor : undefined);
    expect(quiet.ok && quiet.value.fills).toEqual([]);
    // What the venue reports no longer includes the trade.
    expect(await a.positions()).toEqual({ ok: true, value: [] });
    expect(await a.balance()).toEqual(before);
    // From scratch, a trade first seen as FAILED is never reported.
    const fresh = await a.fillsSince(undefined);
    expect(fresh.ok && fresh.value.fills).toEqual([]);
  });
});
