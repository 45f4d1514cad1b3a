/**
 * Books per outcome token. The engine keeps one YES book per market; the YES token's book is that book and the
 * NO token's book is its mirror (a NO bid at q is a YES ask at 1 − q). On the wire the best level is last on
 * both sides (bids ascending, asks descending), which is the order the official client walks from the end.
 *
 * REST summary field order (both channels' hashes cover exactly this object with `hash: ""`, book-hash.ts):
 *   market, asset_id, timestamp, hash, bids, asks, min_order_size, tick_size, neg_risk, last_trade_price
 */
import type { Level, Outcome } from '../../core/market.ts';
import { asPx, asQty, type Px, pxComplement, pxToDecimal, qtyToDecimal } from '../../core/units.ts';
import type { BookView } from '../engine/types.ts';
import { bookSummary, type SummaryFields, summaryHash, toWire } from './book-hash.ts';
import type { CatalogMarket } from './catalog.ts';
import type { FrontContext } from './context.ts';

export interface TokenBook {
  /** Best first. */
  readonly bids: Level[];
  readonly asks: Level[];
}

const mirror = (px: number): Px => pxComplement(asPx(px));

export function tokenBook(view: BookView | undefined, outcome: Outcome): TokenBook {
  if (!view) return { bids: [], asks: [] };
  const lv = (px: number, qty: number): Level => ({ px: asPx(px), qty: asQty(qty) });
  if (outcome === 'YES') {
    return { bids: view.bids.map((l) => lv(l.yesPx, l.qty)), asks: view.asks.map((l) => lv(l.yesPx, l.qty)) };
  }
  return {
    bids: view.asks.map((l) => lv(mirror(l.yesPx), l.qty)),
    asks: view.bids.map((l) => lv(mirror(l.yesPx), l.qty)),
  };
}

export function bookOf(ctx: FrontContext, cm: CatalogMarket, outcome: Outcome): TokenBook {
  return tokenBook(ctx.ex.book(cm.m.key), outcome);
}

/**
 * A trade price as the venue writes it in `last_trade_price` (book frames, the REST summary and the
 * `last_trade_price` event): at least three decimals ("0.850", "0.500", "0.140" in captured frames).
 */
export function tradePriceText(px: Px): string {
  const s = pxToDecimal(px);
  const dot = s.indexOf('.');
  const decimals = dot < 0 ? 0 : s.length - dot - 1;
  return decimals >= 3 ? s : `${dot < 0 ? `${s}.` : s}${'0'.repeat(3 - decimals)}`;
}

/** Last trade price of a token ("" before the first trade, as the venue sends). */
export function lastTradePrice(ctx: FrontContext, cm: CatalogMarket, outcome: Outcome): string {
  const t = ctx.lastTrade.get(cm.m.key);
  if (!t) return '';
  return tradePriceText(outcome === 'YES' ? asPx(t.yesPx) : mirror(t.yesPx));
}

/** The summary's fields besides the book: the market's facts as they stand now. */
export function summaryFields(ctx: FrontContext, cm: CatalogMarket, outcome: Outcome): SummaryFields {
  return {
    min_order_size: qtyToDecimal(cm.m.minSize),
    tick_size: pxToDecimal(ctx.catalog.tick(cm)),
    neg_risk: cm.negRisk,
    last_trade_price: lastTradePrice(ctx, cm, outcome),
  };
}

/** The token's summary at `timestamp` with `hash` blank: the object both channels' hashes cover. */
function summaryAt(ctx: FrontContext, cm: CatalogMarket, outcome: Outcome, timestamp: string) {
  const b = bookOf(ctx, cm, outcome);
  const assetId = ctx.catalog.tokenOf(cm, outcome);
  return bookSummary(
    cm.m.key,
    assetId,
    timestamp,
    toWire(b.bids),
    toWire(b.asks),
    summaryFields(ctx, cm, outcome),
  );
}

/** `GET /book`: the summary with its hash. */
export function restSummary(ctx: FrontContext, cm: CatalogMarket, outcome: Outcome): Record<string, unknown> {
  const summary = summaryAt(ctx, cm, outcome, String(ctx.clock.now()));
  summary.hash = summaryHash(summary);
  return summary;
}

/** The hash a WebSocket frame at `timestamp` carries for the token's book as it stands. */
export function feedHash(ctx: FrontContext, cm: CatalogMarket, outcome: Outcome, timestamp: string): string {
  return summaryHash(summaryAt(ctx, cm, outcome, timestamp));
}

/**
 * A WebSocket `book` event for one token, in the field order of captured frames: it carries `tick_size` and
 * `last_trade_price` but not `min_order_size` or `neg_risk`, and its hash is the whole summary's.
 */
export function wsBookEvent(ctx: FrontContext, cm: CatalogMarket, outcome: Outcome): Record<string, unknown> {
  const s = summaryAt(ctx, cm, outcome, String(ctx.clock.now()));
  return {
    market: s.market,
    asset_id: s.asset_id,
    timestamp: s.timestamp,
    hash: summaryHash(s),
    bids: s.bids,
    asks: s.asks,
    tick_size: s.tick_size,
    event_type: 'book',
    last_trade_price: s.last_trade_price,
  };
}

/** A side's best price as `price_change` and `best_bid_ask` give it: "0" for no bid, "1" for no ask (P4 examples). */
export const bestPrice = (levels: readonly Level[], side: 'bid' | 'ask'): string =>
  levels[0] ? pxToDecimal(levels[0].px) : side === 'bid' ? '0' : '1';
