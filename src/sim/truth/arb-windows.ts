/**
 * The simulator's own record of arbitrage: for every relation in the scenario's mapping, it prices the
 * relation's arbitrage portfolios from the true books (walking depth for a minimum tradable size), proves them
 * with the core payout verifier, and records each *window* — from the first scan where a portfolio has positive
 * edge after fees until the first scan where it no longer does. Detection is judged against this.
 */
import type { Clock, TimerHandle } from '../../core/clock.ts';
import { MarketIdTable, type Outcome, type Venue } from '../../core/market.ts';
import { type Leg, type Relation, verify } from '../../core/portfolio.ts';
import { asQty, MICROS_PER_QTY_PAYOUT, notional, type Px, pxComplement, type Qty } from '../../core/units.ts';
import { coreRelation } from '../../mapping/relations.ts';
import type { MappingFile, MappingRelation, MarketRef } from '../../mapping/types.ts';
import type { Exchange } from '../engine/exchange.ts';
import type { ScenarioMarket } from '../universe/types.ts';

export type WindowLane = 'cross_venue' | 'parity' | 'event_tree' | 'structural';

export interface ArbWindow {
  readonly id: string;
  readonly relationId: string;
  readonly lane: WindowLane;
  readonly legs: readonly { readonly venue: Venue; readonly market: string; readonly outcome: Outcome }[];
  readonly qty: Qty;
  readonly openedMs: number;
  closedMs: number | undefined;
  /** Best edge seen while open, after fees, in micros for `qty`. */
  maxEdgeMicros: number;
}

interface Candidate {
  readonly id: string;
  readonly relationId: string;
  readonly lane: WindowLane;
  readonly legs: readonly { readonly ref: MarketRef; readonly outcome: Outcome }[];
  readonly relation: Relation;
  /** Contracts of payout guaranteed per contract of each leg (1 for pairs, n − 1 for a NO basket). */
  readonly payoutPerUnit: number;
}

export interface ArbWindowTrackerOptions {
  readonly exchanges: Readonly<Partial<Record<Venue, Exchange>>>;
  readonly clock: Clock;
  readonly mapping: MappingFile;
  readonly markets: readonly ScenarioMarket[];
  /** How often dirty relations are re-priced (ms of the injected clock). */
  readonly scanMs?: number;
}

const refKey = (r: MarketRef): string => `${r.venue}|${r.market}`;

export class ArbWindowTracker {
  private readonly ids = new MarketIdTable();
  private readonly candidates: Candidate[] = [];
  private readonly byMarket = new Map<string, Candidate[]>();
  private readonly meta = new Map<string, ScenarioMarket>();
  private readonly dirty = new Set<string>();
  private readonly openByCandidate = new Map<string, ArbWindow>();
  private readonly all: ArbWindow[] = [];
  private readonly unsubscribe: (() => void)[] = [];
  private timer: TimerHandle | undefined;

  constructor(private readonly opts: ArbWindowTrackerOptions) {
    for (const m of opts.markets) this.meta.set(`${m.venue}|${m.key}`, m);
    for (const r of opts.mapping.relations) {
      for (const c of this.candidatesFor(r)) {
        if (!c.legs.every((l) => this.meta.has(refKey(l.ref)) && opts.exchanges[l.ref.venue])) continue;
        this.candidates.push(c);
        for (const l of c.legs) {
          const k = refKey(l.ref);
          this.byMarket.set(k, [...(this.byMarket.get(k) ?? []), c]);
        }
      }
    }
  }

  /** Number of arbitrage portfolios watched. */
  get watched(): number {
    return this.candidates.length;
  }

  start(): this {
    for (const [venue, ex] of Object.entries(this.opts.exchanges) as [Venue, Exchange][]) {
      this.unsubscribe.push(
        ex.subscribe((e) => {
          if (e.type === 'book') this.dirty.add(`${venue}|${e.market}`);
        }),
      );
    }
    for (const c of this.candidates) for (const l of c.legs) this.dirty.add(refKey(l.ref));
    this.timer = this.opts.clock.setInterval(() => this.scan(), this.opts.scanMs ?? 500);
    return this;
  }

  stop(): void {
    this.opts.clock.clearTimer(this.timer);
    for (const u of this.unsubscribe) u();
    this.scan();
  }

  /** Every window so far (open ones have `closedMs` undefined), in opening order. */
  windows(): readonly ArbWindow[] {
    return this.all;
  }

  /** Re-price every portfolio touching a market whose book changed since the last scan. */
  scan(): void {
    const todo = new Set<Candidate>();
    for (const k of this.dirty) for (const c of this.byMarket.get(k) ?? []) todo.add(c);
    this.dirty.clear();
    const now = this.opts.clock.now();
    for (const c of todo) {
      const edge = this.edge(c);
      const open = this.openByCandidate.get(c.id);
      if (edge !== undefined && edge > 0) {
        if (open) open.maxEdgeMicros = Math.max(open.maxEdgeMicros, edge);
        else {
          const w: ArbWindow = {
            id: `${c.id}@${now}`,
            relationId: c.relationId,
            lane: c.lane,
            legs: c.legs.map((l) => ({ venue: l.ref.venue, market: l.ref.market, outcome: l.outcome })),
            qty: this.tradeQty(c),
            openedMs: now,
            closedMs: undefined,
            maxEdgeMicros: edge,
          };
          this.openByCandidate.set(c.id, w);
          this.all.push(w);
        }
      } else if (open) {
        open.closedMs = now;
        this.openByCandidate.delete(c.id);
      }
    }
  }

  /** Edge after fees of buying every leg for the trade size at executable prices, or undefined. */
  private edge(c: Candidate): number | undefined {
    const qty = this.tradeQty(c);
    const legs: Leg[] = [];
    let cost = 0;
    for (const l of c.legs) {
      const px = this.worstAsk(l.ref, l.outcome, qty);
      if (px === undefined) return undefined;
      cost += notional(px, qty);
      const m = this.meta.get(refKey(l.ref))!;
      legs.push({
        venue: l.ref.venue,
        market: this.ids.intern(l.ref.venue, l.ref.market),
        outcome: l.outcome,
        side: 'BUY',
        px,
        qty,
        fees: m.fees,
      });
    }
    // Cheap gross test first: the verifier runs only when the payout can beat the cost before fees.
    if (c.payoutPerUnit * qty * MICROS_PER_QTY_PAYOUT - cost <= 0) return undefined;
    const v = verify(legs, [c.relation]);
    return v.ok ? v.value.edge : undefined;
  }

  /** The price of the last level needed to buy `qty` of `outcome` (YES asks, or NO asks = 1 − YES bids). */
  private worstAsk(ref: MarketRef, outcome: Outcome, qty: Qty): Px | undefined {
    const book = this.opts.exchanges[ref.venue]!.book(ref.market);
    if (!book) return undefined;
    const levels = outcome === 'YES' ? book.asks : book.bids;
    let got = 0;
    for (const l of levels) {
      got += l.qty;
      if (got >= qty) return outcome === 'YES' ? l.yesPx : pxComplement(l.yesPx);
    }
    return undefined;
  }

  /** The smallest size every leg's venue accepts (at least one contract). */
  private tradeQty(c: Candidate): Qty {
    return asQty(Math.max(100, ...c.legs.map((l) => this.meta.get(refKey(l.ref))!.minSize)));
  }

  private candidatesFor(r: MappingRelation): Candidate[] {
    const relation = coreRelation(r, this.ids);
    const mk = (
      suffix: string,
      lane: WindowLane,
      legs: Candidate['legs'],
      payoutPerUnit: number,
    ): Candidate => ({
      id: `${r.id}#${suffix}`,
      relationId: r.id,
      lane,
      legs,
      relation,
      payoutPerUnit,
    });
    switch (r.kind) {
      case 'equivalent': {
        const lane: WindowLane = r.a.venue === r.b.venue ? 'parity' : 'cross_venue';
        const flip = (o: Outcome): Outcome => (r.polarity === 'same' ? (o === 'YES' ? 'NO' : 'YES') : o);
        return (['YES', 'NO'] as const).map((o) =>
          mk(
            o,
            lane,
            [
              { ref: r.a, outcome: o },
              { ref: r.b, outcome: flip(o) },
            ],
            1,
          ),
        );
      }
      case 'exclusive': {
        const n = r.markets.length;
        const no = mk(
          'NO',
          'event_tree',
          r.markets.map((ref) => ({ ref, outcome: 'NO' as const })),
          n - 1,
        );
        if (!r.exhaustive) return [no];
        return [
          mk(
            'YES',
            'event_tree',
            r.markets.map((ref) => ({ ref, outcome: 'YES' as const })),
            1,
          ),
          no,
        ];
      }
      case 'implies':
        return [
          mk(
            'NO_A_YES_B',
            'structural',
            [
              { ref: r.a, outcome: 'NO' },
              { ref: r.b, outcome: 'YES' },
            ],
            1,
          ),
        ];
    }
  }
}

/** Summary numbers for reports and tests. */
export function windowStats(windows: readonly ArbWindow[], nowMs: number) {
  const byLane: Record<string, number> = {};
  const lifetimes: number[] = [];
  for (const w of windows) {
    byLane[w.lane] = (byLane[w.lane] ?? 0) + 1;
    lifetimes.push((w.closedMs ?? nowMs) - w.openedMs);
  }
  lifetimes.sort((a, b) => a - b);
  return {
    count: windows.length,
    byLane,
    medianLifetimeMs: lifetimes.length ? lifetimes[Math.floor(lifetimes.length / 2)]! : 0,
  };
}
