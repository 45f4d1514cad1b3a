/**
 * The run report: what a paper (or live) session saw and did, with money in integer micros. Built up while
 * the engine runs; `summary()` is what `--summary FILE` writes and what the closing report prints.
 */
import type { Venue } from '../core/market.ts';
import { asMicros, asPx, asQty, MICROS_PER_QTY_PAYOUT, notional, type Micros } from '../core/units.ts';
import type { LaneName } from '../hot/index.ts';
import { hedgedQty, type PackageSnapshot } from './lifecycle/package-state.ts';
import type { VenueGateView } from './venue-gate.ts';

export interface RunSummary {
  readonly mode: 'paper' | 'live';
  readonly data: 'sim' | 'live' | 'venues';
  readonly clock: 'real' | 'sim';
  readonly seed: number;
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly durationMs: number;
  readonly markets: {
    readonly byVenue: Record<string, number>;
    /** Markets a venue listed but its adapter refused to trade (e.g. no fee information), per venue. */
    readonly refused: Record<string, number>;
    readonly shapes: number;
    readonly relations: number;
  };
  /**
   * The mapping's relations not traded this run: refused, or in review without a valid approval
   * (`arb mapping check` gives every reason in full), and how many traded on an approval.
   */
  readonly mapping: {
    readonly heldBack: number;
    readonly byVerdict: { readonly review: number; readonly refused: number };
    readonly approved: number;
    readonly relations: readonly {
      readonly id: string;
      readonly verdict: 'review' | 'refused';
      readonly reasons: readonly string[];
    }[];
  };
  readonly books: {
    readonly snapshots: number;
    readonly updates: number;
    readonly invalidated: number;
    readonly polled: number;
  };
  readonly opportunities: { readonly total: number; readonly byLane: Record<string, number> };
  readonly plans: {
    readonly made: number;
    readonly executed: number;
    readonly denied: number;
    readonly denials: Record<string, number>;
    readonly sizedToZero: Record<string, number>;
    /** Opportunities first seen while a package was executing (taken afterwards if still open). */
    readonly skippedBusy: number;
    /** Opportunities held back because a leg's market was blocked by an order of unknown outcome. */
    readonly skippedBlocked: number;
  };
  readonly orders: {
    readonly count: number;
    readonly rejected: number;
    readonly unknown: number;
    readonly byVenue: Record<string, number>;
    /** Order updates the venues pushed (user WebSocket) that matched one of our orders. */
    readonly pushedUpdates: number;
    /** New orders refused before sending: their venue's gate was closed (heartbeats failing). */
    readonly gated: number;
  };
  readonly fills: {
    readonly count: number;
    readonly partial: number;
    readonly byVenue: Record<string, number>;
  };
  readonly packages: {
    readonly hedged: number;
    readonly partial: number;
    readonly unwound: number;
    readonly unhedged: number;
    readonly missed: number;
    /** Packages that had to wait for an order of unknown outcome (each also counts under its final status). */
    readonly waitedOnUnknown: number;
    /** Packages still waiting for an order's outcome when the run ended (the next start's recovery asks). */
    readonly unresolved: number;
  };
  readonly fees: {
    readonly totalMicros: Micros;
    readonly byVenue: Record<string, Micros>;
    /** Fills whose venue-reported fee differed from our fee model (`fee_drift` in the store), and by how much in sum. */
    readonly drift: { readonly fills: number; readonly micros: Micros };
  };
  readonly pnl: {
    readonly expectedMicros: Micros;
    readonly realizedMicros: Micros;
    /** realized / expected, or null when nothing was expected. */
    readonly realizedToExpected: number | null;
    readonly unwindLossMicros: Micros;
  };
  readonly capital: {
    readonly startingMicros: Record<string, Micros>;
    readonly endingMicros: Record<string, Micros>;
    readonly peakLockedMicros: Micros;
  };
  /** Legging and exposure: how much naked risk the run carried, and what the exposure policy decided. */
  readonly exposure: {
    /** Naked exposure integrated over time, micros × ms (÷ 1e9 = dollar-seconds). */
    readonly nakedMicrosMs: number;
    /** The largest any one package carried. */
    readonly maxPackageNakedMicrosMs: number;
    /** Packages whose legging stopped early (quote moved, leg gap or naked budget exceeded). */
    readonly aborted: number;
    readonly decisions: Record<string, number>;
  };
  /**
   * Fills the venues undid after reporting them (Polymarket trades FAILED), taken back from fills, positions,
   * packages and PnL: how many, their contracts, and what taking them back changed in realized PnL (micros; only
   * packages this run reported are in the PnL above, so only theirs change it).
   */
  readonly reversals: { readonly fills: number; readonly qty: number; readonly realizedMicros: Micros };
  /**
   * Venues with a dead-man switch (Polymarket heartbeats): the gate at the end of the run (open, or why not),
   * beats acknowledged and failed, how often and how long new orders were stopped.
   */
  readonly heartbeats: readonly VenueGateView[];
  /** Safe mode at the end of the run: new packages refused until `arb ack`. */
  readonly safeMode: { readonly on: boolean; readonly reasons: readonly string[] };
  /** What startup recovery found (all zero on a clean start). */
  readonly recovery: Record<string, number>;
  readonly config: unknown;
}

type PackageView = Pick<PackageSnapshot, 'state' | 'qty' | 'bought' | 'sold'>;

const inc = (r: Record<string, number>, k: string, by = 1): void => {
  r[k] = (r[k] ?? 0) + by;
};

/**
 * Money per venue, checked on the way out: the counters are plain sums, and a sum that is not a safe integer
 * (a NaN from a bug upstream) must fail the report loudly rather than print as money.
 */
const microsByKey = (r: Record<string, number>): Record<string, Micros> =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, asMicros(v)]));

export class RunStats {
  private startedAtMs = 0;
  private endedAtMs = 0;
  readonly marketsByVenue: Record<string, number> = {};
  readonly marketsRefused: Record<string, number> = {};
  shapes = 0;
  relations = 0;
  mapping: RunSummary['mapping'] = {
    heldBack: 0,
    byVerdict: { review: 0, refused: 0 },
    approved: 0,
    relations: [],
  };
  readonly books = { snapshots: 0, updates: 0, invalidated: 0, polled: 0 };
  readonly opportunitiesByLane: Record<string, number> = {};
  readonly plans = {
    made: 0,
    executed: 0,
    denied: 0,
    denials: {} as Record<string, number>,
    sizedToZero: {} as Record<string, number>,
    skippedBusy: 0,
    skippedBlocked: 0,
  };
  readonly orders = {
    count: 0,
    rejected: 0,
    unknown: 0,
    byVenue: {} as Record<string, number>,
    pushedUpdates: 0,
    gated: 0,
  };
  readonly fills = { count: 0, partial: 0, byVenue: {} as Record<string, number> };
  readonly packages = {
    hedged: 0,
    partial: 0,
    unwound: 0,
    unhedged: 0,
    missed: 0,
    waitedOnUnknown: 0,
    unresolved: 0,
  };
  readonly feesByVenue: Record<string, number> = {};
  feeDrift = { fills: 0, micros: 0 };
  expectedMicros = 0;
  realizedMicros = 0;
  unwindLossMicros = 0;
  readonly startingMicros: Record<string, number> = {};
  readonly endingMicros: Record<string, number> = {};
  peakLockedMicros = 0;
  readonly exposure = {
    nakedMicrosMs: 0,
    maxPackageNakedMicrosMs: 0,
    aborted: 0,
    decisions: {} as Record<string, number>,
  };
  venueGates: readonly VenueGateView[] = [];
  readonly reversals = { fills: 0, qty: 0, realizedMicros: 0 };
  safeMode: { on: boolean; reasons: string[] } = { on: false, reasons: [] };
  recovery: Record<string, number> = {};

  constructor(
    private readonly meta: {
      mode: RunSummary['mode'];
      data: RunSummary['data'];
      clock: RunSummary['clock'];
      seed: number;
      config: unknown;
    },
  ) {}

  started(atMs: number): void {
    this.startedAtMs = atMs;
  }

  ended(atMs: number): void {
    this.endedAtMs = atMs;
  }

  /** The relations held back at start (see `TradingUniverse.relations`). */
  heldBack(
    held: readonly { id: string; verdict: 'review' | 'refused'; reasons: readonly { code: string }[] }[],
    approved: number,
  ): void {
    this.mapping = {
      heldBack: held.length,
      byVerdict: {
        review: held.filter((h) => h.verdict === 'review').length,
        refused: held.filter((h) => h.verdict === 'refused').length,
      },
      approved,
      relations: held.map((h) => ({
        id: h.id,
        verdict: h.verdict,
        reasons: [...new Set(h.reasons.map((r) => r.code))],
      })),
    };
  }

  opportunity(lane: LaneName): void {
    inc(this.opportunitiesByLane, lane);
  }

  denied(codes: readonly string[]): void {
    this.plans.denied++;
    for (const c of codes) inc(this.plans.denials, c);
  }

  sizedToZero(reason: string): void {
    inc(this.plans.sizedToZero, reason);
  }

  order(venue: Venue, outcome: 'ok' | 'rejected' | 'unknown'): void {
    this.orders.count++;
    inc(this.orders.byVenue, venue);
    if (outcome === 'rejected') this.orders.rejected++;
    if (outcome === 'unknown') this.orders.unknown++;
  }

  fill(venue: Venue, feeMicros: number): void {
    this.fills.count++;
    inc(this.fills.byVenue, venue);
    inc(this.feesByVenue, venue, feeMicros);
  }

  /**
   * A fill the venue undid. `pkg`: its package, when this run reported it (then its fill, fee, status and PnL are
   * taken back from the report): the package before and after, its payout per contract and planned edge.
   */
  reversal(
    venue: Venue,
    fill: { side: 'BUY' | 'SELL'; px: number; qty: number; fee: number },
    pkg?: {
      before: PackageView;
      after: PackageView;
      payoutUnits: number;
      expectedEdge: number;
    },
  ): void {
    this.reversals.fills++;
    this.reversals.qty += fill.qty;
    if (!pkg) return;
    this.fills.count--;
    inc(this.fills.byVenue, venue, -1);
    inc(this.feesByVenue, venue, -fill.fee);
    if (pkg.before.state !== pkg.after.state) {
      const b = pkg.before.state as keyof RunStats['packages'];
      const a = pkg.after.state as keyof RunStats['packages'];
      if (b in this.packages) this.packages[b]--;
      if (a in this.packages) this.packages[a]++;
    }
    // Realized = payout of the hedged contracts − what the buys cost + what the sales returned (net of fees).
    const payout = (p: PackageView) => Math.round(pkg.payoutUnits * hedgedQty(p) * MICROS_PER_QTY_PAYOUT);
    const cash = notional(asPx(fill.px), asQty(fill.qty));
    const delta =
      payout(pkg.after) - payout(pkg.before) + (fill.side === 'BUY' ? cash + fill.fee : -(cash - fill.fee));
    this.realizedMicros += delta;
    this.reversals.realizedMicros += delta;
    const expected = (p: PackageView) => Math.floor((pkg.expectedEdge * hedgedQty(p)) / p.qty);
    this.expectedMicros += expected(pkg.after) - expected(pkg.before);
  }

  /** A package's legging outcome: naked exposure carried, abort, exposure decisions. */
  legging(r: { nakedMicrosMs: number; aborted?: string; decisions: readonly { decision: string }[] }): void {
    this.exposure.nakedMicrosMs += r.nakedMicrosMs;
    this.exposure.maxPackageNakedMicrosMs = Math.max(this.exposure.maxPackageNakedMicrosMs, r.nakedMicrosMs);
    if (r.aborted !== undefined) this.exposure.aborted++;
    for (const d of r.decisions) inc(this.exposure.decisions, d.decision);
  }

  summary(): RunSummary {
    const feesTotal = Object.values(this.feesByVenue).reduce((s, v) => s + v, 0);
    return {
      mode: this.meta.mode,
      data: this.meta.data,
      clock: this.meta.clock,
      seed: this.meta.seed,
      startedAtMs: this.startedAtMs,
      endedAtMs: this.endedAtMs,
      durationMs: this.endedAtMs - this.startedAtMs,
      markets: {
        byVenue: { ...this.marketsByVenue },
        refused: { ...this.marketsRefused },
        shapes: this.shapes,
        relations: this.relations,
      },
      mapping: {
        ...this.mapping,
        byVerdict: { ...this.mapping.byVerdict },
        relations: this.mapping.relations.map((r) => ({ ...r, reasons: [...r.reasons] })),
      },
      books: { ...this.books },
      opportunities: {
        total: Object.values(this.opportunitiesByLane).reduce((s, v) => s + v, 0),
        byLane: { ...this.opportunitiesByLane },
      },
      plans: {
        ...this.plans,
        denials: { ...this.plans.denials },
        sizedToZero: { ...this.plans.sizedToZero },
      },
      orders: { ...this.orders, byVenue: { ...this.orders.byVenue } },
      fills: { ...this.fills, byVenue: { ...this.fills.byVenue } },
      packages: { ...this.packages },
      fees: {
        totalMicros: asMicros(feesTotal),
        byVenue: microsByKey(this.feesByVenue),
        drift: { fills: this.feeDrift.fills, micros: asMicros(this.feeDrift.micros) },
      },
      pnl: {
        expectedMicros: asMicros(this.expectedMicros),
        realizedMicros: asMicros(this.realizedMicros),
        realizedToExpected:
          this.expectedMicros > 0
            ? Math.round((this.realizedMicros / this.expectedMicros) * 10_000) / 10_000
            : null,
        unwindLossMicros: asMicros(this.unwindLossMicros),
      },
      capital: {
        startingMicros: microsByKey(this.startingMicros),
        endingMicros: microsByKey(this.endingMicros),
        peakLockedMicros: asMicros(this.peakLockedMicros),
      },
      exposure: { ...this.exposure, decisions: { ...this.exposure.decisions } },
      reversals: { ...this.reversals, realizedMicros: asMicros(this.reversals.realizedMicros) },
      heartbeats: this.venueGates.map((g) => ({ ...g, beats: { ...g.beats } })),
      safeMode: { on: this.safeMode.on, reasons: [...this.safeMode.reasons] },
      recovery: { ...this.recovery },
      config: this.meta.config,
    };
  }
}
