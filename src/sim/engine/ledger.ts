/**
 * Every money and contract movement of the simulated exchange: order reservations, fill settlement with the
 * venue's fee rule, Kalshi-style auto-netting, and market settlement. Nothing else touches balances.
 *
 * Conserved: Σ balance + Σ reserved + fees collected + escrow = Σ deposits, where escrow is $1 per minted
 * YES/NO pair still outstanding. Contracts: per market, Σ YES held = Σ NO held = pairs in escrow.
 */
import {
  feeFor,
  KalshiFeeAccumulator,
  kalshiModelFee,
  type FeeModel,
  type Liquidity,
} from '../../core/fees.ts';
import type { Outcome } from '../../core/market.ts';
import {
  asMicros,
  asQty,
  type Micros,
  MICROS_PER_QTY_PAYOUT,
  notional,
  type Px,
  type Qty,
} from '../../core/units.ts';
import { type Account, Accounts } from './accounts.ts';
import type { SimEventBody, SimOrder } from './types.ts';
import { remainingQty } from './types.ts';

/** Cash a buy order holds back: its remaining notional at the limit plus a fee bound. */
export interface Reservation {
  /** Cash still held for this order. */
  pool: number;
  /** Kalshi sub-cent accumulator, one per order as the venue does. */
  readonly feeAcc: KalshiFeeAccumulator | undefined;
}

export interface FillLeg {
  readonly order: SimOrder;
  readonly reservation: Reservation;
  readonly liquidity: Liquidity;
}

export class Ledger {
  readonly accounts = new Accounts();
  feesCollected = 0;
  private readonly escrowByMarket = new Map<string, number>();

  constructor(
    private readonly feeRounding: 'kalshi_subcent' | 'exact',
    private readonly autoNet: boolean,
    private readonly emit: (e: SimEventBody) => void,
  ) {}

  get escrow(): number {
    let s = 0;
    for (const v of this.escrowByMarket.values()) s += v;
    return s;
  }

  escrowOf(market: string): number {
    return this.escrowByMarket.get(market) ?? 0;
  }

  /**
   * What a buy of `qty` at `px` must hold back: notional + the venue's fee bound. Cost + fee rises with the
   * price, so fills at better prices never need more. Kalshi adds a cent for its per-fill rounding.
   */
  requiredPool(fees: FeeModel, px: Px, qty: Qty): number {
    if (qty <= 0) return 0;
    const slack = this.feeRounding === 'kalshi_subcent' ? 10_000 : 0;
    return notional(px, qty) + feeFor(fees, 'taker', px, qty) + slack;
  }

  newReservation(): Reservation {
    return {
      pool: 0,
      feeAcc: this.feeRounding === 'kalshi_subcent' ? new KalshiFeeAccumulator() : undefined,
    };
  }

  /** Move cash between free balance and an order's pool to reach `target`; false if the balance is short. */
  setPool(a: Account, r: Reservation, target: number): boolean {
    const diff = target - r.pool;
    if (diff > a.balance) return false;
    a.balance -= diff;
    a.reserved += diff;
    r.pool = target;
    this.emitBalance(a);
    return true;
  }

  /** Hold (or release, with a negative qty) contracts promised to a sell order. */
  holdContracts(a: Account, market: string, outcome: Outcome, qty: number): void {
    const h = a.heldForSells(market);
    if (outcome === 'YES') h.yes += qty;
    else h.no += qty;
  }

  /** Release whatever an order still holds: its cash pool, or the contracts of a sell. */
  releaseOrder(a: Account, order: SimOrder, r: Reservation): void {
    if (order.side === 'BUY') {
      if (r.pool !== 0) this.setPool(a, r, 0);
    } else {
      this.holdContracts(a, order.market, order.outcome, -remainingQty(order));
    }
  }

  /**
   * Settle one side of a fill of `qty` at YES price `yesPx`: cash against the pool or balance, fees by the
   * venue rule, contracts in or out. Returns the fee charged.
   */
  settleFill(leg: FillLeg, fees: FeeModel, pxOutcome: Px, qty: Qty): Micros {
    const { order, reservation: r } = leg;
    const a = this.accounts.get(order.account)!;
    const cash = notional(pxOutcome, qty);
    let feeCharged: number;
    let balanceChange: number; // signed change of (free + pool) for this fill
    if (r.feeAcc) {
      // Kalshi: the model fee is the sub-cent one; the accumulator floors to cents and refunds over-rounding.
      const sub = subcentModelFee(fees, leg.liquidity, pxOutcome, qty);
      const res = r.feeAcc.apply(asMicros(order.side === 'BUY' ? -cash : cash), sub);
      balanceChange = res.balanceChange;
      feeCharged = res.feeCharged;
    } else {
      feeCharged = feeFor(fees, leg.liquidity, pxOutcome, qty);
      balanceChange = order.side === 'BUY' ? -(cash + feeCharged) : cash - feeCharged;
    }
    if (order.side === 'BUY') {
      // Pay from the order's pool first; anything beyond it (rounding) comes from free cash.
      const debit = -balanceChange;
      const fromPool = Math.min(debit, r.pool);
      r.pool -= fromPool;
      a.reserved -= fromPool;
      a.balance -= debit - fromPool;
    } else {
      a.balance += balanceChange;
      this.holdContracts(a, order.market, order.outcome, -qty);
    }
    const pos = a.position(order.market);
    const delta = order.side === 'BUY' ? qty : -qty;
    if (order.outcome === 'YES') pos.yes += delta;
    else pos.no += delta;
    this.feesCollected += feeCharged;
    order.fillCost = asMicros(order.fillCost + cash);
    order.feesPaid = asMicros(order.feesPaid + feeCharged);
    return asMicros(feeCharged);
  }

  /** Two buyers mint pairs into escrow; two sellers burn pairs out of it; a buyer and a seller transfer. */
  adjustEscrow(market: string, takerSide: 'BUY' | 'SELL', makerSide: 'BUY' | 'SELL', qty: Qty): void {
    if (takerSide !== makerSide) return;
    const sign = takerSide === 'BUY' ? 1 : -1;
    this.escrowByMarket.set(market, this.escrowOf(market) + sign * qty * MICROS_PER_QTY_PAYOUT);
  }

  /** Kalshi: holding YES and NO of one market is netted into cash at $1 a pair. */
  netPositions(a: Account, market: string): void {
    if (!this.autoNet) return;
    const pairs = Math.min(a.freeContracts(market, 'YES'), a.freeContracts(market, 'NO'));
    if (pairs <= 0) return;
    const pos = a.position(market);
    pos.yes -= pairs;
    pos.no -= pairs;
    const cash = pairs * MICROS_PER_QTY_PAYOUT;
    a.balance += cash;
    this.escrowByMarket.set(market, this.escrowOf(market) - cash);
  }

  /** Pay $1 per winning contract and clear the market's positions. */
  settleMarket(market: string, result: Outcome): void {
    for (const a of this.accounts.all()) {
      const pos = a.positions.get(market);
      if (!pos || (pos.yes === 0 && pos.no === 0)) continue;
      const winners = result === 'YES' ? pos.yes : pos.no;
      const payout = winners * MICROS_PER_QTY_PAYOUT;
      a.balance += payout;
      this.escrowByMarket.set(market, this.escrowOf(market) - payout);
      pos.yes = 0;
      pos.no = 0;
      this.emit({ type: 'settlement', account: a.id, market, result, payout: asMicros(payout) });
      this.emitPosition(a, market);
      this.emitBalance(a);
    }
  }

  emitBalance(a: Account): void {
    this.emit({
      type: 'balance',
      account: a.id,
      balance: asMicros(a.balance),
      reserved: asMicros(a.reserved),
    });
  }

  emitPosition(a: Account, market: string): void {
    const p = a.position(market);
    this.emit({ type: 'position', account: a.id, market, yes: asQty(p.yes), no: asQty(p.no) });
  }

  /** The conservation identity's parts. */
  totals(): { balance: number; reserved: number; fees: number; escrow: number; deposited: number } {
    const t = this.accounts.totals();
    return { ...t, fees: this.feesCollected, escrow: this.escrow, deposited: this.accounts.deposited };
  }
}

/** Under Kalshi's sub-cent rule the per-fill model fee is rounded to $0.0001, not to the cent. */
function subcentModelFee(fees: FeeModel, liquidity: Liquidity, px: Px, qty: Qty): Micros {
  return fees.kind === 'kalshi' ? kalshiModelFee(fees, liquidity, px, qty) : feeFor(fees, liquidity, px, qty);
}
