/**
 * Decoder of Kalshi's public `trade` channel (K3): every trade on a market, anyone's, as
 * `{"type":"trade","sid","msg":{trade_id, market_ticker, yes_price_dollars, no_price_dollars, count_fp,
 * taker_side, ts_ms}}`. They feed fill calibration and the quote firewall (not yet: the engine passes no trade
 * callback, so the channel is not even subscribed). Strict on the fields a consumer reads, loose on the rest
 * (the venue adds fields: `taker_outcome_side`, `taker_book_side`, the ISO or unix `ts`).
 */
import { z } from 'zod';
import type { Result } from '../../../core/errors.ts';
import { type Px, pxComplement, type Qty } from '../../../core/units.ts';
import { KalshiCodecError } from '../errors.ts';
import { attempt, checkShape, parseCount, parseTradablePx } from '../rest/decode-fields.ts';

const str = z.string();
const opt = <T extends z.ZodType>(t: T) => t.nullish();

export const WireTrade = z.looseObject({
  trade_id: str.min(1),
  market_ticker: str.min(1),
  yes_price_dollars: str,
  no_price_dollars: opt(str),
  count_fp: str,
  taker_side: z.enum(['yes', 'no']),
  ts_ms: opt(z.number().int().nonnegative()),
  /** Unix seconds (K3 lists `ts_ms`; older frames carried only this). */
  ts: opt(z.union([z.number(), str])),
});

/** A public trade in core units. */
export interface KalshiTrade {
  readonly tradeId: string;
  /** The ticker as the caller subscribed it (the frame's copy when the market is not the caller's). */
  readonly market: string;
  /** The YES price it traded at; the NO side paid its complement. */
  readonly yesPx: Px;
  readonly qty: Qty;
  /** The contract the taker bought: `yes` lifted YES offers at `yesPx`, `no` lifted NO offers at 1 − `yesPx`. */
  readonly takerSide: 'yes' | 'no';
  /** The venue's time (`ts_ms`, else `ts` in seconds, else the receive time). */
  readonly venueTimeMs: number;
  readonly receiveTimeMs: number;
}

/** What the frame itself says: the receive time is the caller's to add. */
export type DecodedTrade = Omit<KalshiTrade, 'venueTimeMs' | 'receiveTimeMs'> & {
  readonly venueTimeMs: number | undefined;
};

/** A `trade` message body → the trade; the error names the field. */
export function decodeTrade(msg: unknown): Result<DecodedTrade, KalshiCodecError> {
  const w = checkShape(WireTrade, msg, 'trade.msg');
  if (!w.ok) return w;
  const t = w.value;
  return attempt(() => {
    const yesPx = parseTradablePx('trade.msg.yes_price_dollars', t.yes_price_dollars);
    if (t.no_price_dollars !== undefined && t.no_price_dollars !== null) {
      const noPx = parseTradablePx('trade.msg.no_price_dollars', t.no_price_dollars);
      if (noPx !== pxComplement(yesPx)) {
        throw new KalshiCodecError(
          `trade.msg.no_price_dollars: ${t.no_price_dollars} is not 1 − yes_price_dollars (${t.yes_price_dollars})`,
        );
      }
    }
    const qty = parseCount('trade.msg.count_fp', t.count_fp);
    if (qty <= 0) throw new KalshiCodecError('trade.msg.count_fp: a trade has a positive count');
    return {
      tradeId: t.trade_id,
      market: t.market_ticker,
      yesPx,
      qty,
      takerSide: t.taker_side,
      venueTimeMs: t.ts_ms ?? secondsToMs(t.ts),
    };
  });
}

function secondsToMs(ts: number | string | null | undefined): number | undefined {
  const s = typeof ts === 'string' && /^[0-9]{1,12}$/.test(ts) ? Number(ts) : ts;
  return typeof s === 'number' && Number.isSafeInteger(s) && s >= 0 ? s * 1000 : undefined;
}
