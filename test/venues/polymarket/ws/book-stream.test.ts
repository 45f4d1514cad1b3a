/**
 * The adapter's WebSocket book against the engine's truth, under injected disconnects, duplicates, reorders,
 * lost and malformed frames. Updates are driven straight on the engine with a seeded Rng; waits are on book
 * events with timeouts.
 */
import { describe, expect } from 'vitest';
import { itSeeded } from '../../../support/seeds.ts';
import type { Level } from '../../../../src/core/market.ts';
import { Rng } from '../../../../src/core/rng.ts';
import type { Px, Qty } from '../../../../src/core/units.ts';
import type { Exchange } from '../../../../src/sim/engine/exchange.ts';
import type { BookEvent } from '../../../../src/venues/venue.ts';
import { adapterFor, P_MARKET, startPolyHost } from '../support.ts';

/** What a consumer of BookEvents holds. */
class BookModel {
  bids = new Map<number, number>();
  asks = new Map<number, number>();
  valid = false;
  events = 0;
  invalids = 0;
  private waiters: (() => void)[] = [];

  apply(e: BookEvent): void {
    this.events++;
    if (e.type === 'snapshot') {
      this.bids = new Map(e.yesBids.map((l) => [l.px, l.qty]));
      this.asks = new Map(e.yesAsks.map((l) => [l.px, l.qty]));
      this.valid = true;
    } else if (e.type === 'level') {
      const side = e.side === 'bid' ? this.bids : this.asks;
      if (e.qty === 0) side.delete(e.px);
      else side.set(e.px, e.qty);
    } else {
      this.valid = false;
      this.invalids++;
    }
    for (const w of this.waiters.splice(0)) w();
  }

  levels(side: 'bid' | 'ask'): Level[] {
    const m = side === 'bid' ? this.bids : this.asks;
    return [...m]
      .map(([px, qty]) => ({ px: px as Px, qty: qty as Qty }))
      .sort(side === 'bid' ? (a, b) => b.px - a.px : (a, b) => a.px - b.px);
  }

  /** Resolves on the next event, or after `ms` with false. */
  nextEvent(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), ms);
      this.waiters.push(() => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }
}

const truth = (ex: Exchange) => {
  const v = ex.book(P_MARKET)!;
  return {
    bids: v.bids.map((l) => ({ px: l.yesPx, qty: l.qty })),
    asks: v.asks.map((l) => ({ px: l.yesPx, qty: l.qty })),
  };
};

/** One random engine change: rest a bid or an ask, cancel one, or trade through the book. */
function randomOp(ex: Exchange, rng: Rng, live: { id: string; account: string }[]): void {
  const account = rng.pick(['a1', 'a2']);
  const q = (rng.int(5, 40) * 100) as Qty;
  const roll = rng.float();
  if (roll < 0.3 && live.length > 0) {
    const i = rng.int(0, live.length - 1);
    const o = live[i]!;
    live.splice(i, 1);
    ex.cancel(o.account, o.id); // may have filled meanwhile: then nothing happens
    return;
  }
  const marketable = roll > 0.88;
  const bid = rng.bool();
  // Resting bids 0.30–0.49, asks 0.51–0.70; a marketable order reaches across the spread.
  const yesPx = marketable ? (bid ? 6000 : 4000) : bid ? rng.int(30, 49) * 100 : rng.int(51, 70) * 100;
  const r = ex.place({
    account,
    market: P_MARKET,
    outcome: bid ? 'YES' : 'NO',
    side: 'BUY',
    px: (bid ? yesPx : 10_000 - yesPx) as Px,
    qty: q,
    tif: marketable ? 'IOC' : 'GTC',
  });
  if (r.ok && r.order.status === 'resting') live.push({ id: r.order.id, account });
}

describe('WebSocket book vs REST book', () => {
  itSeeded(
    'stays equal after 10,000 random updates with disconnects, duplicates, reorders, lost and malformed frames',
    [42],
    async (seed) => {
      // The seed drives the updates; the injector keeps its own seed, yet which frames its faults hit moves with
      // the updates (faults are drawn per frame), and seed 42 stays exactly the run it always was.
      const h = await startPolyHost();
      for (const a of ['a1', 'a2']) h.ex.openAccount(a, 1e12, { tracked: false });
      const adapter = adapterFor(h, { bookResyncTimeoutMs: 200 });
      const model = new BookModel();
      const stream = adapter.streamBooks([P_MARKET], (e) => model.apply(e));
      await stream.ready;
      const faults = [
        { kind: 'ws_duplicate', probability: 0.01 },
        { kind: 'ws_reorder', probability: 0.004, params: { maxHoldMs: 50 } },
        { kind: 'ws_gap', probability: 0.003 },
        { kind: 'ws_malformed', probability: 0.003 },
        { kind: 'ws_disconnect', probability: 0.0008 },
      ].map((f) => h.host.injector.add({ venue: 'polymarket', endpoint: 'market', ...f }));
      const rng = new Rng(seed);
      const live: { id: string; account: string }[] = [];

      /** Until the consumer's book is valid and equals the engine's; a place+cancel nudges a silent loss into view. */
      const converge = async (what: string): Promise<void> => {
        for (let i = 0; i < 200; i++) {
          const t = truth(h.ex);
          if (
            model.valid &&
            JSON.stringify([model.levels('bid'), model.levels('ask')]) === JSON.stringify([t.bids, t.asks])
          )
            return;
          if (!(await model.nextEvent(100))) {
            const r = h.ex.place({
              account: 'a1',
              market: P_MARKET,
              outcome: 'YES',
              side: 'BUY',
              px: 100 as Px,
              qty: 500 as Qty,
              tif: 'GTC',
            });
            if (r.ok) h.ex.cancel('a1', r.order.id);
          }
        }
        throw new Error(`${what}: the streamed book never converged (${JSON.stringify(stream.stats())})`);
      };

      const started = performance.now();
      for (let i = 1; i <= 10_000; i++) {
        randomOp(h.ex, rng, live);
        // Let frames flow both ways now and then (resync requests reach the server mid-run).
        if (i % 25 === 0) await new Promise((r) => setImmediate(r));
        if (i % 2_000 === 0) await converge(`after ${i} updates`);
      }
      for (const id of faults) h.host.injector.remove(id);
      await converge('at the end');
      const rest = await adapter.fetchBook(P_MARKET);
      expect(rest.ok).toBe(true);
      if (!rest.ok) return;
      expect(model.levels('bid')).toEqual(rest.value.yesBids);
      expect(model.levels('ask')).toEqual(rest.value.yesAsks);
      const stats = stream.stats();
      const ms = Math.round(performance.now() - started);
      console.info(
        `10,000 updates in ${ms} ms; stream ${JSON.stringify(stats)}; ${model.invalids} invalid events`,
      );
      expect(stats.reconnects).toBeGreaterThan(0);
      expect(stats.malformed).toBeGreaterThan(0);
      expect(stats.gaps).toBeGreaterThan(0);
      expect(stats.resyncs).toBeGreaterThan(0);
    },
    120_000,
  );
});
