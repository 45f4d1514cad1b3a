/** The run report's money fields are checked `Micros` on the way out: a broken sum fails loudly, never prints. */
import { describe, expect, it } from 'vitest';
import { UnitError } from '../../src/core/errors.ts';
import { RunStats } from '../../src/exec/index.ts';

const stats = (): RunStats => new RunStats({ mode: 'paper', data: 'sim', clock: 'sim', seed: 1, config: {} });

describe('RunStats.summary money fields', () => {
  it('carries the sums as they were counted', () => {
    const s = stats();
    s.fill('kalshi', 70_000);
    s.fill('polymarket', 1_234);
    s.realizedMicros = -5_500_000;
    s.startingMicros.kalshi = 1_000_000_000;
    const out = s.summary();
    expect(out.fees).toEqual({
      totalMicros: 71_234,
      byVenue: { kalshi: 70_000, polymarket: 1_234 },
      drift: { fills: 0, micros: 0 },
    });
    expect(out.pnl.realizedMicros).toBe(-5_500_000);
    expect(out.capital.startingMicros).toEqual({ kalshi: 1_000_000_000 });
  });

  it.each([
    ['realized PnL', (s: RunStats) => void (s.realizedMicros = Number.NaN)],
    ['a venue fee total', (s: RunStats) => s.fill('kalshi', 0.5)],
    ['ending cash', (s: RunStats) => void (s.endingMicros.polymarket = Number.POSITIVE_INFINITY)],
  ])('refuses %s that is not a safe integer of micros', (_what, spoil) => {
    const s = stats();
    spoil(s);
    expect(() => s.summary()).toThrow(UnitError);
  });
});
