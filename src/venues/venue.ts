/**
 * The one interface both venue adapters implement. Everything crossing it is in core units and core
 * vocabulary (YES-normalized books, Px/Qty/Micros); raw venue payloads never leave their venue folder.
 *
 * Every call returns a `VenueResult`: venue errors are classified once, in the adapter, into
 *   retryable (try again, maybe after `retryAfterMs`), rejected (definitive: the venue said no),
 *   unknown (timeout, dropped connection, 5xx on a write: the order may exist; resolve by query), and
 *   fatal (auth or configuration: stop).
 */
import type { Result } from '../core/errors.ts';
import type { Liquidity } from '../core/fees.ts';
import type { Level, MarketMeta, Outcome, Side, Venue } from '../core/market.ts';
import type { Micros, Px, Qty } from '../core/units.ts';

export type VenueErrorKind = 'retryable' | 'rejected' | 'unknown' | 'fatal';

export interface VenueError {
  readonly kind: VenueErrorKind;
  /** Stable code, venue-prefixed: `KALSHI.RATE_LIMITED`, `POLYMARKET.INSUFFICIENT_BALANCE`, … */
  readonly code: string;
  readonly message: string;
  /** For retryable errors, when the venue said (or the adapter decided) to come back. */
  readonly retryAfterMs?: number;
  /** HTTP status, when there was one. */
  readonly status?: number;
}

export type VenueResult<T> = Result<T, VenueError>;

/** A market as discovered, with what trading it needs. */
export interface VenueMarket extends MarketMeta {
  readonly status: 'open' | 'paused' | 'closed' | 'settled';
  readonly subtitle?: string;
  /**
   * The venue's labels of the two outcomes, when it has any (Polymarket: "Yes"/"No", but also team names,
   * "Up"/"Down", "Over"/"Under"): `yes` names the outcome our YES side is, so a title like "Bucks vs. Lakers"
   * still says which team YES is.
   */
  readonly outcomes?: { readonly yes: string; readonly no: string };
}

/** A group of markets: a Kalshi event, a Polymarket (negRisk) event. */
export interface VenueEvent {
  readonly venue: Venue;
  readonly key: string;
  readonly title: string;
  readonly marketKeys: readonly string[];
  /** At most one market resolves YES (Kalshi `mutually_exclusive`, Polymarket negRisk). */
  readonly mutuallyExclusive: boolean;
  /** Polymarket augmented negRisk events may list placeholder outcomes: not exhaustive. */
  readonly augmented?: boolean;
  /** Keys of placeholder markets ("Other") that must never count towards exhaustiveness. */
  readonly placeholderKeys?: readonly string[];
}

export type TimeInForce = 'GTC' | 'GTD' | 'IOC' | 'FOK';

/** What the engine asks for. The client order id is derived from a persisted intent: retrying never duplicates. */
export interface OrderRequest {
  readonly clientOrderId: string;
  readonly market: string;
  readonly outcome: Outcome;
  readonly side: Side;
  /** Limit price of `outcome`. */
  readonly px: Px;
  readonly qty: Qty;
  readonly tif: TimeInForce;
  readonly expiresAtMs?: number;
  readonly postOnly?: boolean;
}

export type VenueOrderStatus = 'open' | 'filled' | 'cancelled' | 'expired';

export interface VenueOrder {
  readonly id: string;
  readonly clientOrderId?: string;
  readonly market: string;
  readonly outcome: Outcome;
  readonly side: Side;
  readonly px: Px;
  /** Total size (filled + open). */
  readonly qty: Qty;
  readonly filled: Qty;
  readonly status: VenueOrderStatus;
  readonly createdMs: number;
}

export interface VenueFill {
  readonly id: string;
  readonly orderId: string;
  readonly clientOrderId?: string;
  readonly market: string;
  readonly outcome: Outcome;
  readonly side: Side;
  readonly px: Px;
  readonly qty: Qty;
  /** What the venue charged (Polymarket: at the rate the trade reports), micros. */
  readonly fee: Micros;
  /**
   * What our fee model predicted for this fill, when the fee above comes from the venue's own data and a model
   * was known: a difference is logged as `fee_drift`.
   */
  readonly modelFee?: Micros;
  readonly liquidity: Liquidity;
  readonly tsMs: number;
  /**
   * False while the venue may still reverse it (Polymarket trades before CONFIRMED); a reversed fill is
   * reported again with `reversed: true`.
   */
  readonly final: boolean;
  readonly reversed?: boolean;
}

export interface VenuePosition {
  readonly market: string;
  readonly outcome: Outcome;
  readonly qty: Qty;
}

/** Normalized book stream events, all in YES terms with absolute sizes (tardis-style meaning). */
export type BookEvent =
  /** Replaces the whole book. Levels best first. */
  | {
      readonly type: 'snapshot';
      readonly market: string;
      readonly yesBids: readonly Level[];
      readonly yesAsks: readonly Level[];
      readonly venueTimeMs: number;
      readonly receiveTimeMs: number;
    }
  /** One level's new absolute size; 0 removes it. */
  | {
      readonly type: 'level';
      readonly market: string;
      readonly side: 'bid' | 'ask';
      readonly px: Px;
      readonly qty: Qty;
      readonly venueTimeMs: number;
      readonly receiveTimeMs: number;
    }
  /** The local book can no longer be trusted (gap, malformed frame, disconnect): drop it until the next snapshot. */
  | {
      readonly type: 'invalid';
      readonly market: string;
      readonly reason: string;
      readonly receiveTimeMs: number;
    };

export interface BookStreamStats {
  readonly snapshots: number;
  readonly updates: number;
  readonly gaps: number;
  readonly malformed: number;
  readonly reconnects: number;
  readonly resyncs: number;
}

export interface BookStream {
  /** Resolves once the connection is up and subscribed. */
  readonly ready: Promise<void>;
  stats(): BookStreamStats;
  close(): Promise<void>;
}

/** One of the account's own orders changed (user WebSocket): its status and how much of it has filled. */
export interface OrderUpdate {
  readonly orderId: string;
  /** When the venue echoes it (Kalshi); Polymarket orders carry none (the order id is the link). */
  readonly clientOrderId?: string;
  readonly market: string;
  readonly status: VenueOrderStatus;
  /** Filled so far, Qty (absolute, not a delta). */
  readonly filled: Qty;
  readonly receiveTimeMs: number;
}

export interface OrderStreamStats {
  readonly updates: number;
  readonly malformed: number;
  readonly reconnects: number;
}

export interface OrderStream {
  /** Resolves once the connection is up, authenticated and subscribed. */
  readonly ready: Promise<void>;
  stats(): OrderStreamStats;
  close(): Promise<void>;
}

export interface Discovery {
  readonly markets: readonly VenueMarket[];
  readonly events: readonly VenueEvent[];
  /**
   * Markets the venue lists that the adapter will not trade, with why (e.g. a Polymarket market without fee
   * information). They are left out of `markets`; events still name them, so a set they belong to is not
   * exhaustive.
   */
  readonly refused?: readonly { readonly key: string; readonly reason: string }[];
}

export interface VenueAdapter {
  readonly venue: Venue;
  discover(): Promise<VenueResult<Discovery>>;
  /** Live books for `markets` over the venue's WebSocket, resynchronising itself on gaps and bad frames. */
  streamBooks(markets: readonly string[], onEvent: (e: BookEvent) => void): BookStream;
  /** One book over REST (the polling fallback), YES-normalized, best first. */
  fetchBook(
    market: string,
  ): Promise<VenueResult<{ yesBids: Level[]; yesAsks: Level[]; venueTimeMs: number }>>;
  /**
   * The account's own order updates over the venue's user WebSocket, reconnecting by itself. Updates may be
   * duplicated, late or missed (a disconnect): they speed up order tracking, polling stays the safety net.
   */
  streamOrders?(onUpdate: (u: OrderUpdate) => void): OrderStream;
  placeOrder(req: OrderRequest): Promise<VenueResult<VenueOrder>>;
  cancelOrder(orderId: string): Promise<VenueResult<VenueOrder>>;
  /** Change price and/or total size in place, where the venue supports it (Kalshi); absent elsewhere. */
  amendOrder?(orderId: string, change: { px?: Px; qty?: Qty }): Promise<VenueResult<VenueOrder>>;
  /** Reduce an open order's size keeping its queue priority, where the venue supports it. */
  decreaseOrder?(orderId: string, reduceBy: Qty): Promise<VenueResult<VenueOrder>>;
  getOrder(orderId: string): Promise<VenueResult<VenueOrder | undefined>>;
  /**
   * Resolve an unknown outcome: the order this client order id created, if any. `request` is the order as it was
   * sent: a venue whose order identity is derived from the request (Polymarket's hash) needs it after a restart.
   */
  findOrder(clientOrderId: string, request?: OrderRequest): Promise<VenueResult<VenueOrder | undefined>>;
  openOrders(market?: string): Promise<VenueResult<VenueOrder[]>>;
  /** Fills after `cursor` (opaque; undefined = from the start), oldest first, and the cursor to pass next. */
  fillsSince(
    cursor: string | undefined,
  ): Promise<VenueResult<{ fills: VenueFill[]; cursor: string | undefined }>>;
  positions(): Promise<VenueResult<VenuePosition[]>>;
  /** Free cash available for new orders. */
  balance(): Promise<VenueResult<Micros>>;
  /**
   * The venue's dead-man switch, where it has one (Polymarket heartbeats): once started, beats go out every
   * `everyMs` and the venue cancels every open order if they stop. `onBeat` hears each beat's outcome.
   */
  startHeartbeats?(everyMs: number, onBeat?: (ok: boolean, problem?: string) => void): void;
  /**
   * Cancel every open order of the account through the venue's own mechanism (Kalshi `DELETE
   * /portfolio/events/orders`, Polymarket `DELETE /cancel-all`), orders this process does not know included.
   * `cancelled` counts the orders the venue reports (or, where it reports none, that were open before and are
   * not after). New orders stay possible afterwards: a flatten places its closing orders next.
   */
  cancelAll?(): Promise<VenueResult<{ cancelled: number }>>;
  stopHeartbeats?(): void;
  close(): Promise<void>;
}
