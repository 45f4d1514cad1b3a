/**
 * Book hashes. Polymarket books carry `hash` = SHA-1 (hex) of `JSON.stringify(book)` taken with `hash: ""`.
 *
 * - REST `/book` summaries: the hash covers the whole summary object exactly as sent (this is what the official
 *   client's `getOrderBookHash` recomputes), so it is checked over the object as received.
 * - WebSocket `book` and `price_change`: the hash covers the REST-style summary of the token's book, not only the
 *   fields the frame carries (reference, "Observed in real traffic"): `{"market", "asset_id", "timestamp",
 *   "hash": "", "bids", "asks", "min_order_size", "tick_size", "neg_risk", "last_trade_price"}` in that order,
 *   levels `{"price", "size"}` as shortest decimals, best level last on both sides, `timestamp` the frame's. The
 *   key order is the official Python client's `generate_orderbook_summary_hash`; real frames' hashes reproduce
 *   with it (test/venues/polymarket/sync/book-hash.test.ts, fixtures/ws-real-hashes.json). The frames carry
 *   `tick_size` and `last_trade_price` only sometimes and `min_order_size` and `neg_risk` never, so the receiver
 *   keeps those per market (`BookMeta`) from market metadata and the channel's own events.
 */
import { createHash } from 'node:crypto';
import type { Level } from '../../../core/market.ts';
import { pxToDecimal, qtyToDecimal } from '../../../core/units.ts';

export interface WireLevel {
  readonly price: string;
  readonly size: string;
}

/** The per-market fields of the hashed summary besides the levels, as the venue writes them. */
export interface BookMeta {
  /** `min_order_size` ("5"), from the market's metadata (`mos`, `minimum_order_size`). */
  readonly minOrderSize: string;
  /** `tick_size` ("0.01"): metadata, then each `book` frame's own and `tick_size_change`. */
  readonly tickSize: string;
  readonly negRisk: boolean;
  /** `last_trade_price` exactly as the venue writes it ("0.850"); "" before the first trade. */
  readonly lastTradePrice: string;
}

/** Levels given best first → wire levels best last, as the venue (and the official client) orders them. */
export function wireLevelsBestLast(bestFirst: readonly Level[]): WireLevel[] {
  const out: WireLevel[] = [];
  for (let i = bestFirst.length - 1; i >= 0; i--) {
    const l = bestFirst[i]!;
    out.push({ price: pxToDecimal(l.px), size: qtyToDecimal(l.qty) });
  }
  return out;
}

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** Hash of an object whose `hash` field is blanked, keeping the object's own key order. */
export function hashWithBlankHash(obj: Readonly<Record<string, unknown>>): string {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) copy[k] = k === 'hash' ? '' : v;
  if (!('hash' in obj)) copy.hash = '';
  return sha1Hex(JSON.stringify(copy));
}

/** The WebSocket book hash for one token's book (levels best first): the summary's, with the frame's timestamp. */
export function wsBookHash(
  market: string,
  assetId: string,
  timestamp: string,
  bidsBestFirst: readonly Level[],
  asksBestFirst: readonly Level[],
  meta: BookMeta,
): string {
  return sha1Hex(
    JSON.stringify({
      market,
      asset_id: assetId,
      timestamp,
      hash: '',
      bids: wireLevelsBestLast(bidsBestFirst),
      asks: wireLevelsBestLast(asksBestFirst),
      min_order_size: meta.minOrderSize,
      tick_size: meta.tickSize,
      neg_risk: meta.negRisk,
      last_trade_price: meta.lastTradePrice,
    }),
  );
}

/**
 * Other ways the venue may write the same trade price: captured summaries write three decimals at least
 * ("0.850", "0.500"), the documentation's `last_trade_price` event writes what it has ("0.456"). Given one form,
 * the others: shortest, and at least three decimals. Empty when there is no price or no other form.
 */
export function lastTradeForms(price: string): string[] {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(price);
  if (!m) return [];
  const decimals = (m[2] ?? '').replace(/0+$/, '');
  const shortest = decimals === '' ? m[1]! : `${m[1]}.${decimals}`;
  const padded = `${m[1]}.${decimals.padEnd(3, '0')}`;
  return [...new Set([shortest, padded])].filter((f) => f !== price);
}

/**
 * The `last_trade_price` form with which these levels and summary fields hash to `expected`: the one in `meta`,
 * else another form of the same price (a venue that writes it differently in different places); undefined when
 * none does.
 */
export function matchingLastTrade(
  market: string,
  assetId: string,
  timestamp: string,
  bidsBestFirst: readonly Level[],
  asksBestFirst: readonly Level[],
  meta: BookMeta,
  expected: string,
): string | undefined {
  if (wsBookHash(market, assetId, timestamp, bidsBestFirst, asksBestFirst, meta) === expected)
    return meta.lastTradePrice;
  for (const form of lastTradeForms(meta.lastTradePrice))
    if (
      wsBookHash(market, assetId, timestamp, bidsBestFirst, asksBestFirst, {
        ...meta,
        lastTradePrice: form,
      }) === expected
    )
      return form;
  return undefined;
}
