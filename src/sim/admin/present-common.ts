/** What both venues show alike of an order, a fill and an account; each presenter supplies its own units. */
import type { AccountView, SimFill, SimOrder } from '../engine/types.ts';
import { nullable, type Presented, usd } from './presenter.ts';

/** What differs between venues in an order or a fill: the token id (Polymarket), side, price and sizes. */
export interface OwnTerms {
  /** Polymarket only: the outcome's token id (null when the scenario has none). */
  readonly asset_id?: string | null;
  readonly side: string;
  readonly price: string;
  readonly size: string;
}

/** An order as every venue shows it, in the venue's own terms, statuses and sizes. */
export function presentOrder(
  o: Readonly<SimOrder>,
  own: OwnTerms & { readonly filled: string; readonly status: string },
): Presented {
  return {
    id: o.id,
    clientOrderId: nullable(o.clientOrderId),
    account: o.account,
    market: o.market,
    ...('asset_id' in own && { asset_id: own.asset_id }),
    outcome: o.outcome,
    side: own.side,
    price: own.price,
    size: own.size,
    filled: own.filled,
    status: own.status,
    tif: o.tif,
    fees: usd(o.feesPaid),
    createdMs: o.createdMs,
    updatedMs: o.updatedMs,
  };
}

/** A fill as every venue shows it, in the venue's own terms. */
export function presentFill(f: SimFill, own: OwnTerms): Presented {
  return {
    id: f.id,
    tradeId: f.tradeId,
    orderId: f.orderId,
    clientOrderId: nullable(f.clientOrderId),
    account: f.account,
    market: f.market,
    ...('asset_id' in own && { asset_id: own.asset_id }),
    outcome: f.outcome,
    side: own.side,
    price: own.price,
    size: own.size,
    fee: usd(f.fee),
    liquidity: f.liquidity,
    createdMs: f.tsMs,
  };
}

/** An account's cash as every venue shows it, with its positions as the venue counts them. */
export function presentAccount(a: AccountView, positions: readonly Presented[]): Presented {
  return { account: a.id, balance: usd(a.balance), reserved: usd(a.reserved), positions };
}
