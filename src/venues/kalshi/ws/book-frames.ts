/**
 * Sans-I/O decoder of the Kalshi book connection (K3 and "Observed in real traffic"): incoming text → typed
 * frames (book snapshots and signed deltas in exact units, public trades, command replies, errors). A frame that
 * does not parse still yields its `sid`/`seq` when those can be read, so the book synchroniser knows which
 * subscription to resync. The hot frame, a delta, has a fast path (`fastDelta`) that answers exactly as the
 * general one.
 *
 * Real traffic differs from the older documentation in two ways this decoder carries: an `ok` reply to
 * `subscribe` / `update_subscription` has `sid` and `seq` (it takes a number of the subscription) and lists the
 * subscription's whole market set; book messages carry `market_id` (a UUID) beside `market_ticker`.
 */
import { PX_ONE, type Px, pxFromDollars, type Qty, signedQtyFromDecimal } from '../../../core/units.ts';
import { KalshiCodecError } from '../errors.ts';
import { parseCount, parseSignedCount, parseTradablePx } from '../rest/decode-fields.ts';
import { type DecodedTrade, decodeTrade } from './trade-frames.ts';

export interface KalshiLevel {
  readonly px: Px;
  readonly qty: Qty;
}

export type KalshiFrame =
  | {
      readonly type: 'orderbook_snapshot';
      readonly sid: number;
      readonly seq: number;
      readonly market: string;
      /** Bids of each side at that side's own price. */
      readonly yes: readonly KalshiLevel[];
      readonly no: readonly KalshiLevel[];
    }
  | {
      readonly type: 'orderbook_delta';
      readonly sid: number;
      readonly seq: number;
      readonly market: string;
      readonly side: 'yes' | 'no';
      readonly px: Px;
      /** Signed change of the level, in Qty. */
      readonly delta: number;
      readonly tsMs: number | undefined;
    }
  | {
      readonly type: 'subscribed';
      readonly id: number | undefined;
      readonly sid: number;
      readonly channel: string;
    }
  /**
   * The reply to `subscribe` (when merged into an existing subscription) or `update_subscription`: `seq` is
   * the number it took of subscription `sid` (absent in older documentation); `markets` the subscription's
   * whole market set, when listed.
   */
  | {
      readonly type: 'ok';
      readonly id: number | undefined;
      readonly sid: number | undefined;
      readonly seq: number | undefined;
      readonly markets: readonly string[] | undefined;
    }
  | { readonly type: 'trade'; readonly sid: number | undefined; readonly trade: DecodedTrade }
  | {
      readonly type: 'error';
      readonly id: number | undefined;
      readonly code: number;
      readonly message: string;
      /** The market at fault, when the venue names one. */
      readonly market: string | undefined;
    }
  /** unsubscribed, ticker, user messages, list replies: nothing the book cares about. */
  | {
      readonly type: 'other';
      readonly kind: string;
      readonly id: number | undefined;
      readonly sid: number | undefined;
    };

export type FrameParse =
  | { readonly ok: true; readonly frame: KalshiFrame }
  | {
      readonly ok: false;
      readonly error: KalshiCodecError;
      /** What could still be read from a broken frame. */
      readonly sid?: number;
      readonly seq?: number;
      /** The frame's `type`, when even a broken text shows it (`{"type":"trade",…` cut short). */
      readonly kind?: string;
    };

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const int = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;

function levels(raw: unknown, field: string): KalshiLevel[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new KalshiCodecError(`${field}: expected a list of [price, count]`);
  const seen = new Set<number>();
  return raw.map((l, i) => {
    if (!Array.isArray(l) || l.length !== 2 || typeof l[0] !== 'string' || typeof l[1] !== 'string') {
      throw new KalshiCodecError(`${field}[${i}]: expected [price_dollars, count_fp] strings`);
    }
    const px = parseTradablePx(`${field}[${i}][0]`, l[0]);
    const qty = parseCount(`${field}[${i}][1]`, l[1]);
    if (qty <= 0) throw new KalshiCodecError(`${field}[${i}][1]: level size must be positive`);
    if (seen.has(px)) throw new KalshiCodecError(`${field}[${i}][0]: price listed twice`);
    seen.add(px);
    return { px, qty };
  });
}

/** The `type` at the very start of a frame, readable even when the rest is cut off. */
const TYPE_PREFIX = /^\{"type":"([a-z_]{1,40})",/;

/**
 * Text → frame. The common frame, an `orderbook_delta` in the venue's field order, is read by `fastDelta`;
 * everything else (and anything the fast path has the least doubt about) by `parseFrameJson`.
 */
export function parseFrame(text: string): FrameParse {
  return fastDelta(text) ?? parseFrameJson(text);
}

// A JSON string with no escapes and no control characters: its text is its value (STR_ without capturing).
const STR = '"([^"\\\\\\u0000-\\u001f]*)"';
const STR_ = '"[^"\\\\\\u0000-\\u001f]*"';
// A JSON integer ≥ 0 without leading zeros: `Number` reads it as `JSON.parse` would.
const INT = '(0|[1-9][0-9]{0,15})';
/**
 * Groups: sid, seq, market_ticker, price_dollars, delta_fp, side, ts_ms. `market_id` (a UUID, real traffic)
 * follows `market_ticker` when present; the fast path does not read it.
 */
const DELTA = new RegExp(
  `^\\{"type":"orderbook_delta","sid":${INT},"seq":${INT},"msg":\\{"market_ticker":${STR},` +
    `(?:"market_id":${STR_},)?` +
    `"price_dollars":${STR},"delta_fp":${STR},"side":"(yes|no)"(?:,"client_order_id":${STR_})?` +
    `(?:,"ts":${STR_})?(?:,"ts_ms":${INT})?\\}\\}$`,
);

/**
 * An `orderbook_delta` read with one anchored regular expression instead of `JSON.parse` plus field checks:
 * several times faster, and only the frame is built. The expression is a strict subset of JSON (no whitespace,
 * no escapes, each key once, in one order), so a frame it matches is one `JSON.parse` reads to the same
 * values. It answers only when the result is certain to equal `parseFrameJson`'s; on no match, an unsafe
 * integer or a bad price or count it returns undefined, and the general path gives its usual answer, errors
 * and all.
 */
export function fastDelta(text: string): FrameParse | undefined {
  const m = DELTA.exec(text);
  if (m === null) return undefined;
  const sid = Number(m[1]);
  const seq = Number(m[2]);
  const tsMs = m[7] === undefined ? undefined : Number(m[7]);
  if (!Number.isSafeInteger(sid) || !Number.isSafeInteger(seq)) return undefined;
  if (tsMs !== undefined && !Number.isSafeInteger(tsMs)) return undefined;
  const market = m[3]!;
  if (market === '') return undefined;
  let px: Px;
  let delta: number;
  try {
    // `parseTradablePx` and `parseSignedCount` without their error wrapping: a failure goes the general way.
    px = pxFromDollars(m[4]!);
    delta = signedQtyFromDecimal(m[5]!);
  } catch {
    return undefined;
  }
  if (px <= 0 || px >= PX_ONE) return undefined;
  const side = m[6] === 'yes' ? 'yes' : 'no';
  return { ok: true, frame: { type: 'orderbook_delta', sid, seq, market, side, px, delta, tsMs } };
}

/** The general path: any frame, through `JSON.parse`, with an error naming the field for anything wrong. */
export function parseFrameJson(text: string): FrameParse {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    const kind = TYPE_PREFIX.exec(text)?.[1];
    const error = new KalshiCodecError(`malformed frame (not JSON): ${text.slice(0, 80)}`);
    return kind === undefined ? { ok: false, error } : { ok: false, error, kind };
  }
  if (!isObj(m)) return { ok: false, error: new KalshiCodecError('malformed frame: not a JSON object') };
  const id = int(m.id);
  const sid = int(m.sid);
  const seq = int(m.seq);
  const type = typeof m.type === 'string' ? m.type : '';
  const where = { ...(sid === undefined ? {} : { sid }), ...(seq === undefined ? {} : { seq }) };
  try {
    switch (type) {
      case 'orderbook_snapshot':
      case 'orderbook_delta': {
        if (sid === undefined || seq === undefined)
          throw new KalshiCodecError(`${type}: sid and seq are required`);
        const msg = m.msg;
        if (!isObj(msg)) throw new KalshiCodecError(`${type}: msg must be an object`);
        const market = msg.market_ticker;
        if (typeof market !== 'string' || market === '')
          throw new KalshiCodecError(`${type}: msg.market_ticker missing`);
        if (type === 'orderbook_snapshot') {
          // The WS snapshot uses `*_dollars_fp`; accept the REST names too.
          const yes = levels(msg.yes_dollars_fp ?? msg.yes_dollars, 'msg.yes_dollars_fp');
          const no = levels(msg.no_dollars_fp ?? msg.no_dollars, 'msg.no_dollars_fp');
          return { ok: true, frame: { type, sid, seq, market, yes, no } };
        }
        const side = msg.side;
        if (side !== 'yes' && side !== 'no')
          throw new KalshiCodecError(`orderbook_delta: msg.side must be yes or no`);
        if (typeof msg.price_dollars !== 'string')
          throw new KalshiCodecError('orderbook_delta: msg.price_dollars missing');
        if (typeof msg.delta_fp !== 'string')
          throw new KalshiCodecError('orderbook_delta: msg.delta_fp missing');
        const px = parseTradablePx('msg.price_dollars', msg.price_dollars);
        const delta = parseSignedCount('msg.delta_fp', msg.delta_fp);
        return { ok: true, frame: { type, sid, seq, market, side, px, delta, tsMs: int(msg.ts_ms) } };
      }
      case 'subscribed': {
        const msg = isObj(m.msg) ? m.msg : {};
        const s = int(msg.sid) ?? sid;
        if (s === undefined) throw new KalshiCodecError('subscribed: msg.sid missing');
        return { ok: true, frame: { type, id, sid: s, channel: String(msg.channel ?? '') } };
      }
      case 'ok': {
        // `msg` is an object for subscription replies, a list for `list_subscriptions` (no sid: ignored).
        const list = isObj(m.msg) ? m.msg.market_tickers : undefined;
        const markets =
          Array.isArray(list) && list.every((t) => typeof t === 'string') ? (list as string[]) : undefined;
        return { ok: true, frame: { type, id, sid, seq, markets } };
      }
      case 'trade': {
        const r = decodeTrade(m.msg);
        if (!r.ok) throw r.error;
        return { ok: true, frame: { type, sid, trade: r.value } };
      }
      case 'error': {
        const msg = isObj(m.msg) ? m.msg : {};
        const market = typeof msg.market_ticker === 'string' ? msg.market_ticker : undefined;
        const code = int(msg.code) ?? 0;
        return { ok: true, frame: { type, id, code, message: String(msg.msg ?? ''), market } };
      }
      default:
        return { ok: true, frame: { type: 'other', kind: type, id, sid } };
    }
  } catch (e) {
    if (e instanceof KalshiCodecError) return { ok: false, error: e, ...where, kind: type };
    throw e;
  }
}
