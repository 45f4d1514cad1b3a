import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/core/clock.ts';
import { feeFor, kalshiFeeModel, NO_FEES, polymarketFeeModel, type FeeModel } from '../../src/core/fees.ts';
import type { Venue } from '../../src/core/market.ts';
import { Rng } from '../../src/core/rng.ts';
import { notional, type Micros } from '../../src/core/units.ts';
import { PaperVenue } from '../../src/exec/index.ts';
import type { OrderRequest, VenueFill, VenueOrder, VenueResult } from '../../src/venues/venue.ts';
import { buy, FakeBooks, FakeInner, lvl, px, qty, sell } from './support.ts';

const START = Date.UTC(2026, 0, 1);
const USD = 1_000_000;

function setup(
  opts: {
    venue?: Venue;
    fees?: FeeModel;
    cash?: number;
    latency?: readonly [number, number];
    seed?: number;
  } = {},
) {
  const clock = new SimClock(START);
  const books = new FakeBooks();
  const inner = new FakeInner(opts.venue ?? 'kalshi', books);
  const latency = opts.latency ?? [100, 100];
  const paper = new PaperVenue(inner, {
    clock,
    rng: new Rng(opts.seed ?? 7),
    books,
    fees: () => opts.fees ?? NO_FEES,
    startingCash: (opts.cash ?? 1_000 * USD) as Micros,
    latencyMs: latency,
  });
  // The engine streams books through the paper venue; that is how it learns that a book changed.
  paper.streamBooks(['M'], () => {});
  /** Place an order and let its latency pass: the venue's answer once the order has arrived. */
  const place = async (req: OrderRequest): Promise<VenueResult<VenueOrder>> => {
    const p = paper.placeOrder(req);
    clock.advance(latency[1]);
    return p;
  };
  const fills = async (): Promise<VenueFill[]> => {
    const r = await paper.fillsSince(undefined);
    if (!r.ok) throw new Error('fillsSince failed');
    return r.value.fills;
  };
  const cash = async (): Promise<number> => {
    const r = await paper.balance();
    if (!r.ok) throw new Error('balance failed');
    return r.value;
  };
  const order = (r: VenueResult<VenueOrder>): VenueOrder => {
    if (!r.ok) throw new Error(`rejected: ${r.error.code}`);
    return r.value;
  };
  return { clock, books, inner, paper, place, fills, cash, order };
}

const settled = async (p: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void p.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
};

describe('PaperVenue: latency (seed 7)', () => {
  it('an order reaches the book only after its latency, and fills against the book as it is then', async () => {
    const t = setup({ latency: [100, 100] });
    t.books.set('M', [lvl(0.38, 10)], [lvl(0.45, 10)]);
    const p = t.paper.placeOrder(buy('M', 'YES', 0.45, 5));
    t.clock.advance(60);
    // The book moves while the order is in flight: a better ask appears at 0.42. An order still on its way
    // cannot trade (not even as a resting maker) until it arrives.
    t.books.level('M', 'ask', 0.42, 10, t.clock.now());
    expect(await t.fills()).toEqual([]);
    t.clock.advance(39);
    expect(await settled(p)).toBe(false);
    t.clock.advance(1);
    const o = t.order(await p);
    expect(o).toMatchObject({ status: 'filled', filled: qty(5) });
    expect(await t.fills()).toEqual([
      expect.objectContaining({ px: px(0.42), qty: qty(5), liquidity: 'taker', tsMs: START + 100 }),
    ]);
  });

  it('draws each latency uniformly from [min, max] with the seeded rng', async () => {
    const t = setup({ latency: [50, 250], seed: 7 });
    t.books.set('M', [], [lvl(0.4, 1_000)]);
    const placed = Array.from({ length: 20 }, () => t.paper.placeOrder(buy('M', 'YES', 0.4, 1)));
    t.clock.advance(250);
    await Promise.all(placed);
    const delays = (await t.fills()).map((f) => f.tsMs - START);
    expect(delays).toHaveLength(20);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(50);
      expect(d).toBeLessThanOrEqual(250);
    }
    expect(new Set(delays).size).toBeGreaterThan(10);
    // Same seed, same latencies.
    const again = setup({ latency: [50, 250], seed: 7 });
    again.books.set('M', [], [lvl(0.4, 1_000)]);
    const placed2 = Array.from({ length: 20 }, () => again.paper.placeOrder(buy('M', 'YES', 0.4, 1)));
    again.clock.advance(250);
    await Promise.all(placed2);
    expect((await again.fills()).map((f) => f.tsMs - START)).toEqual(delays);
  });
});

describe('PaperVenue: walking the book', () => {
  it('takes each level at its own price up to the limit (buy YES takes YES asks)', async () => {
    const t = setup();
    t.books.set('M', [lvl(0.38, 10)], [lvl(0.4, 5), lvl(0.41, 5), lvl(0.43, 10)]);
    const o = t.order(await t.place(buy('M', 'YES', 0.42, 12)));
    expect(o).toMatchObject({ status: 'cancelled', filled: qty(10), qty: qty(12) });
    expect((await t.fills()).map((f) => [f.px, f.qty, f.side, f.outcome])).toEqual([
      [px(0.4), qty(5), 'BUY', 'YES'],
      [px(0.41), qty(5), 'BUY', 'YES'],
    ]);
    expect(await t.cash()).toBe(1_000 * USD - 4_050_000);
    expect(await t.paper.positions()).toEqual({
      ok: true,
      value: [{ market: 'M', outcome: 'YES', qty: qty(10) }],
    });
  });

  it('buys NO from the YES bids (a NO ask at 1 − bid), best NO price first', async () => {
    const t = setup();
    t.books.set('M', [lvl(0.6, 3), lvl(0.58, 4), lvl(0.5, 100)], [lvl(0.62, 10)]);
    const o = t.order(await t.place(buy('M', 'NO', 0.42, 5)));
    expect(o).toMatchObject({ status: 'filled', filled: qty(5) });
    expect((await t.fills()).map((f) => [f.px, f.qty])).toEqual([
      [px(0.4), qty(3)],
      [px(0.42), qty(2)],
    ]);
    expect(await t.cash()).toBe(1_000 * USD - (3 * 400_000 + 2 * 420_000));
  });

  it('sells into the bids and credits the proceeds', async () => {
    const t = setup();
    t.books.set('M', [lvl(0.38, 4), lvl(0.37, 10)], [lvl(0.4, 10)]);
    t.order(await t.place(buy('M', 'YES', 0.4, 10)));
    const s = t.order(await t.place(sell('M', 'YES', 0.37, 6)));
    expect(s).toMatchObject({ status: 'filled', filled: qty(6) });
    const sells = (await t.fills()).filter((f) => f.side === 'SELL');
    expect(sells.map((f) => [f.px, f.qty])).toEqual([
      [px(0.38), qty(4)],
      [px(0.37), qty(2)],
    ]);
    expect(await t.cash()).toBe(1_000 * USD - 4_000_000 + 4 * 380_000 + 2 * 370_000);
  });
});

describe('PaperVenue: fees per venue model', () => {
  it('Kalshi: model fee per fill under the sub-cent rule of one order (cash moves in whole cents)', async () => {
    const t = setup({ venue: 'kalshi', fees: kalshiFeeModel() });
    t.books.set('M', [], [lvl(0.4, 5), lvl(0.41, 5)]);
    t.order(await t.place(buy('M', 'YES', 0.41, 10)));
    const f = await t.fills();
    // 5 @ 0.40: model fee 0.07·5·0.4·0.6 = $0.0840; −$2.0840 floors to −$2.09 (rounding $0.0060): fee $0.09.
    // 5 @ 0.41: model fee 0.07·5·0.41·0.59 = $0.084665 → $0.0847; −$2.1347 floors to −$2.14 (rounding $0.0053);
    // the order's rounding now passes a cent, refunded with this fill: fee 0.0847 + 0.0053 − 0.01 = $0.08.
    expect(f.map((x) => x.fee)).toEqual([90_000, 80_000]);
    expect(await t.cash()).toBe(1_000 * USD - 2_090_000 - 2_130_000);
    expect((1_000 * USD - (await t.cash())) % 10_000).toBe(0);
  });

  it('Kalshi deci-cent: a one-fill order pays exactly the fee the verifier charged for it (feeFor)', async () => {
    // 1 contract at $0.505: model fee $0.0175, balance −$0.5225 floored to −$0.53: the venue takes $0.025. The
    // verifier once charged the classic cent round-up ($0.02), half a cent less than paper (and the venue) took.
    const fees = kalshiFeeModel();
    for (const [price, n] of [
      [0.505, 1],
      [0.501, 1],
      [0.509, 3],
      [0.123, 7],
    ] as const) {
      const t = setup({ venue: 'kalshi', fees });
      t.books.set('M', [], [lvl(price, n)]);
      t.order(await t.place(buy('M', 'YES', price, n)));
      const [f] = await t.fills();
      expect(f!.fee, `${n} @ ${price}`).toBe(feeFor(fees, 'taker', px(price), qty(n), 'BUY'));
      expect(1_000 * USD - (await t.cash())).toBe(notional(px(price), qty(n)) + f!.fee);
    }
  });

  it('Polymarket: C × rate × p(1 − p) per fill, rounded half-up to 5 decimals; makers free on taker-only markets', async () => {
    const t = setup({ venue: 'polymarket', fees: polymarketFeeModel(40_000) });
    t.books.set('M', [], [lvl(0.4, 10), lvl(0.43, 7)]);
    t.order(await t.place(buy('M', 'YES', 0.43, 17)));
    // 10 × 0.04 × 0.4 × 0.6 = $0.096; 7 × 0.04 × 0.43 × 0.57 = $0.068628 → $0.06863
    expect((await t.fills()).map((f) => f.fee)).toEqual([96_000, 68_630]);
    expect(await t.cash()).toBe(1_000 * USD - 4_000_000 - 96_000 - 3_010_000 - 68_630);
    // A resting order that the book later trades through is a maker: no fee on a taker-only market.
    t.order(await t.place(buy('M', 'YES', 0.3, 5, 'GTC')));
    t.books.level('M', 'ask', 0.3, 5, t.clock.now());
    const maker = (await t.fills()).at(-1)!;
    expect(maker).toMatchObject({ liquidity: 'maker', px: px(0.3), fee: 0 });
  });
});

describe('PaperVenue: time in force', () => {
  it('IOC fills what it can and cancels the rest, returning the held cash', async () => {
    const t = setup({ fees: kalshiFeeModel() });
    t.books.set('M', [], [lvl(0.5, 3)]);
    const o = t.order(await t.place(buy('M', 'YES', 0.55, 10)));
    expect(o).toMatchObject({ status: 'cancelled', filled: qty(3) });
    const paid = (await t.fills()).reduce((s, f) => s + f.fee + f.px * f.qty, 0);
    expect(await t.cash()).toBe(1_000 * USD - paid);
    expect(await t.paper.openOrders()).toEqual({ ok: true, value: [] });
  });

  it('FOK is all or nothing', async () => {
    const t = setup();
    t.books.set('M', [], [lvl(0.4, 5), lvl(0.41, 5)]);
    const none = t.order(await t.place(buy('M', 'YES', 0.42, 12, 'FOK')));
    expect(none).toMatchObject({ status: 'cancelled', filled: 0 });
    expect(await t.fills()).toEqual([]);
    expect(await t.cash()).toBe(1_000 * USD);
    const all = t.order(await t.place(buy('M', 'YES', 0.42, 10, 'FOK')));
    expect(all).toMatchObject({ status: 'filled', filled: qty(10) });
  });

  it('GTC rests, holds its cash, and fills at its own price as a maker when the book trades through it', async () => {
    const t = setup({ fees: kalshiFeeModel() });
    t.books.set('M', [lvl(0.38, 10)], [lvl(0.45, 10)]);
    const o = t.order(await t.place(buy('M', 'YES', 0.42, 5, 'GTC')));
    expect(o).toMatchObject({ status: 'open', filled: 0 });
    expect((await t.paper.openOrders()).ok && (await t.paper.openOrders())).toMatchObject({
      value: [{ id: o.id }],
    });
    // Cash for the whole order is held (notional + taker fee bound + a cent of Kalshi rounding).
    expect(await t.cash()).toBeLessThan(1_000 * USD - 5 * 420_000);
    t.books.level('M', 'ask', 0.41, 3, t.clock.now());
    expect(await t.fills()).toEqual([
      expect.objectContaining({ px: px(0.42), qty: qty(3), liquidity: 'maker', fee: 0 }),
    ]);
    t.books.level('M', 'ask', 0.4, 10, t.clock.now());
    const done = await t.paper.getOrder(o.id);
    expect(done.ok && done.value).toMatchObject({ status: 'filled', filled: qty(5) });
    expect(await t.cash()).toBe(1_000 * USD - 5 * 420_000);
    expect(await t.paper.openOrders()).toEqual({ ok: true, value: [] });
  });

  it('a cancelled GTC order returns its cash and never fills', async () => {
    const t = setup();
    t.books.set('M', [], [lvl(0.45, 10)]);
    const o = t.order(await t.place(buy('M', 'YES', 0.42, 5, 'GTC')));
    expect(t.order(await t.paper.cancelOrder(o.id))).toMatchObject({ status: 'cancelled' });
    expect(await t.cash()).toBe(1_000 * USD);
    t.books.level('M', 'ask', 0.4, 10);
    expect(await t.fills()).toEqual([]);
  });
});

describe('PaperVenue: liquidity the bot took is not offered to it again', () => {
  it('until that level changes in the feed (another level changing does not bring it back)', async () => {
    const t = setup();
    t.books.set('M', [lvl(0.38, 10)], [lvl(0.4, 5), lvl(0.45, 5)]);
    expect(t.order(await t.place(buy('M', 'YES', 0.4, 5))).filled).toBe(qty(5));
    expect(t.order(await t.place(buy('M', 'YES', 0.4, 5))).filled).toBe(0);
    // Elsewhere in the book: a bid and a deeper ask change. The 0.40 ask is the same quote we already took.
    t.books.level('M', 'bid', 0.37, 20);
    t.books.level('M', 'ask', 0.45, 8);
    expect(t.order(await t.place(buy('M', 'YES', 0.4, 5))).filled).toBe(0);
    // The venue re-announces the 0.40 level: it is a new quote and can be taken again.
    t.books.level('M', 'ask', 0.4, 5);
    expect(t.order(await t.place(buy('M', 'YES', 0.4, 5))).filled).toBe(qty(5));
    // A snapshot refreshes every level.
    t.books.set('M', [lvl(0.38, 10)], [lvl(0.4, 5)]);
    expect(t.order(await t.place(buy('M', 'YES', 0.4, 5))).filled).toBe(qty(5));
  });

  it('buying YES and selling NO take the same YES asks: one quote cannot fill both', async () => {
    const t = setup();
    t.books.set('M', [lvl(0.38, 10)], [lvl(0.4, 5)]);
    // Hold 5 NO first (bought from the YES bid at 0.38: NO at 0.62).
    expect(t.order(await t.place(buy('M', 'NO', 0.62, 5))).filled).toBe(qty(5));
    expect(t.order(await t.place(buy('M', 'YES', 0.4, 5))).filled).toBe(qty(5));
    // Selling NO at 0.60 is buying YES at 0.40: the same ask, already taken.
    expect(t.order(await t.place(sell('M', 'NO', 0.6, 5))).filled).toBe(0);
  });
});

describe('PaperVenue: what it refuses', () => {
  it('a buy the paper cash cannot pay for', async () => {
    const t = setup({ cash: 3 * USD });
    t.books.set('M', [], [lvl(0.4, 100)]);
    const r = await t.place(buy('M', 'YES', 0.4, 10));
    expect(r).toMatchObject({ ok: false, error: { kind: 'rejected', code: 'PAPER.INSUFFICIENT_BALANCE' } });
    expect(await t.fills()).toEqual([]);
    expect(await t.cash()).toBe(3 * USD);
  });

  it('a sell of contracts it does not hold, counting those already promised to open sells', async () => {
    const t = setup();
    t.books.set('M', [lvl(0.38, 10)], [lvl(0.4, 10)]);
    expect(await t.place(sell('M', 'YES', 0.3, 1))).toMatchObject({
      ok: false,
      error: { code: 'PAPER.INSUFFICIENT_POSITION' },
    });
    t.order(await t.place(buy('M', 'YES', 0.4, 5)));
    // A resting sell of all five; a second sell of the same five must be refused, not oversell.
    t.order(await t.place(sell('M', 'YES', 0.5, 5, 'GTC')));
    expect(await t.place(sell('M', 'YES', 0.5, 5, 'GTC'))).toMatchObject({
      ok: false,
      error: { code: 'PAPER.INSUFFICIENT_POSITION' },
    });
    t.books.level('M', 'bid', 0.5, 20);
    expect(await t.paper.positions()).toEqual({ ok: true, value: [] });
  });

  it('a reused client order id', async () => {
    const t = setup();
    t.books.set('M', [], [lvl(0.4, 10)]);
    t.order(await t.place(buy('M', 'YES', 0.4, 1, 'IOC', 'same')));
    expect(await t.place(buy('M', 'YES', 0.4, 1, 'IOC', 'same'))).toMatchObject({
      ok: false,
      error: { code: 'PAPER.DUPLICATE_CLIENT_ORDER_ID' },
    });
    const found = await t.paper.findOrder('same');
    expect(found.ok && found.value?.filled).toBe(qty(1));
  });
});
