/**
 * Order entry and order queries (K2, K4): the V2 paths under `/portfolio/events/orders` (create, batch create,
 * cancel, batch cancel, cancel all, amend, decrease) and `/portfolio/orders` (get, list, queue positions).
 * All need a signed request. Engine rejections become Kalshi errors through `errors.ts`; a repeated
 * `client_order_id` is a 409 that creates nothing.
 */
import { asQty } from '../../core/units.ts';
import { KALSHI_API_BASE } from '../connection.ts';
import { remainingQty, type SimFill, type SimOrder } from '../engine/types.ts';
import { json, ok } from '../server/reply.ts';
import type { SimServer } from '../server/sim-server.ts';
import type { Reply, SimRequest } from '../server/types.ts';
import { type FrontContext, type SignedHandler, signedOnly } from './context.ts';
import {
  badRequest,
  inBatch,
  invalidOrder,
  type KalshiErrorObject,
  missingParameters,
  notFound,
  REJECT_STATUS,
  rejectObject,
  rejectReply,
  uncodedObject,
  unparseableBody,
} from './errors.ts';
import { complement, fp } from './format.ts';
import { fillAverages, ORDER_STATUS, presentOrder } from './present-portfolio.ts';
import { intParam, listParam, optionalString, page, pageRequest } from './query.ts';
import {
  AmendOrderBody,
  BatchCancelBody,
  BatchCreateBody,
  type BodyRefusal,
  type DecodedOrder,
  DecreaseOrderBody,
  decodeCreateOrder,
  MAX_BATCH,
  parseBody,
  parseCount,
  parsePrice,
  toEngineOrder,
} from './requests.ts';

type Placed =
  | { readonly ok: true; readonly order: Readonly<SimOrder>; readonly fills: readonly SimFill[] }
  | { readonly ok: false; readonly status: number; readonly error: KalshiErrorObject };

export function mountOrderRoutes(server: SimServer, ctx: FrontContext): void {
  const b = `${KALSHI_API_BASE}/portfolio`;
  const s = (h: SignedHandler) => signedOnly(ctx, h);
  server
    .post(`${b}/events/orders`, s(createOrder))
    .post(`${b}/events/orders/batched`, s(batchCreate))
    .delete(`${b}/events/orders/batched`, s(batchCancel))
    .delete(`${b}/events/orders`, s(cancelAll))
    .delete(`${b}/events/orders/:order_id`, s(cancelOne))
    .post(`${b}/events/orders/:order_id/amend`, s(amend))
    .post(`${b}/events/orders/:order_id/decrease`, s(decrease))
    // The venue still serves this deprecated V1 path; the simulator does not (no code: see errors.ts).
    .post(`${b}/orders`, () =>
      badRequest('the simulator serves only the V2 order endpoints (/portfolio/events/orders)'),
    )
    .get(`${b}/orders`, s(listOrders))
    .get(`${b}/orders/queue_positions`, s(queuePositions))
    .get(`${b}/orders/:order_id`, s(getOrder))
    .get(`${b}/orders/:order_id/queue_position`, s(queuePosition));
}

function getOrder(ctx: FrontContext, req: SimRequest, account: string): Reply {
  const o = ownOrder(ctx, req.params.order_id!, account);
  if (!o) return orderNotFound(req.params.order_id!);
  return ok({
    order: presentOrder(o, ctx.exchange.fills({ orderId: o.id }), ctx.orderGroups.groupOf(o.id)),
  });
}

function queuePosition(ctx: FrontContext, req: SimRequest, account: string): Reply {
  const o = ownOrder(ctx, req.params.order_id!, account);
  if (!o) return orderNotFound(req.params.order_id!);
  const ahead = ctx.exchange.queuePosition(o.id);
  if (ahead === undefined) return rejectReply('ORDER_NOT_OPEN', `order is ${ORDER_STATUS[o.status]}`);
  return ok({ queue_position_fp: fp(ahead) });
}

const orderNotFound = (id: string): Reply => notFound(`no order ${JSON.stringify(id)}`);

/** [OE] A refused body on an order endpoint: the parser's failures at the top level, the rest under `error`. */
function bodyReply(r: BodyRefusal): Reply {
  return r.kind === 'unparseable' ? unparseableBody(r.details) : badRequest(r.details);
}

/** [OE] Create Order without `ticker` is `missing_parameters`; without `side`, `count` or `price` `invalid_order`. */
function createRefusal(r: Exclude<BodyRefusal, { kind: 'unparseable' }>): KalshiErrorObject {
  if (r.kind === 'missing') {
    if (r.fields.includes('ticker')) return missingParameters(r.details);
    if (r.fields.some((f) => f === 'side' || f === 'count' || f === 'price')) return invalidOrder(r.details);
  }
  return uncodedObject(r.details);
}

function ownOrder(ctx: FrontContext, id: string, account: string): Readonly<SimOrder> | undefined {
  const o = ctx.exchange.order(id);
  return o && o.account === account ? o : undefined;
}

function place(ctx: FrontContext, d: DecodedOrder, account: string): Placed {
  const view = ctx.exchange.account(account);
  const free = (outcome: 'YES' | 'NO'): number => {
    const key = outcome === 'YES' ? 'yes' : 'no';
    return (view?.positions.get(d.ticker)?.[key] ?? 0) - (view?.reservedPositions.get(d.ticker)?.[key] ?? 0);
  };
  const req = toEngineOrder(d, account, free);
  if (!req.ok) return { ok: false, status: 400, error: uncodedObject(req.message) };
  const group = d.orderGroupId;
  if (group !== undefined) {
    // Docs "Order groups": a triggered group refuses new orders until reset (409, no documented code).
    const a = ctx.orderGroups.admit(account, group);
    if (!a.ok)
      return { ok: false, status: a.reason === 'triggered' ? 409 : 404, error: uncodedObject(a.message) };
  }
  const r = ctx.exchange.place(req.value);
  if (!r.ok) return { ok: false, status: REJECT_STATUS[r.code], error: rejectObject(r.code, r.message) };
  // The group counts the order's own fills and, past its limit, cancels the rest before we answer.
  if (group === undefined) return { ok: true, order: r.order, fills: r.fills };
  ctx.orderGroups.attach(r.order.id, group, r.fills);
  return { ok: true, order: ctx.exchange.order(r.order.id) ?? r.order, fills: r.fills };
}

function placedBody(
  ctx: FrontContext,
  o: Readonly<SimOrder>,
  fills: readonly SimFill[],
): Record<string, unknown> {
  return {
    order_id: o.id,
    ...(o.clientOrderId === undefined ? {} : { client_order_id: o.clientOrderId }),
    fill_count: fp(o.filled),
    remaining_count: fp(o.status === 'resting' ? remainingQty(o) : 0),
    ...fillAverages(fills),
    ts_ms: ctx.clock.now(),
  };
}

function createOrder(ctx: FrontContext, req: SimRequest, account: string): Reply {
  const d = decodeCreateOrder(req.body);
  if (!d.ok)
    return d.refusal.kind === 'unparseable'
      ? unparseableBody(d.refusal.details)
      : json(400, { error: createRefusal(d.refusal) });
  const r = place(ctx, d.value, account);
  if (!r.ok) return json(r.status, { error: r.error });
  return json(201, placedBody(ctx, r.order, r.fills));
}

function batchCreate(ctx: FrontContext, req: SimRequest, account: string): Reply {
  const b = parseBody(BatchCreateBody, req.body);
  if (!b.ok) return bodyReply(b.refusal);
  if (b.value.orders.length > MAX_BATCH) return badRequest(`orders: at most ${MAX_BATCH} orders per batch`);
  const decoded = b.value.orders.map((raw) => decodeCreateOrder(raw));
  // A field of the wrong type anywhere makes the whole body unparseable, as one JSON document.
  for (const [i, d] of decoded.entries()) {
    if (!d.ok && d.refusal.kind === 'unparseable')
      return unparseableBody(`orders.${i}: ${d.refusal.details}`);
  }
  const entries = decoded.map((d, i) => {
    const clientOrderId = clientIdOf(b.value.orders[i]);
    if (!d.ok)
      return {
        client_order_id: clientOrderId,
        error: inBatch(createRefusal(d.refusal as Exclude<BodyRefusal, { kind: 'unparseable' }>)),
      };
    const r = place(ctx, d.value, account);
    if (!r.ok) return { client_order_id: clientOrderId, error: inBatch(r.error) };
    return { ...placedBody(ctx, r.order, r.fills), client_order_id: clientOrderId };
  });
  return json(201, { orders: entries });
}

const clientIdOf = (raw: unknown): string | null => {
  const v =
    typeof raw === 'object' && raw !== null
      ? (raw as { client_order_id?: unknown }).client_order_id
      : undefined;
  return typeof v === 'string' ? v : null;
};

function cancelEntry(
  ctx: FrontContext,
  id: string,
  account: string,
): { status: number; body: Record<string, unknown> } {
  const own = ownOrder(ctx, id, account);
  if (!own) {
    return {
      status: 404,
      body: { order_id: id, reduced_by: fp(0), error: uncodedObject('no such order') },
    };
  }
  const r = ctx.exchange.cancel(account, id);
  if (!r.ok) {
    return {
      status: REJECT_STATUS[r.code],
      body: {
        order_id: id,
        client_order_id: own.clientOrderId ?? null,
        reduced_by: fp(0),
        error: rejectObject(r.code, r.message),
      },
    };
  }
  return {
    status: 200,
    body: {
      order_id: id,
      ...(r.order.clientOrderId === undefined ? {} : { client_order_id: r.order.clientOrderId }),
      reduced_by: fp(remainingQty(r.order)),
      ts_ms: ctx.clock.now(),
    },
  };
}

function cancelOne(ctx: FrontContext, req: SimRequest, account: string): Reply {
  const e = cancelEntry(ctx, req.params.order_id!, account);
  if (e.status !== 200) return json(e.status, { error: e.body.error });
  return ok(e.body);
}

function batchCancel(ctx: FrontContext, req: SimRequest, account: string): Reply {
  const b = parseBody(BatchCancelBody, req.body);
  if (!b.ok) return bodyReply(b.refusal);
  const ids = 'orders' in b.value ? b.value.orders.map((o) => o.order_id) : b.value.ids;
  if (ids.length > MAX_BATCH * 5) return badRequest(`orders: at most ${MAX_BATCH * 5} cancels per batch`);
  return ok({
    orders: ids.map((id) => {
      const { body } = cancelEntry(ctx, id, account);
      const error = body.error as KalshiErrorObject | undefined;
      return error === undefined ? body : { ...body, error: inBatch(error) };
    }),
  });
}

function cancelAll(ctx: FrontContext, _req: SimRequest, account: string): Reply {
  if (ctx.exchange.status === 'halted') return rejectReply('EXCHANGE_HALTED', 'exchange is halted');
  ctx.exchange.cancelAll(account);
  return json(204);
}

function amend(ctx: FrontContext, req: SimRequest, account: string): Reply {
  const id = req.params.order_id!;
  const b = parseBody(AmendOrderBody, req.body);
  if (!b.ok) return bodyReply(b.refusal);
  const o = ownOrder(ctx, id, account);
  if (!o) return orderNotFound(id);
  const a = b.value;
  if (a.ticker !== o.market) return badRequest(`ticker: order ${id} is on ${o.market}, not ${a.ticker}`);
  const bookSide = (o.outcome === 'YES') === (o.side === 'BUY') ? 'bid' : 'ask';
  if (a.side !== bookSide) return badRequest(`side: order ${id} is a ${bookSide}; amend cannot change sides`);
  if (a.updated_client_order_id != null && a.updated_client_order_id !== (o.clientOrderId ?? '')) {
    return badRequest("updated_client_order_id: the simulator cannot change an order's client_order_id");
  }
  const price = parsePrice('price', a.price);
  if (!price.ok) return badRequest(price.message);
  const count = parseCount('count', a.count);
  if (!count.ok) return badRequest(count.message);
  const px = o.outcome === 'YES' ? price.value : complement(price.value);
  const r = ctx.exchange.amend(account, id, { px, qty: count.value });
  if (!r.ok) return rejectReply(r.code, r.message);
  return ok({
    order_id: id,
    ...(r.order.clientOrderId === undefined ? {} : { client_order_id: r.order.clientOrderId }),
    remaining_count: fp(r.order.status === 'resting' ? remainingQty(r.order) : 0),
    fill_count: fp(r.order.filled),
    ...fillAverages(ctx.exchange.fills({ orderId: id })),
    ts_ms: ctx.clock.now(),
  });
}

function decrease(ctx: FrontContext, req: SimRequest, account: string): Reply {
  const id = req.params.order_id!;
  const b = parseBody(DecreaseOrderBody, req.body);
  if (!b.ok) return bodyReply(b.refusal);
  const { reduce_by: by, reduce_to: to } = b.value;
  if ((by == null) === (to == null)) return badRequest('exactly one of reduce_by and reduce_to is required');
  const o = ownOrder(ctx, id, account);
  if (!o) return orderNotFound(id);
  if (o.status !== 'resting') return rejectReply('ORDER_NOT_OPEN', `order is ${ORDER_STATUS[o.status]}`);
  let reduceBy: number;
  if (by != null) {
    const q = parseCount('reduce_by', by);
    if (!q.ok) return badRequest(q.message);
    reduceBy = q.value;
  } else {
    const q = parseCount('reduce_to', to!, false);
    if (!q.ok) return badRequest(q.message);
    reduceBy = remainingQty(o) - q.value;
    if (reduceBy <= 0)
      return badRequest(`reduce_to: must be below the remaining count ${fp(remainingQty(o))}`);
  }
  const r = ctx.exchange.decrease(account, id, asQty(reduceBy));
  if (!r.ok) return rejectReply(r.code, r.message);
  return ok({
    order_id: id,
    ...(r.order.clientOrderId === undefined ? {} : { client_order_id: r.order.clientOrderId }),
    remaining_count: fp(r.order.status === 'resting' ? remainingQty(r.order) : 0),
    ts_ms: ctx.clock.now(),
  });
}

const LIST_STATUSES = ['resting', 'canceled', 'executed'];

function listOrders(ctx: FrontContext, req: SimRequest, account: string): Reply {
  const q = req.query;
  const pr = pageRequest(q, 100, 1000);
  if (!pr.ok) return badRequest(pr.message);
  const status = optionalString(q, 'status');
  if (status !== undefined && !LIST_STATUSES.includes(status)) {
    return badRequest(`status: expected one of ${LIST_STATUSES.join(', ')}, got ${JSON.stringify(status)}`);
  }
  const minTs = intParam(q, 'min_ts', { min: 0, max: 1e13 });
  if (!minTs.ok) return badRequest(minTs.message);
  const maxTs = intParam(q, 'max_ts', { min: 0, max: 1e13 });
  if (!maxTs.ok) return badRequest(maxTs.message);
  const ticker = optionalString(q, 'ticker');
  const events = new Set(listParam(q, 'event_ticker'));
  // A tracked account's orders are never forgotten, so the position in its history is a stable key.
  const rows = ctx.exchange
    .orders({ account })
    .map((o, key) => ({ key, item: o }))
    .filter(({ item: o }) => {
      if (ticker !== undefined && o.market !== ticker) return false;
      if (events.size > 0 && !events.has(ctx.catalog.market.get(o.market)?.eventKey ?? '')) return false;
      if (status !== undefined && ORDER_STATUS[o.status] !== status) return false;
      if (minTs.value !== undefined && o.createdMs < minTs.value * 1000) return false;
      if (maxTs.value !== undefined && o.createdMs > maxTs.value * 1000) return false;
      return true;
    })
    .reverse();
  const p = page(rows, 'desc', pr.value);
  const fillsByOrder = new Map<string, SimFill[]>();
  const wanted = new Set(p.items.map((o) => o.id));
  for (const f of ctx.exchange.fills({ account })) {
    if (!wanted.has(f.orderId)) continue;
    const list = fillsByOrder.get(f.orderId) ?? [];
    list.push(f);
    fillsByOrder.set(f.orderId, list);
  }
  return ok({
    orders: p.items.map((o) => presentOrder(o, fillsByOrder.get(o.id) ?? [], ctx.orderGroups.groupOf(o.id))),
    cursor: p.cursor,
  });
}

function queuePositions(ctx: FrontContext, req: SimRequest, account: string): Reply {
  const markets = new Set(listParam(req.query, 'market_tickers'));
  const event = optionalString(req.query, 'event_ticker');
  const out = ctx.exchange
    .orders({ account, status: 'resting' })
    .filter((o) => markets.size === 0 || markets.has(o.market))
    .filter((o) => event === undefined || ctx.catalog.market.get(o.market)?.eventKey === event)
    .map((o) => ({
      order_id: o.id,
      market_ticker: o.market,
      queue_position_fp: fp(ctx.exchange.queuePosition(o.id) ?? 0),
    }));
  return ok({ queue_positions: out });
}
