/** Order entry's checks, in the order a venue applies them; the first failure is the reject reason. */
import { isOnGrid } from '../../core/market.ts';
import { type MarketState, Rejection } from './internal.ts';
import type { ExchangeStatus, OrderRequest } from './types.ts';

export interface ValidationContext {
  readonly status: ExchangeStatus;
  readonly markets: ReadonlyMap<string, MarketState>;
  readonly nowMs: number;
  clientOrderIdUsed(account: string, clientOrderId: string): boolean;
  orderExists(orderId: string): boolean;
}

export function validateOrder(req: OrderRequest, ctx: ValidationContext): MarketState {
  if (ctx.status === 'halted') throw new Rejection('EXCHANGE_HALTED', 'exchange is halted');
  if (ctx.status === 'cancel_only') throw new Rejection('CANCEL_ONLY', 'exchange is in cancel-only mode');
  const m = ctx.markets.get(req.market);
  if (!m) throw new Rejection('MARKET_NOT_FOUND', `unknown market ${req.market}`);
  if (m.status !== 'open') throw new Rejection('MARKET_NOT_OPEN', `market is ${m.status}`);
  if (!isOnGrid(m.cfg.grid, req.px))
    throw new Rejection('INVALID_PRICE', `price ${req.px} is not on the market's tick grid`);
  if (!Number.isSafeInteger(req.qty) || req.qty <= 0)
    throw new Rejection('INVALID_SIZE', 'size must be positive');
  if (req.qty < m.cfg.minSize)
    throw new Rejection('BELOW_MIN_SIZE', `size below the minimum of ${m.cfg.minSize}`);
  if (req.tif === 'GTD' && !(req.expiresAtMs !== undefined && req.expiresAtMs > ctx.nowMs)) {
    throw new Rejection('INVALID_EXPIRATION', 'GTD orders need an expiry in the future');
  }
  if (req.postOnly && (req.tif === 'IOC' || req.tif === 'FOK')) {
    throw new Rejection('INVALID_SIZE', 'post-only orders must rest (GTC or GTD)');
  }
  if (req.clientOrderId !== undefined && ctx.clientOrderIdUsed(req.account, req.clientOrderId)) {
    throw new Rejection('DUPLICATE_CLIENT_ORDER_ID', `client order id ${req.clientOrderId} already used`);
  }
  if (req.orderId !== undefined && ctx.orderExists(req.orderId)) {
    throw new Rejection('DUPLICATE_ORDER_ID', `order ${req.orderId} already exists`);
  }
  return m;
}
