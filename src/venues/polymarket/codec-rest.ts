/**
 * REST payloads of the CLOB and the Data API (P2): book summaries, `/clob-markets`, pages, open orders, trades,
 * order and cancel responses, balances and positions, in core units.
 */
import { polymarketFeeModel, type PolymarketFeeModel } from '../../core/fees.ts';
import type { Level, Outcome, Side } from '../../core/market.ts';
import { type Micros, microsFromBaseUnits, parseScaled, type Px, type Qty } from '../../core/units.ts';
import {
  arr,
  bool,
  decimalText,
  fail,
  msOf,
  obj,
  parseLevels,
  PolyCodecError,
  pxOf,
  qtyOf,
  secondsToMs,
  str,
  unit,
} from './codec-base.ts';

export interface BookSummary {
  readonly market: string;
  readonly assetId: string;
  readonly timestampMs: number;
  readonly bids: Level[];
  readonly asks: Level[];
  readonly hash: string;
}

export function parseBookSummary(v: unknown): BookSummary {
  const o = obj(v, 'book');
  return {
    market: str(o, 'market', 'book'),
    assetId: str(o, 'asset_id', 'book'),
    timestampMs: msOf(o.timestamp, 'book.timestamp'),
    bids: parseLevels(o.bids, 'bid', 'book.bids'),
    asks: parseLevels(o.asks, 'ask', 'book.asks'),
    hash: str(o, 'hash', 'book'),
  };
}

export interface ClobMarketInfo {
  readonly conditionId: string;
  readonly tokens: { readonly yes: string; readonly no: string };
  readonly tick: Px;
  readonly minSize: Qty;
  readonly negRisk: boolean;
  /** From `fd`; undefined when the venue gave none (which is not the same as fee-free: see fee-policy.ts). */
  readonly fees: PolymarketFeeModel | undefined;
}

/** Rate as a decimal (0.04) → parts per million, through its text. */
export function ratePpm(v: unknown, what: string): number {
  return unit(what, decimalText(v, what), (s) => parseScaled(s, 6));
}

function feeDataModel(fd: Record<string, unknown>): PolymarketFeeModel {
  const exponent = fd.e === undefined || fd.e === 0 ? 1 : Number(decimalText(fd.e, 'clob-market.fd.e'));
  try {
    return polymarketFeeModel(ratePpm(fd.r, 'clob-market.fd.r'), exponent, fd.to !== false);
  } catch (e) {
    throw new PolyCodecError(`clob-market.fd: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** V2 `GET /clob-markets/{id}`: `{c, t: [{t, o}], mts, mos, nr, fd: {r, e, to}}`. */
export function parseClobMarketInfo(v: unknown): ClobMarketInfo {
  const o = obj(v, 'clob-market');
  const tokens = arr(o.t, 'clob-market.t').map((t, i) => obj(t, `clob-market.t[${i}]`));
  const find = (label: string): string => {
    const t = tokens.find((x) => typeof x.o === 'string' && x.o.toLowerCase() === label);
    if (!t) return fail(`clob-market.t (no "${label}" outcome)`, o.t);
    return str(t, 't', 'clob-market.t');
  };
  const fd = o.fd === undefined || o.fd === null ? undefined : obj(o.fd, 'clob-market.fd');
  // No `fd` (or no rate in it) says nothing about fees: the market is not assumed fee-free.
  const fees = fd === undefined || fd.r === undefined || fd.r === null ? undefined : feeDataModel(fd);
  const tick = pxOf(o.mts, 'clob-market.mts');
  if (tick <= 0) fail('clob-market.mts (must be positive)', o.mts);
  return {
    conditionId: str(o, 'c', 'clob-market'),
    tokens: { yes: find('yes'), no: find('no') },
    tick,
    minSize: qtyOf(o.mos, 'clob-market.mos'),
    negRisk: bool(o, 'nr', 'clob-market', false),
    fees,
  };
}

/** A cursor-paged list: `{data, next_cursor}`. */
export function parsePage(v: unknown, what: string): { data: unknown[]; nextCursor: string } {
  const o = obj(v, what);
  return { data: arr(o.data, `${what}.data`), nextCursor: str(o, 'next_cursor', what) };
}

export type OpenOrderStatus = 'LIVE' | 'MATCHED' | 'CANCELED' | 'OTHER';

export interface OpenOrder {
  readonly id: string;
  readonly status: OpenOrderStatus;
  readonly market: string;
  readonly assetId: string;
  readonly side: Side;
  readonly px: Px;
  readonly originalQty: Qty;
  readonly matchedQty: Qty;
  readonly outcome: Outcome | undefined;
  readonly createdMs: number;
}

function sideOf(v: unknown, what: string): Side {
  if (v === 'BUY' || v === 'SELL') return v;
  return fail(`${what} (expected BUY or SELL)`, v);
}

const outcomeOf = (v: unknown): Outcome | undefined =>
  typeof v === 'string'
    ? v.toLowerCase() === 'yes'
      ? 'YES'
      : v.toLowerCase() === 'no'
        ? 'NO'
        : undefined
    : undefined;

/** Statuses arrive bare (`LIVE`) or prefixed (`ORDER_STATUS_LIVE`), any case. */
export function orderStatusOf(v: unknown): OpenOrderStatus {
  const s = typeof v === 'string' ? v.toUpperCase().replace(/^ORDER_STATUS_/, '') : '';
  if (s === 'LIVE' || s === 'MATCHED') return s;
  if (s === 'CANCELED' || s === 'CANCELLED' || s === 'CANCELED_MARKET_RESOLVED' || s === 'INVALID')
    return 'CANCELED';
  return 'OTHER';
}

export function parseOpenOrder(v: unknown): OpenOrder {
  const o = obj(v, 'order');
  return {
    id: str(o, 'id', 'order'),
    status: orderStatusOf(o.status),
    market: str(o, 'market', 'order'),
    assetId: str(o, 'asset_id', 'order'),
    side: sideOf(o.side, 'order.side'),
    px: pxOf(o.price, 'order.price'),
    originalQty: qtyOf(o.original_size, 'order.original_size'),
    matchedQty: qtyOf(o.size_matched, 'order.size_matched'),
    outcome: outcomeOf(o.outcome),
    createdMs: o.created_at === undefined ? 0 : secondsToMs(o.created_at, 'order.created_at'),
  };
}

export type TradeStatus = 'MATCHED' | 'MINED' | 'CONFIRMED' | 'RETRYING' | 'FAILED';

export interface TradeLeg {
  readonly orderId: string;
  readonly assetId: string;
  readonly side: Side;
  readonly px: Px;
  readonly qty: Qty;
  readonly makerAddress: string;
  /** The fee rate the venue applied to this leg (`fee_rate_bps`), ppm; undefined when it did not say. */
  readonly feeRatePpm: number | undefined;
}

export interface Trade {
  readonly id: string;
  readonly market: string;
  readonly status: TradeStatus;
  readonly matchTimeMs: number;
  readonly traderSide: 'TAKER' | 'MAKER';
  readonly taker: TradeLeg;
  readonly makers: TradeLeg[];
}

/** `fee_rate_bps` ("400", 400, "72.5") → ppm (1 bp = 100 ppm); absent → undefined. */
function feeRateBpsPpm(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return unit(what, decimalText(v, what), (s) => parseScaled(s, 2));
}

export function parseTrade(v: unknown): Trade {
  const o = obj(v, 'trade');
  const status = (
    typeof o.status === 'string' ? o.status.toUpperCase().replace(/^TRADE_STATUS_/, '') : ''
  ) as TradeStatus;
  if (!['MATCHED', 'MINED', 'CONFIRMED', 'RETRYING', 'FAILED'].includes(status))
    fail('trade.status', o.status);
  const traderSide = o.trader_side;
  if (traderSide !== 'TAKER' && traderSide !== 'MAKER') fail('trade.trader_side', traderSide);
  const makers = arr(o.maker_orders ?? [], 'trade.maker_orders').map((m, i): TradeLeg => {
    const w = `trade.maker_orders[${i}]`;
    const e = obj(m, w);
    return {
      orderId: str(e, 'order_id', w),
      assetId: str(e, 'asset_id', w),
      side: sideOf(e.side, `${w}.side`),
      px: pxOf(e.price, `${w}.price`),
      qty: qtyOf(e.matched_amount, `${w}.matched_amount`),
      makerAddress: str(e, 'maker_address', w),
      feeRatePpm: feeRateBpsPpm(e.fee_rate_bps, `${w}.fee_rate_bps`),
    };
  });
  return {
    id: str(o, 'id', 'trade'),
    market: str(o, 'market', 'trade'),
    status,
    matchTimeMs: secondsToMs(o.match_time, 'trade.match_time'),
    traderSide: traderSide as 'TAKER' | 'MAKER',
    taker: {
      orderId: str(o, 'taker_order_id', 'trade'),
      assetId: str(o, 'asset_id', 'trade'),
      side: sideOf(o.side, 'trade.side'),
      px: pxOf(o.price, 'trade.price'),
      qty: qtyOf(o.size, 'trade.size'),
      makerAddress: typeof o.maker_address === 'string' ? o.maker_address : '',
      feeRatePpm: feeRateBpsPpm(o.fee_rate_bps, 'trade.fee_rate_bps'),
    },
    makers,
  };
}

export interface PostOrderResponse {
  readonly success: boolean;
  readonly orderId: string;
  readonly errorMsg: string;
  readonly status: string;
  /** Shares matched at placement. */
  readonly makingAmount: string;
  readonly takingAmount: string;
}

export function parsePostOrderResponse(v: unknown): PostOrderResponse {
  const o = obj(v, 'order response');
  const text = (k: string): string => (typeof o[k] === 'string' ? (o[k] as string) : '');
  return {
    success: o.success === true,
    orderId: text('orderID'),
    errorMsg: text('errorMsg'),
    status: text('status').toLowerCase(),
    makingAmount: text('makingAmount') || '0',
    takingAmount: text('takingAmount') || '0',
  };
}

/** `{canceled: [ids], not_canceled: {id: reason}}`. */
export function parseCancelResponse(v: unknown): { canceled: string[]; notCanceled: Record<string, string> } {
  const o = obj(v, 'cancel response');
  const canceled = arr(o.canceled ?? [], 'cancel response.canceled').filter(
    (x): x is string => typeof x === 'string',
  );
  const nc =
    o.not_canceled === undefined || o.not_canceled === null
      ? {}
      : obj(o.not_canceled, 'cancel response.not_canceled');
  const notCanceled: Record<string, string> = {};
  for (const [k, r] of Object.entries(nc)) notCanceled[k] = typeof r === 'string' ? r : JSON.stringify(r);
  return { canceled, notCanceled };
}

/** `/balance-allowance`: `balance` as a 6-decimal integer string. */
export function parseBalance(v: unknown): Micros {
  const o = obj(v, 'balance');
  const b = str(o, 'balance', 'balance');
  if (!/^\d{1,15}$/.test(b)) fail('balance.balance (expected a 6-decimal integer string)', b);
  return microsFromBaseUnits(b);
}

export interface DataPosition {
  readonly conditionId: string;
  readonly assetId: string;
  readonly outcome: Outcome | undefined;
  /** Whole 0.01 shares; finer dust is dropped. */
  readonly qty: Qty;
}

export function parsePositions(v: unknown): DataPosition[] {
  return arr(v, 'positions').map((p, i) => {
    const w = `positions[${i}]`;
    const o = obj(p, w);
    // The Data API sends sizes as JSON numbers with up to 6 decimals: keep whole 0.01 shares.
    const text = decimalText(o.size, `${w}.size`);
    const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m) return fail(`${w}.size`, o.size);
    const qty = qtyOf(`${m[1]}.${(m[2] ?? '').slice(0, 2) || '0'}`, `${w}.size`);
    const idx = o.outcomeIndex;
    return {
      conditionId: str(o, 'conditionId', w),
      assetId: str(o, 'asset', w),
      outcome: outcomeOf(o.outcome) ?? (idx === 0 ? 'YES' : idx === 1 ? 'NO' : undefined),
      qty,
    };
  });
}
