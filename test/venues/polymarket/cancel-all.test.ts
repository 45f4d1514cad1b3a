/**
 * PolymarketAdapter.cancelAll over loopback against the simulated CLOB (issue 16: a kill cancels through the
 * venue's own mechanism): `DELETE /cancel-all` as the official client sends it leaves no open order.
 */
import { describe, expect, it } from 'vitest';
import type { Px, Qty } from '../../../src/core/units.ts';
import type { OrderRequest } from '../../../src/venues/venue.ts';
import { adapterFor, P_MARKET, startPolyHost } from './support.ts';

const buy = (clientOrderId: string, p: number): OrderRequest => ({
  clientOrderId,
  market: P_MARKET,
  outcome: 'YES',
  side: 'BUY',
  px: p as Px,
  qty: 1000 as Qty,
  tif: 'GTC',
});

describe('PolymarketAdapter.cancelAll', () => {
  it('cancels every open order with DELETE /cancel-all and reports how many; new orders still go in', async () => {
    const h = await startPolyHost();
    const a = adapterFor(h);
    expect((await a.discover()).ok).toBe(true);
    for (const [i, p] of [2000, 2100, 2200].entries()) {
      const r = await a.placeOrder(buy(`k-${i}`, p));
      expect(r.ok && r.value.status).toBe('open');
    }
    const open = await a.openOrders();
    expect(open.ok && open.value.length).toBe(3);

    expect(await a.cancelAll()).toEqual({ ok: true, value: { cancelled: 3 } });
    const left = await a.openOrders();
    expect(left.ok && left.value).toEqual([]);
    expect(await a.cancelAll()).toEqual({ ok: true, value: { cancelled: 0 } });
    const next = await a.placeOrder(buy('k-after', 2000));
    expect(next.ok && next.value.status).toBe('open');
  });
});
