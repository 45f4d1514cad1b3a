/**
 * The adapter's book stream against the simulated Kalshi, which merges subscribes and numbers its `ok`s as the
 * real venue does: one subscribe per market still ends in every book live with no gap and no resync, and the
 * public trades come through `onTrade` in core units.
 */
import { describe, expect, it } from 'vitest';
import { RealClock } from '../../../../src/app/real-clock.ts';
import { Rng } from '../../../../src/core/rng.ts';
import type { Px, Qty } from '../../../../src/core/units.ts';
import { KalshiAdapter, type KalshiTrade } from '../../../../src/venues/kalshi/index.ts';
import type { BookEvent } from '../../../../src/venues/venue.ts';
import { onCleanup, within } from '../../../sim/support/net.ts';
import { seedBook, startKalshiSim } from '../support.ts';

/** Resolves once `cond` holds (checked after each event the stream delivers), or fails after `ms`. */
function waiter(): {
  poke: () => void;
  until: (what: string, cond: () => boolean, ms?: number) => Promise<void>;
} {
  let waiting: (() => void)[] = [];
  return {
    poke: () => {
      for (const w of [...waiting]) w();
    },
    until: (what, cond, ms = 5_000) =>
      within(
        new Promise<void>((resolve) => {
          const check = (): void => {
            if (!cond()) return;
            waiting = waiting.filter((w) => w !== check);
            resolve();
          };
          waiting.push(check);
          check();
        }),
        ms,
        what,
      ),
  };
}

describe('Kalshi book stream against the simulator (seed 27)', () => {
  it('one subscribe per market: every book live, no gap, no resync; public trades reach onTrade', async () => {
    const sim = await startKalshiSim({ seed: 27, front: { rateLimits: 'off' } });
    const { ex, markets } = sim;
    const [a] = markets as [string];
    seedBook(ex, a, { bids: [[4_000, 3]], asks: [[5_500, 4]] });
    const adapter = new KalshiAdapter({
      restUrl: sim.kalshi.restUrl,
      wsUrl: sim.kalshi.wsUrl,
      keyId: sim.kalshi.keyId,
      privateKeyPem: sim.kalshi.privateKeyPem,
      clock: new RealClock(),
      rng: new Rng(27),
      stream: { chunkSize: 1 },
    });
    onCleanup(() => adapter.close());
    const w = waiter();
    const live = new Set<string>();
    const trades: KalshiTrade[] = [];
    const stream = adapter.streamBooks(
      markets,
      (e: BookEvent) => {
        if (e.type === 'snapshot') live.add(e.market);
        if (e.type === 'invalid') live.delete(e.market);
        w.poke();
      },
      (t) => {
        trades.push(t);
        w.poke();
      },
    );
    await within(stream.ready, 5_000, 'stream ready');
    await w.until('every book live', () => live.size === markets.length);
    expect(markets.length).toBeGreaterThan(1);
    expect(stream.book(a)).toEqual({
      yesBids: [{ px: 4_000, qty: 300 }],
      yesAsks: [{ px: 5_500, qty: 400 }],
    });

    // Someone buys 2.5 YES at 0.55: a public trade, YES taker.
    ex.openAccount('someone', 1e6 * 1e6);
    const r = ex.place({
      account: 'someone',
      market: a,
      outcome: 'YES',
      side: 'BUY',
      px: 5_500 as Px,
      qty: 250 as Qty,
      tif: 'IOC',
    });
    expect(r.ok).toBe(true);
    await w.until(
      'the trade and its book change',
      () => trades.length === 1 && stream.book(a)?.yesAsks[0]?.qty === 150,
    );
    expect(trades[0]).toMatchObject({ market: a, yesPx: 5_500, qty: 250, takerSide: 'yes' });
    expect(stream.stats()).toMatchObject({ gaps: 0, resyncs: 0, malformed: 0, snapshots: markets.length });
  });
});
