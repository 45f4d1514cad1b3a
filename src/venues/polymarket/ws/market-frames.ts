/**
 * The market channel's frames (P4), sans-I/O: text in, events in core units out. The general path is a zod check
 * then exact unit conversion (rest/decode-fields.ts), throwing `PolyCodecError` with a message naming the field
 * (the book sync catches it: nothing here crosses the port). Levels are sorted best first on ingest: the
 * venue's order is not trusted (sources disagree). The hot frame, a `price_change` in the venue's field order,
 * has a fast path (`fastPriceChange`) that answers only when its result is certain to equal the general path's.
 */
import { z } from 'zod';
import type { Level, Side } from '../../../core/market.ts';
import { type Px, pxFromDollars, type Qty, qtyFromDecimal } from '../../../core/units.ts';
import { PolyCodecError } from '../errors.ts';
import {
  decimalText,
  fail,
  levelsOf,
  msOf,
  pxOf,
  qtyOf,
  shape,
  tradablePxOf,
} from '../rest/decode-fields.ts';
import { Decimal, WireLevel } from '../rest/schemas.ts';

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

const optStr = z.string().nullish();
const WireEvent = z.looseObject({ event_type: z.string() });
const WireBook = z.looseObject({
  market: z.string(),
  asset_id: z.string(),
  // Older frames named the sides `buys` and `sells`.
  bids: z.array(WireLevel).optional(),
  buys: z.array(WireLevel).optional(),
  asks: z.array(WireLevel).optional(),
  sells: z.array(WireLevel).optional(),
  timestamp: Decimal,
  hash: z.string(),
});
const WireChange = z.looseObject({
  asset_id: optStr,
  price: Decimal,
  size: Decimal,
  side: z.enum(['BUY', 'SELL'], { error: 'expected BUY or SELL' }),
  hash: optStr,
});
const WirePriceChange = z.looseObject({
  market: z.string(),
  timestamp: Decimal,
  // Older frames carried one asset (and its hash) at the top level, and the list as `changes`.
  asset_id: optStr,
  hash: optStr,
  price_changes: z.array(WireChange).optional(),
  changes: z.array(WireChange).optional(),
});
const WireTickSizeChange = z.looseObject({
  market: z.string(),
  asset_id: z.string(),
  new_tick_size: Decimal,
});

/** The frame's timestamp as its text, once checked to be integer ms. */
function timestampOf(v: string | number, field: string): string {
  const t = decimalText(v, field);
  msOf(t, field);
  return t;
}

function parseWsEvent(v: unknown, root: string): WsMarketEvent {
  const type = shape(WireEvent, v, root).event_type;
  switch (type) {
    case 'book': {
      const o = shape(WireBook, v, root);
      return {
        type,
        market: o.market,
        assetId: o.asset_id,
        bids: levelsOf(
          o.bids ?? o.buys ?? fail(`${root}.bids (expected a list)`, o.bids),
          'bid',
          `${root}.bids`,
        ),
        asks: levelsOf(
          o.asks ?? o.sells ?? fail(`${root}.asks (expected a list)`, o.asks),
          'ask',
          `${root}.asks`,
        ),
        timestamp: timestampOf(o.timestamp, `${root}.timestamp`),
        hash: o.hash,
      };
    }
    case 'price_change': {
      const o = shape(WirePriceChange, v, root);
      const list = o.price_changes ?? o.changes ?? fail(`${root}.price_changes (expected a list)`, undefined);
      const changes = list.map((e, i): WsLevelChange => {
        const at = `${root}.price_changes[${i}]`;
        const px = tradablePxOf(e.price, `${at}.price`);
        return {
          assetId: e.asset_id ?? o.asset_id ?? fail(`${root}.asset_id (expected a string)`, o.asset_id),
          px,
          qty: qtyOf(e.size, `${at}.size`),
          side: e.side,
          hash: e.hash ?? o.hash ?? undefined,
        };
      });
      return { type, market: o.market, timestamp: timestampOf(o.timestamp, `${root}.timestamp`), changes };
    }
    case 'tick_size_change': {
      const o = shape(WireTickSizeChange, v, root);
      return {
        type,
        market: o.market,
        assetId: o.asset_id,
        newTick: pxOf(o.new_tick_size, `${root}.new_tick_size`),
      };
    }
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
