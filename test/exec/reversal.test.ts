/**
 * A fill the venue undoes (a Polymarket trade matched, then FAILED) is taken back everywhere, at the store level:
 * positions, the intent's filled quantity (order machine), the package (package machine: a hedged package left
 * naked is unhedged, safe mode), and the run report's fills, fees, package counts and PnL. Also: a fill whose
 * venue fee differs from our model is logged as fee_drift.
 */
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/core/clock.ts';
import type { Micros, Px, Qty } from '../../src/core/units.ts';
import { OrderStore, RunStats } from '../../src/exec/index.ts';
import { FillFeed, type ReversalApplied } from '../../src/exec/fill-feed.ts';
import type { VenueAdapter, VenueFill } from '../../src/venues/venue.ts';

const T0 = Date.UTC(2026, 0, 1);

/** A venue whose fill feed returns what the test queued since the last call. */
function scriptedFeed() {
  const queue: VenueFill[] = [];
  let n = 0;
  const adapter = {
    venue: 'polymarket',
    fillsSince: async () => {
      const fills = queue.splice(0);
      return { ok: true, value: { fills, cursor: String(fills.length === 0 ? n : ++n) } };
    },
    getOrder: async () => ({ ok: true, value: undefined }),
  } as unknown as VenueAdapter;
  return { adapter, push: (f: VenueFill) => queue.push(f) };
}

const pmFill = (over: Partial<VenueFill> = {}): VenueFill => ({
  id: 'trade-1',
  orderId: '0xorder',
  market: '0xm',
  outcome: 'YES',
  side: 'BUY',
  px: 4_000 as Px,
  qty: 1_000 as Qty,
  fee: 96_000 as Micros,
  liquidity: 'taker',
  tsMs: T0,
  final: false,
  ...over,
});

/** A two-leg package, hedged 10: leg 0 on Kalshi (recorded directly), leg 1 on Polymarket through the feed. */
async function hedgedPackage() {
  const clock = new SimClock(T0);
  const store = OrderStore.open(':memory:', { storeId: 'r', durable: false });
  const pm = scriptedFeed();
  const feed = new FillFeed({ venues: { polymarket: pm.adapter }, clock, store });
  const seen: ReversalApplied[] = [];
  feed.onReversal((r) => seen.push(r));
  const pkg = store.createPackage(T0, {
    opportunityId: 'o',
    lane: 'cross_venue',
    qty: 1_000,
    payoutUnits: 1,
    expectedEdge: 500_000,
    legs: [
      { venue: 'kalshi', market: 'KX', outcome: 'NO', px: 5_500 },
      { venue: 'polymarket', market: '0xm', outcome: 'YES', px: 4_000 },
    ],
  });
  const leg = (
    i: number,
    venue: 'kalshi' | 'polymarket',
    market: string,
    outcome: 'YES' | 'NO',
    px: number,
    orderId: string,
  ) => {
    const clientOrderId = `${pkg.id}-L${i}`;
    store.packageEvent(T0, pkg.id, { type: 'leg_sent', leg: i });
    store.writeIntent(T0, {
      request: { clientOrderId, market, outcome, side: 'BUY', px: px as Px, qty: 1_000 as Qty, tif: 'IOC' },
      venue,
      packageId: pkg.id,
      role: 'leg',
      leg: i,
    });
    store.orderEvent(T0, clientOrderId, { type: 'sent' });
    store.orderEvent(
      T0,
      clientOrderId,
      { type: 'report', status: 'filled', filled: 1_000 },
      {
        order: {
          id: orderId,
          clientOrderId,
          market,
          outcome,
          side: 'BUY',
          px: px as Px,
          qty: 1_000 as Qty,
          filled: 1_000 as Qty,
          status: 'filled',
          createdMs: T0,
        },
      },
    );
    return clientOrderId;
  };
  const k = leg(0, 'kalshi', 'KX', 'NO', 5_500, 'k-order');
  store.recordFill(
    T0,
    'kalshi',
    {
      ...pmFill({
        id: 'kf',
        orderId: 'k-order',
        market: 'KX',
        outcome: 'NO',
        px: 5_500 as Px,
        fee: 170_000 as Micros,
        final: true,
      }),
      clientOrderId: k,
    },
    false,
  );
  store.orderEvent(T0, k, { type: 'fill', fillId: 'kf', qty: 1_000 });
  store.packageEvent(T0, pkg.id, { type: 'leg_done', leg: 0, filled: 1_000, key: k });
  const p = leg(1, 'polymarket', '0xm', 'YES', 4_000, '0xorder');
  pm.push(pmFill({ modelFee: 96_000 as Micros }));
  await feed.sync('polymarket');
  store.packageEvent(T0, pkg.id, { type: 'leg_done', leg: 1, filled: store.intent(p)!.filled, key: p });
  return { clock, store, pm, feed, seen, pkg: store.getPackage(pkg.id)!, k, p };
}

describe('a FAILED Polymarket trade is reversed in the ledger', () => {
  it('positions, intent, package and safe mode: a hedged package left naked is unhedged', async () => {
    const w = await hedgedPackage();
    expect(w.pkg.state).toBe('hedged');
    expect(w.store.intent(w.p)).toMatchObject({ state: 'filled', filled: 1_000 });
    expect(w.store.positions('polymarket').map((x) => [x.outcome, x.qty])).toEqual([['YES', 1_000]]);

    // The venue reports the trade again: it FAILED on chain.
    w.pm.push(pmFill({ final: true, reversed: true }));
    await w.feed.sync('polymarket');
    expect(w.store.positions('polymarket')).toEqual([]);
    expect(w.store.positions('kalshi').map((x) => [x.outcome, x.qty])).toEqual([['NO', 1_000]]);
    // The order machine takes it back (the venue still says MATCHED 10): done, nothing filled.
    expect(w.store.intent(w.p)).toMatchObject({ state: 'cancelled', filled: 0 });
    expect(w.store.getPackage(w.pkg.id)).toMatchObject({
      state: 'unhedged',
      bought: [1_000, 0],
      reason: 'a fill was reversed (trade FAILED): naked contracts',
    });
    expect(w.store.safeModeReasons().map((r) => [r.code, r.detail])).toEqual([
      ['UNHEDGED_PACKAGE', `package ${w.pkg.id}: 10 contracts naked after a FAILED trade was reversed`],
    ]);
    expect(w.seen).toHaveLength(1);
    expect(w.seen[0]!.pkg).toMatchObject({ before: { state: 'hedged' }, after: { state: 'unhedged' } });
    expect(w.feed.reversals).toEqual({ fills: 1, qty: 1_000 });
    const kinds = w.store.events().map((e) => e.kind);
    expect(kinds.slice(kinds.indexOf('fill_updated'))).toEqual([
      'fill_updated',
      'order_reversal',
      'package_reversal',
      'safe_mode_raised',
    ]);
    // Reported again (a replayed cursor): nothing changes twice.
    w.pm.push(pmFill({ final: true, reversed: true }));
    await w.feed.sync('polymarket');
    expect(w.seen).toHaveLength(1);
    expect(w.store.safeModeReasons()).toHaveLength(1);
  });

  it('a reversal while the package is still in flight is applied when it finishes', async () => {
    const w = await hedgedPackage();
    // A one-leg package in flight: its fill is reported, then FAILED, before the executor's leg_done.
    const pkg3 = w.store.createPackage(T0, {
      opportunityId: 'o3',
      lane: 'cross_venue',
      qty: 1_000,
      payoutUnits: 1,
      expectedEdge: 1,
      legs: [{ venue: 'polymarket', market: '0xm', outcome: 'YES', px: 4_000 }],
    });
    const id3 = `${pkg3.id}-L0`;
    w.store.packageEvent(T0, pkg3.id, { type: 'leg_sent', leg: 0 });
    w.store.writeIntent(T0, {
      request: {
        clientOrderId: id3,
        market: '0xm',
        outcome: 'YES',
        side: 'BUY',
        px: 4_000 as Px,
        qty: 1_000 as Qty,
        tif: 'IOC',
      },
      venue: 'polymarket',
      packageId: pkg3.id,
      role: 'leg',
      leg: 0,
    });
    w.store.orderEvent(T0, id3, { type: 'sent' });
    w.store.orderEvent(
      T0,
      id3,
      { type: 'report', status: 'filled', filled: 1_000 },
      {
        order: {
          id: '0xo3',
          clientOrderId: id3,
          market: '0xm',
          outcome: 'YES',
          side: 'BUY',
          px: 4_000 as Px,
          qty: 1_000 as Qty,
          filled: 1_000 as Qty,
          status: 'filled',
          createdMs: T0,
        },
      },
    );
    w.pm.push(pmFill({ id: 'trade-3', orderId: '0xo3' }));
    await w.feed.sync('polymarket');
    w.pm.push(pmFill({ id: 'trade-3', orderId: '0xo3', final: true, reversed: true }));
    await w.feed.sync('polymarket');
    expect(w.seen.at(-1)!.pkg).toMatchObject({ before: { state: 'legging' }, after: { state: 'legging' } });
    // The executor, with the intent as it was when its order returned, reports 10 bought: the end re-checks.
    w.store.packageEvent(T0, pkg3.id, { type: 'leg_done', leg: 0, filled: 1_000, key: `${pkg3.id}-L0` });
    expect(w.store.getPackage(pkg3.id)).toMatchObject({ state: 'missed', bought: [0] });
  });

  it('a fill whose venue fee differs from our model is logged as fee_drift and counted', async () => {
    const w = await hedgedPackage();
    w.pm.push(
      pmFill({ id: 'trade-9', orderId: '0xother', fee: 72_000 as Micros, modelFee: 96_000 as Micros }),
    );
    await w.feed.sync('polymarket');
    expect(
      w.store
        .events()
        .filter((e) => e.kind === 'fee_drift')
        .map((e) => e.data),
    ).toEqual([{ id: 'trade-9', market: '0xm', fee: 72_000, modelFee: 96_000, diffMicros: -24_000 }]);
    expect(w.feed.feeDrift).toEqual({ fills: 1, micros: -24_000 });
  });
});

describe('RunStats takes a reversal back from the report', () => {
  it('fills, fees, package status, realized and expected PnL of a package this run reported', () => {
    const stats = new RunStats({ mode: 'live', data: 'venues', clock: 'sim', seed: 1, config: {} });
    // As the engine counted the hedged package: 2 fills, $0.266 fees, realized $10 − $9.50 − fees.
    stats.fill('kalshi', 170_000);
    stats.fill('polymarket', 96_000);
    stats.packages.hedged++;
    stats.realizedMicros = 10_000_000 - 9_500_000 - 266_000;
    stats.expectedMicros = 500_000;
    const before = { state: 'hedged' as const, qty: 1_000, bought: [1_000, 1_000], sold: [0, 0] };
    const after = { state: 'unhedged' as const, qty: 1_000, bought: [1_000, 0], sold: [0, 0] };
    stats.reversal(
      'polymarket',
      { side: 'BUY', px: 4_000, qty: 1_000, fee: 96_000 },
      {
        before,
        after,
        payoutUnits: 1,
        expectedEdge: 500_000,
      },
    );
    const s = stats.summary();
    expect(s.fills).toMatchObject({ count: 1, byVenue: { kalshi: 1, polymarket: 0 } });
    expect(s.fees.byVenue).toEqual({ kalshi: 170_000, polymarket: 0 });
    expect(s.packages).toMatchObject({ hedged: 0, unhedged: 1 });
    // Nothing hedged any more: no payout, the Polymarket cost and fee come back, the Kalshi leg's cost stays.
    expect(s.pnl.realizedMicros).toBe(-5_500_000 - 170_000);
    expect(s.pnl.expectedMicros).toBe(0);
    expect(s.reversals).toEqual({ fills: 1, qty: 1_000, realizedMicros: -10_000_000 + 4_000_000 + 96_000 });
  });
});

describe('fills are applied to their intent once', () => {
  it('a fill recorded, then applied, counts in the intent (not mistaken for a duplicate of itself)', () => {
    const store = OrderStore.open(':memory:', { storeId: 'a', durable: false });
    const req = {
      clientOrderId: 'c1',
      market: '0xm',
      outcome: 'YES' as const,
      side: 'BUY' as const,
      px: 4_000 as Px,
      qty: 1_000 as Qty,
      tif: 'GTC' as const,
    };
    store.writeIntent(T0, { request: req, venue: 'polymarket', role: 'manual', leg: 0 });
    store.orderEvent(T0, 'c1', { type: 'sent' });
    store.orderEvent(
      T0,
      'c1',
      { type: 'report', status: 'open', filled: 0 },
      { order: { ...req, id: '0xo', filled: 0 as Qty, status: 'open', createdMs: T0 } },
    );
    // The order path: the fill row first, then its event through the machine, in one transaction.
    const t = store.tx(() => {
      store.recordFill(
        T0,
        'polymarket',
        pmFill({ orderId: '0xo', qty: 400 as Qty, clientOrderId: 'c1' }),
        false,
      );
      return store.orderEvent(T0, 'c1', { type: 'fill', fillId: 'trade-1', qty: 400 });
    });
    expect(t.effect).toBe('applied');
    expect(store.intent('c1')).toMatchObject({ state: 'partially_filled', filled: 400 });
    // Applied once: the same event again is a duplicate.
    expect(store.orderEvent(T0, 'c1', { type: 'fill', fillId: 'trade-1', qty: 400 }).effect).toBe(
      'duplicate',
    );
  });
});
