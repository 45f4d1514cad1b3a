/**
 * Sans-I/O codec for Polymarket payloads (P2, P4): JSON text or values in, typed values in core units out.
 * Every parser throws `PolyCodecError` with a message naming the field, never returns NaN or a half-parsed
 * value. Levels are sorted best first on ingest: the venue's order is not trusted (sources disagree).
 * Raw payload shapes stay in this folder. This file reads the market channel; REST and Gamma payloads are in
 * `codec-rest.ts` and `codec-gamma.ts`, primitives in `codec-base.ts`, all re-exported here.
 */
import type { Level, Side } from '../../core/market.ts';
import { type Px, pxFromDollars, type Qty, qtyFromDecimal } from '../../core/units.ts';
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

/**
 * One market-channel text frame → its events. A frame is one event object or a JSON array of them. The common
 * frame, a `price_change` in the venue's field order, is read by `fastPriceChange`; everything else (and
 * anything the fast path has the least doubt about) by `parseMarketFrameJson`.
 */
export function parseMarketFrame(text: string): WsMarketEvent[] {
  return fastPriceChange(text) ?? parseMarketFrameJson(text);
}

// A JSON string with no escapes and no control characters: its text is its value.
const STR = '"([^"\\\\\\u0000-\\u001f]*)"';
const STR_ = '"[^"\\\\\\u0000-\\u001f]*"';
// A timestamp string as `msOf` requires it: 1 to 15 digits.
const MS = '"([0-9]{1,15})"';
/** One entry of `price_changes`; `capture` gives groups asset_id, price, size, side, hash (not best_bid/ask). */
const change = (capture: boolean): string => {
  const s = capture ? STR : STR_;
  const side = capture ? '(BUY|SELL)' : '(?:BUY|SELL)';
  return `\\{"asset_id":${s},"price":${s},"size":${s},"side":"${side}","hash":${s},"best_bid":${STR_},"best_ask":${STR_}\\}`;
};
const RUN = `(${change(false)}(?:,${change(false)})*)`;
/**
 * The frame as the venue orders it, and as its documentation does. The common frame (one change) is read in
 * one pass with every field it needs captured: groups market, the change's five, timestamp. A frame with several
 * changes is matched with the changes as one run (groups market, run, timestamp), then read change by change.
 */
const ONE = [
  new RegExp(
    `^\\{"event_type":"price_change","market":${STR},"price_changes":\\[${change(true)}\\],"timestamp":${MS}\\}$`,
  ),
  new RegExp(
    `^\\{"market":${STR},"price_changes":\\[${change(true)}\\],"timestamp":${MS},"event_type":"price_change"\\}$`,
  ),
];
const MANY = [
  new RegExp(
    `^\\{"event_type":"price_change","market":${STR},"price_changes":\\[${RUN}\\],"timestamp":${MS}\\}$`,
  ),
  new RegExp(
    `^\\{"market":${STR},"price_changes":\\[${RUN}\\],"timestamp":${MS},"event_type":"price_change"\\}$`,
  ),
];
/** One change of a run the frame expression already checked, read in turn. */
const ONE_CHANGE = new RegExp(`,?${change(true)}`, 'y');

/**
 * A `price_change` frame read with anchored regular expressions instead of `JSON.parse` plus field checks:
 * several times faster, and only the event is built. The expressions are a strict subset of JSON (no
 * whitespace, no escapes, each key once, in one order), so a frame they match is one `JSON.parse` reads to the
 * same values. It answers only when the result is certain to equal `parseMarketFrameJson`'s; on no match or a
 * bad price, size or timestamp it returns undefined, and the general path gives its usual answer, errors and all.
 */
export function fastPriceChange(text: string): WsMarketEvent[] | undefined {
  try {
    const one = ONE[0]!.exec(text) ?? ONE[1]!.exec(text);
    if (one !== null) {
      const change = levelChange(one, 1);
      if (change === undefined) return undefined;
      return [{ type: 'price_change', market: one[1]!, timestamp: one[7]!, changes: [change] }];
    }
    const m = MANY[0]!.exec(text) ?? MANY[1]!.exec(text);
    if (m === null) return undefined;
    const run = m[2]!;
    const changes: WsLevelChange[] = [];
    ONE_CHANGE.lastIndex = 0;
    while (ONE_CHANGE.lastIndex < run.length) {
      const c = ONE_CHANGE.exec(run);
      const change = c === null ? undefined : levelChange(c, 0);
      if (change === undefined) return undefined;
      changes.push(change);
    }
    return [{ type: 'price_change', market: m[1]!, timestamp: m[3]!, changes }];
  } catch {
    return undefined; // a bad price or size: the general path says which
  }
}

/** The change whose five groups follow group `at` of `m`; undefined if its price is outside (0, 1). */
function levelChange(m: RegExpExecArray, at: number): WsLevelChange | undefined {
  // `pxOf` and `qtyOf` on strings, without their error wrapping: a failure goes the general way.
  const px = pxFromDollars(m[at + 2]!);
  if (px <= 0 || px >= 10_000) return undefined;
  const qty = qtyFromDecimal(m[at + 3]!);
  return { assetId: m[at + 1]!, px, qty, side: m[at + 4] as Side, hash: m[at + 5] };
}

/** The general path: any frame, through `JSON.parse`, with an error naming the field for anything wrong. */
export function parseMarketFrameJson(text: string): WsMarketEvent[] {
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
