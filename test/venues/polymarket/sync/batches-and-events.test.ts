/**
 * `PolyBookSync` on the protocol as observed (reference, "Observed in real traffic"; issue 21):
 * - point 6: a same-timestamp batch may cross the book on the way; every frame carries the end-of-batch hash
 *   and best prices, and the book is judged at the batch's end;
 * - point 7: `last_trade_price` and `tick_size_change` keep the hashed summary current, `best_bid_ask` checks the
 *   top (the one check when hashes are off), `new_market` is told to the shell;
 * - point 10: one bad event in a multi-event frame costs only the books it names.
 */
import { describe, expect, it } from 'vitest';
import type { Level } from '../../../../src/core/market.ts';
import {
  type BookMeta,
  DEFAULT_META,
  type MarketNotice,
  PolyBookSync,
  wsBookHash,
} from '../../../../src/venues/polymarket/index.ts';
import type { BookEvent } from '../../../../src/venues/venue.ts';

const A = { market: '0xa', assetId: '111' };
const B = { market: '0xb', assetId: '222' };
const lv = (px: number, qty: number) => ({ px, qty }) as Level;
const wire = (ls: Level[]) =>
  [...ls].reverse().map((l) => ({ price: String(l.px / 10_000), size: String(l.qty / 100) }));

function bookFrame(m: typeof A, ts: string, bids: Level[], asks: Level[], meta: BookMeta = DEFAULT_META) {
  return {
    market: m.market,
    asset_id: m.assetId,
    timestamp: ts,
    hash: wsBookHash(m.market, m.assetId, ts, bids, asks, meta),
    bids: wire(bids),
    asks: wire(asks),
    event_type: 'book',
  };
}

type Change = { price: string; size: string; side: 'BUY' | 'SELL' };
function changeFrame(
  m: typeof A,
  ts: string,
  changes: Change[],
  end: { hash?: string; bid: string; ask: string },
) {
  return JSON.stringify({
    market: m.market,
    price_changes: changes.map((c) => ({
      asset_id: m.assetId,
      ...c,
      ...(end.hash === undefined ? {} : { hash: end.hash }),
      best_bid: end.bid,
      best_ask: end.ask,
    })),
    timestamp: ts,
    event_type: 'price_change',
  });
}

function harness(verifyHashes = true) {
  const events: BookEvent[] = [];
  const resyncs: string[][] = [];
  const notices: MarketNotice[] = [];
  const opened: string[] = [];
  const sync = new PolyBookSync(
    [A, B],
    {
      onEvent: (e) => events.push(e),
      resync: (ids) => resyncs.push(ids),
      onNotice: (n) => notices.push(n),
      batchOpened: (id, ts) => opened.push(`${id}@${ts}`),
    },
    { verifyHashes },
  );
  const show = () =>
    events.map((e) =>
      e.type === 'level' ? `${e.market} ${e.side} ${e.px} ${e.qty}` : `${e.market} ${e.type}`,
    );
  return { sync, events, resyncs, notices, opened, show };
}

describe('same-timestamp batches (point 6)', () => {
  // Book: bid 0.40 × 10, asks 0.45 × 7 and 0.46 × 5. A buy of 20 at 0.47 takes both asks and rests 8 at 0.47:
  // the venue sends the new bid first (crossed), then the two removals, all with the end state's hash.
  const start = bookFrame(A, '1000', [lv(4000, 1000)], [lv(4500, 700), lv(4600, 500)]);
  const end = {
    hash: wsBookHash(A.market, A.assetId, '1001', [lv(4700, 800), lv(4000, 1000)], [], DEFAULT_META),
  };
  const burst = [
    changeFrame(A, '1001', [{ price: '0.47', size: '8', side: 'BUY' }], { ...end, bid: '0.47', ask: '1' }),
    changeFrame(A, '1001', [{ price: '0.45', size: '0', side: 'SELL' }], { ...end, bid: '0.47', ask: '1' }),
    changeFrame(A, '1001', [{ price: '0.46', size: '0', side: 'SELL' }], { ...end, bid: '0.47', ask: '1' }),
  ];

  it('a burst crossed on the way is judged at its end: valid, its net changes told removals first', () => {
    const h = harness();
    h.sync.frame(JSON.stringify([start]), 5);
    for (const f of burst) h.sync.frame(f, 6);
    expect(h.resyncs).toEqual([]);
    expect(h.show()).toEqual(['0xa snapshot', '0xa ask 4500 0', '0xa ask 4600 0', '0xa bid 4700 800']);
    expect(h.sync.detail).toMatchObject({
      multiFrameBatches: 1,
      crossedInBatch: 1,
      hashPending: 2,
      hashFailed: 0,
    });
    expect(h.opened).toEqual(['111@1001', '111@1001']); // each frame short of the end (the shell arms one timer)
    expect(h.events[1]).toMatchObject({ venueTimeMs: 1001, receiveTimeMs: 6 });
  });

  it('without hash checking, the frames’ best prices say where the batch ends', () => {
    const h = harness(false);
    h.sync.frame(JSON.stringify([start]), 5);
    for (const f of burst) h.sync.frame(f.replace(/"hash":"[0-9a-f]+",/, ''), 6);
    expect(h.resyncs).toEqual([]);
    expect(h.show()).toEqual(['0xa snapshot', '0xa ask 4500 0', '0xa ask 4600 0', '0xa bid 4700 800']);
  });

  it('a batch that never reaches its hash: dropped at the next timestamp, or when the shell’s timer runs out', () => {
    const h = harness();
    h.sync.frame(JSON.stringify([start]), 5);
    h.sync.frame(burst[0]!, 6);
    h.sync.frame(burst[1]!, 6); // the third frame is lost
    h.sync.frame(
      changeFrame(A, '1002', [{ price: '0.39', size: '1', side: 'BUY' }], {
        hash: 'x',
        bid: '0.47',
        ask: '1',
      }),
      7,
    );
    expect(h.show()).toEqual(['0xa snapshot', '0xa invalid']);
    expect(h.events[1]).toMatchObject({ reason: 'batch ended without matching its hash' });
    expect(h.resyncs).toEqual([['111']]);
    // Once more, with nothing after the lost frame: the shell's timer closes the batch.
    h.sync.frame(JSON.stringify([start]), 8);
    h.sync.frame(burst[0]!, 9);
    h.sync.closeBatch(A.assetId, '999', 10); // another batch's timer: nothing happens
    expect(h.sync.isValid(A.market)).toBe(true);
    h.sync.closeBatch(A.assetId, '1001', 10);
    expect(h.events.at(-1)).toMatchObject({ type: 'invalid', reason: 'batch never reached its hash' });
    expect(h.sync.detail.hashFailed).toBe(2);
  });

  it('a batch whose end is crossed is refused', () => {
    const h = harness();
    h.sync.frame(JSON.stringify([start]), 5);
    const crossedEnd = wsBookHash(
      A.market,
      A.assetId,
      '1001',
      [lv(4700, 800), lv(4000, 1000)],
      [lv(4500, 700), lv(4600, 500)],
      DEFAULT_META,
    );
    h.sync.frame(
      changeFrame(A, '1001', [{ price: '0.47', size: '8', side: 'BUY' }], {
        hash: crossedEnd,
        bid: '0.47',
        ask: '0.45',
      }),
      6,
    );
    expect(h.events.at(-1)).toMatchObject({ type: 'invalid', reason: 'book crossed at the end of a batch' });
  });
});

describe('the summary fields and the market events (point 7)', () => {
  it('last_trade_price and tick_size_change are in the next hash; the book is kept and the tick is told', () => {
    const h = harness();
    h.sync.frame(JSON.stringify([bookFrame(A, '1000', [lv(4000, 1000)], [lv(4500, 700)])]), 1);
    h.sync.frame(
      JSON.stringify({
        event_type: 'last_trade_price',
        asset_id: A.assetId,
        market: A.market,
        price: '0.450',
        side: 'BUY',
        size: '7',
        timestamp: '1001',
      }),
      2,
    );
    h.sync.frame(
      JSON.stringify({
        event_type: 'tick_size_change',
        asset_id: A.assetId,
        market: A.market,
        old_tick_size: '0.01',
        new_tick_size: '0.001',
        timestamp: '1001',
      }),
      2,
    );
    const meta = { ...DEFAULT_META, tickSize: '0.001', lastTradePrice: '0.450' };
    const hash = wsBookHash(
      A.market,
      A.assetId,
      '1002',
      [lv(4005, 100), lv(4000, 1000)],
      [lv(4500, 700)],
      meta,
    );
    h.sync.frame(
      changeFrame(A, '1002', [{ price: '0.4005', size: '1', side: 'BUY' }], {
        hash,
        bid: '0.4005',
        ask: '0.45',
      }),
      3,
    );
    expect(h.show()).toEqual(['0xa snapshot', '0xa bid 4005 100']);
    expect(h.notices).toEqual([{ type: 'tick_size', market: A.market, assetId: A.assetId, tick: 10 }]);
  });

  it('a last trade price written differently elsewhere ("0.45" in the event, "0.450" in the summary) still matches', () => {
    const h = harness();
    h.sync.frame(JSON.stringify([bookFrame(A, '1000', [lv(4000, 1000)], [lv(4500, 700)])]), 1);
    h.sync.frame(
      JSON.stringify({
        event_type: 'last_trade_price',
        asset_id: A.assetId,
        market: A.market,
        price: '0.45',
        timestamp: '1001',
      }),
      2,
    );
    const hash = wsBookHash(A.market, A.assetId, '1002', [lv(4100, 100), lv(4000, 1000)], [lv(4500, 700)], {
      ...DEFAULT_META,
      lastTradePrice: '0.450',
    });
    h.sync.frame(
      changeFrame(A, '1002', [{ price: '0.41', size: '1', side: 'BUY' }], { hash, bid: '0.41', ask: '0.45' }),
      3,
    );
    expect(h.show()).toEqual(['0xa snapshot', '0xa bid 4100 100']);
    expect(h.sync.detail.lastTradeReformatted).toBe(1);
  });

  it('best_bid_ask: the one check without hashes (a disagreement drops the book); with hashes, counted and reported', () => {
    for (const verify of [false, true]) {
      const h = harness(verify);
      h.sync.frame(JSON.stringify([bookFrame(A, '1000', [lv(4000, 1000)], [lv(4500, 700)])]), 1);
      const bbo = (bid: string, ask: string, ts = '1000') =>
        JSON.stringify({
          event_type: 'best_bid_ask',
          market: A.market,
          asset_id: A.assetId,
          best_bid: bid,
          best_ask: ask,
          spread: '0',
          timestamp: ts,
        });
      h.sync.frame(bbo('0.4', '0.45'), 2);
      // A best_bid_ask ahead of its batch waits for it: checked when the batch at 1001 ends.
      h.sync.frame(bbo('0.41', '0.45', '1001'), 3);
      const hash = wsBookHash(
        A.market,
        A.assetId,
        '1001',
        [lv(4100, 100), lv(4000, 1000)],
        [lv(4500, 700)],
        DEFAULT_META,
      );
      h.sync.frame(
        changeFrame(A, '1001', [{ price: '0.41', size: '1', side: 'BUY' }], {
          hash,
          bid: '0.41',
          ask: '0.45',
        }),
        4,
      );
      expect(h.sync.detail).toMatchObject({ bboChecked: 2, bboMismatch: 0 });
      h.sync.frame(bbo('0.42', '0.45', '1001'), 5);
      expect(h.sync.detail.bboMismatch).toBe(1);
      expect(h.sync.isValid(A.market)).toBe(verify);
    }
  });

  it('new_market is told to the shell with its outcomes as listed (any two labels)', () => {
    const h = harness();
    h.sync.frame(
      JSON.stringify({
        event_type: 'new_market',
        market: '0xnew',
        question: 'Bitcoin Up or Down?',
        slug: 'btc-up',
        assets_ids: ['7', '8'],
        outcomes: ['Up', 'Down'],
        order_price_min_tick_size: '0.01',
        timestamp: '1',
      }),
      1,
    );
    expect(h.notices).toEqual([
      {
        type: 'new_market',
        market: '0xnew',
        question: 'Bitcoin Up or Down?',
        slug: 'btc-up',
        assetIds: ['7', '8'],
        outcomes: ['Up', 'Down'],
        tick: 100,
      },
    ]);
  });
});

describe('one bad event in a multi-event frame (point 10)', () => {
  it('costs only the book it names: the other events of the frame are applied', () => {
    const h = harness();
    h.sync.frame(
      JSON.stringify([
        bookFrame(A, '1000', [lv(4000, 1000)], [lv(4500, 700)]),
        bookFrame(B, '1000', [lv(3000, 100)], [lv(3500, 100)]),
      ]),
      1,
    );
    const badB = {
      ...bookFrame(B, '2000', [lv(3000, 100)], [lv(3500, 100)]),
      asks: [{ price: 'abc', size: '1' }],
    };
    const goodA = bookFrame(A, '2000', [lv(4100, 1000)], [lv(4500, 700)]);
    h.sync.frame(JSON.stringify([badB, goodA]), 2);
    expect(h.show()).toEqual(['0xa snapshot', '0xb snapshot', '0xb invalid', '0xa snapshot']);
    expect(h.events[2]).toMatchObject({
      reason: expect.stringMatching(/^malformed event: frame\[0\]\.asks\[0\]\.price/),
    });
    expect(h.resyncs).toEqual([['222']]);
    expect(h.sync.counts.malformed).toBe(1);
    expect(h.sync.isValid(A.market)).toBe(true);
    // A frame that is not JSON names no book: every book is in doubt.
    h.sync.frame('[{"event_type":"book"', 3);
    expect(h.resyncs.at(-1)).toEqual(['111', '222']);
  });
});
