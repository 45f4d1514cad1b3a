/**
 * The market channel's frames (P4), sans-I/O: text in, events in core units out (ws/market-events.ts decodes each
 * event). A frame is one event object or a JSON array of them; each event is decoded on its own, so one bad
 * event never costs the others (`readMarketFrame`: a bad one becomes a `bad` event naming the books it touched).
 * The hot frame, a `price_change` in the venue's field order, has a fast path (`fastPriceChange`) that answers
 * only when its result is certain to equal the general path's.
 */
import type { Side } from '../../../core/market.ts';
import { pxFromDollars, qtyFromDecimal } from '../../../core/units.ts';
import { PolyCodecError } from '../errors.ts';
import {
  parseWsEvent,
  touchedBy,
  type WsBadEvent,
  type WsLevelChange,
  type WsMarketEvent,
} from './market-events.ts';

export type {
  WsBadEvent,
  WsBestBidAsk,
  WsBook,
  WsLastTradePrice,
  WsLevelChange,
  WsMarketEvent,
  WsMarketResolved,
  WsNewMarket,
  WsPriceChange,
  WsTickSizeChange,
} from './market-events.ts';

/**
 * One market-channel text frame → its events, never throwing: an event that does not decode is a `bad` event
 * (what the book sync counts, invalidating only the books it touched). The common frame, a `price_change` in
 * the venue's field order, is read by `fastPriceChange`; everything else (and anything the fast path has the
 * least doubt about) event by event through `JSON.parse`.
 */
export function readMarketFrame(text: string): WsMarketEvent[] {
  return fastPriceChange(text) ?? readMarketEvents(text);
}

/** As `readMarketFrame`, throwing a `PolyCodecError` naming the field when any event does not decode. */
export function parseMarketFrame(text: string): WsMarketEvent[] {
  return fastPriceChange(text) ?? parseMarketFrameJson(text);
}

// A JSON string with no escapes and no control characters: its text is its value.
const STR = '"([^"\\\\\\u0000-\\u001f]*)"';
const STR_ = '"[^"\\\\\\u0000-\\u001f]*"';
// A timestamp string of 1 to 15 digits: ms, as `timeMsOf(…, "ms")` reads it.
const MS = '"([0-9]{1,15})"';
/** One entry of `price_changes`; `capture` gives groups asset_id, price, size, side, hash, best_bid, best_ask. */
const change = (capture: boolean): string => {
  const s = capture ? STR : STR_;
  const side = capture ? '(BUY|SELL)' : '(?:BUY|SELL)';
  return `\\{"asset_id":${s},"price":${s},"size":${s},"side":"${side}","hash":${s},"best_bid":${s},"best_ask":${s}\\}`;
};
const RUN = `(${change(false)}(?:,${change(false)})*)`;
/**
 * The frame as the venue orders it, and as its documentation does. The common frame (one change) is read in
 * one pass with every field it needs captured: groups market, the change's seven, timestamp. A frame with several
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
      const timestamp = one[9]!;
      return [
        { type: 'price_change', market: one[1]!, timestamp, timeMs: Number(timestamp), changes: [change] },
      ];
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
    const timestamp = m[3]!;
    return [{ type: 'price_change', market: m[1]!, timestamp, timeMs: Number(timestamp), changes }];
  } catch {
    return undefined; // a bad price or size: the general path says which
  }
}

/** The change whose seven groups follow group `at` of `m`; undefined if its price is outside (0, 1). */
function levelChange(m: RegExpExecArray, at: number): WsLevelChange | undefined {
  // `pxOf` and `qtyOf` on strings, without their error wrapping: a failure goes the general way.
  const px = pxFromDollars(m[at + 2]!);
  if (px <= 0 || px >= 10_000) return undefined;
  const qty = qtyFromDecimal(m[at + 3]!);
  return {
    assetId: m[at + 1]!,
    px,
    qty,
    side: m[at + 4] as Side,
    hash: m[at + 5],
    bestBid: m[at + 6],
    bestAsk: m[at + 7],
  };
}

/** One event, or a `bad` event naming what it touched. */
function eventOf(v: unknown, root: string): WsMarketEvent {
  try {
    return parseWsEvent(v, root);
  } catch (e) {
    if (!(e instanceof PolyCodecError)) throw e;
    return { type: 'bad', message: e.message, ...touchedBy(v) };
  }
}

/** The general path, event by event: any frame, through `JSON.parse`; never throws. */
export function readMarketEvents(text: string): WsMarketEvent[] {
  if (text === 'PONG' || text === 'PING') return [];
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    // Whose frame it was cannot be told: no book names itself.
    const message = `frame is not JSON: ${JSON.stringify(text.slice(0, 60))}`;
    return [{ type: 'bad', message, market: undefined, assetIds: [] }];
  }
  if (Array.isArray(v)) return v.map((e, i) => eventOf(e, `frame[${i}]`));
  return [eventOf(v, 'frame')];
}

/** The general path with an error naming the field for anything wrong (the first bad event's). */
export function parseMarketFrameJson(text: string): WsMarketEvent[] {
  const events = readMarketEvents(text);
  const bad = events.find((e): e is WsBadEvent => e.type === 'bad');
  if (bad) throw new PolyCodecError(bad.message);
  return events;
}
