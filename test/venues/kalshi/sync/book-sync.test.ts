/** The sans-I/O Kalshi book synchroniser: frames in, BookEvents and commands out. */
import { describe, expect, it } from 'vitest';
import { KalshiBookSync, type SyncOutput } from '../../../../src/venues/kalshi/index.ts';

const T0 = 1_000;
const snap = (
  sid: number,
  seq: number,
  market: string,
  yes: [string, string][] = [],
  no: [string, string][] = [],
) =>
  JSON.stringify({
    type: 'orderbook_snapshot',
    sid,
    seq,
    msg: { market_ticker: market, yes_dollars_fp: yes, no_dollars_fp: no },
  });
const delta = (sid: number, seq: number, market: string, side: 'yes' | 'no', price: string, d: string) =>
  JSON.stringify({
    type: 'orderbook_delta',
    sid,
    seq,
    msg: { market_ticker: market, price_dollars: price, delta_fp: d, side, ts_ms: 77 },
  });
const subscribed = (id: number, sid: number) =>
  JSON.stringify({ id, type: 'subscribed', msg: { channel: 'orderbook_delta', sid } });
const cmds = (out: SyncOutput) =>
  out.commands.map((c) => JSON.parse(c) as { id: number; cmd: string; params: Record<string, unknown> });
const kinds = (out: SyncOutput) => out.events.map((e) => `${e.type}:${e.market}`);

/** Two markets in one chunk (A, B) and one in another (C), both subscribed and snapshotted. */
function live() {
  const s = new KalshiBookSync(['A', 'B', 'C'], { chunkSize: 2, resyncAfterMs: 500 });
  const subs = s.open(T0).map((c) => JSON.parse(c) as { id: number; params: { market_tickers: string[] } });
  expect(subs.map((c) => c.params.market_tickers)).toEqual([['A', 'B'], ['C']]);
  s.frame(subscribed(subs[0]!.id, 7), T0);
  s.frame(subscribed(subs[1]!.id, 8), T0);
  expect(s.subscribed).toBe(true);
  s.frame(snap(7, 1, 'A', [['0.4000', '5.00']], [['0.5500', '3.00']]), T0);
  s.frame(snap(7, 2, 'B'), T0);
  s.frame(snap(8, 1, 'C', [['0.1000', '1.00']]), T0);
  return s;
}

describe('KalshiBookSync', () => {
  it('turns snapshots and signed deltas into absolute YES levels', () => {
    const s = live();
    expect(s.book('A')).toEqual({ yesBids: [{ px: 4_000, qty: 500 }], yesAsks: [{ px: 4_500, qty: 300 }] });
    const out = s.frame(delta(7, 3, 'A', 'no', '0.5500', '-1.00'), T0 + 1);
    expect(out.events).toEqual([
      {
        type: 'level',
        market: 'A',
        side: 'ask',
        px: 4_500,
        qty: 200,
        venueTimeMs: 77,
        receiveTimeMs: T0 + 1,
      },
    ]);
    const gone = s.frame(delta(7, 4, 'A', 'yes', '0.4000', '-5.00'), T0 + 2);
    expect(gone.events[0]).toMatchObject({ side: 'bid', px: 4_000, qty: 0 });
    expect(s.book('A')).toEqual({ yesBids: [], yesAsks: [{ px: 4_500, qty: 200 }] });
    expect(s.stats()).toEqual({ snapshots: 3, updates: 2, gaps: 0, malformed: 0, resyncs: 0, reconnects: 0 });
  });

  it("a seq gap invalidates the sid's books, asks for snapshots, drops deltas until they come", () => {
    const s = live();
    const out = s.frame(delta(7, 5, 'A', 'yes', '0.4000', '1.00'), T0);
    expect(kinds(out)).toEqual(['invalid:A', 'invalid:B']);
    expect(cmds(out)).toEqual([
      expect.objectContaining({
        cmd: 'update_subscription',
        params: { sids: [7], market_tickers: ['A', 'B'], action: 'get_snapshot' },
      }),
    ]);
    expect(s.book('A')).toBeUndefined();
    expect(s.book('C')).toBeDefined(); // the other chunk is untouched
    expect(s.frame(delta(7, 6, 'B', 'yes', '0.2000', '1.00'), T0).events).toEqual([]);
    expect(kinds(s.frame(snap(7, 7, 'A', [['0.4100', '1.00']]), T0))).toEqual(['snapshot:A']);
    expect(s.frame(delta(7, 8, 'A', 'yes', '0.4100', '1.00'), T0).events[0]).toMatchObject({ qty: 200 });
    expect(s.stats()).toMatchObject({ gaps: 1, resyncs: 1 });
  });

  it('a snapshot arriving after a gap is still used; a repeated or stale seq also resyncs', () => {
    const s = live();
    const out = s.frame(snap(7, 9, 'B', [['0.3000', '2.00']]), T0);
    expect(kinds(out)).toEqual(['invalid:A', 'invalid:B', 'snapshot:B']);
    const dup = s.frame(snap(7, 9, 'B', [['0.3000', '2.00']]), T0);
    expect(kinds(dup)).toEqual(['invalid:B']);
    expect(cmds(dup)[0]!.params.action).toBe('get_snapshot');
    expect(s.stats().gaps).toBe(2);
  });

  it('a frame that is not JSON invalidates every sid; a broken frame with a sid only its own', () => {
    const s = live();
    const all = s.frame('{"type":"orderbook_delta","sid":7,"se', T0);
    expect(kinds(all)).toEqual(['invalid:A', 'invalid:B', 'invalid:C']);
    expect(cmds(all).map((c) => c.params.sids)).toEqual([[7], [8]]);
    s.frame(snap(8, 2, 'C'), T0);
    const one = s.frame(
      JSON.stringify({
        type: 'orderbook_delta',
        sid: 8,
        seq: 3,
        msg: { market_ticker: 'C', price_dollars: '1.5', delta_fp: '1.00', side: 'yes' },
      }),
      T0,
    );
    expect(kinds(one)).toEqual(['invalid:C']);
    expect(cmds(one).map((c) => c.params.sids)).toEqual([[8]]);
    // The broken frame used seq 3: seq 4 is in order, not another gap.
    s.frame(snap(8, 4, 'C'), T0);
    expect(s.stats()).toMatchObject({ malformed: 2, gaps: 0 });
    expect(s.book('C')).toEqual({ yesBids: [], yesAsks: [] });
  });

  it('a level that would go negative, or a market the sid does not carry, is a resync, never a wrong book', () => {
    const s = live();
    expect(kinds(s.frame(delta(7, 3, 'A', 'yes', '0.4000', '-6.00'), T0))).toEqual([
      'invalid:A',
      'invalid:B',
    ]);
    const s2 = live();
    expect(kinds(s2.frame(delta(7, 3, 'C', 'yes', '0.1000', '1.00'), T0))).toEqual([
      'invalid:A',
      'invalid:B',
    ]);
    expect(s2.book('C')).toEqual({ yesBids: [{ px: 1_000, qty: 100 }], yesAsks: [] });
  });

  it('a snapshot request refused for an unknown sid subscribes its markets again (no unsubscribe: it is gone)', () => {
    const s = live();
    const out = s.frame(delta(7, 9, 'A', 'yes', '0.4000', '1.00'), T0);
    const req = cmds(out)[0]!;
    const after = s.frame(
      JSON.stringify({ id: req.id, type: 'error', msg: { code: 7, msg: 'Unknown subscription ID' } }),
      T0,
    );
    expect(cmds(after).map((c) => [c.cmd, c.params])).toEqual([
      ['subscribe', { channels: ['orderbook_delta'], market_tickers: ['A', 'B'] }],
    ]);
    expect(s.subscribed).toBe(false);
    s.frame(subscribed(cmds(after)[0]!.id, 9), T0);
    expect(s.subscribed).toBe(true);
    expect(kinds(s.frame(snap(9, 1, 'A'), T0))).toEqual(['snapshot:A']);
  });

  it('a disconnect invalidates everything; the next open subscribes afresh and counts a reconnect', () => {
    const s = live();
    expect(kinds({ events: s.close(T0), commands: [], trades: [] })).toEqual([
      'invalid:A',
      'invalid:B',
      'invalid:C',
    ]);
    expect(s.subscribed).toBe(false);
    expect(s.frame(delta(7, 3, 'A', 'yes', '0.4000', '1.00'), T0).events).toEqual([]); // old sid: ignored
    const again = s.open(T0).map((c) => JSON.parse(c) as { id: number });
    s.frame(subscribed(again[0]!.id, 1), T0);
    expect(kinds(s.frame(snap(1, 1, 'A'), T0))).toEqual(['snapshot:A']);
    expect(s.stats().reconnects).toBe(1);
  });

  it('the watchdog asks again for snapshots that never came', () => {
    const s = live();
    s.frame(delta(7, 9, 'A', 'yes', '0.4000', '1.00'), T0);
    expect(s.tick(T0 + 100).commands).toEqual([]);
    const late = s.tick(T0 + 600);
    expect(cmds(late).map((c) => c.params)).toEqual([
      { sids: [7], market_tickers: ['A', 'B'], action: 'get_snapshot' },
    ]);
    s.frame(snap(7, 10, 'A'), T0);
    s.frame(snap(7, 11, 'B'), T0);
    expect(s.tick(T0 + 5_000).commands).toEqual([]);
  });
});
