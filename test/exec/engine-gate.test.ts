/**
 * The engine consults the venue gate before opening a package: while a venue's heartbeats fail, an opportunity
 * with a leg there is seen but not planned; once the gate reopens, it is taken. Paper venues on a SimClock, one
 * of them given a scripted dead-man switch.
 */
import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/core/clock.ts';
import { NO_FEES } from '../../src/core/fees.ts';
import { MarketIdTable, uniformGrid, type Venue } from '../../src/core/market.ts';
import { Rng } from '../../src/core/rng.ts';
import { asMicros, type Micros, type Px, type Qty } from '../../src/core/units.ts';
import {
  DEFAULT_LEGGING,
  DEFAULT_ORDER_TIMING,
  Engine,
  OrderStore,
  PaperVenue,
  RunStats,
  type EngineConfig,
  type GateTransition,
} from '../../src/exec/index.ts';
import { LANES, type LaneLimits, type LaneName } from '../../src/hot/index.ts';
import type { VenueAdapter, VenueMarket } from '../../src/venues/venue.ts';
import { evidenced } from '../mapping/support.ts';
import { FakeBooks, FakeInner, lvl } from './support.ts';

const START = Date.UTC(2026, 0, 1);

const CONFIG: EngineConfig = {
  lanes: Object.fromEntries(
    LANES.map((l) => [l, { enabled: true, minEdgeBps: 50, minSize: 100 as Qty } satisfies LaneLimits]),
  ) as Record<LaneName, LaneLimits>,
  risk: {
    maxNotionalPerMarket: asMicros(100_000_000),
    maxNotionalPerEvent: asMicros(250_000_000),
    maxOpenPackages: 5,
    minEdgeBps: 50,
  },
  minConfidence: 0.9,
  kellyMultiplier: 0.25,
  fill: { quoteLifetimeMs: 2_000, depthPenalty: 0.5 },
  maxContracts: 1_000,
  pollMs: 2_000,
  legging: DEFAULT_LEGGING,
  orderTiming: DEFAULT_ORDER_TIMING,
  balanceRefreshMs: 60_000,
  unknownRetryMs: 1_000,
  expectedLatencyMs: 150,
  heartbeat: {
    everyMs: 1_000,
    policy: { venueTimeoutMs: 10_000, safetyMarginMs: 3_000, maxConsecutiveFailures: 2, recoverBeats: 2 },
  },
};

function world() {
  const clock = new SimClock(START);
  const ids = new MarketIdTable();
  const books = new FakeBooks();
  const market = (venue: Venue, key: string): VenueMarket => ({
    id: ids.intern(venue, key),
    venue,
    key,
    title: key,
    eventKey: `E-${key}`,
    grid: uniformGrid(100 as Px),
    minSize: 100 as Qty,
    fees: NO_FEES,
    closeTimeMs: START + 86_400_000,
    status: 'open',
  });
  const stats = new RunStats({ mode: 'paper', data: 'sim', clock: 'sim', seed: 7, config: {} });
  const rng = new Rng(7);
  const paper = (venue: Venue, key: string) =>
    new PaperVenue(new FakeInner(venue, books, { markets: [market(venue, key)], events: [] }), {
      clock,
      rng: rng.fork(`paper-${venue}`),
      books: { levels: (v, m) => engine.levels(v, m) },
      fees: () => NO_FEES,
      startingCash: 1_000_000_000 as Micros,
      latencyMs: [50, 50],
    });
  // Polymarket's switch, scripted: the test decides whether each beat is acknowledged.
  let beat: ((ok: boolean, problem?: string) => void) | undefined;
  const polymarket: VenueAdapter = Object.assign(paper('polymarket', 'P1'), {
    startHeartbeats: (_everyMs: number, onBeat?: (ok: boolean, problem?: string) => void) => {
      beat = onBeat;
      onBeat?.(true);
    },
    stopHeartbeats: () => (beat = undefined),
  });
  const venues = { kalshi: paper('kalshi', 'K1'), polymarket };
  const store = OrderStore.open(':memory:', { storeId: 'g', durable: false });
  const transitions: GateTransition[] = [];
  const ev = { closeTime: new Date(START + 86_400_000).toISOString() };
  const engine: Engine = new Engine({
    venues,
    clock,
    ids,
    // Version 2 with complete, agreeing evidence: the relation is tradable.
    mapping: {
      version: 2,
      source: 'test',
      relations: [
        {
          kind: 'equivalent',
          id: 'eq-1',
          confidence: 1,
          a: evidenced({ venue: 'kalshi', market: 'K1' }, ev),
          b: evidenced({ venue: 'polymarket', market: 'P1' }, ev),
          polarity: 'same',
        },
      ],
    },
    config: CONFIG,
    stats,
    store,
    events: { venueGate: (t) => transitions.push(t) },
  });
  const run = async (ms: number): Promise<void> => {
    const end = clock.now() + ms;
    for (;;) {
      await setImmediate();
      const next = clock.nextDueAt();
      if (next === undefined || next > end) break;
      clock.advanceTo(next);
    }
    clock.advanceTo(end);
    await setImmediate();
  };
  return {
    clock,
    books,
    engine,
    stats,
    store,
    run,
    transitions,
    beat: (ok: boolean) => beat?.(ok, 'HTTP 503'),
  };
}

describe('Engine and the venue gate', () => {
  it('opens no package on a venue whose heartbeats fail; takes the opportunity once they recover', async () => {
    const w = world();
    await w.engine.start();
    w.beat(false);
    w.beat(false);
    // The window opens while Polymarket's gate is closed: seen, not planned, nothing sent.
    w.books.set('K1', [lvl(0.38, 50)], [lvl(0.4, 50)]);
    w.books.set('P1', [lvl(0.5, 50)], [lvl(0.52, 50)]);
    await w.run(2_000);
    expect(w.stats.summary()).toMatchObject({
      opportunities: { total: 1 },
      plans: { made: 0 },
      orders: { count: 0 },
    });
    // Two acknowledged beats, the (empty) set of open orders re-checked: the gate reopens and the package goes.
    w.beat(true);
    w.beat(true);
    await w.run(2_000);
    await w.engine.stop();
    const s = w.stats.summary();
    expect(s.packages.hedged).toBe(1);
    expect(w.transitions.map((t) => [t.venue, t.open, t.reason])).toEqual([
      ['polymarket', true, undefined],
      ['polymarket', false, '2 heartbeats failed in a row (last: HTTP 503)'],
      ['polymarket', true, undefined],
    ]);
    expect(s.heartbeats).toEqual([
      {
        venue: 'polymarket',
        open: true,
        lastAckMs: expect.any(Number),
        beats: { acknowledged: 3, failed: 2 },
        closures: 1,
        closedMs: expect.any(Number),
      },
    ]);
  });
});
