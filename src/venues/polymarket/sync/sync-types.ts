/**
 * The book sync's surface: the markets it follows, what it asks of its shell, and the counts it keeps beyond
 * `BookStreamStats`.
 */
import type { BookEvent } from '../../venue.ts';
import type { BookMeta } from './book-hash.ts';
import type { MarketNotice } from './notices.ts';

export interface StreamMarket {
  /** Condition id: the market key in events. */
  readonly market: string;
  /** The token followed (the adapter follows the YES token). */
  readonly assetId: string;
  /** The hashed summary's fields from the market's metadata; each missing one is `DEFAULT_META`'s. */
  readonly meta?: Partial<BookMeta>;
}

/**
 * What a book's summary fields are taken to be until market metadata or a frame says otherwise: the values most
 * markets have. A wrong one costs resyncs (the hash will not match), never a wrong book.
 */
export const DEFAULT_META: BookMeta = {
  minOrderSize: '5',
  tickSize: '0.01',
  negRisk: false,
  lastTradePrice: '',
};

/** What the synchroniser asks of its shell. */
export interface PolySyncHooks {
  readonly onEvent: (e: BookEvent) => void;
  /** These tokens need fresh snapshots: resubscribe them (and watch that the snapshots come). */
  readonly resync: (assetIds: string[]) => void;
  /** A token's book is valid again: its snapshot request is answered. */
  readonly snapshotApplied?: (assetId: string) => void;
  /** A batch (timestamp `ts`) is open on this token: if it has not ended after a while, call `closeBatch`. */
  readonly batchOpened?: (assetId: string, ts: string) => void;
  /** The token's open batch is over (it ended, or the book was replaced or dropped): its timer is moot. */
  readonly batchEnded?: (assetId: string) => void;
  readonly onNotice?: (n: MarketNotice) => void;
  readonly onProblem?: (reason: string) => void;
}

/** Counts beyond `BookStreamStats`, for `arb debug feed` and the tests. */
export interface PolySyncDetail {
  /** Hashes compared (snapshots, frames), those that did not match mid-batch, and books lost to a hash. */
  hashChecked: number;
  hashPending: number;
  hashFailed: number;
  /** Batches that spanned several frames, and those crossed on the way but not at their end. */
  multiFrameBatches: number;
  crossedInBatch: number;
  /** `best_bid_ask` events compared with a judged book, and those that disagreed. */
  bboChecked: number;
  bboMismatch: number;
  /** `last_trade_price` written in another form than the hash used: the form that matched was adopted. */
  lastTradeReformatted: number;
  resolved: number;
}

export const newDetail = (): PolySyncDetail => ({
  hashChecked: 0,
  hashPending: 0,
  hashFailed: 0,
  multiFrameBatches: 0,
  crossedInBatch: 0,
  bboChecked: 0,
  bboMismatch: 0,
  lastTradeReformatted: 0,
  resolved: 0,
});
