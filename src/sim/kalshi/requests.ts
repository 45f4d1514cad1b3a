/**
 * Request bodies of the V2 order endpoints (SDK `CreateOrderV2Request`, `AmendOrderV2Request`,
 * `DecreaseOrderV2Request`, batches), validated into exact integers, and the V2 → engine translation:
 *
 *   side `bid` at YES price p = buy YES at p  (or, when the account already holds enough free NO, sell NO at 1 − p)
 *   side `ask` at YES price p = sell YES at p (when the account holds enough free YES), else buy NO at 1 − p
 *
 * Kalshi accounts net YES against NO (src/sim/venue-exchanges.ts), so both readings cost the member the same;
 * selling what is held needs no cash, buying the other side does.
 */
import { z } from 'zod';
import type { Outcome } from '../../core/market.ts';
import {
  asQty,
  type Px,
  PX_ONE,
  pxComplement,
  pxFromDollars,
  type Qty,
  qtyFromDecimal,
} from '../../core/units.ts';
import type { OrderRequest, StpMode, Tif } from '../engine/types.ts';
import type { Parsed } from './query.ts';

const optional = <T extends z.ZodType>(t: T) => t.nullish();

export const CreateOrderBody = z.object({
  ticker: z.string().min(1),
  client_order_id: optional(z.string().min(1).max(128)),
  side: z.enum(['bid', 'ask']),
  count: z.string(),
  price: z.string(),
  expiration_time: optional(z.int().positive()),
  time_in_force: z.enum(['fill_or_kill', 'good_till_canceled', 'immediate_or_cancel']),
  post_only: optional(z.boolean()),
  self_trade_prevention_type: z.enum(['taker_at_cross', 'maker']),
  cancel_order_on_pause: optional(z.boolean()),
  reduce_only: optional(z.boolean()),
  subaccount: optional(z.int()),
  order_group_id: optional(z.string()),
  exchange_index: optional(z.int()),
});

export const AmendOrderBody = z.object({
  ticker: z.string().min(1),
  side: z.enum(['bid', 'ask']),
  price: z.string(),
  count: z.string(),
  client_order_id: optional(z.string()),
  updated_client_order_id: optional(z.string()),
  exchange_index: optional(z.int()),
});

export const DecreaseOrderBody = z.object({
  reduce_by: optional(z.string()),
  reduce_to: optional(z.string()),
  exchange_index: optional(z.int()),
  market_ticker: optional(z.string()),
});

export const BatchCreateBody = z.object({ orders: z.array(z.unknown()).min(1) });
export const BatchCancelBody = z.union([
  z.object({ orders: z.array(z.object({ order_id: z.string().min(1) }).loose()).min(1) }),
  // The V1 shape, still accepted: {"ids": [...]}.
  z.object({ ids: z.array(z.string().min(1)).min(1) }),
]);

/** Most orders one batch may carry (the write bucket holds 200 tokens at 10 per order on the Basic tier). */
export const MAX_BATCH = 20;

/**
 * Why a request body was refused, in the terms the venue tells apart (src/sim/kalshi/errors.ts, [OE]): its body
 * parser fails on a body that is not a JSON object or has a field of the wrong JSON type; a body that parses may
 * still lack required fields (absent or null), or carry a value the venue does not accept.
 */
export type BodyRefusal =
  | { readonly kind: 'unparseable'; readonly details: string }
  | { readonly kind: 'missing'; readonly fields: readonly string[]; readonly details: string }
  | { readonly kind: 'invalid'; readonly details: string };

export type ParsedBody<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: BodyRefusal };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let v = body;
  for (const k of path)
    v = isRecord(v) || Array.isArray(v) ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): ParsedBody<T> {
  if (body === undefined)
    return { ok: false, refusal: { kind: 'unparseable', details: 'missing JSON body' } };
  if (!isRecord(body))
    return { ok: false, refusal: { kind: 'unparseable', details: 'expected a JSON object' } };
  const r = schema.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  const details = r.error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`)
    .join('; ');
  const present = (i: (typeof r.error.issues)[number]) => valueAt(body, i.path) != null;
  if (r.error.issues.some((i) => i.code === 'invalid_type' && present(i)))
    return { ok: false, refusal: { kind: 'unparseable', details } };
  const absent = r.error.issues.filter((i) => i.path.length > 0 && !present(i));
  if (absent.length > 0) {
    const fields = absent.map((i) => i.path.join('.'));
    return { ok: false, refusal: { kind: 'missing', fields, details } };
  }
  return { ok: false, refusal: { kind: 'invalid', details } };
}

const invalid = (details: string): ParsedBody<never> => ({
  ok: false,
  refusal: { kind: 'invalid', details },
});

/** A dollar price string → Px strictly inside (0, 1), at most 4 decimals. */
export function parsePrice(field: string, text: string): Parsed<Px> {
  try {
    const px = pxFromDollars(text);
    if (px <= 0 || px >= PX_ONE) return { ok: false, message: `${field}: must be between 0 and 1 exclusive` };
    return { ok: true, value: px };
  } catch (e) {
    return { ok: false, message: `${field}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** An `_fp` count string (0–2 decimals) → Qty; `positive` rejects zero. */
export function parseCount(field: string, text: string, positive = true): Parsed<Qty> {
  try {
    const q = qtyFromDecimal(text);
    if (positive && q <= 0) return { ok: false, message: `${field}: must be positive` };
    return { ok: true, value: q };
  } catch (e) {
    return { ok: false, message: `${field}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export interface DecodedOrder {
  readonly ticker: string;
  readonly clientOrderId: string | undefined;
  readonly side: 'bid' | 'ask';
  readonly count: Qty;
  readonly yesPx: Px;
  readonly tif: Tif;
  readonly expiresAtMs: number | undefined;
  readonly postOnly: boolean;
  readonly stp: StpMode;
  readonly reduceOnly: boolean;
  /** The order group the order goes into (order-groups.ts), if any. */
  readonly orderGroupId: string | undefined;
}

export function decodeCreateOrder(body: unknown): ParsedBody<DecodedOrder> {
  const b = parseBody(CreateOrderBody, body);
  if (!b.ok) return b;
  const o = b.value;
  const count = parseCount('count', o.count);
  if (!count.ok) return invalid(count.message);
  const price = parsePrice('price', o.price);
  if (!price.ok) return invalid(price.message);
  if (o.subaccount !== undefined && o.subaccount !== null && o.subaccount !== 0) {
    return invalid('subaccount: the simulator has only the primary subaccount (0)');
  }
  const expires = o.expiration_time ?? undefined;
  if (expires !== undefined && o.time_in_force !== 'good_till_canceled') {
    return invalid(`expiration_time: cannot be combined with ${o.time_in_force}`);
  }
  const tif: Tif =
    o.time_in_force === 'fill_or_kill'
      ? 'FOK'
      : o.time_in_force === 'immediate_or_cancel'
        ? 'IOC'
        : expires
          ? 'GTD'
          : 'GTC';
  return {
    ok: true,
    value: {
      ticker: o.ticker,
      clientOrderId: o.client_order_id ?? undefined,
      side: o.side,
      count: count.value,
      yesPx: price.value,
      tif,
      expiresAtMs: expires === undefined ? undefined : expires * 1000,
      postOnly: o.post_only ?? false,
      stp: o.self_trade_prevention_type === 'maker' ? 'cancel_maker' : 'cancel_taker',
      reduceOnly: o.reduce_only ?? false,
      orderGroupId: o.order_group_id ?? undefined,
    },
  };
}

/**
 * The engine order for a decoded V2 order, given the account's free contracts. A reduce-only order only ever
 * sells what is held, capped at that.
 */
export function toEngineOrder(
  d: DecodedOrder,
  account: string,
  free: (outcome: Outcome) => number,
): Parsed<OrderRequest> {
  // bid: the held side it can reduce is NO; ask: YES.
  const held: Outcome = d.side === 'bid' ? 'NO' : 'YES';
  const bought: Outcome = d.side === 'bid' ? 'YES' : 'NO';
  const heldQty = Math.max(0, free(held));
  const heldPx = held === 'YES' ? d.yesPx : pxComplement(d.yesPx);
  const boughtPx = bought === 'YES' ? d.yesPx : pxComplement(d.yesPx);
  let outcome: Outcome;
  let side: 'BUY' | 'SELL';
  let qty = d.count;
  if (d.reduceOnly) {
    if (heldQty === 0) return { ok: false, message: 'reduce_only: no position this order would reduce' };
    outcome = held;
    side = 'SELL';
    qty = asQty(Math.min(d.count, heldQty));
  } else if (heldQty >= d.count) {
    outcome = held;
    side = 'SELL';
  } else {
    outcome = bought;
    side = 'BUY';
  }
  return {
    ok: true,
    value: {
      account,
      market: d.ticker,
      outcome,
      side,
      px: side === 'SELL' ? heldPx : boughtPx,
      qty,
      tif: d.tif,
      ...(d.expiresAtMs === undefined ? {} : { expiresAtMs: d.expiresAtMs }),
      postOnly: d.postOnly,
      stp: d.stp,
      ...(d.clientOrderId === undefined ? {} : { clientOrderId: d.clientOrderId }),
    },
  };
}
