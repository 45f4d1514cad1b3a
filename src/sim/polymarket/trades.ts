/**
 * The settlement side of Polymarket trades. The engine matches instantly; on the venue a match is then mined
 * and confirmed on chain, or fails. Each trade that involves an account with an API key is tracked here:
 * MATCHED at once, MINED after `minedAfterMs`, CONFIRMED `confirmedAfterMs` later, all on the simulator clock.
 * A trade can be failed on purpose (admin `POST /_sim/polymarket/fail-trade`) until it is CONFIRMED.
 *
 * What a FAILED trade reverses: what the venue *reports* to the accounts involved. `/balance-allowance` and
 * the Data API's `/positions` leave out the trade's effects (cash and tokens) — the engine's own ledger, which
 * the admin API shows, keeps them, and the liquidity it consumed stays consumed. Orders keep their matched size.
 */
import { createHash } from 'node:crypto';
import type { Clock, TimerHandle } from '../../core/clock.ts';
import { notional, type Px } from '../../core/units.ts';
import type { Exchange } from '../engine/exchange.ts';
import type { SimEvent, SimFill, SimTrade } from '../engine/types.ts';

export interface LastTrade {
  /** YES price of the market's last trade, and the taker's side of the YES book. */
  readonly yesPx: Px;
  readonly takerSide: 'bid' | 'ask';
  readonly qty: number;
}

export type TradeStatus = 'MATCHED' | 'MINED' | 'CONFIRMED' | 'FAILED';

export interface TradeRecord {
  readonly trade: SimTrade;
  readonly maker: SimFill;
  readonly taker: SimFill;
  status: TradeStatus;
  updatedMs: number;
  transactionHash: string;
}

export interface Reversal {
  /** Cash the reports add back (negative: take away), in micros. */
  cash: number;
  /** Per market, tokens the reports add back. */
  readonly positions: Map<string, { yes: number; no: number }>;
}

type Listener = (r: TradeRecord) => void;

export class TradeTracker {
  private readonly records = new Map<string, TradeRecord>();
  private readonly byAccount = new Map<string, TradeRecord[]>();
  private readonly pendingFills = new Map<string, SimFill[]>();
  private readonly timers = new Map<string, TimerHandle>();
  private readonly reversals = new Map<string, Reversal>();
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly clock: Clock,
    private readonly timing: { readonly minedAfterMs: number; readonly confirmedAfterMs: number },
    private readonly isKeyed: (account: string) => boolean,
    private readonly lastTrade: Map<string, LastTrade>,
  ) {}

  attach(ex: Exchange): () => void {
    return ex.subscribe((e) => this.onEvent(e));
  }

  onChange(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  get(id: string): TradeRecord | undefined {
    return this.records.get(id);
  }

  /** The account's trades, oldest first. */
  forAccount(account: string): readonly TradeRecord[] {
    return this.byAccount.get(account) ?? [];
  }

  reversal(account: string): Reversal | undefined {
    return this.reversals.get(account);
  }

  /** Fail a trade that is not yet CONFIRMED. */
  fail(id: string): { ok: true; record: TradeRecord } | { ok: false; status: 404 | 409; message: string } {
    const r = this.records.get(id);
    if (!r) return { ok: false, status: 404, message: `no tracked trade ${JSON.stringify(id)}` };
    if (r.status === 'CONFIRMED' || r.status === 'FAILED')
      return { ok: false, status: 409, message: `trade ${id} is already ${r.status}` };
    this.clock.clearTimer(this.timers.get(id));
    this.timers.delete(id);
    for (const f of [r.maker, r.taker]) if (this.isKeyed(f.account)) this.reverse(f);
    this.setStatus(r, 'FAILED');
    return { ok: true, record: r };
  }

  dispose(): void {
    for (const t of this.timers.values()) this.clock.clearTimer(t);
    this.timers.clear();
  }

  private onEvent(e: SimEvent): void {
    if (e.type === 'fill') {
      const list = this.pendingFills.get(e.fill.tradeId);
      if (list) list.push(e.fill);
      else this.pendingFills.set(e.fill.tradeId, [e.fill]);
      return;
    }
    if (e.type !== 'trade') return;
    const t = e.trade;
    this.lastTrade.set(t.market, { yesPx: t.yesPx, takerSide: t.takerSide, qty: t.qty });
    const fills = this.pendingFills.get(t.id) ?? [];
    this.pendingFills.delete(t.id);
    const maker = fills.find((f) => f.orderId === t.makerOrderId);
    const taker = fills.find((f) => f.orderId === t.takerOrderId);
    if (!maker || !taker || !(this.isKeyed(maker.account) || this.isKeyed(taker.account))) return;
    const r: TradeRecord = {
      trade: t,
      maker,
      taker,
      status: 'MATCHED',
      updatedMs: e.tsMs,
      transactionHash: '',
    };
    this.records.set(t.id, r);
    for (const account of new Set([maker.account, taker.account])) {
      if (!this.isKeyed(account)) continue;
      const list = this.byAccount.get(account);
      if (list) list.push(r);
      else this.byAccount.set(account, [r]);
    }
    this.schedule(r, this.timing.minedAfterMs, () => {
      r.transactionHash = `0x${createHash('sha256').update(`tx:${t.id}`).digest('hex')}`;
      this.setStatus(r, 'MINED');
      this.schedule(r, this.timing.confirmedAfterMs, () => {
        this.timers.delete(t.id);
        this.setStatus(r, 'CONFIRMED');
      });
    });
    for (const l of this.listeners) l(r);
  }

  private schedule(r: TradeRecord, ms: number, fn: () => void): void {
    this.timers.set(r.trade.id, this.clock.setTimeout(fn, ms));
  }

  private setStatus(r: TradeRecord, status: TradeStatus): void {
    r.status = status;
    r.updatedMs = this.clock.now();
    for (const l of this.listeners) l(r);
  }

  private reverse(f: SimFill): void {
    let rev = this.reversals.get(f.account);
    if (!rev) {
      rev = { cash: 0, positions: new Map() };
      this.reversals.set(f.account, rev);
    }
    const cost = notional(f.px, f.qty);
    rev.cash += f.side === 'BUY' ? cost + f.fee : -(cost - f.fee);
    let p = rev.positions.get(f.market);
    if (!p) {
      p = { yes: 0, no: 0 };
      rev.positions.set(f.market, p);
    }
    const delta = f.side === 'BUY' ? -f.qty : f.qty;
    if (f.outcome === 'YES') p.yes += delta;
    else p.no += delta;
  }
}
