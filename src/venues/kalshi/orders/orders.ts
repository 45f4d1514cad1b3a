/**
 * Order entry and order queries over the REST client: place, cancel, amend, decrease, get, find by client
 * order id, list the resting ones. Writes that the venue answers without the order (cancel, amend, decrease)
 * read it back, so every call returns the order as the venue now holds it.
 */
import type { Clock } from '../../../core/clock.ts';
import { err, ok } from '../../../core/errors.ts';
import type { Px, Qty } from '../../../core/units.ts';
import type { OrderRequest, VenueOrder, VenueResult } from '../../venue.ts';
import { badResponse, fromCodec, invalidRequest, orderNotFound } from '../errors.ts';
import type { KalshiRest } from '../rest/client.ts';
import { checkOrderRequest, encodeAmend, encodeDecrease, encodeOrder } from './build.ts';
import { decodeOrder, decodePlaced } from './decode.ts';
import type { KalshiOrderGroup } from './order-group.ts';

export class KalshiOrders {
  constructor(
    private readonly rest: KalshiRest,
    private readonly clock: Clock,
    /** Every order goes into this group (the venue's own cap), when there is one. */
    private readonly group?: KalshiOrderGroup,
  ) {}

  async place(req: OrderRequest): Promise<VenueResult<VenueOrder>> {
    const refused = checkOrderRequest(req);
    if (refused) return err(refused);
    let groupId: string | undefined;
    if (this.group) {
      const g = await this.group.ensure();
      if (!g.ok) return g;
      groupId = g.value;
    }
    const r = await this.rest.createOrder(encodeOrder(req, groupId));
    if (!r.ok) {
      this.group?.noteRefusal(r.error);
      return r;
    }
    // A create response that does not decode is `unknown`: the order may well exist.
    return fromCodec(decodePlaced(req, r.value, this.clock.now()), true);
  }

  async cancel(orderId: string): Promise<VenueResult<VenueOrder>> {
    const r = await this.rest.cancelOrder(orderId);
    if (!r.ok) return r;
    return this.require(orderId);
  }

  async amend(orderId: string, change: { px?: Px; qty?: Qty }): Promise<VenueResult<VenueOrder>> {
    const cur = await this.get(orderId);
    if (!cur.ok) return cur;
    if (!cur.value) return err(orderNotFound(orderId));
    const r = await this.rest.amendOrder(orderId, encodeAmend(cur.value, change));
    if (!r.ok) return r;
    return this.require(orderId);
  }

  async decrease(orderId: string, reduceBy: Qty): Promise<VenueResult<VenueOrder>> {
    if (!(reduceBy > 0)) return err(invalidRequest('reduceBy must be positive'));
    const r = await this.rest.decreaseOrder(orderId, encodeDecrease(reduceBy));
    if (!r.ok) return r;
    return this.require(orderId);
  }

  /** The order, or undefined when the venue does not know it. */
  async get(orderId: string): Promise<VenueResult<VenueOrder | undefined>> {
    const r = await this.rest.order(orderId);
    if (!r.ok) return r;
    return r.value ? fromCodec(decodeOrder(r.value), false) : ok(undefined);
  }

  /** The order placed with this client order id (the way an `unknown` write is resolved). */
  async find(clientOrderId: string): Promise<VenueResult<VenueOrder | undefined>> {
    const all = await this.rest.orders();
    if (!all.ok) return all;
    const hit = all.value.find((o) => o.client_order_id === clientOrderId);
    return hit ? fromCodec(decodeOrder(hit), false) : ok(undefined);
  }

  /** Resting orders, of one market or all; one order that does not decode fails the list. */
  async open(market?: string): Promise<VenueResult<VenueOrder[]>> {
    const all = await this.rest.orders({ status: 'resting', ticker: market });
    if (!all.ok) return all;
    const out: VenueOrder[] = [];
    for (const w of all.value) {
      const o = decodeOrder(w);
      if (!o.ok) return err(badResponse(o.error.message, false));
      out.push(o.value);
    }
    return ok(out);
  }

  private async require(orderId: string): Promise<VenueResult<VenueOrder>> {
    const r = await this.get(orderId);
    if (!r.ok) return r;
    return r.value ? ok(r.value) : err(orderNotFound(orderId));
  }
}
