/**
 * KalshiAdapter's safety net against the simulated Kalshi over loopback (issue 16): with
 * `orderGroupContractsLimit` every order goes into one order group the adapter creates before the first order;
 * the venue's cap refusal is `KALSHI.ORDER_GROUP_TRIGGERED` (rejected); `cancelAll` leaves nothing open.
 */
import { describe, expect, it } from 'vitest';
import { RealClock } from '../../../src/app/real-clock.ts';
import { adaptersFromConnection } from '../../../src/app/session/venue-adapters.ts';
import { MarketIdTable } from '../../../src/core/market.ts';
import { Rng } from '../../../src/core/rng.ts';
import type { Px, Qty } from '../../../src/core/units.ts';
import { KalshiAdapter } from '../../../src/venues/kalshi/index.ts';
import type { OrderRequest } from '../../../src/venues/venue.ts';
import { onCleanup } from '../../sim/support/net.ts';
import { officialKalshi } from './official-sdk.ts';
import { seedBook, startKalshiSim } from './support.ts';

async function setup(seed: number, orderGroupContractsLimit?: number) {
  const sim = await startKalshiSim({ seed });
  const adapter = new KalshiAdapter({
    ...sim.kalshi,
    clock: new RealClock(),
    rng: new Rng(seed),
    ...(orderGroupContractsLimit === undefined ? {} : { orderGroupContractsLimit }),
  });
  onCleanup(() => adapter.close());
  return { ...sim, adapter, official: officialKalshi(sim.kalshi) };
}

const bid = (
  market: string,
  id: string,
  contracts: number,
  yesPx: number,
  tif: 'GTC' | 'IOC' = 'GTC',
): OrderRequest => ({
  clientOrderId: id,
  market,
  outcome: 'YES',
  side: 'BUY',
  px: yesPx as Px,
  qty: (contracts * 100) as Qty,
  tif,
});

describe('KalshiAdapter order group and cancel-all (seeds 61–64)', () => {
  it('seed 61: creates one group for concurrent first orders and puts every order in it', async () => {
    const { adapter, official, markets } = await setup(61, 50);
    const m = markets[0]!;
    const placed = await Promise.all(
      [1, 2, 3].map((i) => adapter.placeOrder(bid(m, `g-${i}`, 1, 3_000 + i * 100))),
    );
    const ids = placed.map((p) => {
      if (!p.ok) throw new Error(p.error.message);
      return p.value.id;
    });
    const groups = (await official.groups.getOrderGroups()).data.order_groups ?? [];
    expect(groups).toEqual([
      { id: adapter.orderGroup!.id, contracts_limit_fp: '50.00', is_auto_cancel_enabled: true },
    ]);
    const later = await adapter.placeOrder(bid(m, 'g-4', 1, 2_000));
    if (!later.ok) throw new Error(later.error.message);
    // The venue's own view of each order names the group.
    for (const id of ids)
      expect((await official.orders.getOrder(id)).data.order.order_group_id).toBe(groups[0]!.id);
    expect((await official.groups.getOrderGroup(groups[0]!.id)).data.orders.sort()).toEqual(
      [...ids, later.value.id].sort(),
    );
  });

  it('seed 62: past the cap the venue cancels the group and refuses orders as KALSHI.ORDER_GROUP_TRIGGERED; reset reopens', async () => {
    const { adapter, ex, markets } = await setup(62, 5);
    const m = markets[0]!;
    seedBook(ex, m, { asks: [[5_500, 20]] });
    const resting = await adapter.placeOrder(bid(m, 'r-1', 2, 3_000));
    if (!resting.ok) throw new Error(resting.error.message);
    const taker = await adapter.placeOrder(bid(m, 't-1', 6, 5_500, 'IOC'));
    expect(taker.ok && taker.value).toMatchObject({ status: 'filled', filled: 600 });
    const after = await adapter.getOrder(resting.value.id);
    expect(after.ok && after.value?.status).toBe('cancelled');
    expect(adapter.orderGroup?.triggeredAtMs).toBeUndefined();

    const refused = await adapter.placeOrder(bid(m, 'r-2', 1, 3_000));
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toMatchObject({
      kind: 'rejected',
      code: 'KALSHI.ORDER_GROUP_TRIGGERED',
      status: 409,
    });
    expect(ex.orderByClientId('bot', 'r-2')).toBeUndefined();
    expect(adapter.orderGroup?.triggeredAtMs).toBeGreaterThan(0);

    const reset = await adapter.resetOrderGroup();
    expect(reset.ok).toBe(true);
    expect(adapter.orderGroup?.triggeredAtMs).toBeUndefined();
    const again = await adapter.placeOrder(bid(m, 'r-3', 1, 3_000));
    expect(again.ok && again.value.status).toBe('open');

    // The adapter can stop the venue side itself too.
    expect((await adapter.triggerOrderGroup()).ok).toBe(true);
    const stopped = await adapter.placeOrder(bid(m, 'r-4', 1, 3_000));
    expect(!stopped.ok && stopped.error.code).toBe('KALSHI.ORDER_GROUP_TRIGGERED');
  });

  it('seed 63: cancelAll cancels every resting order, in the group or not, and new orders still go in', async () => {
    const { adapter, official, markets } = await setup(63, 100);
    const [m1, m2] = markets;
    for (const [i, m] of [m1!, m2!, m1!].entries()) {
      const r = await adapter.placeOrder(bid(m, `c-${i}`, 1, 2_000 + i * 100));
      if (!r.ok) throw new Error(r.error.message);
    }
    // One placed by someone else with the same key, outside the group.
    await official.orders.createOrderV2({
      ticker: m2!,
      client_order_id: 'outside',
      side: 'bid',
      count: '1',
      price: '0.10',
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'taker_at_cross',
    });
    const open = await adapter.openOrders();
    expect(open.ok && open.value.length).toBe(4);

    const r = await adapter.cancelAll();
    expect(r).toEqual({ ok: true, value: { cancelled: 4 } });
    const left = await adapter.openOrders();
    expect(left.ok && left.value).toEqual([]);
    const next = await adapter.placeOrder(bid(m1!, 'c-after', 1, 2_000));
    expect(next.ok && next.value.status).toBe('open');
  });

  it('seed 64: without a limit no group is made and orders carry none; a bad limit is refused up front', async () => {
    const { adapter, official, markets, kalshi, host } = await setup(64);
    const r = await adapter.placeOrder(bid(markets[0]!, 'n-1', 1, 2_000));
    expect(r.ok).toBe(true);
    expect(adapter.orderGroup).toBeUndefined();
    if (r.ok) expect((await official.orders.getOrder(r.value.id)).data.order.order_group_id).toBeNull();
    expect((await official.groups.getOrderGroups()).data.order_groups).toEqual([]);
    expect(
      () =>
        new KalshiAdapter({
          ...kalshi,
          clock: new RealClock(),
          rng: new Rng(64),
          orderGroupContractsLimit: 0.5,
        }),
    ).toThrow(/whole number of contracts/);
    // arb live builds its adapters here, with config venues.kalshi.orderGroupContractsLimit.
    const built = adaptersFromConnection(host.connectionInfo(), {
      clock: new RealClock(),
      rng: new Rng(64),
      ids: new MarketIdTable(),
      kalshiOrderGroupContractsLimit: 7,
    });
    onCleanup(() => Promise.all([built.kalshi.close(), built.polymarket.close()]).then(() => undefined));
    expect((built.kalshi as KalshiAdapter).orderGroup).toMatchObject({ contractsLimit: 7 });
  });
});
