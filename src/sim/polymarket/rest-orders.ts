/**
 * Order entry and cancellation (P2, P5, P7): `POST /order`, `POST /orders` (≤ 15), `DELETE /order`,
 * `DELETE /orders`, `DELETE /cancel-all`, `DELETE /cancel-market-orders`. Every call is L2-authenticated.
 * Refusals are HTTP 400 `{"error", "errorMsg", "success": false, "orderID"}` with the venue's errorMsg code;
 * a halted or cancel-only exchange is a 503. A successful reply may carry an empty `status`, as the venue's
 * sometimes do ("Observed in real traffic"): the admin API switches that on for the next orders.
 */
import { notional, qtyToDecimal } from '../../core/units.ts';
import type { RejectCode, SimFill, SimOrder } from '../engine/types.ts';
import { errorReply, json, ok } from '../server/reply.ts';
import type { Reply } from '../server/types.ts';
import { usd } from '../admin/presenter.ts';
import { l2 } from './auth-l2.ts';
import type { FrontContext } from './context.ts';
import type { ApiKeyRecord } from './keys.ts';
import { type Refusal, verifyOrder } from './order-verify.ts';

export const MAX_BATCH_ORDERS = 15;

const REJECTS: Partial<Record<RejectCode, { errorMsg: string; error: (id: string) => string }>> = {
  DUPLICATE_ORDER_ID: {
    errorMsg: 'INVALID_ORDER_DUPLICATED',
    error: (id) => `order ${id} is invalid. Duplicated.`,
  },
  INSUFFICIENT_BALANCE: {
    errorMsg: 'INVALID_ORDER_NOT_ENOUGH_BALANCE',
    error: () => 'not enough balance / allowance',
  },
  INSUFFICIENT_POSITION: {
    errorMsg: 'INVALID_ORDER_NOT_ENOUGH_BALANCE',
    error: () => 'not enough balance / allowance',
  },
  POST_ONLY_WOULD_CROSS: {
    errorMsg: 'INVALID_POST_ONLY_ORDER',
    error: () => 'invalid post-only order: order crosses book',
  },
  FOK_NOT_FILLED: {
    errorMsg: 'FOK_ORDER_NOT_FILLED_ERROR',
    error: (id) => `order ${id} couldn't be fully filled. FOK orders are fully filled or killed.`,
  },
  MARKET_NOT_FOUND: {
    errorMsg: 'MARKET_NOT_READY',
    error: () => 'the market is not yet ready to process new orders',
  },
  MARKET_NOT_OPEN: {
    errorMsg: 'MARKET_NOT_READY',
    error: () => 'the market is not yet ready to process new orders',
  },
  INVALID_PRICE: {
    errorMsg: 'INVALID_ORDER_MIN_TICK_SIZE',
    error: (id) => `order ${id} is invalid. Price breaks minimum tick size rule`,
  },
  INVALID_SIZE: {
    errorMsg: 'INVALID_ORDER_MIN_SIZE',
    error: (id) => `order ${id} is invalid. Size is not valid`,
  },
  BELOW_MIN_SIZE: {
    errorMsg: 'INVALID_ORDER_MIN_SIZE',
    error: (id) => `order ${id} is invalid. Size lower than the minimum`,
  },
  INVALID_EXPIRATION: { errorMsg: 'INVALID_ORDER_EXPIRATION', error: () => 'invalid expiration' },
};

interface Outcome {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

const refusalBody = (r: Refusal): Outcome => ({
  status: r.status,
  body: { error: r.error, errorMsg: r.errorMsg ?? '', success: false, orderID: r.orderID ?? '' },
});

function rejection(code: RejectCode, message: string, orderID: string): Outcome {
  if (code === 'EXCHANGE_HALTED')
    return {
      status: 503,
      body: { error: 'Trading is currently disabled. Check polymarket.com for updates' },
    };
  if (code === 'CANCEL_ONLY')
    return { status: 503, body: { error: 'Trading is currently cancel-only. New orders are not accepted' } };
  const known = REJECTS[code];
  return refusalBody({
    status: 400,
    error: known ? known.error(orderID) : `order ${orderID} could not be executed: ${message}`,
    errorMsg: known?.errorMsg ?? 'EXECUTION_ERROR',
    orderID,
  });
}

function insertStatus(o: Readonly<SimOrder>, fills: readonly SimFill[]): string {
  if (o.status === 'filled') return 'matched';
  if (o.status === 'resting') return 'live';
  return fills.length > 0 ? 'matched' : 'unmatched';
}

/** The status an accepted order's reply carries: its own, unless the admin API asked for another. */
function replyStatus(ctx: FrontContext, status: string): string {
  const o = ctx.switches.orderStatus;
  if (!o || o.left <= 0) return status;
  o.left--;
  return o.status;
}

async function placeOne(ctx: FrontContext, body: unknown, key: ApiKeyRecord): Promise<Outcome> {
  const v = await verifyOrder(ctx, body, key);
  if (!v.ok) return refusalBody(v.refusal);
  const o = v.order;
  const res = ctx.ex.place({
    account: key.account,
    market: o.ref.market.m.key,
    outcome: o.ref.outcome,
    side: o.side,
    px: o.px,
    qty: o.qty,
    tif: o.tif,
    postOnly: o.postOnly,
    orderId: o.hash,
    ...(o.expiresAtMs === undefined ? {} : { expiresAtMs: o.expiresAtMs }),
  });
  if (!res.ok) return rejection(res.code, res.message, o.hash);
  let shares = 0;
  let collateral = 0;
  for (const f of res.fills) {
    shares += f.qty;
    collateral += notional(f.px, f.qty);
  }
  const making = o.side === 'BUY' ? usd(collateral) : qtyToDecimal(shares);
  const taking = o.side === 'BUY' ? qtyToDecimal(shares) : usd(collateral);
  return {
    status: 200,
    body: {
      success: true,
      errorMsg: '',
      orderID: o.hash,
      status: replyStatus(ctx, insertStatus(res.order, res.fills)),
      makingAmount: shares === 0 ? '0' : making,
      takingAmount: shares === 0 ? '0' : taking,
      tradeIDs: res.fills.map((f) => f.tradeId),
      transactionsHashes: [],
    },
  };
}

const CANCEL_REASON: Partial<Record<RejectCode, string>> = {
  ORDER_NOT_FOUND: 'Order not found or already canceled',
  NOT_OWNER: 'Order not found or already canceled',
  ORDER_NOT_OPEN: 'Order already matched or canceled',
  EXCHANGE_HALTED: 'Trading is currently disabled',
};

function cancelMany(ctx: FrontContext, key: ApiKeyRecord, ids: readonly string[]): Reply {
  const canceled: string[] = [];
  const notCanceled: Record<string, string> = {};
  for (const id of ids) {
    const r = ctx.ex.cancel(key.account, id);
    if (r.ok) canceled.push(id);
    else notCanceled[id] = CANCEL_REASON[r.code] ?? r.message;
  }
  return ok({ canceled, not_canceled: notCanceled });
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function mountOrders(ctx: FrontContext): void {
  ctx.rt.server
    .post(
      '/order',
      l2(ctx, async (req, key) => {
        const r = await placeOne(ctx, req.body, key);
        return json(r.status, r.body);
      }),
    )
    .post(
      '/orders',
      l2(ctx, async (req, key) => {
        if (!Array.isArray(req.body))
          return errorReply(400, 'Invalid order payload: expected a list of orders');
        if (req.body.length > MAX_BATCH_ORDERS)
          return errorReply(400, `Too many orders in payload: ${req.body.length} (max ${MAX_BATCH_ORDERS})`);
        const out: Record<string, unknown>[] = [];
        for (const item of req.body as unknown[]) out.push((await placeOne(ctx, item, key)).body);
        return ok(out);
      }),
    )
    .delete(
      '/order',
      l2(ctx, (req, key) => {
        const id = isObj(req.body) ? req.body.orderID : undefined;
        if (typeof id !== 'string' || id === '')
          return errorReply(400, 'Invalid payload: expected {"orderID": "..."}');
        return cancelMany(ctx, key, [id]);
      }),
    )
    .delete(
      '/orders',
      l2(ctx, (req, key) => {
        const ids = req.body;
        if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string'))
          return errorReply(400, 'Invalid payload: expected a list of order ids');
        return cancelMany(ctx, key, ids as string[]);
      }),
    )
    .delete(
      '/cancel-all',
      l2(ctx, (_req, key) => {
        const ids = ctx.ex.orders({ account: key.account, status: 'resting' }).map((o) => o.id);
        return cancelMany(ctx, key, ids);
      }),
    )
    .delete(
      '/cancel-market-orders',
      l2(ctx, (req, key) => {
        const b = isObj(req.body) ? req.body : {};
        const market = typeof b.market === 'string' && b.market !== '' ? b.market : undefined;
        const asset = typeof b.asset_id === 'string' && b.asset_id !== '' ? b.asset_id : undefined;
        if (market === undefined && asset === undefined)
          return errorReply(400, 'Invalid payload: expected {"market"} and/or {"asset_id"}');
        const ref = asset === undefined ? undefined : ctx.catalog.token(asset);
        const key2 = market?.toLowerCase();
        const ids = ctx.ex
          .orders({ account: key.account, status: 'resting' })
          .filter(
            (o) =>
              (key2 === undefined || o.market.toLowerCase() === key2) &&
              (asset === undefined ||
                (ref !== undefined && ref.market.m.key === o.market && ref.outcome === o.outcome)),
          )
          .map((o) => o.id);
        return cancelMany(ctx, key, ids);
      }),
    );
}
