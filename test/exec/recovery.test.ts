/**
 * Startup recovery (`recover()`), one test per branch that raises a safe-mode reason, on a fake venue whose
 * record (orders, fills, positions) the test writes and whose queries it can break. Each test checks both what
 * recovery concluded and what it left in the store: the reason, and the store's view made to agree with the
 * venue's (or deliberately left alone when the venue could not be asked).
 */
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/core/clock.ts';
import type { Outcome, Venue } from '../../src/core/market.ts';
import type { Micros, Qty } from '../../src/core/units.ts';
import { CrashPoints, OrderStore, PackageExecutor, recover } from '../../src/exec/index.ts';
import type {
  BookStream,
  Discovery,
  OrderRequest,
  VenueAdapter,
  VenueFill,
  VenueOrder,
  VenuePosition,
  VenueResult,
} from '../../src/venues/venue.ts';
import { px, qty } from './support.ts';

const down = <T>(what: string): VenueResult<T> => ({
  ok: false,
  error: { kind: 'unknown', code: 'FAKE.NETWORK', message: `${what}: connection refused` },
});

/** A venue's own record of the account, as a test sets it; `broken` queries answer with a network error. */
class LedgerVenue implements VenueAdapter {
  readonly orders: VenueOrder[] = [];
  readonly fills: VenueFill[] = [];
  positionsHeld: VenuePosition[] = [];
  readonly broken = new Set<'findOrder' | 'openOrders' | 'positions'>();
  readonly cancelled: string[] = [];

  constructor(readonly venue: Venue) {}

  order(o: Partial<VenueOrder> & { id: string; market: string; outcome: Outcome }): VenueOrder {
    const full: VenueOrder = {
      side: 'BUY',
      px: px(0.4),
      qty: qty(10),
      filled: 0 as Qty,
      status: 'open',
      createdMs: 0,
      ...o,
    };
    this.orders.push(full);
    return full;
  }

  async findOrder(clientOrderId: string): Promise<VenueResult<VenueOrder | undefined>> {
    if (this.broken.has('findOrder')) return down('findOrder');
    return { ok: true, value: this.orders.find((o) => o.clientOrderId === clientOrderId) };
  }
  async openOrders(): Promise<VenueResult<VenueOrder[]>> {
    if (this.broken.has('openOrders')) return down('openOrders');
    return { ok: true, value: this.orders.filter((o) => o.status === 'open') };
  }
  async positions(): Promise<VenueResult<VenuePosition[]>> {
    if (this.broken.has('positions')) return down('positions');
    return { ok: true, value: this.positionsHeld };
  }
  async cancelOrder(orderId: string): Promise<VenueResult<VenueOrder>> {
    const i = this.orders.findIndex((o) => o.id === orderId);
    this.cancelled.push(orderId);
    this.orders[i] = { ...this.orders[i]!, status: 'cancelled' };
    return { ok: true, value: this.orders[i]! };
  }
  async getOrder(orderId: string): Promise<VenueResult<VenueOrder | undefined>> {
    return { ok: true, value: this.orders.find((o) => o.id === orderId) };
  }
  async fillsSince(
    cursor: string | undefined,
  ): Promise<VenueResult<{ fills: VenueFill[]; cursor: string | undefined }>> {
    const from = cursor === undefined ? 0 : Number(cursor);
    return { ok: true, value: { fills: this.fills.slice(from), cursor: String(this.fills.length) } };
  }
  async balance(): Promise<VenueResult<Micros>> {
    return { ok: true, value: 1_000_000_000 as Micros };
  }
  async discover(): Promise<VenueResult<Discovery>> {
    return { ok: true, value: { markets: [], events: [] } };
  }
  streamBooks(): BookStream {
    throw new Error('not used');
  }
  async fetchBook(): Promise<VenueResult<never>> {
    throw new Error('not used');
  }
  async placeOrder(): Promise<VenueResult<VenueOrder>> {
    throw new Error('recovery never places an order');
  }
  async close(): Promise<void> {}
}

/** A store and venues as a restart finds them; `recover` runs startup recovery as the engine does. */
function restart(venues: Partial<Record<Venue, LedgerVenue>>) {
  const clock = new SimClock();
  const store = OrderStore.open(':memory:', { storeId: 't' });
  const exec = new PackageExecutor({ venues, clock, store });
  const run = () => recover({ venues, clock, store, runner: exec.runner, crash: CrashPoints.none() });
  const codes = () => store.safeModeReasons().map((r) => r.code);
  return { clock, store, run, codes };
}

const unknownIntentRequest = (clientOrderId: string): OrderRequest => ({
  clientOrderId,
  market: 'KX-1',
  outcome: 'YES',
  side: 'BUY',
  px: px(0.4),
  qty: qty(10),
  tif: 'IOC',
});

/** An intent the last run sent whose answer never came (the order's fate is unknown to the store). */
function unknownIntent(
  store: OrderStore,
  venue: Venue,
  clientOrderId: string,
  meta: { packageId?: string; role: 'leg' | 'manual'; leg: number } = { role: 'manual', leg: 0 },
): OrderRequest {
  const request = unknownIntentRequest(clientOrderId);
  store.writeIntent(0, { request, venue, ...meta });
  store.orderEvent(0, clientOrderId, { type: 'sent' });
  store.orderEvent(0, clientOrderId, { type: 'unknown' }, { error: 'NETWORK: no answer' });
  return request;
}

const fill = (
  id: string,
  orderId: string,
  market: string,
  outcome: Outcome,
  contracts: number,
): VenueFill => ({
  id,
  orderId,
  market,
  outcome,
  side: 'BUY',
  px: px(0.4),
  qty: qty(contracts),
  fee: 0 as Micros,
  liquidity: 'taker',
  tsMs: 0,
  final: true,
});

describe('recover(): UNRESOLVED_INTENT', () => {
  it('an unknown order the venue cannot be asked about stays unknown (never assumed absent) and is raised', async () => {
    const kalshi = new LedgerVenue('kalshi');
    kalshi.broken.add('findOrder');
    const t = restart({ kalshi });
    unknownIntent(t.store, 'kalshi', 't-1-L0');
    // No venue configured for this one at all (the restart left Polymarket out of the connection file).
    unknownIntent(t.store, 'polymarket', 't-2-L0');
    const r = await t.run();
    expect(r).toMatchObject({ intentsResolved: 0, intentsUnresolved: 2 });
    expect(r.raised).toEqual([
      {
        code: 'UNRESOLVED_INTENT',
        detail: 't-1-L0 on kalshi: FAKE.NETWORK: findOrder: connection refused',
      },
      { code: 'UNRESOLVED_INTENT', detail: 't-2-L0: no polymarket venue configured to ask about it' },
    ]);
    expect(t.codes()).toEqual(['UNRESOLVED_INTENT', 'UNRESOLVED_INTENT']);
    // Still unknown: voiding them would forget an order that may be working, or filled, at the venue.
    expect(t.store.intent('t-1-L0')!.state).toBe('unknown');
    expect(t.store.intent('t-2-L0')!.state).toBe('unknown');

    // The venue answers at the next start: the intent resolves to what the venue holds, no new reason.
    kalshi.broken.delete('findOrder');
    kalshi.order({
      id: 'k-9',
      clientOrderId: 't-1-L0',
      market: 'KX-1',
      outcome: 'YES',
      filled: qty(10),
      status: 'filled',
    });
    const again = await t.run();
    expect(again.intentsResolved).toBe(1);
    expect(again.raised.map((x) => x.detail)).toEqual([
      't-2-L0: no polymarket venue configured to ask about it',
    ]);
    expect(t.store.intent('t-1-L0')).toMatchObject({ state: 'filled', filled: qty(10), venueOrderId: 'k-9' });
  });

  it('the contrast: an unknown order the venue says it never got is void, and nothing is raised', async () => {
    const kalshi = new LedgerVenue('kalshi');
    const t = restart({ kalshi });
    unknownIntent(t.store, 'kalshi', 't-1-L0');
    const r = await t.run();
    expect(r).toMatchObject({ intentsResolved: 1, intentsUnresolved: 0, raised: [] });
    expect(t.store.intent('t-1-L0')!.state).toBe('void');
  });
});

describe('recover(): UNEXPLAINED_ORDER', () => {
  it('a working order the store does not know is adopted and raised; a working order of ours is cancelled', async () => {
    const kalshi = new LedgerVenue('kalshi');
    const t = restart({ kalshi });
    // Ours: sent just before the crash, its answer lost; it is working at the venue.
    const req = unknownIntent(t.store, 'kalshi', 't-1-L0');
    const ours = kalshi.order({
      id: 'k-1',
      clientOrderId: req.clientOrderId,
      market: 'KX-1',
      outcome: 'YES',
    });
    // Not ours: placed by hand, or by another process on the same account.
    kalshi.order({ id: 'k-2', clientOrderId: 'by-hand', market: 'KX-2', outcome: 'NO', px: px(0.3) });
    const r = await t.run();
    expect(r.ordersAdopted).toBe(1);
    expect(r.raised).toEqual([
      { code: 'UNEXPLAINED_ORDER', detail: 'kalshi order k-2 (BUY 10 NO KX-2 @ 3000) is not ours' },
    ]);
    expect(t.codes()).toEqual(['UNEXPLAINED_ORDER']);
    expect(t.store.orderById('kalshi', 'k-2')).toMatchObject({ adopted: true, status: 'open', qty: qty(10) });
    // Recovery never trades out of someone else's order; ours (a crashed package's) it cancels.
    expect(kalshi.cancelled).toEqual([ours.id]);
    expect(t.store.intent('t-1-L0')).toMatchObject({ state: 'cancelled', venueOrderId: 'k-1' });

    // Known now: the next start adopts nothing new.
    const again = await t.run();
    expect(again.ordersAdopted).toBe(0);
    expect(again.raised).toEqual([]);
  });
});

describe('recover(): POSITION_MISMATCH', () => {
  it('a venue position the fills do not explain is adopted (the store then equals the venue) and raised', async () => {
    const kalshi = new LedgerVenue('kalshi');
    const polymarket = new LedgerVenue('polymarket');
    const t = restart({ kalshi, polymarket });
    // The store holds 10 YES on KX-1 and 4 YES on 0xaa from fills it recorded.
    t.store.recordFill(0, 'kalshi', fill('f1', 'k-1', 'KX-1', 'YES', 10), true);
    t.store.recordFill(0, 'polymarket', fill('f2', 'p-1', '0xaa', 'YES', 4), true);
    // Kalshi says 7 YES on KX-1 and 5 NO on KX-2; Polymarket agrees with the store.
    kalshi.positionsHeld = [
      { market: 'KX-1', outcome: 'YES', qty: qty(7) },
      { market: 'KX-2', outcome: 'NO', qty: qty(5) },
    ];
    polymarket.positionsHeld = [{ market: '0xaa', outcome: 'YES', qty: qty(4) }];
    const r = await t.run();
    expect(r.positionMismatches).toBe(2);
    expect(r.raised).toEqual([
      { code: 'POSITION_MISMATCH', detail: 'kalshi: KX-1 YES: store 10, venue 7; KX-2 NO: store 0, venue 5' },
    ]);
    const held = (v: Venue) => t.store.positions(v).map((p) => [p.market, p.outcome, p.qty, p.adjustment]);
    expect(held('kalshi')).toEqual([
      ['KX-1', 'YES', qty(7), -qty(3)],
      ['KX-2', 'NO', qty(5), qty(5)],
    ]);
    expect(held('polymarket')).toEqual([['0xaa', 'YES', qty(4), 0]]);

    // Adopted: the next start finds the store and the venue in agreement.
    const again = await t.run();
    expect(again).toMatchObject({ positionMismatches: 0, raised: [] });
  });
});

describe('recover(): VENUE_UNREACHABLE', () => {
  it('open orders or positions unavailable: raised, and the store’s positions are left as they were', async () => {
    const kalshi = new LedgerVenue('kalshi');
    kalshi.broken.add('openOrders').add('positions');
    kalshi.order({ id: 'k-2', clientOrderId: 'by-hand', market: 'KX-2', outcome: 'NO' });
    const polymarket = new LedgerVenue('polymarket');
    const t = restart({ kalshi, polymarket });
    t.store.recordFill(0, 'kalshi', fill('f1', 'k-1', 'KX-1', 'YES', 10), true);
    const r = await t.run();
    expect(r.raised).toEqual([
      {
        code: 'VENUE_UNREACHABLE',
        detail: 'kalshi: open orders unavailable: FAKE.NETWORK: openOrders: connection refused',
      },
      {
        code: 'VENUE_UNREACHABLE',
        detail: 'kalshi: positions unavailable: FAKE.NETWORK: positions: connection refused',
      },
    ]);
    expect(t.codes()).toEqual(['VENUE_UNREACHABLE', 'VENUE_UNREACHABLE']);
    // An unanswered question is not an empty answer: nothing adopted, nothing zeroed.
    expect(r).toMatchObject({ ordersAdopted: 0, positionMismatches: 0 });
    expect(t.store.positions('kalshi').map((p) => [p.market, p.qty, p.adjustment])).toEqual([
      ['KX-1', qty(10), 0],
    ]);
    expect(t.store.orders()).toEqual([]);
  });
});

describe('recover(): UNHEDGED_PACKAGE', () => {
  it('a package interrupted after leg A filled is unhedged and raised, and not again while its legs stay the same', async () => {
    const kalshi = new LedgerVenue('kalshi');
    const t = restart({ kalshi });
    const legs = [
      { venue: 'kalshi' as const, market: 'KX-1', outcome: 'YES' as const, px: px(0.4) },
      { venue: 'polymarket' as const, market: '0xaa', outcome: 'NO' as const, px: px(0.55) },
    ];
    const pkg = t.store.createPackage(0, {
      opportunityId: 'cross_venue-1',
      lane: 'cross_venue',
      qty: qty(10),
      payoutUnits: 1,
      expectedEdge: 400_000,
      legs,
    });
    t.store.packageEvent(0, pkg.id, { type: 'leg_sent', leg: 0 });
    // Leg A went out and filled at the venue; the process died before hearing back.
    const req = unknownIntent(t.store, 'kalshi', `${pkg.id}-L0`, { packageId: pkg.id, role: 'leg', leg: 0 });
    kalshi.order({
      id: 'k-1',
      clientOrderId: req.clientOrderId,
      market: 'KX-1',
      outcome: 'YES',
      filled: qty(10),
      status: 'filled',
    });
    kalshi.fills.push(fill('f1', 'k-1', 'KX-1', 'YES', 10));
    kalshi.positionsHeld = [{ market: 'KX-1', outcome: 'YES', qty: qty(10) }];
    const r = await t.run();
    expect(r).toMatchObject({ packagesRecovered: 1, fillsRecorded: 1 });
    expect(r.raised).toEqual([
      { code: 'UNHEDGED_PACKAGE', detail: `package ${pkg.id}: naked 10 × kalshi KX-1 YES` },
    ]);
    expect(t.store.getPackage(pkg.id)).toMatchObject({ state: 'unhedged', bought: [qty(10), 0] });
    // Reported once: acknowledged, it is not news again at the next start while its legs stay the same.
    t.store.ack(1, 'test');
    expect((await t.run()).raised).toEqual([]);
  });

  it('a package that closed with an order once "not found" is examined again: its late fill makes it unhedged', async () => {
    const kalshi = new LedgerVenue('kalshi');
    const t = restart({ kalshi });
    const pkg = t.store.createPackage(0, {
      opportunityId: 'cross_venue-2',
      lane: 'cross_venue',
      qty: qty(10),
      payoutUnits: 1,
      expectedEdge: 400_000,
      legs: [
        { venue: 'kalshi', market: 'KX-1', outcome: 'YES', px: px(0.4) },
        { venue: 'polymarket', market: '0xaa', outcome: 'NO', px: px(0.55) },
      ],
    });
    // Last run: leg A's reply was lost, the venue said it had no such order (void), the package closed missed.
    t.store.packageEvent(0, pkg.id, { type: 'leg_sent', leg: 0 });
    const req = unknownIntent(t.store, 'kalshi', `${pkg.id}-L0`, { packageId: pkg.id, role: 'leg', leg: 0 });
    t.store.orderEvent(0, req.clientOrderId, { type: 'not_found' });
    t.store.packageEvent(0, pkg.id, { type: 'leg_done', leg: 0, filled: 0, key: req.clientOrderId });
    expect(t.store.getPackage(pkg.id)).toMatchObject({ state: 'missed' });
    // The request reached the venue after all and filled; the fill was recorded just before the process died,
    // before the package heard of it.
    kalshi.order({
      id: 'k-9',
      clientOrderId: req.clientOrderId,
      market: 'KX-1',
      outcome: 'YES',
      filled: qty(10),
      status: 'filled',
    });
    kalshi.positionsHeld = [{ market: 'KX-1', outcome: 'YES', qty: qty(10) }];
    t.store.recordFill(
      0,
      'kalshi',
      { ...fill('f9', 'k-9', 'KX-1', 'YES', 10), clientOrderId: req.clientOrderId },
      false,
    );
    const r = await t.run();
    expect(r.raised).toEqual([
      { code: 'UNHEDGED_PACKAGE', detail: `package ${pkg.id}: naked 10 × kalshi KX-1 YES` },
    ]);
    expect(t.store.getPackage(pkg.id)).toMatchObject({ state: 'unhedged', bought: [qty(10), 0] });
  });
});
