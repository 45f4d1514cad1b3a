import { describe, expect, it } from 'vitest';
import type { PriceProcessControl } from '../../../src/sim/faults/index.ts';
import { within } from '../support/net.ts';
import { bookFrame, feedFixture, fillFrame, parsed } from './support.ts';

describe('FeedSession without faults', () => {
  it('numbers frames per subscription (Kalshi) and not at all when the venue has no seq (Polymarket)', async () => {
    const k = await feedFixture();
    const { client, session } = await k.connect();
    expect(session.send(bookFrame(1)).seq).toBe(1);
    expect(session.send(bookFrame(2)).seq).toBe(2);
    expect(session.send(fillFrame(3)).seq).toBe(1);
    session.sendControl({ type: 'subscribed' });
    expect(parsed((await client.untilCount(4)).slice(0, 3))).toEqual([
      [1, 1],
      [2, 2],
      [3, 1],
    ]);
    session.resetSeq(1);
    expect(session.send(bookFrame(4)).seq).toBe(1);

    const p = await feedFixture({ venue: 'polymarket', numbered: false });
    const poly = await p.connect();
    expect(poly.session.send(bookFrame(1))).toEqual({ outcome: 'sent', seq: undefined, delayMs: 0 });
    expect(parsed(await poly.client.untilCount(1))).toEqual([[1, undefined]]);
  });
});

describe('WebSocket faults', () => {
  it('ws_gap: the frame is lost after taking its number; clears when removed', async () => {
    const f = await feedFixture();
    const { client, session } = await f.connect();
    session.send(bookFrame(1));
    const id = f.injector.add({ venue: 'kalshi', kind: 'ws_gap', endpoint: 'orderbook_delta' });
    expect(session.send(bookFrame(2))).toEqual({ outcome: 'dropped', seq: 2, delayMs: 0 });
    expect(session.send(fillFrame(9)).outcome).toBe('sent'); // another channel is untouched
    f.injector.remove(id);
    session.send(bookFrame(3));
    expect(parsed(await client.untilCount(3))).toEqual([
      [1, 1],
      [9, 1],
      [3, 3],
    ]);
  });

  it('ws_gap on an unnumbered (Polymarket) feed simply loses the frame', async () => {
    const f = await feedFixture({ venue: 'polymarket', numbered: false });
    const { client, session } = await f.connect();
    f.injector.add({ venue: 'polymarket', kind: 'ws_gap', count: 1 });
    expect(session.send(bookFrame(1)).outcome).toBe('dropped');
    session.send(bookFrame(2));
    expect(parsed(await client.untilCount(1))).toEqual([[2, undefined]]);
  });

  it('ws_duplicate: the same frame (same seq) arrives twice', async () => {
    const f = await feedFixture();
    const { client, session } = await f.connect();
    const id = f.injector.add({ venue: 'kalshi', kind: 'ws_duplicate' });
    expect(session.send(bookFrame(1)).outcome).toBe('duplicated');
    f.injector.remove(id);
    session.send(bookFrame(2));
    expect(parsed(await client.untilCount(3))).toEqual([
      [1, 1],
      [1, 1],
      [2, 2],
    ]);
  });

  it('ws_reorder: a frame is held behind the next one on its subscription, or flushed after maxHoldMs', async () => {
    const f = await feedFixture();
    const { client, session } = await f.connect();
    const id = f.injector.add({ venue: 'kalshi', kind: 'ws_reorder', count: 1, params: { maxHoldMs: 500 } });
    expect(session.send(bookFrame(1)).outcome).toBe('held');
    session.send(bookFrame(2));
    expect(parsed(await client.untilCount(2))).toEqual([
      [2, 2],
      [1, 1],
    ]);
    f.injector.remove(id);

    f.injector.add({
      venue: 'kalshi',
      kind: 'ws_reorder',
      endpoint: 'orderbook_delta',
      params: { maxHoldMs: 500 },
    });
    session.send(bookFrame(3));
    session.send(fillFrame(8)); // other subscription: not held behind it
    expect(parsed(await client.untilCount(3)).slice(2)).toEqual([[8, 1]]);
    f.clock.advance(500);
    expect(parsed(await client.untilCount(4)).slice(3)).toEqual([[3, 3]]);
  });

  it('ws_malformed: a broken frame, then the feed goes on', async () => {
    const f = await feedFixture();
    const { client, session } = await f.connect();
    const id = f.injector.add({ venue: 'kalshi', kind: 'ws_malformed' });
    expect(session.send(bookFrame(1)).outcome).toBe('malformed');
    f.injector.remove(id);
    session.send(bookFrame(2));
    const got = await client.untilCount(2);
    expect(() => JSON.parse(got[0]!)).toThrow();
    expect(parsed(got)).toEqual(['malformed', [2, 2]]);
  });

  it('book_stale: book frames arrive N ms late (in order), other frames do not wait', async () => {
    const f = await feedFixture();
    const { client, session } = await f.connect();
    const id = f.injector.add({ venue: 'kalshi', kind: 'book_stale', params: { ms: 200 } });
    expect(session.send(bookFrame(1))).toEqual({ outcome: 'delayed', seq: 1, delayMs: 200 });
    f.clock.advance(50);
    session.send(bookFrame(2));
    session.send(fillFrame(7));
    expect(parsed(await client.untilCount(1))).toEqual([[7, 1]]);
    f.clock.advance(150);
    expect(parsed(await client.untilCount(2))).toEqual([
      [7, 1],
      [1, 1],
    ]);
    f.injector.remove(id);
    session.send(bookFrame(3)); // queued behind the still-delayed frame 2: order is kept
    f.clock.advance(50);
    expect(parsed(await client.untilCount(4)).slice(2)).toEqual([
      [2, 2],
      [3, 3],
    ]);
    session.send(bookFrame(4));
    expect(parsed(await client.untilCount(5)).slice(4)).toEqual([[4, 4]]);
  });

  it('book_freeze: no book updates for the frozen market (seq not used); others flow; resumes when removed', async () => {
    const f = await feedFixture();
    const { client, session } = await f.connect();
    const id = f.injector.add({ venue: 'kalshi', kind: 'book_freeze', params: { market: 'A' } });
    expect(session.send(bookFrame(1, { market: 'A' }))).toEqual({
      outcome: 'suppressed',
      seq: undefined,
      delayMs: 0,
    });
    session.send(bookFrame(2, { market: 'B', sid: 3 }));
    session.send(fillFrame(3));
    expect(parsed(await client.untilCount(2))).toEqual([
      [2, 1],
      [3, 1],
    ]);
    f.injector.remove(id);
    session.send(bookFrame(4, { market: 'A' }));
    expect(parsed(await client.untilCount(3)).slice(2)).toEqual([[4, 1]]);
  });

  it('book_freeze with process: also freezes the price process for the market, and unfreezes it', async () => {
    const f = await feedFixture();
    const calls: string[] = [];
    const control: PriceProcessControl = {
      jump: () => undefined,
      setFrozen: (venue, market, frozen) => calls.push(`${venue} ${market ?? '*'} ${frozen}`),
      setPaused: () => undefined,
    };
    f.injector.attachPriceProcess(control);
    const id = f.injector.add({
      venue: 'kalshi',
      kind: 'book_freeze',
      params: { market: 'A', process: true },
    });
    expect(calls).toEqual(['kalshi A true']);
    f.injector.remove(id);
    expect(calls).toEqual(['kalshi A true', 'kalshi A false']);
  });

  it('ws_disconnect: a close frame with the given code, or a cut socket (1006); new connections work after', async () => {
    const f = await feedFixture();
    const first = await f.connect();
    const id = f.injector.add({ venue: 'kalshi', kind: 'ws_disconnect', params: { code: 4001 }, count: 1 });
    expect(first.session.send(bookFrame(1)).outcome).toBe('disconnected');
    expect(await within(first.client.closed, 2_000, 'close')).toBe(4001);
    expect(first.session.send(bookFrame(2)).outcome).toBe('closed');
    f.injector.remove(id);

    const second = await f.connect();
    f.injector.add({ venue: '*', kind: 'ws_disconnect', endpoint: 'fill' });
    second.session.send(bookFrame(3));
    expect(parsed(await second.client.untilCount(1))).toEqual([[3, 1]]);
    expect(second.session.send(fillFrame(4)).outcome).toBe('disconnected');
    expect(await within(second.client.closed, 2_000, 'close')).toBe(1006);
    f.injector.clear();

    const third = await f.connect();
    expect(third.session.send(fillFrame(5)).outcome).toBe('sent');
    expect(parsed(await third.client.untilCount(1))).toEqual([[5, 1]]);
  });

  it('a ws_disconnect or book_freeze that does not fire is not counted as applied (regression, seed 5)', async () => {
    const f = await feedFixture({ seed: 5 });
    const { session } = await f.connect();
    const disc = f.injector.add({ venue: 'kalshi', kind: 'ws_disconnect', probability: 0.01, count: 1 });
    const freeze = f.injector.add({ venue: 'kalshi', kind: 'book_freeze', probability: 0.01, count: 3 });
    let disconnected = 0;
    let suppressed = 0;
    for (let i = 0; i < 300 && disconnected === 0; i++) {
      const outcome = session.send(bookFrame(i)).outcome;
      if (outcome === 'disconnected') disconnected++;
      if (outcome === 'suppressed') suppressed++;
    }
    expect(f.injector.get(disc)!.applied).toBe(disconnected);
    expect(f.injector.get(freeze)!.applied).toBe(suppressed);
  });

  it('probability and count apply to frames too', async () => {
    const f = await feedFixture({ seed: 3 });
    const { session } = await f.connect();
    f.injector.add({ venue: 'kalshi', kind: 'ws_gap', probability: 0.2 });
    let dropped = 0;
    for (let i = 0; i < 500; i++) if (session.send(bookFrame(i)).outcome === 'dropped') dropped++;
    expect(dropped / 500).toBeGreaterThan(0.15);
    expect(dropped / 500).toBeLessThan(0.25);
    f.injector.clear();
    const id = f.injector.add({ venue: 'kalshi', kind: 'ws_duplicate', count: 2 });
    const outcomes = [1, 2, 3].map((n) => session.send(bookFrame(n)).outcome);
    expect(outcomes).toEqual(['duplicated', 'duplicated', 'sent']);
    expect(f.injector.get(id)!.state).toBe('exhausted');
  });
});
