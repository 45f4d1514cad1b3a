import { describe, expect, it } from 'vitest';
import { SimClock } from '../../../src/core/clock.ts';
import { Rng } from '../../../src/core/rng.ts';
import { PriceProcess } from '../../../src/sim/process/price-process.ts';
import { ArbWindowTracker, windowStats } from '../../../src/sim/truth/arb-windows.ts';
import {
  buildDefaultScenario,
  buildSmallScenario,
  scenarioMapping,
  type Scenario,
} from '../../../src/sim/universe/index.ts';
import { createVenueExchanges } from '../../../src/sim/venue-exchanges.ts';

const HOUR = 3_600_000;

function simulate(scenario: Scenario, seed: number, ms: number) {
  const clock = new SimClock(scenario.startTimeMs);
  const exchanges = createVenueExchanges(scenario, clock, { hashEvents: true });
  const process = new PriceProcess({ scenario, exchanges, clock, rng: new Rng(seed) }).start();
  const tracker = new ArbWindowTracker({
    exchanges,
    clock,
    mapping: scenarioMapping(scenario),
    markets: scenario.markets,
  }).start();
  clock.advance(ms);
  tracker.stop();
  process.stop();
  return {
    clock,
    exchanges,
    process,
    tracker,
    digest: `${exchanges.kalshi.logDigest()}/${exchanges.polymarket.logDigest()}`,
    events: exchanges.kalshi.seq + exchanges.polymarket.seq,
  };
}

describe('price process on the default scenario (seed 11)', () => {
  const scenario = buildDefaultScenario(11);
  const first = simulate(scenario, 11, HOUR);

  it('replays a simulated hour to the identical event log', () => {
    const second = simulate(scenario, 11, HOUR);
    expect(first.events).toBeGreaterThan(100_000); // a real hour of activity, not an idle book
    expect(second.events).toBe(first.events);
    expect(second.digest).toBe(first.digest);
    const other = simulate(scenario, 12, HOUR / 6);
    expect(other.digest).not.toBe(simulate(scenario, 11, HOUR / 6).digest);
  });

  it('opens arbitrage windows at the configured news rate, each caused by a shock and closing after the venue lag', () => {
    const { process, tracker, clock } = first;
    const shocks = process.shocks;
    // newsShocksPerHour = 30, a Poisson count: 30 ± 2.7σ.
    expect(scenario.process.newsShocksPerHour).toBe(30);
    expect(shocks.length).toBeGreaterThanOrEqual(15);
    expect(shocks.length).toBeLessThanOrEqual(45);
    const windows = tracker.windows();
    const marketsOf = new Map<string, Set<string>>();
    for (const m of scenario.markets)
      marketsOf.set(m.prop, (marketsOf.get(m.prop) ?? new Set()).add(`${m.venue}|${m.key}`));
    const groupOf = (prop: string): Set<string> => {
      const g = scenario.groups.find((x) => x.props.includes(prop));
      const props = g ? g.props : [prop];
      return new Set(props.flatMap((p) => [...(marketsOf.get(p) ?? [])]));
    };
    const SCAN = 500;
    const causedBy = (w: (typeof windows)[number], s: (typeof shocks)[number]): boolean => {
      const g = groupOf(s.prop);
      return (
        w.openedMs >= s.tsMs &&
        w.openedMs <= s.tsMs + s.lagMs + SCAN &&
        w.legs.some((l) => g.has(`${l.venue}|${l.market}`))
      );
    };
    // Shocks big enough to beat both spreads and fees create at least one window.
    const big = shocks.filter((s) => Math.abs(s.delta) >= 0.06);
    const productive = big.filter((s) => windows.some((w) => causedBy(w, s)));
    expect(big.length).toBeGreaterThan(5);
    expect(productive.length / big.length).toBeGreaterThanOrEqual(0.8);
    // And nearly every window has a shock behind it: the process does not invent arbitrage by itself.
    const explained = windows.filter((w) => shocks.some((s) => causedBy(w, s)));
    expect(windows.length).toBeGreaterThanOrEqual(shocks.length * 0.8);
    expect(explained.length / windows.length).toBeGreaterThanOrEqual(0.9);
    // Windows decay when the lagging venue catches up: lifetimes are bounded by the configured lag (+ a scan).
    const stats = windowStats(windows, clock.now());
    expect(stats.medianLifetimeMs).toBeLessThanOrEqual(scenario.process.venueLagMs[1] + SCAN);
    for (const w of windows) expect(w.maxEdgeMicros).toBeGreaterThan(0);
    expect(Object.keys(stats.byLane)).toContain('cross_venue');
  });

  it('keeps money and contracts conserved through an hour of trading', () => {
    for (const ex of Object.values(first.exchanges)) {
      const t = ex.totals();
      expect(t.balance + t.reserved + t.fees + t.escrow).toBe(t.deposited);
      expect(t.fees).toBeGreaterThan(0);
    }
  });
});

describe('price process controls (small scenario, seed 5)', () => {
  const scenario = buildSmallScenario(5);

  function setup() {
    const clock = new SimClock(scenario.startTimeMs);
    const exchanges = createVenueExchanges(scenario, clock);
    const process = new PriceProcess({ scenario, exchanges, clock, rng: new Rng(5) }).start();
    return { clock, exchanges, process };
  }

  it('quotes every market with several levels a side around the venue’s fair value', () => {
    const { exchanges, process } = setup();
    for (const m of scenario.markets) {
      const b = exchanges[m.venue].book(m.key)!;
      expect(b.bids.length).toBeGreaterThanOrEqual(3);
      expect(b.asks.length).toBeGreaterThanOrEqual(3);
      const fair = process.fairYes(m.venue, m.key)! * 10_000;
      expect(b.bids[0]!.yesPx).toBeLessThan(fair + 1);
      expect(b.asks[0]!.yesPx).toBeGreaterThan(fair - 1);
      expect(b.bids.some((l) => l.qty >= 5 * 100)).toBe(true);
    }
  });

  it('pause stops all activity; resume restarts it', () => {
    const { clock, exchanges, process } = setup();
    process.setPaused(true);
    const seq = exchanges.kalshi.seq + exchanges.polymarket.seq;
    clock.advance(HOUR / 4);
    expect(exchanges.kalshi.seq + exchanges.polymarket.seq).toBe(seq);
    process.setPaused(false);
    clock.advance(HOUR / 4);
    expect(exchanges.kalshi.seq + exchanges.polymarket.seq).toBeGreaterThan(seq);
  });

  it('a frozen market keeps its book while fair value moves; a jump moves only one venue', () => {
    const { clock, exchanges, process } = setup();
    const m = scenario.markets.find((x) => x.venue === 'kalshi')!;
    process.setFrozen('kalshi', m.key, true);
    const frozen = exchanges.kalshi.book(m.key);
    process.jump('kalshi', m.key, 0.1);
    clock.advance(60_000);
    expect(exchanges.kalshi.book(m.key)).toEqual(frozen);
    process.setFrozen('kalshi', m.key, false);
    const before = exchanges.kalshi.book(m.key)!.bids[0]!.yesPx;
    process.jump('kalshi', m.key, 0.1);
    expect(exchanges.kalshi.book(m.key)!.bids[0]!.yesPx).toBeGreaterThanOrEqual(before + 900);
    expect(() => process.jump('kalshi', 'NOPE', 0.1)).toThrow(/no kalshi market/);
  });
});
