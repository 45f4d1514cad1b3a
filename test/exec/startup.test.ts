/**
 * Engine start-up steps have deadlines and can be stopped: a stream whose `ready` never comes, books that never
 * arrive, and a stop signal while waiting, on a SimClock with fake venues. What was started is closed again.
 */
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/core/clock.ts';
import { NO_FEES } from '../../src/core/fees.ts';
import { MarketIdTable, uniformGrid, type Venue } from '../../src/core/market.ts';
import { asMicros, type Micros, type Px, type Qty } from '../../src/core/units.ts';
import {
  DEFAULT_LEGGING,
  DEFAULT_ORDER_TIMING,
  DEFAULT_STARTUP,
  Engine,
  OrderStore,
  RunStats,
  StartupAborted,
  StartupError,
  withinStep,
  type EngineConfig,
} from '../../src/exec/index.ts';
import { LANES, type LaneLimits, type LaneName } from '../../src/hot/index.ts';
import type { BookEvent, BookStream, VenueAdapter, VenueError, VenueMarket } from '../../src/venues/venue.ts';
import { FakeBooks, FakeInner } from './support.ts';

const START = Date.UTC(2026, 0, 1);

const CONFIG: EngineConfig = {
  lanes: Object.fromEntries(
    LANES.map((l) => [l, { enabled: true, minEdgeBps: 50, minSize: 100 as Qty } satisfies LaneLimits]),
  ) as Record<LaneName, LaneLimits>,
  risk: {
    maxNotionalPerMarket: asMicros(1e8),
    maxNotionalPerEvent: asMicros(1e8),
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
  startup: DEFAULT_STARTUP,
};

/** How a scripted venue behaves: its book stream (ready or not; snapshots for `snapshotted` only), what fails. */
interface Script {
  ready: boolean;
  snapshotted: string[];
  /** A call the venue answers with this error. */
  refuse?: { call: 'discover' | 'balance'; error: VenueError };
}

/** A venue with markets `keys`, behaving as scripted. */
class ScriptedVenue extends FakeInner {
  streamClosed = false;
  constructor(
    venue: Venue,
    ids: MarketIdTable,
    keys: string[],
    private readonly script: Script,
  ) {
    const market = (key: string): VenueMarket => ({
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
    super(venue, new FakeBooks(), { markets: keys.map(market), events: [] });
  }
  override streamBooks(_markets: readonly string[], onEvent: (e: BookEvent) => void): BookStream {
    for (const market of this.script.snapshotted)
      onEvent({ type: 'snapshot', market, yesBids: [], yesAsks: [], venueTimeMs: 0, receiveTimeMs: 0 });
    return {
      ready: this.script.ready ? Promise.resolve() : new Promise(() => undefined),
      stats: () => ({ snapshots: 0, updates: 0, gaps: 0, malformed: 0, reconnects: 0, resyncs: 0 }),
      close: async () => void (this.streamClosed = true),
    };
  }
  override async discover() {
    const r = this.script.refuse;
    return r?.call === 'discover' ? { ok: false as const, error: r.error } : super.discover();
  }
  override async balance() {
    const r = this.script.refuse;
    if (r?.call === 'balance') return { ok: false as const, error: r.error };
    return { ok: true as const, value: 1_000_000_000 as Micros };
  }
  override async openOrders() {
    return { ok: true as const, value: [] };
  }
  override async fillsSince() {
    return { ok: true as const, value: { fills: [], cursor: undefined } };
  }
  override async positions() {
    return { ok: true as const, value: [] };
  }
}

function world(script: Script) {
  const clock = new SimClock(START);
  const ids = new MarketIdTable();
  const kalshi = new ScriptedVenue('kalshi', ids, ['K1', 'K2'], { ready: true, snapshotted: ['K1', 'K2'] });
  const polymarket = new ScriptedVenue('polymarket', ids, ['P1', 'P2'], script);
  const venues: Partial<Record<Venue, VenueAdapter>> = { kalshi, polymarket };
  const stats = new RunStats({ mode: 'live', data: 'venues', clock: 'sim', seed: 1, config: {} });
  const store = OrderStore.open(':memory:', { storeId: 's', durable: false });
  const steps: string[] = [];
  let reached: ((step: string) => void) | undefined;
  const engine = new Engine({
    venues,
    clock,
    ids,
    mapping: undefined,
    config: CONFIG,
    stats,
    store,
    events: {
      startupStep: (v, step) => {
        steps.push(`${v ?? '*'} ${step}`);
        reached?.(`${v ?? '*'} ${step}`);
      },
    },
  });
  /** Resolves when the engine begins `step` (its deadline is armed right after). */
  const when = (step: string): Promise<void> =>
    steps.includes(step)
      ? Promise.resolve()
      : new Promise((resolve) => (reached = (s) => s === step && resolve()));
  return { clock, engine, steps, when, polymarket };
}

describe('Engine start-up steps', () => {
  it('a book stream whose ready never comes: the named error after its deadline, the stream closed', async () => {
    const w = world({ ready: false, snapshotted: [] });
    const started = w.engine.start();
    await w.when('polymarket book subscription');
    w.clock.advance(DEFAULT_STARTUP.subscribeMs - 1);
    w.clock.advance(1);
    await expect(started).rejects.toThrow(
      new StartupError(
        'STARTUP.TIMEOUT',
        'polymarket',
        'book subscription',
        'polymarket: book subscription not ready within 15000 ms',
      ),
    );
    await expect(started).rejects.toBeInstanceOf(StartupError);
    await expect(started).rejects.toMatchObject({
      code: 'STARTUP.TIMEOUT',
      venue: 'polymarket',
      step: 'book subscription',
    });
    expect(w.polymarket.streamClosed).toBe(true);
    expect(w.steps).toEqual([
      'kalshi market discovery',
      'polymarket market discovery',
      'kalshi balance',
      'polymarket balance',
      '* startup recovery',
      'kalshi book subscription',
      'polymarket book subscription',
    ]);
    // Nothing is left on the clock: no timer of the failed start survives it.
    expect(w.clock.nextDueAt()).toBeUndefined();
  });

  it('books that never arrive: "first books not received" with how many did', async () => {
    const w = world({ ready: true, snapshotted: ['P2'] });
    const started = w.engine.start();
    await w.when('polymarket first books');
    w.clock.advance(DEFAULT_STARTUP.firstBooksMs);
    await expect(started).rejects.toThrow(
      'polymarket: first books not received within 30000 ms (1 of 2 markets)',
    );
  });

  it('a stop signal while waiting ends the start at once, naming the step, and closes what it opened', async () => {
    const w = world({ ready: true, snapshotted: [] });
    let stop!: (signal: string) => void;
    const abort = new Promise<string>((resolve) => (stop = resolve));
    const started = w.engine.start({ abort });
    await w.when('polymarket first books');
    stop('SIGINT');
    await expect(started).rejects.toThrow(new StartupAborted('SIGINT', 'polymarket: first books'));
    await expect(started).rejects.toMatchObject({ code: 'STARTUP.ABORTED', signal: 'SIGINT' });
    expect(w.polymarket.streamClosed).toBe(true);
    expect(w.clock.nextDueAt()).toBeUndefined();
  });
});

describe('Engine start-up failures carry stable codes', () => {
  const down: VenueError = { kind: 'unknown', code: 'POLYMARKET.NETWORK', message: 'connect ECONNREFUSED' };

  it.each([
    [
      'discover',
      'STARTUP.DISCOVERY_FAILED',
      'market discovery',
      'polymarket: market discovery failed: POLYMARKET.NETWORK: connect ECONNREFUSED',
    ],
    [
      'balance',
      'STARTUP.BALANCE_UNAVAILABLE',
      'balance',
      'polymarket: balance unavailable: POLYMARKET.NETWORK: connect ECONNREFUSED',
    ],
  ] as const)(
    'a venue that refuses %s: %s, naming the venue, the step and its error',
    async (call, code, step, message) => {
      const w = world({ ready: true, snapshotted: ['P1', 'P2'], refuse: { call, error: down } });
      const started = w.engine.start();
      await expect(started).rejects.toThrow(message);
      await expect(started).rejects.toBeInstanceOf(StartupError);
      await expect(started).rejects.toMatchObject({
        code,
        venue: 'polymarket',
        step,
        details: { venue: 'polymarket', step, cause: 'POLYMARKET.NETWORK' },
      });
      // Nothing it started outlives it (the heartbeats and timers come later; the store stays usable).
      expect(w.clock.nextDueAt()).toBeUndefined();
    },
  );
});

describe('withinStep', () => {
  it('resolves with the work and clears its deadline; a late failure of work that lost is dropped', async () => {
    const clock = new SimClock(START);
    await expect(
      withinStep(clock, { step: 'x', failure: 'not done', ms: 10 }, Promise.resolve(42)),
    ).resolves.toBe(42);
    expect(clock.nextDueAt()).toBeUndefined();
    let fail!: (e: Error) => void;
    const late = new Promise<number>((_, reject) => (fail = reject));
    const p = withinStep(clock, { venue: 'kalshi', step: 'balance', failure: 'not read', ms: 10 }, late);
    clock.advance(10);
    await expect(p).rejects.toThrow('kalshi: balance not read within 10 ms');
    await expect(p).rejects.toMatchObject({ code: 'STARTUP.TIMEOUT', venue: 'kalshi', step: 'balance' });
    fail(new Error('too late')); // must not surface as an unhandled rejection
  });
});
