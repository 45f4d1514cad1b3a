/**
 * Order group endpoints (`kalshi-typescript` OrderGroupsApi, docs.kalshi.com "Order Groups"), all signed:
 * `POST /portfolio/order_groups/create`, `GET /portfolio/order_groups`, `GET|DELETE /portfolio/order_groups/{id}`,
 * `PUT /portfolio/order_groups/{id}/reset|trigger|limit`. The state and the triggering rule are order-groups.ts.
 * A group of another account is not found, as another account's order is.
 */
import { z } from 'zod';
import { asQty, type Qty } from '../../core/units.ts';
import { KALSHI_API_BASE } from '../connection.ts';
import { json, ok } from '../server/reply.ts';
import type { SimServer } from '../server/sim-server.ts';
import type { Reply, SimRequest } from '../server/types.ts';
import { type FrontContext, type SignedHandler, signedOnly } from './context.ts';
import { badRequest, notFound, unparseableBody } from './errors.ts';
import { fp } from './format.ts';
import { MAX_GROUP_LIMIT, MIN_GROUP_LIMIT, type OrderGroupState } from './order-groups.ts';
import { parseBody, parseCount } from './requests.ts';

const LimitBody = z.object({
  contracts_limit: z.int().nullish(),
  contracts_limit_fp: z.string().nullish(),
  subaccount: z.int().nullish(),
  exchange_index: z.int().nullish(),
});

export function mountOrderGroupRoutes(server: SimServer, ctx: FrontContext): void {
  const b = `${KALSHI_API_BASE}/portfolio/order_groups`;
  const s = (h: SignedHandler) => signedOnly(ctx, h);
  server
    .post(`${b}/create`, s(create))
    .get(b, s(list))
    .get(`${b}/:order_group_id`, s(getOne))
    .delete(`${b}/:order_group_id`, s(withGroup((c, g) => (c.orderGroups.delete(g), ok({})))))
    .route('PUT', `${b}/:order_group_id/reset`, s(withGroup((c, g) => (c.orderGroups.reset(g), ok({})))))
    .route('PUT', `${b}/:order_group_id/trigger`, s(withGroup((c, g) => (c.orderGroups.trigger(g), ok({})))))
    .route('PUT', `${b}/:order_group_id/limit`, s(updateLimit));
}

/**
 * `contracts_limit` (whole contracts) or `contracts_limit_fp` (0.01 granularity); both must agree; 1–1,000,000
 * contracts (the range the venue's docs give).
 */
function limitOf(body: unknown): { ok: true; value: Qty } | { ok: false; reply: Reply } {
  const p = parseBody(LimitBody, body ?? {});
  if (!p.ok)
    return {
      ok: false,
      reply:
        p.refusal.kind === 'unparseable' ? unparseableBody(p.refusal.details) : badRequest(p.refusal.details),
    };
  const { contracts_limit: whole, contracts_limit_fp: text } = p.value;
  let fromText: Qty | undefined;
  if (text != null) {
    const q = parseCount('contracts_limit_fp', text);
    if (!q.ok) return { ok: false, reply: badRequest(q.message) };
    fromText = q.value;
  }
  const fromWhole = whole == null ? undefined : asQty(whole * 100);
  if (fromWhole === undefined && fromText === undefined)
    return { ok: false, reply: badRequest('contracts_limit or contracts_limit_fp is required') };
  if (fromWhole !== undefined && fromText !== undefined && fromWhole !== fromText)
    return { ok: false, reply: badRequest('contracts_limit and contracts_limit_fp do not match') };
  const limit = (fromText ?? fromWhole)!;
  if (limit < MIN_GROUP_LIMIT || limit > MAX_GROUP_LIMIT)
    return { ok: false, reply: badRequest('contracts_limit: must be between 1 and 1000000 contracts') };
  return { ok: true, value: limit };
}

function create(ctx: FrontContext, req: SimRequest, account: string): Reply {
  const sub = (req.body as { subaccount?: unknown } | null)?.subaccount;
  if (sub !== undefined && sub !== null && sub !== 0)
    return badRequest('subaccount: the simulator has only the primary subaccount (0)');
  const limit = limitOf(req.body);
  if (!limit.ok) return limit.reply;
  const g = ctx.orderGroups.create(account, limit.value);
  return json(201, { order_group_id: g.id, subaccount: 0 });
}

/** `is_auto_cancel_enabled`: the SDK model's only state field; the simulator's groups always auto-cancel. */
const summary = (g: OrderGroupState) => ({
  id: g.id,
  contracts_limit_fp: fp(g.limit),
  is_auto_cancel_enabled: true,
});

function list(ctx: FrontContext, _req: SimRequest, account: string): Reply {
  return ok({ order_groups: ctx.orderGroups.list(account).map(summary) });
}

function getOne(ctx: FrontContext, req: SimRequest, account: string): Reply {
  const g = ctx.orderGroups.get(account, req.params.order_group_id!);
  if (!g) return notFound(`order group ${req.params.order_group_id!} not found`);
  const { id: _id, ...rest } = summary(g);
  return ok({ ...rest, orders: [...g.orders] });
}

function withGroup(act: (ctx: FrontContext, g: OrderGroupState, req: SimRequest) => Reply): SignedHandler {
  return (ctx, req, account) => {
    const g = ctx.orderGroups.get(account, req.params.order_group_id!);
    if (!g) return notFound(`order group ${req.params.order_group_id!} not found`);
    return act(ctx, g, req);
  };
}

const updateLimit = withGroup((ctx, g, req) => {
  const limit = limitOf(req.body);
  if (!limit.ok) return limit.reply;
  ctx.orderGroups.updateLimit(g, limit.value);
  return ok({});
});
