/**
 * Same-timestamp batches of the market channel, as the venue sends them (reference, "Observed in real traffic"):
 * the book changes one engine call makes to a market go out together, one `price_change` frame per level with
 * its size at the end of the batch, and **every** frame of the batch carries the hash and the best bid and ask
 * of the book at the batch's end, not after its own change. Levels that grew go out before levels that shrank
 * (an incoming order is posted before the resting orders it matched are taken away), so a client applying the
 * frames one by one holds a crossed book for a moment whenever a marketable order leaves a remainder: the
 * client must judge the book at the batch's end, where the frames say what it is.
 */
import type { Outcome } from '../../core/market.ts';
import { asQty, type Px, pxComplement, pxToDecimal, type Qty, qtyToDecimal } from '../../core/units.ts';
import type { BookSide } from '../engine/types.ts';
import { bestPrice, bookOf, feedHash } from './books.ts';
import type { CatalogMarket } from './catalog.ts';
import type { FrontContext } from './context.ts';

interface TouchedLevel {
  readonly side: BookSide;
  readonly yesPx: Px;
  /** The level's size before the batch, and now. */
  readonly before: number;
  after: Qty;
}

/** One market's changes in one engine call. */
export interface Batch {
  readonly market: string;
  readonly timestamp: string;
  readonly levels: Map<string, TouchedLevel>;
}

/** Collects engine `book` events per market until the engine call is over. */
export class BatchCollector {
  private readonly open = new Map<string, Batch>();

  add(market: string, side: BookSide, yesPx: Px, qty: Qty, delta: number, timestamp: string): void {
    let b = this.open.get(market);
    if (!b) this.open.set(market, (b = { market, timestamp, levels: new Map() }));
    const key = `${side}:${yesPx}`;
    const l = b.levels.get(key);
    if (l) l.after = qty;
    else b.levels.set(key, { side, yesPx, before: qty - delta, after: qty });
  }

  /** Every open batch, closing them. */
  take(): Batch[] {
    const out = [...this.open.values()];
    this.open.clear();
    return out;
  }
}

/** The batch's levels in the order they go out: grown first, then shrunk, each in the order first touched. */
export function frameOrder(b: Batch): TouchedLevel[] {
  const levels = [...b.levels.values()].filter((l) => l.after !== l.before);
  return [...levels.filter((l) => l.after > l.before), ...levels.filter((l) => l.after < l.before)];
}

/** One token's entry of a `price_change` for a YES-book level, with the end-of-batch hash and best prices. */
export type EntryOf = (outcome: Outcome, level: TouchedLevel) => Record<string, string>;

/** Builds entries for one batch, computing each token's end-of-batch hash and best prices once. */
export function entries(ctx: FrontContext, cm: CatalogMarket, timestamp: string): EntryOf {
  const end = new Map<Outcome, { hash: string; bestBid: string; bestAsk: string }>();
  const endOf = (o: Outcome) => {
    let e = end.get(o);
    if (!e) {
      const b = bookOf(ctx, cm, o);
      e = {
        hash: feedHash(ctx, cm, o, timestamp),
        bestBid: bestPrice(b.bids, 'bid'),
        bestAsk: bestPrice(b.asks, 'ask'),
      };
      end.set(o, e);
    }
    return e;
  };
  return (outcome, l) => {
    const e = endOf(outcome);
    // A YES bid at p is a NO ask at 1 − p.
    const isBid = (l.side === 'bid') === (outcome === 'YES');
    const px = outcome === 'YES' ? l.yesPx : pxComplement(l.yesPx);
    return {
      asset_id: ctx.catalog.tokenOf(cm, outcome),
      price: pxToDecimal(px),
      size: qtyToDecimal(asQty(l.after)),
      side: isBid ? 'BUY' : 'SELL',
      hash: e.hash,
      best_bid: e.bestBid,
      best_ask: e.bestAsk,
    };
  };
}
