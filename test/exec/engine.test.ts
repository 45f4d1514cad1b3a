import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/core/clock.ts';
import { kalshiFeeModel, NO_FEES, type FeeModel } from '../../src/core/fees.ts';
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
} from '../../src/exec/index.ts';
import { LANES, type LaneLimits, type LaneName } from '../../src/hot/index.ts';
import type { MappingFile } from '../../src/mapping/index.ts';
import type { OrderRequest, VenueAdapter, VenueMarket } from '../../src/venues/venue.ts';
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
  expectedLatencyMs: 150,
  unknownRetryMs: 1_000,
};

/** Two cross-venue pairs of equivalent markets (K1 ≡ P1, K2 ≡ P2), no fees, paper venues on a SimClock. */
function world(
  seed = 7,
  config: EngineConfig = CONFIG,
  fees: Partial<Record<Venue, FeeModel>> = {},
  /** Wrap each venue's adapter (to lose replies, fail queries…). */
  wrap: (v: Venue, a: VenueAdapter) => VenueAdapter = (_, a) => a,
) {
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
    fees: fees[venue] ?? NO_FEES,
    closeTimeMs: START + 86_400_000,
    status: 'open',
  });
  const discovery = (venue: Venue, keys: string[]) => ({
    markets: keys.map((k) => market(venue, k)),
    events: [],
  });
  const inner = {
    kalshi: new FakeInner('kalshi', books, discovery('kalshi', ['K1', 'K2'])),
    polymarket: new FakeInner('polymarket', books, discovery('polymarket', ['P1', 'P2'])),
  };
  // Version 2 with complete, agreeing evidence: both relations are tradable.
  const ev = { closeTime: new Date(START + 86_400_000).toISOString() };
  const mapping: MappingFile = {
    version: 2,
    source: 'test',
    relations: [1, 2].map((n) => ({
      kind: 'equivalent' as const,
      id: `eq-${n}`,
      confidence: 1,
      a: evidenced({ venue: 'kalshi' as const, market: `K${n}` }, ev),
      b: evidenced({ venue: 'polymarket' as const, market: `P${n}` }, ev),
      polarity: 'same' as const,
    })),
  };
  const stats = new RunStats({ mode: 'paper', data: 'sim', clock: 'sim', seed, config: {} });
  const rng = new Rng(seed);
  const venues: Partial<Record<Venue, VenueAdapter>> = {};
  for (const v of ['kalshi', 'polymarket'] as const)
    venues[v] = wrap(
      v,
      new PaperVenue(inner[v], {
        clock,
        rng: rng.fork(`paper-${v}`),
        books: { levels: (venue, m) => engine.levels(venue, m) },
        fees: () => fees[v] ?? NO_FEES,
        startingCash: 1_000_000_000 as Micros,
        latencyMs: [50, 50],
      }),
    );
  const store = OrderStore.open(':memory:', { storeId: 'e', durable: false });
  const engine: Engine = new Engine({ venues, clock, ids, mapping, config, stats, store });
  /** Let time pass on the simulated clock, settling promise chains between timers. */
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
  return { clock, books, engine, stats, run, store, venues };
}

/** K n asks YES at 0.40, P n bids YES at 0.50 (NO at 0.50): YES K + NO P costs $0.90 and pays $1. */
function openWindow(books: FakeBooks, n: number): void {
  books.set(`K${n}`, [lvl(0.38, 50)], [lvl(0.4, 50)]);
  books.set(`P${n}`, [lvl(0.5, 50)], [lvl(0.52, 50)]);
}

describe('Engine (paper venues on a SimClock, seed 7)', () => {
  it('trades an opportunity that opened while another package was executing, once the executor is free', async () => {
    const w = world();
    await w.engine.start();
    openWindow(w.books, 1);
    openWindow(w.books, 2);
    await w.run(5_000);
    await w.engine.stop();
    const s = w.stats.summary();
    expect(s.opportunities.byLane).toEqual({ cross_venue: 2 });
    expect(s.plans.skippedBusy).toBe(1);
    expect(s.packages).toMatchObject({ hedged: 2, missed: 0 });
    expect(s.plans.executed).toBe(2);
  });

  it('does not trade the same opportunity twice, and counts it once', async () => {
    const w = world();
    await w.engine.start();
    openWindow(w.books, 1);
    await w.run(2_000);
    // The feed re-announces a level of the same window: the same opportunity, seen again.
    w.books.level('K1', 'bid', 0.37, 10, w.clock.now());
    await w.run(2_000);
    await w.engine.stop();
    const s = w.stats.summary();
    expect(s.opportunities.total).toBe(1);
    expect(s.plans.made).toBe(1);
    expect(s.packages.hedged).toBe(1);
  });

  it('reports books lost while trading, not the ones its own shutdown closes', async () => {
    const w = world();
    await w.engine.start();
    openWindow(w.books, 1);
    openWindow(w.books, 2);
    await w.run(1_000);
    await w.engine.stop();
    expect(w.stats.summary().books.invalidated).toBe(0);
  });

  it('reads starting and ending cash from the venues and counts every order and fill', async () => {
    const w = world();
    await w.engine.start();
    openWindow(w.books, 1);
    await w.run(2_000);
    await w.engine.stop();
    const s = w.stats.summary();
    expect(s.capital.startingMicros).toEqual({ kalshi: 1_000_000_000, polymarket: 1_000_000_000 });
    expect(s.orders).toMatchObject({ count: 2, rejected: 0, unknown: 0 });
    expect(s.fills.count).toBe(2);
    const spent = 2_000_000_000 - s.capital.endingMicros.kalshi! - s.capital.endingMicros.polymarket!;
    // No fees: the package paid $0.90 a contract and is worth $1 at settlement.
    expect(s.pnl.realizedMicros).toBe(Math.round(spent / 9));
    expect(s.pnl.realizedMicros).toBeGreaterThan(0);
  });

  it('starts in safe mode when the store holds an unacknowledged reason: sees opportunities, opens no package', async () => {
    const w = world();
    w.store.raiseSafeMode(0, 'UNHEDGED_PACKAGE', 'package x: naked 5 × kalshi K9 YES');
    await w.engine.start();
    expect(w.engine.safeMode.map((r) => r.code)).toEqual(['UNHEDGED_PACKAGE']);
    openWindow(w.books, 1);
    await w.run(3_000);
    const s = w.stats.summary();
    expect(s.opportunities.total).toBe(1);
    expect(s.plans.made).toBe(0);
    expect(s.orders.count).toBe(0);
    expect(s.safeMode).toEqual({
      on: true,
      reasons: ['UNHEDGED_PACKAGE: package x: naked 5 × kalshi K9 YES'],
    });
    // An operator acknowledges (arb ack writes the store): within a second the engine trades what is still open.
    w.store.ack(w.clock.now(), 'test');
    await w.run(3_000);
    await w.engine.stop();
    const after = w.stats.summary();
    expect(after.safeMode.on).toBe(false);
    expect(after.packages.hedged).toBe(1);
    expect(w.store.packages().map((p) => p.state)).toEqual(['hedged']);
  });

  it('refreshes balances on its period and releases capital locked by bookkeeping that lost track', async () => {
    const w = world();
    await w.engine.start();
    const risk = (w.engine as unknown as { risk: { lockedCash(v: Venue): number; commit(p: unknown): void } })
      .risk;
    // A plan committed that never runs (what a bug or an interrupted package would leave): its cash stays locked.
    risk.commit({
      id: 'lost',
      legs: [{ venue: 'kalshi', market: 'K1', eventKey: undefined, cash: 5_000_000, notional: 5_000_000 }],
      edge: 1,
      cost: 5_000_000,
    });
    (risk as unknown as { openPackages: Set<string> }).openPackages.delete('lost');
    expect(risk.lockedCash('kalshi')).toBe(5_000_000);
    const before = w.store.balances().find((b) => b.venue === 'kalshi')!.refreshedMs;
    await w.run(60_000);
    expect(risk.lockedCash('kalshi')).toBe(0);
    expect(w.store.balances().find((b) => b.venue === 'kalshi')!.refreshedMs).toBeGreaterThanOrEqual(
      before + 60_000,
    );
    expect(
      w.store.events().some((e) => e.kind === 'stale_lock_released' && e.data.micros === 5_000_000),
    ).toBe(true);
    await w.engine.stop();
  });

  it('records every package, intent, order and fill in the store, and the store’s positions match the venues', async () => {
    const w = world();
    await w.engine.start();
    openWindow(w.books, 1);
    await w.run(2_000);
    await w.engine.stop();
    const [pkg] = w.store.packages();
    expect(pkg).toMatchObject({ state: 'hedged', lane: 'cross_venue' });
    const intents = w.store.intents({ packageId: pkg!.id });
    expect(intents.map((i) => [i.role, i.state])).toEqual([
      ['leg', 'filled'],
      ['leg', 'filled'],
    ]);
    expect(w.store.fills()).toHaveLength(2);
    for (const v of ['kalshi', 'polymarket'] as const) {
      const held = await w.venues[v]!.positions();
      if (!held.ok) throw new Error('positions');
      expect(w.store.positions(v).map((p) => [p.market, p.outcome, p.qty])).toEqual(
        held.value.map((p) => [p.market, p.outcome, p.qty]),
      );
    }
  });

  it('caps a package so that what a missed last leg would leave naked stays within maxNakedMicros', async () => {
    // Uncapped (the default $25), the same window is traded bigger than $2 on its first leg.
    const free = world(7);
    await free.engine.start();
    openWindow(free.books, 1);
    await free.run(2_000);
    await free.engine.stop();
    const [big] = free.store.packages();
    expect(big!.qty * big!.legPlan[0]!.px).toBeGreaterThan(2_000_000);
    const capped = world(7, {
      ...CONFIG,
      legging: { ...DEFAULT_LEGGING, maxNakedMicros: asMicros(2_000_000) },
    });
    await capped.engine.start();
    openWindow(capped.books, 1);
    await capped.run(2_000);
    await capped.engine.stop();
    const [pkg] = capped.store.packages();
    // The first leg's cost is what a miss on the second would leave naked: at most $2.
    expect(pkg!.qty * pkg!.legPlan[0]!.px).toBeLessThanOrEqual(2_000_000);
    expect(pkg!.qty).toBeGreaterThan(0);
    expect(pkg!.state).toBe('hedged');

    const tiny = world(7, { ...CONFIG, legging: { ...DEFAULT_LEGGING, maxNakedMicros: asMicros(100_000) } });
    await tiny.engine.start();
    openWindow(tiny.books, 1);
    await tiny.run(2_000);
    await tiny.engine.stop();
    expect(tiny.stats.summary().plans.sizedToZero).toEqual({ 'naked cap': 1 });
    expect(tiny.store.packages()).toEqual([]);
  });

  it('reconsiders an opportunity that sized to zero once its size changes (a window opening in steps)', async () => {
    const w = world();
    await w.engine.start();
    // First a one-cent window, one contract deep: too thin for what a miss would cost, it sizes to zero.
    w.books.set('K1', [lvl(0.38, 50)], [lvl(0.49, 1)]);
    w.books.set('P1', [lvl(0.5, 50)], [lvl(0.52, 50)]);
    await w.run(1_000);
    expect(w.stats.summary().packages.hedged).toBe(0);
    expect(Object.values(w.stats.summary().plans.sizedToZero).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // The market maker finishes requoting: the same window, now ten cents wide and deep.
    w.books.level('K1', 'ask', 0.4, 50, w.clock.now());
    await w.run(2_000);
    await w.engine.stop();
    const s = w.stats.summary();
    expect(s.opportunities.total).toBe(1);
    expect(s.packages.hedged).toBe(1);
  });

  it('never sends a package the naked cap shrank to a size where fee rounding turns its edge into a loss', async () => {
    // Kalshi YES at $0.03 (Kalshi fees), Polymarket NO at $0.96 (fee-free), 1,000 deep: at 1,000 contracts the
    // package earns 80 bps after the $2.04 fee. The naked cap ($0.03: one contract of the Kalshi leg, which goes
    // first) shrinks it to 1 contract, where the fee rounds up to a cent: $0.99 + $0.01 for a $1 payout.
    const w = world(
      7,
      { ...CONFIG, legging: { ...DEFAULT_LEGGING, maxNakedMicros: asMicros(30_000) } },
      {
        kalshi: kalshiFeeModel(),
      },
    );
    await w.engine.start();
    w.books.set('K1', [lvl(0.02, 1_000)], [lvl(0.03, 1_000)]);
    await w.run(1_000); // the Kalshi quote is the older one: its leg goes first
    w.books.set('P1', [lvl(0.04, 1_000)], [lvl(0.05, 1_000)]);
    await w.run(3_000);
    await w.engine.stop();
    const s = w.stats.summary();
    expect(s.opportunities.total).toBe(1);
    expect(s.orders.count).toBe(0);
    expect(w.store.packages()).toEqual([]);
    expect(s.plans.sizedToZero).toEqual({ 'edge at final size': 1 });
  });

  it('an order of unknown outcome keeps its package in flight and blocks its markets; found, it frees them', async () => {
    // The first order on pair 1 reaches the venue (and fills) but its reply is lost, and the venue cannot be
    // queried for a while: the package waits, in flight. Pair 2 trades meanwhile; pair 1 does not.
    const lossy = { lost: 0, queryFailures: 1_000 };
    const wrap = (_: Venue, inner: VenueAdapter): VenueAdapter =>
      new Proxy(inner, {
        get(target, prop) {
          if (prop === 'placeOrder')
            return async (req: OrderRequest) => {
              const r = await target.placeOrder(req);
              if (lossy.lost > 0 || !/^[KP]1$/.test(req.market)) return r;
              lossy.lost++;
              return { ok: false, error: { kind: 'unknown', code: 'NETWORK', message: 'reply lost' } };
            };
          if (prop === 'findOrder')
            return async (...args: Parameters<VenueAdapter['findOrder']>) => {
              if (lossy.queryFailures <= 0) return target.findOrder(...args);
              lossy.queryFailures--;
              return { ok: false, error: { kind: 'unknown', code: 'NETWORK', message: 'unreachable' } };
            };
          // While the venue cannot be asked, its fill feed and order status cannot find the order either.
          if ((prop === 'fillsSince' || prop === 'getOrder') && lossy.queryFailures > 0)
            return async () => ({
              ok: false,
              error: { kind: 'unknown', code: 'NETWORK', message: 'unreachable' },
            });
          const v = Reflect.get(target, prop, target) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
    const w = world(7, CONFIG, {}, wrap);
    await w.engine.start();
    openWindow(w.books, 1);
    await w.run(2_000);
    const [first] = w.store.packages();
    expect(first).toMatchObject({ state: 'legging' });
    expect([...w.engine.blockedMarkets()].sort()).toEqual(['kalshi:K1', 'polymarket:P1']);
    openWindow(w.books, 2);
    await w.run(2_000);
    // A minute later pair 1's window is seen again (a new opportunity id): held back, not declined.
    await w.run(60_000);
    openWindow(w.books, 1);
    await w.run(1_000);
    let s = w.stats.summary();
    expect(s.packages).toMatchObject({ hedged: 1, waitedOnUnknown: 1 });
    expect(s.plans.skippedBlocked).toBe(1);
    expect(w.store.packages().map((p) => p.state)).toEqual(['hedged', 'legging']);
    // The venue answers again: the order is found filled; legging does not resume, its leg is sold back.
    lossy.queryFailures = 0;
    await w.run(3_000);
    expect(w.engine.blockedMarkets().size).toBe(0);
    expect(w.store.getPackage(first!.id)).toMatchObject({ state: 'unwound' });
    // …and the opportunity that waited gets its turn.
    await w.engine.stop();
    s = w.stats.summary();
    expect(w.store.packages()).toHaveLength(3);
    expect(s.packages.unresolved).toBe(0);
    expect(s.packages.unwound).toBe(1);
  });
});
