/**
 * Sans-I/O codec for Polymarket payloads (P2, P4): JSON text or values in, typed values in core units out.
 * Every parser throws `PolyCodecError` with a message naming the field, never returns NaN or a half-parsed
 * value. Levels are sorted best first on ingest: the venue's order is not trusted (sources disagree).
 * Raw payload shapes stay in this folder. This file reads the market channel; REST and Gamma payloads are in
 * `codec-rest.ts` and `codec-gamma.ts`, primitives in `codec-base.ts`, all re-exported here.
 */
import type { Level, Side } from '../../core/market.ts';
import type { Px, Qty } from '../../core/units.ts';
import {
  arr,
  decimalText,
  fail,
  msOf,
  obj,
  type Obj,
  optStr,
  parseLevels,
  PolyCodecError,
  pxOf,
  qtyOf,
  str,
} from './codec-base.ts';

export * from './codec-base.ts';
export * from './codec-gamma.ts';
export * from './codec-rest.ts';

export interface WsBook {
  readonly type: 'book';
  readonly market: string;
  readonly assetId: string;
  readonly bids: Level[];
  readonly asks: Level[];
  readonly timestamp: string;
  readonly hash: string;
}

export interface WsLevelChange {
  readonly assetId: string;
  readonly px: Px;
  /** New absolute size; 0 removes the level. */
  readonly qty: Qty;
  /** BUY = a bid level, SELL = an ask level (of this asset's book). */
  readonly side: Side;
  readonly hash: string | undefined;
}

export interface WsPriceChange {
  readonly type: 'price_change';
  readonly market: string;
  readonly timestamp: string;
  readonly changes: WsLevelChange[];
}

export type WsMarketEvent =
  | WsBook
  | WsPriceChange
  | {
      readonly type: 'tick_size_change';
      readonly market: string;
      readonly assetId: string;
      readonly newTick: Px;
    }
  | { readonly type: 'other'; readonly eventType: string };

function timestampOf(o: Obj, what: string): string {
  const t = decimalText(o.timestamp, `${what}.timestamp`);
  msOf(t, `${what}.timestamp`);
  return t;
}

function parseWsEvent(v: unknown, what: string): WsMarketEvent {
  const o = obj(v, what);
  const type = str(o, 'event_type', what);
  switch (type) {
    case 'book':
      return {
        type,
        market: str(o, 'market', what),
        assetId: str(o, 'asset_id', what),
        bids: parseLevels(o.bids ?? o.buys, 'bid', `${what}.bids`),
        asks: parseLevels(o.asks ?? o.sells, 'ask', `${what}.asks`),
        timestamp: timestampOf(o, what),
        hash: str(o, 'hash', what),
      };
    case 'price_change': {
      const changes = arr(o.price_changes ?? o.changes, `${what}.price_changes`).map(
        (c, i): WsLevelChange => {
          const w = `${what}.price_changes[${i}]`;
          const e = obj(c, w);
          const side = str(e, 'side', w);
          if (side !== 'BUY' && side !== 'SELL') fail(`${w}.side`, side);
          const px = pxOf(e.price, `${w}.price`);
          if (px <= 0 || px >= 10_000) fail(`${w}.price (outside (0, 1))`, e.price);
          return {
            // Older frames carried one asset at the top level.
            assetId: optStr(e, 'asset_id', w) ?? str(o, 'asset_id', what),
            px,
            qty: qtyOf(e.size, `${w}.size`),
            side: side as Side,
            hash: optStr(e, 'hash', w) ?? optStr(o, 'hash', what),
          };
        },
      );
      return { type, market: str(o, 'market', what), timestamp: timestampOf(o, what), changes };
    }
    case 'tick_size_change':
      return {
        type,
        market: str(o, 'market', what),
        assetId: str(o, 'asset_id', what),
        newTick: pxOf(o.new_tick_size, `${what}.new_tick_size`),
      };
    default:
      return { type: 'other', eventType: type };
  }
}

/** One market-channel text frame → its events. A frame is one event object or a JSON array of them. */
export function parseMarketFrame(text: string): WsMarketEvent[] {
  if (text === 'PONG' || text === 'PING') return [];
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new PolyCodecError(`frame is not JSON: ${JSON.stringify(text.slice(0, 60))}`);
  }
  if (Array.isArray(v)) return v.map((e, i) => parseWsEvent(e, `frame[${i}]`));
  return [parseWsEvent(v, 'frame')];
}
