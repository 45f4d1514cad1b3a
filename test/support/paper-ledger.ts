/**
 * A paper or live run's report held against its own event log: every package line lists its orders with what
 * they filled, cost and paid in fees, so the report's counts, fees, PnL and cash must all follow from those
 * fills. A run that traded nothing passes these checks trivially: callers assert activity first.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { RunSummary } from '../../src/exec/index.ts';

/** One order of a finished package, as `<state>/logs/<paper|live>.jsonl` records it. */
export interface LoggedLeg {
  readonly venue: string;
  readonly side: 'BUY' | 'SELL';
  readonly requested: number;
  readonly filled: number;
  readonly costMicros: number;
  readonly feeMicros: number;
}

/** A `package` line of the event log. */
export interface LoggedPackage {
  readonly packageId: string;
  readonly status: Exclude<keyof RunSummary['packages'], 'waitedOnUnknown' | 'unresolved'>;
  readonly hedged: number;
  readonly expectedMicros: number;
  readonly realizedMicros: number;
  readonly legs: readonly LoggedLeg[];
}

/** The package lines of an event log (other events skipped). */
export function loggedPackages(logFile: string): LoggedPackage[] {
  return readFileSync(logFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { event?: string })
    .filter((l): l is LoggedPackage & { event: 'package' } => l.event === 'package');
}

/** Cash a leg moved: a buy pays its cost and fees, a sale receives its proceeds less fees. */
const cashOf = (l: LoggedLeg): number =>
  l.side === 'BUY' ? -(l.costMicros + l.feeMicros) : l.costMicros - l.feeMicros;

const sumBy = <T>(xs: readonly T[], key: (x: T) => string, value: (x: T) => number) => {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + value(x);
  return out;
};

/** Micros one contract (100 Qty) pays: the report's Qty are hundredths of a contract. */
const MICROS_PER_QTY = 10_000;

/**
 * The report agrees with the packages' fills: package and order counts, fees, expected and realized PnL, and each
 * venue's cash change; and each package's realized PnL is its cash flow plus the guaranteed payout of what it
 * holds hedged (a whole number of dollars per hedged contract: 1 for a pair, n − 1 for an n-way NO basket).
 */
export function expectConsistentWithFills(s: RunSummary, packages: readonly LoggedPackage[]): void {
  const legs = packages.flatMap((p) => p.legs);
  const byStatus = {
    hedged: 0,
    partial: 0,
    unwound: 0,
    unhedged: 0,
    missed: 0,
    ...sumBy(
      packages,
      (p) => p.status,
      () => 1,
    ),
  };
  // Paper orders always answer, so no package ever waits for an unknown outcome here.
  expect({ ...byStatus, waitedOnUnknown: 0, unresolved: 0 }).toEqual(s.packages);
  expect(packages).toHaveLength(s.plans.executed);
  expect(legs).toHaveLength(s.orders.count);
  expect(
    sumBy(
      legs,
      (l) => l.venue,
      () => 1,
    ),
  ).toEqual(s.orders.byVenue);
  // Every order that filled brought at least one fill.
  expect(s.fills.count).toBeGreaterThanOrEqual(legs.filter((l) => l.filled > 0).length);
  expect(legs.reduce((t, l) => t + l.feeMicros, 0)).toBe(s.fees.totalMicros);
  expect(packages.reduce((t, p) => t + p.expectedMicros, 0)).toBe(s.pnl.expectedMicros);
  expect(packages.reduce((t, p) => t + p.realizedMicros, 0)).toBe(s.pnl.realizedMicros);
  // Each venue's cash moved by exactly what its fills cost and returned.
  for (const v of Object.keys(s.capital.startingMicros)) {
    const moved = legs.filter((l) => l.venue === v).reduce((t, l) => t + cashOf(l), 0);
    expect({ venue: v, moved: s.capital.endingMicros[v]! - s.capital.startingMicros[v]! }).toEqual({
      venue: v,
      moved,
    });
  }
  for (const p of packages) {
    const payout = p.realizedMicros - p.legs.reduce((t, l) => t + cashOf(l), 0);
    const perContract = p.hedged > 0 ? payout / (p.hedged * MICROS_PER_QTY) : payout;
    const ok = p.hedged > 0 ? Number.isInteger(perContract) && perContract >= 1 : payout === 0;
    expect({ packageId: p.packageId, hedged: p.hedged, payout, ok }).toEqual({
      packageId: p.packageId,
      hedged: p.hedged,
      payout,
      ok: true,
    });
  }
}
