/**
 * Bad input on the market channel: every malformed or inconsistent frame ends in `invalid`, a resync and a count.
 * A price_change whose hash does not match is judged when its same-timestamp batch ends (the next timestamp);
 * a tick size change is part of the hashed summary, not a reason to drop the book (issue 21 points 5 and 7).
 */
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import { RealClock } from '../../../../src/app/real-clock.ts';
import type { Level } from '../../../../src/core/market.ts';
import { Rng } from '../../../../src/core/rng.ts';
import type { Px, Qty } from '../../../../src/core/units.ts';
import {
  type BookMeta,
  DEFAULT_META,
  type MarketNotice,
  PolyBookStream,
  wsBookHash,
} from '../../../../src/venues/polymarket/index.ts';
import type { BookEvent } from '../../../../src/venues/venue.ts';
import { onCleanup, startServer, waitFor } from '../../../sim/support/net.ts';

const M = '0xmarket';
const A = '111';
const lv = (px: number, qty: number) => ({ px: px as Px, qty: qty as Qty }) as Level;
const wire = (ls: Level[]) =>
  [...ls].reverse().map((l) => ({ price: String(l.px / 10_000), size: String(l.qty / 100) }));

let meta: BookMeta = DEFAULT_META;
const hashOf = (ts: string, bids: Level[], asks: Level[]) => wsBookHash(M, A, ts, bids, asks, meta);
function book(ts: string, bids: Level[], asks: Level[], hash = hashOf(ts, bids, asks)) {
  return JSON.stringify([
    { event_type: 'book', asset_id: A, market: M, bids: wire(bids), asks: wire(asks), timestamp: ts, hash },
  ]);
}

describe('PolyBookStream on bad input', () => {
  it('malformed frames, hash mismatches, crossed books: invalid, resync, counted; a tick change is hashed; never a wrong book', async () => {
    let server: WebSocket | undefined;
    const received: string[] = [];
    const s = await startServer((srv) =>
      srv.ws('/ws/market', (socket) => {
        server = socket;
        socket.on('message', (d) => received.push(String(d)));
      }),
    );
    const events: BookEvent[] = [];
    const problems: string[] = [];
    const notices: MarketNotice[] = [];
    let notify: (() => void) | undefined;
    const stream = new PolyBookStream({
      url: s.wsUrl('/ws/market'),
      clock: new RealClock(),
      rng: new Rng(3),
      markets: [{ market: M, assetId: A }],
      onEvent: (e) => {
        events.push(e);
        notify?.();
      },
      onProblem: (p) => problems.push(p),
      onNotice: (n) => notices.push(n),
      resyncTimeoutMs: 60_000,
      batchTimeoutMs: 60_000,
    });
    onCleanup(() => stream.close());
    await stream.ready;
    const nextEvents = (n: number) =>
      waitFor<void>(`${n} book events`, (deliver) => {
        notify = () => events.length >= n && deliver();
        notify();
      });
    await waitFor<void>('subscribe', (deliver) => {
      const t = setInterval(() => received.length > 0 && deliver(), 5);
      return () => clearInterval(t);
    });
    expect(JSON.parse(received[0]!)).toEqual({
      assets_ids: [A],
      type: 'market',
      custom_feature_enabled: true,
    });

    server!.send(book('1000', [lv(4000, 1000)], [lv(4500, 700)]));
    await nextEvents(1);
    expect(events[0]).toMatchObject({
      type: 'snapshot',
      yesBids: [lv(4000, 1000)],
      yesAsks: [lv(4500, 700)],
      venueTimeMs: 1000,
    });

    // 1. Half a frame.
    server!.send('{"event_type":"price_change","mar');
    await nextEvents(2);
    expect(events[1]).toMatchObject({ type: 'invalid', reason: expect.stringContaining('malformed frame') });
    // 2. A valid snapshot, then a price_change whose hash does not match what applying it gives: its batch
    // stays open (the venue may still send the rest of it) until a later timestamp shows it ended unmatched.
    server!.send(book('2000', [lv(4000, 1000)], [lv(4500, 700)]));
    await nextEvents(3);
    const change = (hash: string, ts = '2001') =>
      JSON.stringify({
        event_type: 'price_change',
        market: M,
        timestamp: ts,
        price_changes: [{ asset_id: A, price: '0.41', size: '5', side: 'BUY', hash }],
      });
    server!.send(change('not-the-hash'));
    server!.send(change(hashOf('2002', [lv(4100, 500), lv(4000, 1000)], [lv(4500, 700)]), '2002'));
    await nextEvents(4);
    expect(events[3]).toMatchObject({ type: 'invalid', reason: 'batch ended without matching its hash' });
    // 3. While invalid, changes are ignored; a snapshot with a wrong hash is refused.
    server!.send(change(hashOf('2003', [lv(4100, 500), lv(4000, 1000)], [lv(4500, 700)]), '2003'));
    server!.send(book('3000', [lv(4000, 1000)], [lv(4500, 700)], 'bad'));
    // 4. A crossed snapshot with a correct hash is refused too.
    server!.send(book('3001', [lv(4600, 1000)], [lv(4500, 700)]));
    // 5. A good snapshot, a good change, then a tick size change.
    server!.send(book('4000', [lv(4000, 1000)], [lv(4500, 700)]));
    await nextEvents(5);
    expect(events[4]).toMatchObject({ type: 'snapshot', venueTimeMs: 4000 });
    server!.send(
      JSON.stringify({
        event_type: 'price_change',
        market: M,
        timestamp: '4001',
        price_changes: [
          {
            asset_id: A,
            price: '0.41',
            size: '5',
            side: 'BUY',
            hash: hashOf('4001', [lv(4100, 500), lv(4000, 1000)], [lv(4500, 700)]),
          },
        ],
      }),
    );
    await nextEvents(6);
    expect(events[5]).toMatchObject({ type: 'level', side: 'bid', px: 4100, qty: 500, venueTimeMs: 4001 });
    server!.send(
      JSON.stringify({
        event_type: 'tick_size_change',
        asset_id: A,
        market: M,
        old_tick_size: '0.01',
        new_tick_size: '0.001',
        timestamp: '5000',
      }),
    );
    // 6. The tick is now 0.001: the next change's hash covers the new `tick_size`, and the book stays valid.
    meta = { ...DEFAULT_META, tickSize: '0.001' };
    server!.send(
      JSON.stringify({
        event_type: 'price_change',
        market: M,
        timestamp: '5001',
        price_changes: [
          {
            asset_id: A,
            price: '0.415',
            size: '3',
            side: 'BUY',
            hash: hashOf('5001', [lv(4150, 300), lv(4100, 500), lv(4000, 1000)], [lv(4500, 700)]),
          },
        ],
      }),
    );
    await nextEvents(7);
    expect(events[6]).toMatchObject({ type: 'level', side: 'bid', px: 4150, qty: 300, venueTimeMs: 5001 });
    expect(notices).toEqual([{ type: 'tick_size', market: M, assetId: A, tick: 10 }]);
    expect(events.map((e) => e.type)).toEqual([
      'snapshot',
      'invalid',
      'snapshot',
      'invalid',
      'snapshot',
      'level',
      'level',
    ]);
    expect(stream.stats()).toMatchObject({ snapshots: 3, updates: 2, malformed: 1, gaps: 3, resyncs: 4 });
    expect(stream.detail()).toMatchObject({ hashFailed: 2, hashPending: 1 });
    expect(problems).toHaveLength(4);
    // Each resync asked the server for that token's snapshot again.
    await waitFor<void>('resync requests', (deliver) => {
      const t = setInterval(() => received.length >= 5 && deliver(), 5);
      return () => clearInterval(t);
    });
    expect(received.slice(1).map((m) => JSON.parse(m))).toEqual(
      Array(4).fill({ operation: 'subscribe', assets_ids: [A] }),
    );
  });
});
