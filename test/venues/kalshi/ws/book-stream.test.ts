/**
 * The book kept from the Kalshi WebSocket must equal the simulator's book after 10,000 random updates with
 * gaps, duplicates, reorders, malformed frames, stale frames and disconnects injected. The simulator runs on a
 * SimClock (advanced by the test) and takes any signed timestamp; the adapter runs on the real clock so its
 * reconnect backoff and resync watchdog work. Waits are on conditions with deadlines, never fixed sleeps.
 */
import { describe, expect } from 'vitest';
import { itSeeded } from '../../../support/seeds.ts';
import { RealClock } from '../../../../src/app/real-clock.ts';
import { SimClock } from '../../../../src/core/clock.ts';
import { gridPrices, type Level } from '../../../../src/core/market.ts';
import { Rng } from '../../../../src/core/rng.ts';
import type { Px, Qty } from '../../../../src/core/units.ts';
import { KalshiAdapter } from '../../../../src/venues/kalshi/index.ts';
import type { BookEvent } from '../../../../src/venues/venue.ts';
import { onCleanup } from '../../../sim/support/net.ts';
import { startKalshiSim } from '../support.ts';

const UPDATES = 10_000;

/** What a consumer of the adapter's events would hold. */
class Mirror {
  readonly books = new Map<string, { live: boolean; bids: Map<number, number>; asks: Map<number, number> }>();
  readonly violations: string[] = [];

  apply(e: BookEvent): void {
    let b = this.books.get(e.market);
    if (!b) this.books.set(e.market, (b = { live: false, bids: new Map(), asks: new Map() }));
    if (e.type === 'snapshot') {
      b.bids = new Map(e.yesBids.map((l) => [l.px, l.qty]));
      b.asks = new Map(e.yesAsks.map((l) => [l.px, l.qty]));
      b.live = true;
    } else if (e.type === 'invalid') {
      b.live = false;
    } else {
      if (!b.live) this.violations.push(`level for ${e.market} while invalid`);
      const side = e.side === 'bid' ? b.bids : b.asks;
      if (e.qty === 0) side.delete(e.px);
      else side.set(e.px, e.qty);
    }
    // A stale book is allowed; a wrong one is not. Every state the engine passes through is uncrossed.
    const bid = Math.max(-1, ...b.bids.keys());
    const ask = Math.min(1e9, ...b.asks.keys());
    if (b.live && bid >= ask) this.violations.push(`${e.market} crossed: bid ${bid} >= ask ${ask}`);
  }

  levels(market: string): { yesBids: Level[]; yesAsks: Level[] } | undefined {
    const b = this.books.get(market);
    if (!b?.live) return undefined;
    const list = (m: Map<number, number>, desc: boolean) =>
      [...m]
        .map(([px, qty]) => ({ px: px as Px, qty: qty as Qty }))
        .sort((x, y) => (desc ? y.px - x.px : x.px - y.px));
    return { yesBids: list(b.bids, true), yesAsks: list(b.asks, false) };
  }
}

/** Resolves true once `cond` holds, false when `ms` pass first; yields to the event loop between checks. */
async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) return false;
    await new Promise<void>((r) => setImmediate(r));
  }
  return true;
}

describe('Kalshi book stream under faults', () => {
  itSeeded(
    `equals the simulator's book after ${UPDATES} random updates with gaps, duplicates, reorders, malformed frames and disconnects`,
    [4242],
    async (seed) => {
      const clock = new SimClock(Date.UTC(2026, 0, 1));
      const sim = await startKalshiSim({
        seed,
        clock,
        front: { timestampToleranceMs: 'any', rateLimits: 'off' },
      });
      const { ex, host, markets } = sim;
      const adapter = new KalshiAdapter({
        restUrl: sim.kalshi.restUrl,
        wsUrl: sim.kalshi.wsUrl,
        keyId: sim.kalshi.keyId,
        privateKeyPem: sim.kalshi.privateKeyPem,
        clock: new RealClock(),
        rng: new Rng(seed),
        stream: { chunkSize: 4, backoff: { initialMs: 10, maxMs: 100 }, resyncAfterMs: 300, watchdogMs: 100 },
      });
      onCleanup(() => adapter.close());

      // Random agents: resting orders on both sides, cancels, and crossing IOCs.
      const rng = new Rng(seed).fork('driver');
      const agents = ['agent-a', 'agent-b', 'agent-c'];
      for (const a of agents) ex.openAccount(a, 1e9 * 1e6, { tracked: false });
      const resting: { account: string; id: string }[] = [];
      const prices = new Map(
        sim.scenario.markets
          .filter((m) => m.venue === 'kalshi')
          .map((m) => [m.key, gridPrices(m.grid).filter((p) => p >= 2_000 && p <= 8_000)]),
      );
      let bookEvents = 0;
      ex.subscribe((e) => {
        if (e.type === 'book') bookEvents++;
      });
      const step = (): void => {
        const market = rng.pick(markets);
        const account = rng.pick(agents);
        const r = rng.float();
        if (r < 0.35 && resting.length > 0) {
          const i = rng.int(0, resting.length - 1);
          const o = resting[i]!;
          resting.splice(i, 1);
          ex.cancel(o.account, o.id);
          return;
        }
        const yesPx = rng.pick(prices.get(market)!);
        const buyYes = rng.bool();
        const res = ex.place({
          account,
          market,
          outcome: buyYes ? 'YES' : 'NO',
          side: 'BUY',
          px: (buyYes ? yesPx : 10_000 - yesPx) as Px,
          qty: (rng.int(1, 5) * 100) as Qty,
          tif: r < 0.45 ? 'IOC' : 'GTC',
        });
        if (res.ok && res.order.status === 'resting') resting.push({ account, id: res.order.id });
      };
      for (let i = 0; i < 400; i++) step();

      const mirror = new Mirror();
      const stream = adapter.streamBooks(markets, (e) => mirror.apply(e));
      await stream.ready;
      expect(await until(() => markets.every((m) => mirror.levels(m) !== undefined), 5_000)).toBe(true);

      const faults = [
        { kind: 'ws_gap', probability: 0.003 },
        { kind: 'ws_duplicate', probability: 0.003 },
        { kind: 'ws_reorder', probability: 0.002, params: { maxHoldMs: 50 } },
        { kind: 'ws_malformed', probability: 0.001 },
        { kind: 'book_stale', probability: 0.002, params: { ms: 20 } },
        { kind: 'ws_disconnect', probability: 0.0005 },
      ].map((f) => host.injector.add({ venue: 'kalshi', endpoint: 'orderbook_delta', ...f }));

      const started = performance.now();
      const first = bookEvents;
      while (bookEvents - first < UPDATES) {
        for (let i = 0; i < 25; i++) step();
        clock.advance(5);
        // Let frames flow; after a disconnect, wait (bounded) for the adapter to be back.
        await new Promise<void>((r) => setImmediate(r));
        await until(() => stream.connected, 5_000);
      }
      const updates = bookEvents - first;
      const applied = host.injector.list('kalshi').map((f) => `${f.spec.kind} ${f.applied}`);
      for (const id of faults) host.injector.remove(id);
      clock.advance(1_000);

      // Catch up: a lost last frame only shows as a gap when another frame follows, so nudge the books that
      // still differ (a far-away order placed and cancelled) until every one matches the engine.
      const truth = (m: string) => {
        const v = ex.book(m)!;
        return {
          yesBids: v.bids.map((l) => ({ px: l.yesPx, qty: l.qty })),
          yesAsks: v.asks.map((l) => ({ px: l.yesPx, qty: l.qty })),
        };
      };
      const matches = (m: string) => JSON.stringify(mirror.levels(m)) === JSON.stringify(truth(m));
      let nudges = 0;
      const deadline = Date.now() + 20_000;
      while (!markets.every(matches)) {
        if (Date.now() > deadline)
          throw new Error(`books never converged: ${markets.filter((m) => !matches(m)).join(', ')}`);
        for (const m of markets.filter((x) => !matches(x))) {
          const r = ex.place({
            account: 'agent-a',
            market: m,
            outcome: 'YES',
            side: 'BUY',
            px: 100 as Px,
            qty: 100 as Qty,
            tif: 'GTC',
          });
          if (r.ok) ex.cancel('agent-a', r.order.id);
          nudges++;
        }
        clock.advance(100);
        await until(() => markets.every(matches), 200);
      }
      const elapsedMs = performance.now() - started;

      for (const m of markets) {
        const rest = await adapter.fetchBook(m);
        if (!rest.ok) throw new Error(rest.error.message);
        expect(mirror.levels(m)).toEqual({ yesBids: rest.value.yesBids, yesAsks: rest.value.yesAsks });
        expect(stream.book(m)).toEqual(mirror.levels(m));
      }
      expect(mirror.violations).toEqual([]);
      const stats = stream.stats();
      console.info(
        `kalshi book stream, seed ${seed}: ${updates} engine updates over ${markets.length} markets in ${Math.round(elapsedMs)} ms; ` +
          `stats ${JSON.stringify(stats)}; faults applied ${applied.join(', ')}; catch-up nudges ${nudges}`,
      );
      expect(updates).toBeGreaterThanOrEqual(UPDATES);
      expect(stats.gaps).toBeGreaterThan(0);
      expect(stats.malformed).toBeGreaterThan(0);
      expect(stats.reconnects).toBeGreaterThan(0);
      expect(stats.resyncs).toBeGreaterThan(0);
      expect(stats.snapshots).toBeGreaterThan(markets.length);
      expect(stats.updates).toBeGreaterThan(UPDATES / 2);
    },
    60_000,
  );
});
