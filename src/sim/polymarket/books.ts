/**
 * Books per outcome token. The engine keeps one YES book per market; the YES token's book is that book and the
 * NO token's book is its mirror (a NO bid at q is a YES ask at 1 − q). On the wire the best level is last on
 * both sides (bids ascending, asks descending), which is the order the official client walks from the end.
 *
 * REST summary field order (the hash covers exactly this object with `hash: ""`):
 *   market, asset_id, timestamp, hash, bids, asks, min_order_size, tick_size, neg_risk, last_trade_price
 */
import type { Level, Outcome } from '../../core/market.ts';
import { asPx, asQty, type Px, pxComplement, pxToDecimal, qtyToDecimal } from '../../core/units.ts';
import type { BookView } from '../engine/types.ts';
import { feedBookHash, summaryHash, toWire } from './book-hash.ts';
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

/** Last trade price of a token as a decimal string ("" before the first trade, as the venue sends). */
export function lastTradePrice(ctx: FrontContext, cm: CatalogMarket, outcome: Outcome): string {
  const t = ctx.lastTrade.get(cm.m.key);
  if (!t) return '';
  return pxToDecimal(outcome === 'YES' ? t.yesPx : mirror(t.yesPx));
}

export function restSummary(ctx: FrontContext, cm: CatalogMarket, outcome: Outcome): Record<string, unknown> {
  const b = bookOf(ctx, cm, outcome);
  const summary: Record<string, unknown> = {
    market: cm.m.key,
    asset_id: ctx.catalog.tokenOf(cm, outcome),
    timestamp: String(ctx.clock.now()),
    hash: '',
    bids: toWire(b.bids),
    asks: toWire(b.asks),
    min_order_size: qtyToDecimal(cm.m.minSize),
    tick_size: pxToDecimal(ctx.catalog.tick(cm)),
    neg_risk: cm.negRisk,
    last_trade_price: lastTradePrice(ctx, cm, outcome),
  };
  summary.hash = summaryHash(summary);
  return summary;
}

/** A WebSocket `book` event for one token. */
export function wsBookEvent(ctx: FrontContext, cm: CatalogMarket, outcome: Outcome): Record<string, unknown> {
  const b = bookOf(ctx, cm, outcome);
  const assetId = ctx.catalog.tokenOf(cm, outcome);
  const timestamp = String(ctx.clock.now());
  const bids = toWire(b.bids);
  const asks = toWire(b.asks);
  return {
    event_type: 'book',
    asset_id: assetId,
    market: cm.m.key,
    bids,
    asks,
    timestamp,
    hash: feedBookHash(cm.m.key, assetId, timestamp, bids, asks),
  };
}

export const bestPrice = (levels: readonly Level[]): string => (levels[0] ? pxToDecimal(levels[0].px) : '0');
