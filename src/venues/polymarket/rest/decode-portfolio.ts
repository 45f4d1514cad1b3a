/**
 * Account payloads → core units: trades (`GET /data/trades`, with each leg's fee rate), the collateral balance
 * (`GET /balance-allowance`) and the Data API's positions.
 */
import { err, type Result } from '../../../core/errors.ts';
import type { Outcome, Side } from '../../../core/market.ts';
import { type Micros, microsFromBaseUnits, parseScaled, type Px, type Qty } from '../../../core/units.ts';
import type { PolyCodecError } from '../errors.ts';
import {
  attempt,
  checkShape,
  decimalText,
  fail,
  outcomeLabel,
  pxOf,
  qtyOf,
  shape,
  timeMsOf,
  unit,
} from './decode-fields.ts';
import { WireBalance, wirePage, WirePositions, WireTrade } from './schemas.ts';

export type TradeStatus = 'MATCHED' | 'MINED' | 'CONFIRMED' | 'RETRYING' | 'FAILED';
const TRADE_STATUSES: readonly string[] = ['MATCHED', 'MINED', 'CONFIRMED', 'RETRYING', 'FAILED'];
const isTradeStatus = (s: string): s is TradeStatus => TRADE_STATUSES.includes(s);

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

/** `fee_rate_bps` ("400", 400, "72.5") → ppm (1 bp = 100 ppm); absent or empty → undefined. */
function feeRateBpsPpm(v: string | number | null | undefined, field: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return unit(field, decimalText(v, field), (s) => parseScaled(s, 2));
}

function trade(w: WireTrade, root: string): Trade {
  const status = typeof w.status === 'string' ? w.status.toUpperCase().replace(/^TRADE_STATUS_/, '') : '';
  if (!isTradeStatus(status)) return fail(`${root}.status`, w.status);
  const makers = (w.maker_orders ?? []).map((m, i): TradeLeg => {
    const at = `${root}.maker_orders[${i}]`;
    return {
      orderId: m.order_id,
      assetId: m.asset_id,
      side: m.side,
      px: pxOf(m.price, `${at}.price`),
      qty: qtyOf(m.matched_amount, `${at}.matched_amount`),
      makerAddress: m.maker_address,
      feeRatePpm: feeRateBpsPpm(m.fee_rate_bps, `${at}.fee_rate_bps`),
    };
  });
  return {
    id: w.id,
    market: w.market,
    status,
    matchTimeMs: timeMsOf(w.match_time, `${root}.match_time`),
    traderSide: w.trader_side,
    taker: {
      orderId: w.taker_order_id,
      assetId: w.asset_id,
      side: w.side,
      px: pxOf(w.price, `${root}.price`),
      qty: qtyOf(w.size, `${root}.size`),
      makerAddress: typeof w.maker_address === 'string' ? w.maker_address : '',
      feeRatePpm: feeRateBpsPpm(w.fee_rate_bps, `${root}.fee_rate_bps`),
    },
    makers,
  };
}

export const decodeTrade = (raw: unknown, root = 'trade'): Result<Trade, PolyCodecError> =>
  attempt(() => trade(shape(WireTrade, raw, root), root));

const TradesPage = wirePage(WireTrade);

/** One page of `GET /data/trades`. */
export function decodeTradesPage(
  raw: unknown,
): Result<{ trades: Trade[]; nextCursor: string }, PolyCodecError> {
  const w = checkShape(TradesPage, raw, 'trades');
  if (!w.ok) return err(w.error);
  return attempt(() => ({
    trades: w.value.data.map((t, i) => trade(t, `trades.data[${i}]`)),
    nextCursor: w.value.next_cursor,
  }));
}

/** `/balance-allowance`: `balance` as a 6-decimal integer string. */
export function decodeBalance(raw: unknown): Result<Micros, PolyCodecError> {
  return attempt(() => {
    const b = shape(WireBalance, raw, 'balance').balance;
    if (!/^\d{1,15}$/.test(b)) fail('balance.balance (expected a 6-decimal integer string)', b);
    return microsFromBaseUnits(b);
  });
}

export interface DataPosition {
  readonly conditionId: string;
  readonly assetId: string;
  readonly outcome: Outcome | undefined;
  /** Whole 0.01 shares; finer dust is dropped. */
  readonly qty: Qty;
}

/** Data API `GET /positions`: a page of positions. */
export function decodePositions(raw: unknown): Result<DataPosition[], PolyCodecError> {
  return attempt(() =>
    shape(WirePositions, raw, 'positions').map((p, i) => {
      const field = `positions[${i}].size`;
      // The Data API sends sizes as JSON numbers with up to 6 decimals: keep whole 0.01 shares.
      const m = /^(\d+)(?:\.(\d+))?$/.exec(decimalText(p.size, field));
      if (!m) return fail(field, p.size);
      const qty = qtyOf(`${m[1]}.${(m[2] ?? '').slice(0, 2) || '0'}`, field);
      const idx = p.outcomeIndex;
      return {
        conditionId: p.conditionId,
        assetId: p.asset,
        outcome: outcomeLabel(p.outcome) ?? (idx === 0 ? 'YES' : idx === 1 ? 'NO' : undefined),
        qty,
      };
    }),
  );
}
