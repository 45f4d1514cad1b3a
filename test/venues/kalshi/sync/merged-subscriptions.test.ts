/**
 * The book synchroniser on the protocol as real traffic shows it (reference "Observed in real traffic"): `ok`
 * replies carry `sid` and `seq` and take a number; later subscribes merge into the first sid and are answered
 * `ok` listing the whole market set; a gap on the shared sid resyncs its books once, and settles.
 */
import { describe, expect, it } from 'vitest';
import { KalshiBookSync, type SyncOutput } from '../../../../src/venues/kalshi/index.ts';

const T0 = 1_000;
const snap = (sid: number, seq: number, market: string, yes: [string, string][] = []) =>
  JSON.stringify({
    type: 'orderbook_snapshot',
    sid,
    seq,
    msg: { market_ticker: market, market_id: `id-${market}`, yes_dollars_fp: yes },
  });
const delta = (sid: number, seq: number, market: string, price: string, d: string) =>
  JSON.stringify({
    type: 'orderbook_delta',
    sid,
    seq,
    msg: {
      market_ticker: market,
      market_id: `id-${market}`,
      price_dollars: price,
      delta_fp: d,
      side: 'yes',
      ts_ms: 77,
    },
  });
const subscribed = (id: number, sid: number) =>
  JSON.stringify({ id, type: 'subscribed', msg: { channel: 'orderbook_delta', sid } });
const ok = (id: number, sid: number, seq: number | undefined, markets?: string[]) =>
  JSON.stringify({
    id,
    sid,
    ...(seq === undefined ? {} : { seq }),
    type: 'ok',
    msg: markets ? { market_tickers: markets } : {},
  });
type Cmd = {
  id: number;
  cmd: string;
  params: { market_tickers: string[]; sids?: number[]; action?: string };
};
const cmds = (out: SyncOutput | string[]) =>
  ('commands' in out ? out.commands : out).map((c) => JSON.parse(c) as Cmd);
const kinds = (out: SyncOutput) => out.events.map((e) => `${e.type}:${e.market}`);
const tickers = (n: number) => Array.from({ length: n }, (_, i) => `M${String(i).padStart(2, '0')}`);

/**
 * What the venue does with the sync's subscribes: `subscribed` sid 1 for the first, `ok` on sid 1 for each
 * later one (listing the whole set so far), each followed by its markets' snapshots; seq shared by all.
 */
function venueAnswers(s: KalshiBookSync, sent: Cmd[], seq = { n: 0 }): SyncOutput[] {
  const outs: SyncOutput[] = [];
  const all: string[] = [];
  sent.forEach((c, i) => {
    all.push(...c.params.market_tickers);
    outs.push(s.frame(i === 0 ? subscribed(c.id, 1) : ok(c.id, 1, ++seq.n, [...all]), T0));
    for (const m of c.params.market_tickers)
      outs.push(s.frame(snap(1, ++seq.n, m, [['0.4000', '1.00']]), T0));
  });
  return outs;
}

describe('KalshiBookSync on merged subscriptions', () => {
  it('an ok with seq takes its number: the snapshot after it is no gap (subscribed 1 → snap 1 → ok 2 → snap 3)', () => {
    const s = new KalshiBookSync(['A', 'B'], { chunkSize: 1 });
    const [a, b] = cmds(s.open(T0));
    s.frame(subscribed(a!.id, 1), T0);
    s.frame(snap(1, 1, 'A'), T0);
    expect(s.frame(ok(b!.id, 1, 2, ['A', 'B']), T0)).toEqual({ events: [], commands: [], trades: [] });
    expect(kinds(s.frame(snap(1, 3, 'B'), T0))).toEqual(['snapshot:B']);
    expect(s.frame(delta(1, 4, 'A', '0.4000', '2.00'), T0).events[0]).toMatchObject({
      market: 'A',
      qty: 200,
    });
    expect(s.subscribed).toBe(true);
    expect(s.book('A')).toBeDefined();
    expect(s.book('B')).toBeDefined();
    expect(s.stats()).toMatchObject({ gaps: 0, resyncs: 0, malformed: 0, snapshots: 2, updates: 1 });
  });

  it('an ok without seq (older documentation) takes no number; a gap before a numbered ok is a real gap', () => {
    const s = new KalshiBookSync(['A', 'B'], { chunkSize: 1 });
    const [a, b] = cmds(s.open(T0));
    s.frame(subscribed(a!.id, 1), T0);
    s.frame(snap(1, 1, 'A'), T0);
    s.frame(ok(b!.id, 1, undefined, ['A', 'B']), T0);
    expect(kinds(s.frame(snap(1, 2, 'B'), T0))).toEqual(['snapshot:B']);
    expect(s.stats()).toMatchObject({ gaps: 0, resyncs: 0 });
    // A numbered ok that skips a number: whatever was lost could have been any book's.
    const out = s.frame(ok(99, 1, 4), T0);
    expect(kinds(out)).toEqual(['invalid:A', 'invalid:B']);
    expect(cmds(out).map((c) => c.params)).toEqual([
      { sids: [1], market_tickers: ['A'], action: 'get_snapshot' },
      { sids: [1], market_tickers: ['B'], action: 'get_snapshot' },
    ]);
    expect(s.stats()).toMatchObject({ gaps: 1, resyncs: 1 });
  });

  it('past 25 markets every chunk binds to the one merged sid: ready, every book live, no gap, no resync', () => {
    const markets = tickers(60);
    const s = new KalshiBookSync(markets);
    const sent = cmds(s.open(T0));
    expect(sent.map((c) => c.params.market_tickers.length)).toEqual([25, 25, 10]);
    const outs = venueAnswers(s, sent);
    expect(outs.flatMap((o) => o.commands)).toEqual([]);
    expect(s.subscribed).toBe(true);
    expect(markets.every((m) => s.book(m) !== undefined)).toBe(true);
    // Deltas on the shared sid reach markets of every chunk.
    expect(s.frame(delta(1, 63, 'M59', '0.4000', '1.00'), T0).events).toHaveLength(1);
    expect(s.frame(delta(1, 64, 'M00', '0.4000', '1.00'), T0).events).toHaveLength(1);
    expect(s.stats()).toMatchObject({ snapshots: 60, updates: 2, gaps: 0, resyncs: 0, malformed: 0 });
    expect(s.tick(T0 + 60_000).commands).toEqual([]);
  });

  it('binds a market whose snapshot comes before the ok that merges it, and the ok after it is in sequence', () => {
    const s = new KalshiBookSync(['A', 'B'], { chunkSize: 1 });
    const [a, b] = cmds(s.open(T0));
    s.frame(subscribed(a!.id, 1), T0);
    s.frame(snap(1, 1, 'A'), T0);
    expect(kinds(s.frame(snap(1, 2, 'B'), T0))).toEqual(['snapshot:B']);
    expect(s.subscribed).toBe(true);
    expect(s.frame(ok(b!.id, 1, 3, ['A', 'B']), T0).commands).toEqual([]);
    expect(s.stats()).toMatchObject({ gaps: 0, resyncs: 0, malformed: 0 });
  });

  it('a gap on the merged sid resyncs all its books once; the resync ok is no new gap; it settles', () => {
    const markets = tickers(60);
    const s = new KalshiBookSync(markets, { resyncAfterMs: 500 });
    const seq = { n: 0 };
    venueAnswers(s, cmds(s.open(T0)), seq);
    seq.n += 1; // one delta lost
    const out = s.frame(delta(1, ++seq.n, 'M07', '0.4000', '1.00'), T0);
    expect(out.events).toHaveLength(60);
    expect(out.events.every((e) => e.type === 'invalid')).toBe(true);
    const asks = cmds(out);
    expect(asks.map((c) => c.params.market_tickers.length)).toEqual([25, 25, 10]);
    expect(new Set(asks.flatMap((c) => c.params.market_tickers))).toEqual(new Set(markets));
    // The venue: ok (numbered) then the snapshots, for each request; deltas go on meanwhile.
    const later: SyncOutput[] = [];
    for (const c of asks) {
      later.push(s.frame(ok(c.id, 1, ++seq.n, markets), T0 + 10));
      later.push(s.frame(delta(1, ++seq.n, c.params.market_tickers[0]!, '0.4000', '1.00'), T0 + 10));
      for (const m of c.params.market_tickers)
        later.push(s.frame(snap(1, ++seq.n, m, [['0.4100', '2.00']]), T0 + 10));
    }
    expect(later.flatMap((o) => o.commands)).toEqual([]);
    expect(markets.every((m) => s.book(m) !== undefined)).toBe(true);
    expect(s.book('M07')).toEqual({ yesBids: [{ px: 4_100, qty: 200 }], yesAsks: [] });
    expect(s.stats()).toMatchObject({ gaps: 1, resyncs: 1, malformed: 0 });
    expect(s.tick(T0 + 10_000).commands).toEqual([]);
  });

  it('a second gap while snapshots are coming asks only for the books that had theirs since', () => {
    const s = new KalshiBookSync(['A', 'B', 'C'], { resyncAfterMs: 500 });
    const [sub] = cmds(s.open(T0));
    s.frame(subscribed(sub!.id, 1), T0);
    for (const [i, m] of ['A', 'B', 'C'].entries()) s.frame(snap(1, i + 1, m), T0);
    const first = cmds(s.frame(delta(1, 5, 'A', '0.4000', '1.00'), T0));
    expect(first[0]!.params.market_tickers).toEqual(['A', 'B', 'C']);
    s.frame(ok(first[0]!.id, 1, 6), T0);
    s.frame(snap(1, 7, 'A'), T0);
    // seq 8 (B's snapshot, say) is lost: A is in doubt again; B and C still have snapshots coming.
    const second = s.frame(snap(1, 9, 'C'), T0 + 1);
    expect(kinds(second)).toEqual(['invalid:A', 'snapshot:C']);
    expect(cmds(second).map((c) => c.params.market_tickers)).toEqual([['A']]);
    s.frame(ok(cmds(second)[0]!.id, 1, 10), T0 + 1);
    s.frame(snap(1, 11, 'A'), T0 + 1);
    expect(s.book('B')).toBeUndefined();
    // B's snapshot was the lost frame: the watchdog asks for it, and only it, once it is overdue.
    expect(s.tick(T0 + 100).commands).toEqual([]);
    expect(cmds(s.tick(T0 + 600)).map((c) => c.params.market_tickers)).toEqual([['B']]);
    expect(s.stats()).toMatchObject({ gaps: 2, resyncs: 3 });
  });

  it('a market the venue refuses is dropped and the rest asked for again; no retry loop on other errors', () => {
    const s = new KalshiBookSync(['A', 'NOPE', 'B'], { resyncAfterMs: 500 });
    const [sub] = cmds(s.open(T0));
    const error = (id: number, code: number, market?: string) =>
      JSON.stringify({
        id,
        type: 'error',
        msg: { code, msg: 'x', ...(market ? { market_ticker: market } : {}) },
      });
    const again = cmds(s.frame(error(sub!.id, 16, 'NOPE'), T0));
    expect(again.map((c) => c.params.market_tickers)).toEqual([['A', 'B']]);
    s.frame(subscribed(again[0]!.id, 1), T0);
    expect(s.subscribed).toBe(true);
    // An error naming no market (an internal error, say) is not retried at once: the watchdog retries later.
    const s2 = new KalshiBookSync(['A'], { resyncAfterMs: 500 });
    const [sub2] = cmds(s2.open(T0));
    expect(s2.frame(error(sub2!.id, 17), T0).commands).toEqual([]);
    expect(cmds(s2.tick(T0 + 600)).map((c) => [c.cmd, c.params.market_tickers])).toEqual([
      ['subscribe', ['A']],
    ]);
  });
});
