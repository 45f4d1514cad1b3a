/**
 * The order store on its own: durability settings, migrations, idempotent fills, positions with each venue's
 * netting, the append-only log, safe mode and acknowledgement, and a read-only view beside a writer.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Px, Qty } from '../../src/core/units.ts';
import { OrderStore, StoreVersionError } from '../../src/exec/index.ts';
import { MIGRATIONS } from '../../src/exec/store/schema.ts';
import type { VenueFill, VenueOrder } from '../../src/venues/venue.ts';
import { tempDir } from '../app/helpers.ts';

const request = (id: string, over: Partial<VenueOrder> = {}) => ({
  clientOrderId: id,
  market: 'KX-1',
  outcome: 'YES' as const,
  side: 'BUY' as const,
  px: 4_000 as Px,
  qty: 1_000 as Qty,
  tif: 'IOC' as const,
  ...over,
});

const fill = (id: string, over: Partial<VenueFill> = {}): VenueFill => ({
  id,
  orderId: 'o1',
  market: 'KX-1',
  outcome: 'YES',
  side: 'BUY',
  px: 4_000 as Px,
  qty: 400 as Qty,
  fee: 7_000 as VenueFill['fee'],
  liquidity: 'taker',
  tsMs: 1,
  final: true,
  ...over,
});

const order = (over: Partial<VenueOrder> = {}): VenueOrder => ({
  id: 'o1',
  clientOrderId: 's-1-L0',
  market: 'KX-1',
  outcome: 'YES',
  side: 'BUY',
  px: 4_000 as Px,
  qty: 1_000 as Qty,
  filled: 0 as Qty,
  status: 'open',
  createdMs: 1,
  ...over,
});

describe('OrderStore', () => {
  it('upgrades a store written by an older build in place (version 1: packages without idempotency keys)', () => {
    const path = join(tempDir(), 'old.db');
    const old = new Database(path);
    old.exec(MIGRATIONS[0]!);
    old.pragma('user_version = 1');
    old.close();
    const store = OrderStore.open(path);
    const p = store.createPackage(0, {
      opportunityId: 'o',
      lane: 'cross_venue',
      qty: 100,
      payoutUnits: 1,
      expectedEdge: 1,
      legs: [{ venue: 'kalshi', market: 'K', outcome: 'YES', px: 4_000 as Px }],
    });
    expect(p.applied).toEqual([]);
    store.packageEvent(0, p.id, { type: 'leg_sent', leg: 0 });
    store.packageEvent(0, p.id, { type: 'leg_done', leg: 0, filled: 100, key: 'x-L0' });
    expect(store.getPackage(p.id)).toMatchObject({ state: 'hedged', applied: ['x-L0'] });
    store.close();
  });

  it('is a WAL database with synchronous=FULL, at the schema version this build knows', () => {
    const path = join(tempDir(), 'live.db');
    const store = OrderStore.open(path);
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
    // synchronous is per connection: check the store's own.
    const again = OrderStore.open(path);
    expect(
      (again as unknown as { db: { sqlite: Database.Database } }).db.sqlite.pragma('synchronous', {
        simple: true,
      }),
    ).toBe(2);
    again.close();
  });

  it('refuses a store written by a newer build, and keeps its id across reopenings', () => {
    const path = join(tempDir(), 'live.db');
    const a = OrderStore.open(path);
    const id = a.storeId;
    a.close();
    expect(OrderStore.open(path).storeId).toBe(id);
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => OrderStore.open(path)).toThrow(StoreVersionError);
    expect(() => OrderStore.openReadOnly(path)).toThrow(/newer arb \(schema 99/);
  });

  it('package ids are the store id and a sequence: unique across restarts of the same store', () => {
    const path = join(tempDir(), 'live.db');
    const mk = (s: OrderStore) =>
      s.createPackage(1, {
        opportunityId: 'cross_venue-x',
        lane: 'cross_venue',
        qty: 1_000,
        payoutUnits: 1,
        expectedEdge: 1,
        legs: [],
      }).id;
    const a = OrderStore.open(path, { storeId: 'abc' });
    expect([mk(a), mk(a)]).toEqual(['abc-1', 'abc-2']);
    a.close();
    const b = OrderStore.open(path);
    expect(mk(b)).toBe('abc-3');
    b.close();
  });

  it('an intent is stored before anything else; order events go through the state machine', () => {
    const s = OrderStore.open(':memory:', { storeId: 's' });
    s.writeIntent(1, { request: request('s-1-L0'), venue: 'kalshi', role: 'leg', leg: 0 });
    expect(s.intent('s-1-L0')).toMatchObject({ state: 'pending', filled: 0, venueOrderId: undefined });
    expect(() =>
      s.writeIntent(2, { request: request('s-1-L0'), venue: 'kalshi', role: 'leg', leg: 0 }),
    ).toThrow(/UNIQUE/);
    s.orderEvent(2, 's-1-L0', { type: 'sent' });
    s.orderEvent(3, 's-1-L0', { type: 'report', status: 'open', filled: 0 }, { order: order() });
    expect(s.intent('s-1-L0')).toMatchObject({ state: 'open', venueOrderId: 'o1' });
    // A fill linked through the order; the same fill again changes nothing.
    expect(s.recordFill(4, 'kalshi', fill('f1'), false)).toBe('new');
    expect(s.recordFill(5, 'kalshi', fill('f1'), false)).toBe('duplicate');
    expect(s.fills()).toHaveLength(1);
    expect(s.fills()[0]).toMatchObject({ clientOrderId: 's-1-L0', adopted: false });
    // Rejected after the venue acknowledged it: an anomaly, logged, not applied.
    const t = s.orderEvent(6, 's-1-L0', { type: 'rejected', code: 'X' });
    expect(t.effect).toBe('anomaly');
    expect(s.intent('s-1-L0')!.state).toBe('open');
    expect(s.events().map((e) => e.kind)).toEqual([
      'intent',
      'order_sent',
      'order_report',
      'fill',
      'order_rejected',
    ]);
    expect(s.events().at(-1)!.data).toMatchObject({ effect: 'anomaly' });
  });

  it('the event log is append-only', () => {
    const path = join(tempDir(), 'live.db');
    const s = OrderStore.open(path);
    s.log(1, 'note', { a: 1 });
    s.close();
    const db = new Database(path);
    expect(() => db.prepare('UPDATE events SET kind = ?').run('x')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    db.close();
  });

  it('positions: Kalshi nets YES against NO in a market; Polymarket holds its two tokens apart', () => {
    const s = OrderStore.open(':memory:');
    s.recordFill(1, 'kalshi', fill('k1', { qty: 1_000 as Qty }), true);
    // Kalshi reports a buy of NO while holding YES as a sale of YES: either way the position shrinks.
    s.recordFill(2, 'kalshi', fill('k2', { outcome: 'NO', side: 'BUY', qty: 300 as Qty }), true);
    s.recordFill(3, 'kalshi', fill('k3', { side: 'SELL', qty: 200 as Qty }), true);
    s.recordFill(4, 'polymarket', fill('p1', { market: '0xa', qty: 500 as Qty }), true);
    s.recordFill(5, 'polymarket', fill('p2', { market: '0xa', outcome: 'NO', qty: 200 as Qty }), true);
    expect(s.positions().map((p) => [p.venue, p.market, p.outcome, p.qty])).toEqual([
      ['kalshi', 'KX-1', 'YES', 500],
      ['polymarket', '0xa', 'NO', 200],
      ['polymarket', '0xa', 'YES', 500],
    ]);
    // A Polymarket trade that failed on chain comes back reversed: it no longer counts.
    expect(
      s.recordFill(
        6,
        'polymarket',
        fill('p2', { market: '0xa', outcome: 'NO', qty: 200 as Qty, reversed: true }),
        true,
      ),
    ).toBe('reversed');
    expect(s.positions('polymarket').map((p) => [p.outcome, p.qty])).toEqual([['YES', 500]]);
  });

  it('adopting the venue’s positions keeps the unexplained part as an adjustment', () => {
    const s = OrderStore.open(':memory:');
    s.recordFill(1, 'kalshi', fill('k1', { qty: 1_000 as Qty }), false);
    s.adoptPositions(2, 'kalshi', [
      { market: 'KX-1', outcome: 'YES', qty: 700 as Qty },
      { market: 'KX-2', outcome: 'NO', qty: 100 as Qty },
    ]);
    expect(s.positions().map((p) => [p.market, p.outcome, p.qty, p.adjustment])).toEqual([
      ['KX-1', 'YES', 700, -300],
      ['KX-2', 'NO', 100, 100],
    ]);
    // A later fill moves the position from there.
    s.recordFill(3, 'kalshi', fill('k2', { qty: 100 as Qty }), false);
    expect(s.positions('kalshi')[0]).toMatchObject({ market: 'KX-1', qty: 800 });
  });

  it('safe mode: a reason is raised once, acknowledged with who and when, and the log keeps both', () => {
    const s = OrderStore.open(':memory:');
    s.raiseSafeMode(1, 'UNHEDGED_PACKAGE', 'package x: naked 5');
    s.raiseSafeMode(2, 'UNHEDGED_PACKAGE', 'package x: naked 5');
    s.raiseSafeMode(3, 'POSITION_MISMATCH', 'kalshi: KX-1 YES: store 0, venue 1');
    expect(s.safeModeReasons().map((r) => [r.id, r.code])).toEqual([
      [1, 'UNHEDGED_PACKAGE'],
      [2, 'POSITION_MISMATCH'],
    ]);
    expect(s.ack(10, 'ops', [2]).map((r) => [r.id, r.ackedBy, r.ackedMs])).toEqual([[2, 'ops', 10]]);
    expect(s.safeModeReasons().map((r) => r.id)).toEqual([1]);
    expect(s.ack(11, 'ops')).toHaveLength(1);
    expect(s.safeModeReasons()).toEqual([]);
    // Once acknowledged, the same problem found again is a new reason.
    s.raiseSafeMode(12, 'UNHEDGED_PACKAGE', 'package x: naked 5');
    expect(s.safeModeReasons()).toHaveLength(1);
    expect(s.events().map((e) => e.kind)).toEqual([
      'safe_mode_raised',
      'safe_mode_raised',
      'safe_mode_acked',
      'safe_mode_acked',
      'safe_mode_raised',
    ]);
  });

  it('a read-only view sees what a writer commits, while the writer keeps writing', () => {
    const path = join(tempDir(), 'live.db');
    const w = OrderStore.open(path);
    const r = OrderStore.openReadOnly(path);
    w.raiseSafeMode(1, 'X', 'y');
    expect(r.safeModeReasons().map((x) => x.code)).toEqual(['X']);
    expect(() =>
      (r as unknown as { db: { sqlite: Database.Database } }).db.sqlite.prepare('DELETE FROM meta').run(),
    ).toThrow(/readonly/i);
    r.close();
    w.close();
  });
});
