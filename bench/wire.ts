/**
 * Frames in each venue's wire format (K3, P4), written the way the simulators write them: Kalshi
 * `orderbook_snapshot` / `orderbook_delta` with a per-subscription `seq` and a **signed** `delta_fp`;
 * Polymarket `book` and `price_change` with the level's **absolute** `size` and the book hash after the change
 * (each frame its own batch: one change per timestamp).
 */
import { asPx, pxToDecimal, pxToDollars, qtyToDecimal, qtyToFp } from '../src/core/units.ts';
import { wireLevelsBestLast, wsBookHash } from '../src/venues/polymarket/sync/book-hash.ts';
import { DEFAULT_META } from '../src/venues/polymarket/sync/sync-types.ts';
import type { MirrorBook } from './mirror.ts';
import type { LevelChange } from './stream.ts';
import { isoInstant } from '../src/core/time.ts';

const dollars = (px: number): string => pxToDollars(asPx(px));

/** A UUID-shaped `market_id` per market, from its dense id (the frames only need the venue's shape). */
const kalshiMarketId = (id: number): string => `5e1c0000-0000-4000-8000-${id.toString(16).padStart(12, '0')}`;

/**
 * Kalshi as real traffic shows it: the first subscribe is answered `subscribed` (sid 1), every later one is
 * merged into sid 1 and answered `ok` with the next `seq`; `seq` +1 per message of the sid.
 */
export class KalshiWire {
  private seq = 0;
  private readonly sid = 1;

  subscribed(id: number): string {
    return JSON.stringify({ id, type: 'subscribed', msg: { channel: 'orderbook_delta', sid: this.sid } });
  }

  /** The reply to a merged subscribe, listing the whole market set. */
  ok(id: number, markets: readonly string[]): string {
    const { sid, seq } = this.next();
    return JSON.stringify({ id, sid, seq, type: 'ok', msg: { market_tickers: markets } });
  }

  private next(): { sid: number; seq: number } {
    return { sid: this.sid, seq: ++this.seq };
  }

  /** Bids of each side, ascending, as the venue lists them: YES bids, and NO bids = 1 − YES asks. */
  snapshot(book: MirrorBook): string {
    const ticker = book.market.key;
    const yes = book.levels('bid').map((l) => [dollars(l.px), qtyToFp(l.qty)]);
    const no = book.levels('ask').map((l) => [dollars(10_000 - l.px), qtyToFp(l.qty)]);
    return JSON.stringify({
      type: 'orderbook_snapshot',
      ...this.next(),
      msg: {
        market_ticker: ticker,
        market_id: kalshiMarketId(book.market.id),
        ...(yes.length > 0 ? { yes_dollars_fp: yes.reverse() } : {}),
        ...(no.length > 0 ? { no_dollars_fp: no.reverse() } : {}),
      },
    });
  }

  delta(c: LevelChange, tsMs: number): string {
    const ticker = c.book.market.key;
    const yes = c.side === 'bid';
    return JSON.stringify({
      type: 'orderbook_delta',
      ...this.next(),
      msg: {
        market_ticker: ticker,
        market_id: kalshiMarketId(c.book.market.id),
        price_dollars: dollars(yes ? c.px : 10_000 - c.px),
        delta_fp: qtyToFp(c.qty - c.prev),
        side: yes ? 'yes' : 'no',
        ts: isoInstant(tsMs),
        ts_ms: tsMs,
      },
    });
  }
}

/** The summary hash, with the summary fields every bench market has (the sync's defaults: min 5, tick 0.01). */
const hashOf = (book: MirrorBook, timestamp: string): string =>
  wsBookHash(
    book.market.key,
    book.market.assetId,
    timestamp,
    book.levels('bid'),
    book.levels('ask'),
    DEFAULT_META,
  );

/** Polymarket `book` snapshot of the YES token (a JSON array of events, as snapshots are sent). */
export function polyBook(book: MirrorBook, tsMs: number): string {
  const timestamp = String(tsMs);
  return JSON.stringify([
    {
      event_type: 'book',
      asset_id: book.market.assetId,
      market: book.market.key,
      bids: wireLevelsBestLast(book.levels('bid')),
      asks: wireLevelsBestLast(book.levels('ask')),
      timestamp,
      hash: hashOf(book, timestamp),
    },
  ]);
}

/**
 * Polymarket `price_change` for the YES token, after `c` was applied to the mirror. The book hash costs the
 * generator as much as it costs a checking receiver (tens of µs), so only the frames a hash-checking run will
 * read get the real one (`hashed`); the rest carry a placeholder of the same shape, read by runs that don't check.
 */
export function polyPriceChange(c: LevelChange, tsMs: number, hashed: boolean): string {
  const timestamp = String(tsMs);
  const best = (side: 'bid' | 'ask'): string => {
    const px = c.book.best(side);
    return px < 0 ? (side === 'bid' ? '0' : '1') : pxToDecimal(asPx(px));
  };
  return JSON.stringify({
    event_type: 'price_change',
    market: c.book.market.key,
    price_changes: [
      {
        asset_id: c.book.market.assetId,
        price: pxToDecimal(asPx(c.px)),
        size: qtyToDecimal(c.qty),
        side: c.side === 'bid' ? 'BUY' : 'SELL',
        hash: hashed ? hashOf(c.book, timestamp) : placeholderHash(tsMs),
        best_bid: best('bid'),
        best_ask: best('ask'),
      },
    ],
    timestamp,
  });
}

const placeholderHash = (n: number): string => n.toString(16).padStart(40, '0');
