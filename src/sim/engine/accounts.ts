/**
 * Simulated member accounts: free cash, cash held by open buy orders, contracts per market (YES and NO), and
 * contracts held by open sell orders. The exchange moves money only through these methods, so conservation can
 * be checked in one place: Σ balance + Σ reserved + fees collected + escrow never changes except by deposits.
 */
import type { Outcome } from '../../core/market.ts';
import { asMicros, asQty } from '../../core/units.ts';
import type { AccountView, Position } from './types.ts';

interface MutablePosition {
  yes: number;
  no: number;
}

export class Account {
  balance = 0;
  reserved = 0;
  readonly positions = new Map<string, MutablePosition>();
  readonly reservedPositions = new Map<string, MutablePosition>();

  constructor(
    readonly id: string,
    /** Keep full order and fill history (the bot); agents' finished orders are dropped to bound memory. */
    readonly tracked: boolean,
  ) {}

  position(market: string): MutablePosition {
    let p = this.positions.get(market);
    if (!p) {
      p = { yes: 0, no: 0 };
      this.positions.set(market, p);
    }
    return p;
  }

  heldForSells(market: string): MutablePosition {
    let p = this.reservedPositions.get(market);
    if (!p) {
      p = { yes: 0, no: 0 };
      this.reservedPositions.set(market, p);
    }
    return p;
  }

  /** Contracts of `outcome` not promised to an open sell order. */
  freeContracts(market: string, outcome: Outcome): number {
    const p = this.positions.get(market);
    const r = this.reservedPositions.get(market);
    const key = outcome === 'YES' ? 'yes' : 'no';
    return (p?.[key] ?? 0) - (r?.[key] ?? 0);
  }

  view(): AccountView {
    const copy = (m: Map<string, MutablePosition>): Map<string, Position> => {
      const out = new Map<string, Position>();
      for (const [k, v] of [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (v.yes !== 0 || v.no !== 0) out.set(k, { yes: asQty(v.yes), no: asQty(v.no) });
      }
      return out;
    };
    return {
      id: this.id,
      balance: asMicros(this.balance),
      reserved: asMicros(this.reserved),
      positions: copy(this.positions),
      reservedPositions: copy(this.reservedPositions),
    };
  }
}

export class Accounts {
  private readonly byId = new Map<string, Account>();
  /** Everything ever deposited (minus withdrawals): the conserved total. */
  deposited = 0;

  open(id: string, tracked: boolean): Account {
    let a = this.byId.get(id);
    if (!a) {
      a = new Account(id, tracked);
      this.byId.set(id, a);
    }
    return a;
  }

  get(id: string): Account | undefined {
    return this.byId.get(id);
  }

  all(): Account[] {
    return [...this.byId.values()];
  }

  deposit(a: Account, micros: number): void {
    a.balance += micros;
    this.deposited += micros;
  }

  totals(): { balance: number; reserved: number } {
    let balance = 0;
    let reserved = 0;
    for (const a of this.byId.values()) {
      balance += a.balance;
      reserved += a.reserved;
    }
    return { balance, reserved };
  }
}
