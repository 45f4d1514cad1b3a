/**
 * Reading orders back: one by its hash, one by our client order id, and all open ones, as `VenueOrder`s (the
 * outcome from the token, our client order id when this process derived the order).
 */
import { err, ok } from '../../../core/errors.ts';
import type { Outcome } from '../../../core/market.ts';
import type { OrderRequest, VenueOrder, VenueResult } from '../../venue.ts';
import { badResponse, polyError } from '../errors.ts';
import type { PolyClient } from '../rest/client.ts';
import type { OpenOrder } from '../rest/decode-orders.ts';
import type { Markets } from '../rest/markets.ts';
import type { OrderContext } from './context.ts';
import type { OrderIds } from './order-ids.ts';

export class OrderLookup {
  private readonly rest: PolyClient;
  private readonly markets: Markets;
  private readonly ids: OrderIds;

  constructor(c: OrderContext) {
    ({ rest: this.rest, markets: this.markets, ids: this.ids } = c);
  }

  async get(orderId: string): Promise<VenueResult<VenueOrder | undefined>> {
    const r = await this.rest.order(orderId);
    if (!r.ok) return r;
    return r.value === undefined ? ok(undefined) : this.toVenueOrder(r.value);
  }

  /**
   * Polymarket orders carry no client order id: the order's hash is derived from the request (the salt comes
   * from the client order id). This process knows the hashes it derived; after a restart, `derive` (from the
   * original request, which recovery rebuilds from the stored intent) finds the hash again.
   */
  async find(
    clientOrderId: string,
    request: OrderRequest | undefined,
    derive: (req: OrderRequest) => Promise<VenueResult<string>>,
  ): Promise<VenueResult<VenueOrder | undefined>> {
    let hash = this.ids.hashOf(clientOrderId);
    if (hash === undefined && request !== undefined && request.clientOrderId === clientOrderId) {
      const derived = await derive(request);
      if (!derived.ok) return derived;
      hash = derived.value;
    }
    if (hash === undefined)
      return err(
        polyError(
          'rejected',
          'POLYMARKET.UNKNOWN_CLIENT_ORDER_ID',
          `no order was derived from ${clientOrderId} in this process: use orderIdFor(request) and getOrder`,
        ),
      );
    return this.get(hash);
  }

  async open(market?: string): Promise<VenueResult<VenueOrder[]>> {
    const r = await this.rest.openOrders(market);
    if (!r.ok) return r;
    const out: VenueOrder[] = [];
    for (const o of r.value) {
      const v = await this.toVenueOrder(o);
      if (!v.ok) return v;
      out.push(v.value);
    }
    return ok(out);
  }

  private async toVenueOrder(o: OpenOrder): Promise<VenueResult<VenueOrder>> {
    const info = await this.markets.info(o.market);
    if (!info.ok) return info;
    const outcome: Outcome | undefined =
      o.assetId === info.value.tokens.yes ? 'YES' : o.assetId === info.value.tokens.no ? 'NO' : o.outcome;
    if (!outcome) return err(badResponse(false, `order ${o.id}: unknown asset ${o.assetId}`));
    const clientOrderId = this.ids.clientIdOf(o.id);
    return ok({
      id: o.id,
      ...(clientOrderId === undefined ? {} : { clientOrderId }),
      market: info.value.conditionId,
      outcome,
      side: o.side,
      px: o.px,
      qty: o.originalQty,
      filled: o.matchedQty,
      status:
        o.status === 'LIVE'
          ? 'open'
          : o.status === 'MATCHED' || o.matchedQty >= o.originalQty
            ? 'filled'
            : 'cancelled',
      createdMs: o.createdMs,
    });
  }
}
