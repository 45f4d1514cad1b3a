import type { OrderRequest } from '../../venues/venue.ts';
import type { StoredIntent } from './order-store.ts';

/** The request an intent sent (or was about to send), rebuilt from the store. */
export const requestOf = (i: StoredIntent): OrderRequest => ({
  clientOrderId: i.clientOrderId,
  market: i.market,
  outcome: i.outcome,
  side: i.side,
  px: i.px,
  qty: i.qty,
  tif: i.tif as OrderRequest['tif'],
});
