/** The exchange's internal records, shared by its parts (order entry, validation, matching). */
import type { TimerHandle } from '../../core/clock.ts';
import type { Outcome } from '../../core/market.ts';
import type { Px } from '../../core/units.ts';
import type { OrderBook } from './book.ts';
import type { Reservation } from './ledger.ts';
import type { BookSide, MarketStatus, RejectCode, SimMarketConfig, SimOrder } from './types.ts';

export interface MarketState {
  readonly cfg: SimMarketConfig;
  status: MarketStatus;
  result: Outcome | undefined;
  readonly book: OrderBook;
}

export interface OrderState {
  readonly order: SimOrder;
  side: BookSide;
  yesPx: Px;
  resting: boolean;
  readonly reservation: Reservation;
  timer: TimerHandle | undefined;
}

/** Thrown inside order entry, caught once at the edge and turned into a reject event and result. */
export class Rejection {
  constructor(
    readonly code: RejectCode,
    readonly message: string,
  ) {}
}
