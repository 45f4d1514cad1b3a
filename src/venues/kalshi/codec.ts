/**
 * Sans-I/O codec for Kalshi REST payloads: JSON text → validated wire object → core domain values (Px, Qty,
 * Micros, YES-normalized books), and domain order requests → V2 request bodies. No sockets, no clock; every
 * failure is a `KalshiCodecError` naming the field, never NaN and never a half-built value.
 */
import type { z } from 'zod';
import { ArbError, err, ok, type Result } from '../../core/errors.ts';
import { type FeeModel, kalshiFeeModel } from '../../core/fees.ts';
import {
  type KalshiPriceStructure,
  kalshiGrid,
  type Level,
  type MarketIdTable,
  type TickGrid,
  type TickRange,
} from '../../core/market.ts';
import {
  type Micros,
  microsFromCents,
  microsFromUsd,
  PX_ONE,
  pxFromDollars,
  qtyFromDecimal,
  qtyToFp,
  pxToDollars,
  type Px,
  type Qty,
  signedQtyFromDecimal,
} from '../../core/units.ts';
import type {
  OrderRequest,
  VenueEvent,
  VenueFill,
  VenueMarket,
  VenueOrder,
  VenueOrderStatus,
} from '../venue.ts';
import type { WireEvent, WireFill, WireMarket, WireOrder, WireSeries } from './wire.ts';

export class KalshiCodecError extends ArbError {
  constructor(message: string) {
    super('KALSHI.BAD_PAYLOAD', message);
    this.name = 'KalshiCodecError';
  }
}

const fail = (message: string) => err(new KalshiCodecError(message));

/** JSON text → a schema-checked value; the error lists every bad field with its path. */
export function decodeJson<T>(schema: z.ZodType<T>, text: string, what: string): Result<T, KalshiCodecError> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail(`${what}: malformed JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return checkShape(schema, raw, what);
}

export function checkShape<T>(schema: z.ZodType<T>, raw: unknown, what: string): Result<T, KalshiCodecError> {
  const r = schema.safeParse(raw);
  if (r.success) return ok(r.data);
  const issues = r.error.issues.map(
    (i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`,
  );
  return fail(`${what}: ${issues.join('; ')}`);
}

/** Runs exact unit conversions; a UnitError becomes a codec error naming `field`. */
function unit<T>(field: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new KalshiCodecError(`${field}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Collects codec errors thrown by `unit` into a Result. */
function attempt<T>(f: () => T): Result<T, KalshiCodecError> {
  try {
    return ok(f());
  } catch (e) {
    if (e instanceof KalshiCodecError) return err(e);
    throw e;
  }
}

/** A tradable price: strictly between 0 and 1. */
export function parseTradablePx(field: string, text: string): Px {
  const px = unit(field, () => pxFromDollars(text));
  if (px <= 0 || px >= PX_ONE)
    throw new KalshiCodecError(`${field}: price ${JSON.stringify(text)} is not inside (0, 1)`);
  return px;
}

export const parseCount = (field: string, text: string): Qty => unit(field, () => qtyFromDecimal(text));
export const parseSignedCount = (field: string, text: string): number =>
  unit(field, () => signedQtyFromDecimal(text));

// ---- books ---------------------------------------------------------------------------------------------

/**
 * Kalshi book sides (bids only, any order) → YES levels best first. YES bids are the `yes` side; YES asks are
 * the `no` bids at 1 − price. Zero-size or duplicate prices are malformed: the venue never sends them.
 */
export function yesLevels(
  yes: readonly (readonly [string, string])[],
  no: readonly (readonly [string, string])[],
  where: string,
): Result<{ yesBids: Level[]; yesAsks: Level[] }, KalshiCodecError> {
  return attempt(() => {
    const side = (levels: readonly (readonly [string, string])[], name: string, flip: boolean): Level[] => {
      const seen = new Set<number>();
      const out = levels.map(([p, c], i) => {
        const px = parseTradablePx(`${where}.${name}[${i}][0]`, p);
        const qty = parseCount(`${where}.${name}[${i}][1]`, c);
        if (qty <= 0) throw new KalshiCodecError(`${where}.${name}[${i}][1]: level size must be positive`);
        if (seen.has(px)) throw new KalshiCodecError(`${where}.${name}[${i}][0]: price ${p} listed twice`);
        seen.add(px);
        return { px: (flip ? PX_ONE - px : px) as Px, qty };
      });
      return out;
    };
    return {
      yesBids: side(yes, 'yes', false).sort((a, b) => b.px - a.px),
      yesAsks: side(no, 'no', true).sort((a, b) => a.px - b.px),
    };
  });
}

// ---- markets and events --------------------------------------------------------------------------------

const STRUCTURES: readonly string[] = ['linear_cent', 'deci_cent', 'tapered_deci_cent'];

/** The tick grid: explicit `price_ranges` win; else the named `price_level_structure`; else a cent grid. */
export function gridOf(m: Pick<WireMarket, 'price_ranges' | 'price_level_structure' | 'ticker'>): TickGrid {
  if (m.price_ranges && m.price_ranges.length > 0) {
    const ranges: TickRange[] = m.price_ranges.map((r, i) => {
      const f = `${m.ticker}.price_ranges[${i}]`;
      const range = {
        start: unit(`${f}.start`, () => pxFromDollars(r.start)),
        end: unit(`${f}.end`, () => pxFromDollars(r.end)),
        step: unit(`${f}.step`, () => pxFromDollars(r.step)),
      };
      if (range.step <= 0 || range.end < range.start) throw new KalshiCodecError(`${f}: not a usable range`);
      return range;
    });
    return { ranges };
  }
  const s = m.price_level_structure;
  return kalshiGrid(s && STRUCTURES.includes(s) ? (s as KalshiPriceStructure) : 'linear_cent');
}

/** Market object statuses → the four the bot cares about; anything unknown is treated as not tradable. */
export function marketStatus(s: string): VenueMarket['status'] {
  switch (s) {
    case 'active':
    case 'open':
      return 'open';
    case 'initialized':
    case 'inactive':
    case 'unopened':
    case 'paused':
      return 'paused';
    case 'finalized':
    case 'settled':
      return 'settled';
    default:
      return 'closed';
  }
}

/** K5: maker fees only on `quadratic_with_maker_fees` series (and events overriding to it). */
export function feeModelFor(series: WireSeries | undefined, event: WireEvent | undefined): FeeModel {
  const type = event?.fee_type_override ?? series?.fee_type;
  const multiplier = event?.fee_multiplier_override ?? series?.fee_multiplier ?? 1;
  return kalshiFeeModel({
    makerFees: type === 'quadratic_with_maker_fees' || type === 'quadratic_with_combo_maker_fees',
    multiplierPpm: Math.round(multiplier * 1_000_000),
  });
}

/** Kalshi exposes no minimum order size; one whole contract is what every binary market accepts. */
export const DEFAULT_MIN_SIZE = 100 as Qty;

export function decodeMarket(
  m: WireMarket,
  ids: MarketIdTable,
  event: WireEvent | undefined,
  series: WireSeries | undefined,
): Result<VenueMarket, KalshiCodecError> {
  return attempt(() => {
    const closeMs = m.close_time ? Date.parse(m.close_time) : Number.NaN;
    if (m.close_time && Number.isNaN(closeMs))
      throw new KalshiCodecError(`${m.ticker}.close_time: not a date`);
    const subtitle = m.yes_sub_title ?? m.subtitle;
    return {
      id: ids.intern('kalshi', m.ticker),
      venue: 'kalshi',
      key: m.ticker,
      title: m.title ?? event?.title ?? m.ticker,
      eventKey: m.event_ticker,
      grid: gridOf(m),
      minSize: DEFAULT_MIN_SIZE,
      fees: feeModelFor(series, event),
      closeTimeMs: Number.isNaN(closeMs) ? 0 : closeMs,
      status: marketStatus(m.status),
      ...(subtitle ? { subtitle } : {}),
    };
  });
}

export function decodeEvent(e: WireEvent, marketKeys: readonly string[]): VenueEvent {
  return {
    venue: 'kalshi',
    key: e.event_ticker,
    title: e.title,
    marketKeys,
    mutuallyExclusive: e.mutually_exclusive,
  };
}

// ---- orders and fills ----------------------------------------------------------------------------------

/** V2 order body: every order is a bid or ask at a YES price (K2). */
export function encodeOrder(req: OrderRequest): Record<string, unknown> {
  // Buying YES or selling NO bids; selling YES or buying NO asks. The YES price of a NO order is 1 − price.
  const bid = (req.outcome === 'YES') === (req.side === 'BUY');
  const yesPx = (req.outcome === 'YES' ? req.px : PX_ONE - req.px) as Px;
  const tif = {
    GTC: 'good_till_canceled',
    GTD: 'good_till_canceled',
    IOC: 'immediate_or_cancel',
    FOK: 'fill_or_kill',
  }[req.tif];
  return {
    ticker: req.market,
    client_order_id: req.clientOrderId,
    side: bid ? 'bid' : 'ask',
    count: qtyToFp(req.qty),
    price: pxToDollars(yesPx),
    time_in_force: tif,
    ...(req.tif === 'GTD' && req.expiresAtMs !== undefined
      ? { expiration_time: Math.ceil(req.expiresAtMs / 1000) }
      : {}),
    ...(req.postOnly ? { post_only: true } : {}),
    self_trade_prevention_type: 'taker_at_cross',
  };
}

/** Which contract an order or fill trades: the deprecated side/action when present, else read from the book side. */
function direction(w: {
  side?: 'yes' | 'no' | null | undefined;
  action?: 'buy' | 'sell' | null | undefined;
  book_side?: 'bid' | 'ask' | null | undefined;
}): { outcome: 'YES' | 'NO'; side: 'BUY' | 'SELL' } {
  if (w.side && w.action)
    return { outcome: w.side === 'yes' ? 'YES' : 'NO', side: w.action === 'buy' ? 'BUY' : 'SELL' };
  // V2 only: a bid buys YES, an ask is (economically) a NO buy.
  return w.book_side === 'ask' ? { outcome: 'NO', side: 'BUY' } : { outcome: 'YES', side: 'BUY' };
}

/** Order statuses on the wire → core: resting is open, executed filled, canceled cancelled. */
export const ORDER_STATUS: Record<WireOrder['status'], VenueOrderStatus> = {
  resting: 'open',
  executed: 'filled',
  canceled: 'cancelled',
};

export function decodeOrder(w: WireOrder): Result<VenueOrder, KalshiCodecError> {
  return attempt(() => {
    const { outcome, side } = direction(w);
    const f = `order ${w.order_id}`;
    const yesPx = parseTradablePx(`${f}.yes_price_dollars`, w.yes_price_dollars);
    const filled = parseCount(`${f}.fill_count_fp`, w.fill_count_fp);
    const remaining = parseCount(`${f}.remaining_count_fp`, w.remaining_count_fp);
    const initial = w.initial_count_fp ? parseCount(`${f}.initial_count_fp`, w.initial_count_fp) : undefined;
    const status = ORDER_STATUS[w.status];
    const qty = status === 'open' || initial === undefined ? filled + remaining : Math.max(initial, filled);
    const created = w.created_time ? Date.parse(w.created_time) : Number.NaN;
    return {
      id: w.order_id,
      ...(w.client_order_id ? { clientOrderId: w.client_order_id } : {}),
      market: w.ticker,
      outcome,
      side,
      px: (outcome === 'YES' ? yesPx : PX_ONE - yesPx) as Px,
      qty: qty as Qty,
      filled,
      status,
      createdMs: Number.isNaN(created) ? 0 : created,
    };
  });
}

export function decodeFill(w: WireFill): Result<VenueFill, KalshiCodecError> {
  return attempt(() => {
    const id = w.fill_id ?? w.trade_id;
    const market = w.ticker ?? w.market_ticker;
    if (!id) throw new KalshiCodecError(`fill of order ${w.order_id}: no fill_id`);
    if (!market) throw new KalshiCodecError(`fill ${id}: no ticker`);
    const { outcome, side } = direction(w);
    const yesPx = parseTradablePx(`fill ${id}.yes_price_dollars`, w.yes_price_dollars);
    const created = w.created_time ? Date.parse(w.created_time) : Number.NaN;
    const tsMs = Number.isNaN(created) ? (w.ts ?? 0) * 1000 : created;
    return {
      id,
      orderId: w.order_id,
      market,
      outcome,
      side,
      px: (outcome === 'YES' ? yesPx : PX_ONE - yesPx) as Px,
      qty: parseCount(`fill ${id}.count_fp`, w.count_fp),
      fee: w.fee_cost ? unit(`fill ${id}.fee_cost`, () => microsFromUsd(w.fee_cost!)) : (0 as Micros),
      liquidity: w.is_taker ? 'taker' : 'maker',
      tsMs,
      final: true,
    };
  });
}

/** `balance_dollars` when present (exact), else the integer-cent `balance`. */
export function decodeBalance(w: {
  balance?: number | null | undefined;
  balance_dollars?: string | null | undefined;
}): Result<Micros, KalshiCodecError> {
  return attempt(() => {
    if (w.balance_dollars) return unit('balance_dollars', () => microsFromUsd(w.balance_dollars!));
    if (typeof w.balance === 'number' && Number.isSafeInteger(w.balance)) return microsFromCents(w.balance);
    throw new KalshiCodecError('balance: neither balance_dollars nor an integer balance');
  });
}

/** Signed `position_fp` → held contracts: positive is YES, negative NO (the historic convention, K2). */
export function decodePosition(w: {
  ticker: string;
  position_fp: string;
}): Result<{ market: string; outcome: 'YES' | 'NO'; qty: Qty } | undefined, KalshiCodecError> {
  return attempt(() => {
    const n = parseSignedCount(`${w.ticker}.position_fp`, w.position_fp);
    if (n === 0) return undefined;
    return { market: w.ticker, outcome: n > 0 ? 'YES' : 'NO', qty: Math.abs(n) as Qty };
  });
}
