/**
 * The venue-neutral simulated exchange's vocabulary. Protocol fronts (Kalshi, Polymarket) translate their wire
 * formats into these and back; the matching engine, accounts and event log know nothing of either venue.
 *
 * One book per binary market, kept in YES terms: a BUY of YES at p and a SELL of NO at 1−p are bids at p;
 * a SELL of YES at p and a BUY of NO at 1−p are asks at p. Matching a YES buyer with a NO buyer mints a pair of
 * contracts against $1 of escrow; matching a YES seller with a NO seller burns a pair and releases the escrow.
 */
import type { FeeModel, Liquidity } from '../../core/fees.ts';
import type { Outcome, Side, TickGrid, Venue } from '../../core/market.ts';
import { asQty, type Micros, type Px, type Qty } from '../../core/units.ts';

export type Tif = 'GTC' | 'GTD' | 'IOC' | 'FOK';

/** Self-trade prevention: cancel the incoming order's remainder, or cancel the resting order and go on. */
export type StpMode = 'cancel_taker' | 'cancel_maker';

export type BookSide = 'bid' | 'ask';

/** Who trades what: the terms an order request and a fill share. */
interface Terms {
  readonly account: string;
  /** The market's venue key (Kalshi ticker, Polymarket condition id). */
  readonly market: string;
  readonly outcome: Outcome;
  readonly side: Side;
  /** A price of `outcome` (not necessarily the YES price): the request's limit, the fill's execution price. */
  readonly px: Px;
  readonly qty: Qty;
}

export interface OrderRequest extends Terms {
  readonly tif: Tif;
  /** Required for GTD: when the order expires (ms since epoch, sim clock). */
  readonly expiresAtMs?: number;
  readonly postOnly?: boolean;
  readonly stp?: StpMode;
  /** Unique per account among live and past orders; a duplicate is rejected and creates nothing. */
  readonly clientOrderId?: string;
  /** Venue-specific opaque id to use instead of a generated one (Polymarket: the order hash). */
  readonly orderId?: string;
}

export type RejectCode =
  | 'MARKET_NOT_FOUND'
  | 'MARKET_NOT_OPEN'
  | 'EXCHANGE_HALTED'
  | 'CANCEL_ONLY'
  | 'INVALID_PRICE'
  | 'INVALID_SIZE'
  | 'BELOW_MIN_SIZE'
  | 'INVALID_EXPIRATION'
  | 'INSUFFICIENT_BALANCE'
  | 'INSUFFICIENT_POSITION'
  | 'POST_ONLY_WOULD_CROSS'
  | 'FOK_NOT_FILLED'
  | 'DUPLICATE_CLIENT_ORDER_ID'
  | 'DUPLICATE_ORDER_ID'
  | 'ORDER_NOT_FOUND'
  | 'ORDER_NOT_OPEN'
  | 'NOT_OWNER'
  | 'INJECTED_REJECT';

export type OrderStatus = 'resting' | 'filled' | 'cancelled' | 'expired';

/** Why an order left the book without filling completely. */
export type CancelReason =
  | 'user'
  | 'ioc_remainder'
  | 'self_trade'
  | 'expired'
  | 'market_closed'
  | 'settled'
  | 'heartbeat'
  | 'halt'
  /** Kalshi: the order's group was triggered or deleted. */
  | 'order_group';

export interface SimOrder {
  readonly id: string;
  readonly clientOrderId: string | undefined;
  readonly account: string;
  readonly market: string;
  readonly outcome: Outcome;
  readonly side: Side;
  /** Current limit price of `outcome`. */
  px: Px;
  /** Current total size: filled + resting (decrease and amend change it). */
  qty: Qty;
  /** Size at creation. */
  readonly initialQty: Qty;
  filled: Qty;
  status: OrderStatus;
  cancelReason: CancelReason | undefined;
  readonly tif: Tif;
  readonly expiresAtMs: number | undefined;
  readonly postOnly: boolean;
  readonly stp: StpMode;
  /** Cash paid (buys) or received (sells) for fills so far, excluding fees. */
  fillCost: Micros;
  feesPaid: Micros;
  readonly createdMs: number;
  updatedMs: number;
}

export const remainingQty = (o: Pick<SimOrder, 'qty' | 'filled'>): Qty => asQty(o.qty - o.filled);

export interface SimFill extends Terms {
  readonly id: string;
  readonly tradeId: string;
  readonly orderId: string;
  readonly clientOrderId: string | undefined;
  readonly fee: Micros;
  readonly liquidity: Liquidity;
  readonly tsMs: number;
}

export interface SimTrade {
  readonly id: string;
  readonly market: string;
  /** YES price of the trade (the maker's price). */
  readonly yesPx: Px;
  readonly qty: Qty;
  /** Which side of the YES book the taker was on. */
  readonly takerSide: BookSide;
  readonly takerOrderId: string;
  readonly makerOrderId: string;
  readonly tsMs: number;
}

export type MarketStatus = 'open' | 'paused' | 'closed' | 'settled';
export type ExchangeStatus = 'open' | 'cancel_only' | 'halted';

export interface Position {
  readonly yes: Qty;
  readonly no: Qty;
}

export interface AccountView {
  readonly id: string;
  /** Free cash. */
  readonly balance: Micros;
  /** Cash held for open buy orders (price × remaining + a fee bound). */
  readonly reserved: Micros;
  readonly positions: ReadonlyMap<string, Position>;
  /** Contracts held for open sell orders, per market. */
  readonly reservedPositions: ReadonlyMap<string, Position>;
}

export interface SimMarketConfig {
  readonly key: string;
  readonly grid: TickGrid;
  readonly minSize: Qty;
  readonly fees: FeeModel;
  readonly status?: MarketStatus;
}

export interface SimExchangeOptions {
  readonly venue: Venue;
  /** Kalshi nets YES against NO in an account automatically (each pair pays $1 back); Polymarket does not. */
  readonly autoNetPositions: boolean;
  /** Kalshi settles balances in whole cents under its sub-cent fee rule; Polymarket in micros. */
  readonly feeRounding: 'kalshi_subcent' | 'exact';
  readonly markets: readonly SimMarketConfig[];
  /** Prefix for generated ids, so ids from two venues never collide. */
  readonly idPrefix: string;
}

/** The full event log: every state change, numbered. */
export type SimEventBody =
  | {
      readonly type: 'order';
      readonly order: Readonly<SimOrder>;
      readonly change: 'accepted' | 'filled' | 'partial' | 'cancelled' | 'expired' | 'amended' | 'decreased';
    }
  | {
      readonly type: 'reject';
      readonly account: string;
      readonly market: string;
      readonly code: RejectCode;
      readonly clientOrderId: string | undefined;
    }
  | { readonly type: 'fill'; readonly fill: SimFill }
  | { readonly type: 'trade'; readonly trade: SimTrade }
  /** A YES-book level changed: `qty` is the new total at the level, `delta` the signed change. */
  | {
      readonly type: 'book';
      readonly market: string;
      readonly side: BookSide;
      readonly yesPx: Px;
      readonly qty: Qty;
      readonly delta: number;
    }
  | {
      readonly type: 'balance';
      readonly account: string;
      readonly balance: Micros;
      readonly reserved: Micros;
    }
  | {
      readonly type: 'position';
      readonly account: string;
      readonly market: string;
      readonly yes: Qty;
      readonly no: Qty;
    }
  | {
      readonly type: 'market';
      readonly market: string;
      readonly status: MarketStatus;
      readonly result?: Outcome;
    }
  | { readonly type: 'exchange'; readonly status: ExchangeStatus }
  | {
      readonly type: 'settlement';
      readonly account: string;
      readonly market: string;
      readonly result: Outcome;
      readonly payout: Micros;
    };

export type SimEvent = SimEventBody & { readonly seq: number; readonly tsMs: number };

export type PlaceResult =
  | { readonly ok: true; readonly order: Readonly<SimOrder>; readonly fills: readonly SimFill[] }
  | { readonly ok: false; readonly code: RejectCode; readonly message: string };

export type OrderOpResult =
  | { readonly ok: true; readonly order: Readonly<SimOrder> }
  | { readonly ok: false; readonly code: RejectCode; readonly message: string };

/** A YES-book level with the orders queued at it. */
export interface BookLevelView {
  readonly yesPx: Px;
  readonly qty: Qty;
  readonly orders: number;
}

export interface BookView {
  /** Best first. */
  readonly bids: readonly BookLevelView[];
  readonly asks: readonly BookLevelView[];
}
