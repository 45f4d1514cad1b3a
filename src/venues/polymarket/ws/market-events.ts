/**
 * The market channel's events (P4 and "Observed in real traffic"), one JSON object each, decoded by zod then
 * exact unit conversion (rest/decode-fields.ts) into core units, throwing `PolyCodecError` with a message naming
 * the field. Levels are sorted best first on ingest: the venue's order is not trusted (sources disagree).
 *
 * Beyond the book (`book`, `price_change`), the channel says what the hash needs and what trading needs:
 * `tick_size_change` and `last_trade_price` (both change the hashed summary), and, with
 * `custom_feature_enabled`, `best_bid_ask`, `market_resolved` and `new_market`. Values the book hash covers are
 * kept as the venue wrote them (`tickSize`, `lastTradePrice`): the hash is over text, not numbers.
 */
import { z } from 'zod';
import type { Level, Side } from '../../../core/market.ts';
import type { Px, Qty } from '../../../core/units.ts';
import {
  decimalText,
  fail,
  levelsOf,
  pxOf,
  qtyOf,
  shape,
  timeMsOf,
  tradablePxOf,
} from '../rest/decode-fields.ts';
import { Decimal, WireLevel } from '../rest/schemas.ts';

export interface WsBook {
  readonly type: 'book';
  readonly market: string;
  readonly assetId: string;
  readonly bids: Level[];
  readonly asks: Level[];
  /** As sent (the hash covers this text); `timeMs` is the same instant in ms. */
  readonly timestamp: string;
  readonly timeMs: number;
  readonly hash: string;
  /** The summary fields a `book` frame may carry, as written (captured frames carry the first two). */
  readonly tickSize?: string;
  readonly lastTradePrice?: string;
  readonly minOrderSize?: string;
  readonly negRisk?: boolean;
}

export interface WsLevelChange {
  readonly assetId: string;
  readonly px: Px;
  /** New absolute size; 0 removes the level. */
  readonly qty: Qty;
  /** BUY = a bid level, SELL = an ask level (of this asset's book). */
  readonly side: Side;
  /** The book's hash at the end of the change's same-timestamp batch. */
  readonly hash: string | undefined;
  /** The venue's best bid and ask at the end of the batch, as written ("0" no bid, "1" no ask). */
  readonly bestBid: string | undefined;
  readonly bestAsk: string | undefined;
}

export interface WsPriceChange {
  readonly type: 'price_change';
  readonly market: string;
  readonly timestamp: string;
  readonly timeMs: number;
  readonly changes: WsLevelChange[];
}

export interface WsTickSizeChange {
  readonly type: 'tick_size_change';
  readonly market: string;
  readonly assetId: string;
  readonly newTick: Px;
  /** `new_tick_size` as written: the hashed summary's `tick_size` from now on. */
  readonly tickSize: string;
}

export interface WsLastTradePrice {
  readonly type: 'last_trade_price';
  readonly market: string | undefined;
  readonly assetId: string;
  readonly px: Px;
  /** As written: the hashed summary's `last_trade_price` from now on. */
  readonly price: string;
}

export interface WsBestBidAsk {
  readonly type: 'best_bid_ask';
  readonly market: string | undefined;
  readonly assetId: string;
  /** Undefined when that side is empty. */
  readonly bestBid: Px | undefined;
  readonly bestAsk: Px | undefined;
  readonly timestamp: string;
  readonly timeMs: number;
}

export interface WsMarketResolved {
  readonly type: 'market_resolved';
  readonly market: string;
  readonly assetIds: string[];
  readonly winningAssetId: string | undefined;
  readonly winningOutcome: string | undefined;
}

export interface WsNewMarket {
  readonly type: 'new_market';
  readonly market: string;
  readonly question: string;
  readonly slug: string | undefined;
  /** Token ids in outcome order, with the outcome labels (any two labels: Yes/No, Up/Down, team names). */
  readonly assetIds: string[];
  readonly outcomes: string[];
  readonly tick: Px | undefined;
  readonly timeMs: number | undefined;
}

/** An event that did not decode: which books it touched, as far as its raw object says. */
export interface WsBadEvent {
  readonly type: 'bad';
  readonly message: string;
  readonly market: string | undefined;
  /** Empty when the event names no token: then no book can be trusted to be untouched. */
  readonly assetIds: string[];
}

export type WsMarketEvent =
  | WsBook
  | WsPriceChange
  | WsTickSizeChange
  | WsLastTradePrice
  | WsBestBidAsk
  | WsMarketResolved
  | WsNewMarket
  | WsBadEvent
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
  tick_size: Decimal.nullish(),
  last_trade_price: Decimal.nullish(),
  min_order_size: Decimal.nullish(),
  neg_risk: z.boolean().nullish(),
});
const WireChange = z.looseObject({
  asset_id: optStr,
  price: Decimal,
  size: Decimal,
  side: z.enum(['BUY', 'SELL'], { error: 'expected BUY or SELL' }),
  hash: optStr,
  best_bid: optStr,
  best_ask: optStr,
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
const WireLastTradePrice = z.looseObject({ market: optStr, asset_id: z.string(), price: Decimal });
const WireBestBidAsk = z.looseObject({
  market: optStr,
  asset_id: z.string(),
  best_bid: Decimal.nullish(),
  best_ask: Decimal.nullish(),
  timestamp: Decimal,
});
const WireMarketNotice = z.looseObject({
  market: z.string(),
  question: z.string().nullish(),
  slug: optStr,
  assets_ids: z.array(z.string()).nullish(),
  clob_token_ids: z.array(z.string()).nullish(),
  outcomes: z.array(z.string()).nullish(),
  winning_asset_id: optStr,
  winning_outcome: optStr,
  order_price_min_tick_size: Decimal.nullish(),
  timestamp: Decimal.nullish(),
});

/** The frame's timestamp as its text, once checked to be a time (ms digits, as documented, or ISO 8601). */
function timestampOf(v: string | number, field: string): { timestamp: string; timeMs: number } {
  const timestamp = decimalText(v, field);
  return { timestamp, timeMs: timeMsOf(timestamp, field, 'ms') };
}

/** A best price as written; "0" (no bid), "1" (no ask) or "" means that side is empty (P4 examples). */
export function bestPxOf(v: string | number | null | undefined, field: string): Px | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const px = pxOf(v, field);
  return px <= 0 || px >= 10_000 ? undefined : px;
}

function book(v: unknown, root: string): WsBook {
  const o = shape(WireBook, v, root);
  const extra = {
    ...(o.tick_size == null ? {} : { tickSize: decimalText(o.tick_size, `${root}.tick_size`) }),
    ...(o.last_trade_price == null
      ? {}
      : { lastTradePrice: decimalText(o.last_trade_price, `${root}.last_trade_price`) }),
    ...(o.min_order_size == null
      ? {}
      : { minOrderSize: decimalText(o.min_order_size, `${root}.min_order_size`) }),
    ...(o.neg_risk == null ? {} : { negRisk: o.neg_risk }),
  };
  return {
    type: 'book',
    market: o.market,
    assetId: o.asset_id,
    bids: levelsOf(o.bids ?? o.buys ?? fail(`${root}.bids (expected a list)`, o.bids), 'bid', `${root}.bids`),
    asks: levelsOf(
      o.asks ?? o.sells ?? fail(`${root}.asks (expected a list)`, o.asks),
      'ask',
      `${root}.asks`,
    ),
    ...timestampOf(o.timestamp, `${root}.timestamp`),
    hash: o.hash,
    ...extra,
  };
}

function priceChange(v: unknown, root: string): WsPriceChange {
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
      bestBid: e.best_bid ?? undefined,
      bestAsk: e.best_ask ?? undefined,
    };
  });
  return {
    type: 'price_change',
    market: o.market,
    ...timestampOf(o.timestamp, `${root}.timestamp`),
    changes,
  };
}

function notice(v: unknown, root: string, type: 'market_resolved' | 'new_market'): WsMarketEvent {
  const o = shape(WireMarketNotice, v, root);
  const assetIds = o.assets_ids ?? o.clob_token_ids ?? [];
  if (type === 'market_resolved')
    return {
      type,
      market: o.market,
      assetIds,
      winningAssetId: o.winning_asset_id ?? undefined,
      winningOutcome: o.winning_outcome ?? undefined,
    };
  const outcomes = o.outcomes ?? [];
  if (assetIds.length !== outcomes.length)
    fail(`${root}.outcomes (expected one per token in assets_ids)`, o.outcomes);
  return {
    type,
    market: o.market,
    question: o.question ?? '',
    slug: o.slug ?? undefined,
    assetIds,
    outcomes,
    tick:
      o.order_price_min_tick_size == null
        ? undefined
        : pxOf(o.order_price_min_tick_size, `${root}.order_price_min_tick_size`),
    timeMs: o.timestamp == null ? undefined : timeMsOf(o.timestamp, `${root}.timestamp`, 'ms'),
  };
}

/** One event object → its event; throws `PolyCodecError` naming the field. */
export function parseWsEvent(v: unknown, root: string): WsMarketEvent {
  const type = shape(WireEvent, v, root).event_type;
  switch (type) {
    case 'book':
      return book(v, root);
    case 'price_change':
      return priceChange(v, root);
    case 'tick_size_change': {
      const o = shape(WireTickSizeChange, v, root);
      const tickSize = decimalText(o.new_tick_size, `${root}.new_tick_size`);
      const newTick = pxOf(tickSize, `${root}.new_tick_size`);
      if (newTick <= 0) fail(`${root}.new_tick_size (must be positive)`, o.new_tick_size);
      return { type, market: o.market, assetId: o.asset_id, newTick, tickSize };
    }
    case 'last_trade_price': {
      const o = shape(WireLastTradePrice, v, root);
      const price = decimalText(o.price, `${root}.price`);
      return {
        type,
        market: o.market ?? undefined,
        assetId: o.asset_id,
        px: pxOf(price, `${root}.price`),
        price,
      };
    }
    case 'best_bid_ask': {
      const o = shape(WireBestBidAsk, v, root);
      return {
        type,
        market: o.market ?? undefined,
        assetId: o.asset_id,
        bestBid: bestPxOf(o.best_bid, `${root}.best_bid`),
        bestAsk: bestPxOf(o.best_ask, `${root}.best_ask`),
        ...timestampOf(o.timestamp, `${root}.timestamp`),
      };
    }
    case 'market_resolved':
    case 'new_market':
      return notice(v, root, type);
    default:
      return { type: 'other', eventType: type };
  }
}

/** Which books a raw event touches, read as loosely as possible (for an event that did not decode). */
export function touchedBy(v: unknown): { market: string | undefined; assetIds: string[] } {
  const o = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const ids = new Set<string>();
  const add = (x: unknown): void => void (typeof x === 'string' && ids.add(x));
  add(o.asset_id);
  for (const key of ['assets_ids', 'clob_token_ids'] as const)
    if (Array.isArray(o[key])) (o[key] as unknown[]).forEach(add);
  for (const key of ['price_changes', 'changes'] as const)
    if (Array.isArray(o[key]))
      for (const c of o[key] as unknown[])
        if (typeof c === 'object' && c !== null) add((c as { asset_id?: unknown }).asset_id);
  return { market: typeof o.market === 'string' ? o.market : undefined, assetIds: [...ids] };
}
