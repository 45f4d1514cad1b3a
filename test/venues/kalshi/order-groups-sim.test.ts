/**
 * Kalshi order groups in the simulator, driven by the official `kalshi-typescript` client unchanged
 * (OrderGroupsApi + order_group_id on V2 orders): the venue's own safety net (issue 16). Real clock (the SDK
 * signs with Date.now()); every fill here lands well inside the 15-second window.
 */
import { describe, expect, it } from 'vitest';
import type { Px, Qty } from '../../../src/core/units.ts';
import { officialKalshi } from './official-sdk.ts';
import { MM, seedBook, startKalshiSim } from './support.ts';

async function sdk(seed: number) {
  const sim = await startKalshiSim({ seed });
  return { ...sim, ...officialKalshi(sim.kalshi) };
}

async function failure(p: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  try {
    await p;
  } catch (e) {
    const res = (e as { response?: { status: number; data: unknown } }).response;
    if (res) return { status: res.status, data: res.data };
    throw e;
  }
  throw new Error('expected the call to fail');
}

const bid = (ticker: string, id: string, count: string, price: string, group?: string) => ({
  ticker,
  client_order_id: id,
  side: 'bid' as const,
  count,
  price,
  time_in_force: 'good_till_canceled' as const,
  self_trade_prevention_type: 'taker_at_cross' as const,
  ...(group === undefined ? {} : { order_group_id: group }),
});

describe('Kalshi order groups (simulator, official client)', () => {
  it("seed 31: fills past the cap cancel the group's resting orders, new orders are refused until reset", async () => {
    const k = await sdk(31);
    const t = k.markets[0]!;
    seedBook(k.ex, t, {
      asks: [
        [5_500, 3],
        [5_600, 10],
      ],
    });

    const created = await k.groups.createOrderGroup({ contracts_limit: 5 });
    expect(created.status).toBe(201);
    const gid = created.data.order_group_id;
    expect((await k.groups.getOrderGroups()).data.order_groups).toEqual([
      { id: gid, contracts_limit_fp: '5.00', is_auto_cancel_enabled: true },
    ]);

    const resting = (await k.orders.createOrderV2(bid(t, 'g-rest', '10', '0.30', gid))).data.order_id;
    const outside = (await k.orders.createOrderV2(bid(t, 'no-group', '1', '0.29'))).data.order_id;
    // 3 matched: within the cap of 5.
    const first = await k.orders.createOrderV2(bid(t, 'g-take-1', '3', '0.55', gid));
    expect(first.data).toMatchObject({ fill_count: '3.00', remaining_count: '0.00' });
    expect((await k.orders.getOrder(resting)).data.order.status).toBe('resting');

    // 4 more (7 > 5): the group triggers. The order that crossed keeps its fills; its rest is cancelled at once.
    const second = await k.orders.createOrderV2(bid(t, 'g-take-2', '4', '0.56', gid));
    expect(second.status).toBe(201);
    expect(second.data).toMatchObject({ fill_count: '4.00' });
    expect((await k.orders.getOrder(resting)).data.order.status).toBe('canceled');
    // Orders outside the group are untouched.
    expect((await k.orders.getOrder(outside)).data.order.status).toBe('resting');

    const refused = await failure(k.orders.createOrderV2(bid(t, 'g-after', '1', '0.20', gid)));
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.data)).toMatch(/order group .* is triggered/);
    expect(k.ex.orderByClientId('bot', 'g-after')).toBeUndefined();

    const detail = (await k.groups.getOrderGroup(gid)).data;
    expect(detail.orders).toEqual(
      expect.arrayContaining([resting, first.data.order_id, second.data.order_id]),
    );
    expect(detail.orders).not.toContain(outside);

    expect((await k.groups.resetOrderGroup(gid)).status).toBe(200);
    const again = await k.orders.createOrderV2(bid(t, 'g-after-reset', '1', '0.20', gid));
    expect(again.status).toBe(201);
    expect((await k.orders.getOrder(again.data.order_id)).data.order.status).toBe('resting');
  });

  it('seed 32: maker fills from another member count too; trigger, limit update and delete cancel the group', async () => {
    const k = await sdk(32);
    const t = k.markets[0]!;
    const gid = (await k.groups.createOrderGroup({ contracts_limit_fp: '2.00' })).data.order_group_id;
    const resting = (await k.orders.createOrderV2(bid(t, 'm-1', '5', '0.30', gid))).data.order_id;
    // Another member sells 3 YES into our bid (an ask at 0.30 is a NO buy at 0.70): 3 > 2.
    const hit = k.ex.place({
      account: MM,
      market: t,
      outcome: 'NO',
      side: 'BUY',
      px: 7_000 as Px,
      qty: 300 as Qty,
      tif: 'IOC',
    });
    expect(hit.ok).toBe(true);
    const order = (await k.orders.getOrder(resting)).data.order;
    expect(order).toMatchObject({ status: 'canceled', fill_count_fp: '3.00' });
    expect((await failure(k.orders.createOrderV2(bid(t, 'm-2', '1', '0.20', gid)))).status).toBe(409);

    // Manual trigger: cancels without any fill.
    await k.groups.resetOrderGroup(gid);
    const r2 = (await k.orders.createOrderV2(bid(t, 'm-3', '1', '0.20', gid))).data.order_id;
    await k.groups.triggerOrderGroup(gid);
    expect((await k.orders.getOrder(r2)).data.order.status).toBe('canceled');
    expect((await failure(k.orders.createOrderV2(bid(t, 'm-4', '1', '0.20', gid)))).status).toBe(409);

    // A limit below what the window already matched triggers the group.
    await k.groups.resetOrderGroup(gid);
    seedBook(k.ex, t, { asks: [[5_500, 2]] });
    await k.orders.createOrderV2(bid(t, 'm-5', '2', '0.55', gid));
    const r3 = (await k.orders.createOrderV2(bid(t, 'm-6', '1', '0.20', gid))).data.order_id;
    await k.groups.updateOrderGroupLimit(gid, { contracts_limit: 1 });
    expect((await k.orders.getOrder(r3)).data.order.status).toBe('canceled');

    // Delete: resting orders cancelled, the group gone.
    await k.groups.resetOrderGroup(gid);
    const r4 = (await k.orders.createOrderV2(bid(t, 'm-7', '1', '0.20', gid))).data.order_id;
    expect((await k.groups.deleteOrderGroup(gid)).status).toBe(200);
    expect((await k.orders.getOrder(r4)).data.order.status).toBe('canceled');
    expect((await failure(k.groups.getOrderGroup(gid))).status).toBe(404);
    expect((await failure(k.orders.createOrderV2(bid(t, 'm-8', '1', '0.20', gid)))).status).toBe(404);
  });

  it("seed 33: refuses a bad limit and another member's group", async () => {
    const k = await sdk(33);
    expect((await failure(k.groups.createOrderGroup({ contracts_limit: 0 }))).status).toBe(400);
    expect((await failure(k.groups.createOrderGroup({}))).status).toBe(400);
    expect(
      (await failure(k.groups.createOrderGroup({ contracts_limit: 3, contracts_limit_fp: '4.00' }))).status,
    ).toBe(400);
    expect((await failure(k.groups.getOrderGroup('00000000-0000-4000-8000-00000000ffff'))).status).toBe(404);
  });
});
