/**
 * Order requests → V2 bodies (K2). Every V2 order is a bid or an ask at a YES price: buying YES or selling NO
 * bids, selling YES or buying NO asks, and the YES price of a NO order is 1 − its price. Requests the venue
 * would refuse anyway are refused here, before anything is sent.
 */
import { PX_ONE, type Px, pxComplement, pxToDollars, type Qty, qtyToFp } from '../../../core/units.ts';
import type { OrderRequest, VenueError, VenueOrder } from '../../venue.ts';
import { invalidRequest } from '../errors.ts';

/** The book side and YES price of a position in `outcome` taken by `side`. */
function yesTerms(
  outcome: 'YES' | 'NO',
  side: 'BUY' | 'SELL',
  px: Px,
): { side: 'bid' | 'ask'; price: string } {
  const bid = (outcome === 'YES') === (side === 'BUY');
  return { side: bid ? 'bid' : 'ask', price: pxToDollars(outcome === 'YES' ? px : pxComplement(px)) };
}

/** Why a request cannot be sent, or undefined when it can. */
export function checkOrderRequest(req: OrderRequest): VenueError | undefined {
  if (req.clientOrderId === '') return invalidRequest('clientOrderId is required');
  if (!(req.px > 0 && req.px < PX_ONE)) return invalidRequest(`price ${req.px} Px is not inside (0, 1)`);
  if (!(req.qty > 0)) return invalidRequest('size must be positive');
  if (req.tif === 'GTD' && req.expiresAtMs === undefined) return invalidRequest('GTD needs expiresAtMs');
  return undefined;
}

/** V2 order body (`POST /portfolio/events/orders`), in order group `groupId` when given. */
export function encodeOrder(req: OrderRequest, groupId?: string): Record<string, unknown> {
  const { side, price } = yesTerms(req.outcome, req.side, req.px);
  const tif = {
    GTC: 'good_till_canceled',
    GTD: 'good_till_canceled',
    IOC: 'immediate_or_cancel',
    FOK: 'fill_or_kill',
  }[req.tif];
  return {
    ticker: req.market,
    client_order_id: req.clientOrderId,
    side,
    count: qtyToFp(req.qty),
    price,
    time_in_force: tif,
    ...(req.tif === 'GTD' && req.expiresAtMs !== undefined
      ? { expiration_time: Math.ceil(req.expiresAtMs / 1000) }
      : {}),
    ...(req.postOnly ? { post_only: true } : {}),
    self_trade_prevention_type: 'taker_at_cross',
    ...(groupId === undefined ? {} : { order_group_id: groupId }),
  };
}

/** Amend body: the order's side at the new (or current) price and total size, in the order's own direction. */
export function encodeAmend(o: VenueOrder, change: { px?: Px; qty?: Qty }): Record<string, unknown> {
  const { side, price } = yesTerms(o.outcome, o.side, change.px ?? o.px);
  return { ticker: o.market, side, price, count: qtyToFp(change.qty ?? o.qty) };
}

/** Decrease body: the count to take off the resting size. */
export const encodeDecrease = (reduceBy: Qty): Record<string, unknown> => ({ reduce_by: qtyToFp(reduceBy) });
