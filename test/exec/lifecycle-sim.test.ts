/**
 * The crash-safe order lifecycle against both simulators over loopback (real sockets, the real adapters, a real
 * SQLite store), with the failures a live leg B meets injected through the simulators' fault API: a rejection,
 * a dropped reply, a partial fill. After each, the store must equal the simulators' own record of the bot.
 *
 * Books are seeded by hand on a static small scenario (seed 1, no price process), so every price is known:
 * leg A buys Polymarket YES at 0.40, leg B buys Kalshi NO at 0.55 (YES bid 0.45): $0.95 for a $1 payout.
 */
import { describe, expect, it } from 'vitest';
import { RealClock } from '../../src/app/real-clock.ts';
import { adaptersFromConnection } from '../../src/app/session/venue-adapters.ts';
import { MarketIdTable, type Level, type Venue } from '../../src/core/market.ts';
import { Rng } from '../../src/core/rng.ts';
import { asMicros, type Px, type Qty } from '../../src/core/units.ts';
import {
  CrashPoints,
  OrderRunner,
  OrderStore,
  PackageExecutor,
  type SizedPlan,
} from '../../src/exec/index.ts';
import type { QuoteView } from '../../src/exec/package-executor.ts';
import { SIM_FRONTS } from '../../src/sim/fronts.ts';
import { SimHost } from '../../src/sim/host.ts';
import { buildSmallScenario } from '../../src/sim/universe/index.ts';
import { onCleanup } from '../sim/support/net.ts';
import { pairProof } from './proof-support.ts';
import { duplicateOrders, simLedger, storeLedger } from './sim-truth.ts';

const MM = 'test-mm';
const SEED = 1;

async function world() {
  const clock = new RealClock();
  const scenario = buildSmallScenario(SEED);
  const host = await SimHost.start({ scenario, clock, rng: new Rng(SEED), fronts: SIM_FRONTS });
  const info = host.connectionInfo();
  const k = scenario.markets.find((m) => m.venue === 'kalshi')!.key;
  const p = scenario.markets.find((m) => m.venue === 'polymarket')!.key;
  const rest = (venue: Venue, market: string, outcome: 'YES' | 'NO', px: number, contracts: number): void => {
    const ex = host.venue(venue).exchange;
    const r = ex.place({
      account: MM,
      market,
      outcome,
      side: 'BUY',
      px: px as Px,
      qty: (contracts * 100) as Qty,
      tif: 'GTC',
    });
    if (!r.ok) throw new Error(`seed ${venue} ${market}: ${r.code}`);
  };
  for (const v of ['kalshi', 'polymarket'] as const)
    host.venue(v).exchange.openAccount(MM, 1_000_000 * 1_000_000, { tracked: false });
  // Polymarket: YES offered at 0.40 (a NO bid at 0.60), YES bid at 0.38. Kalshi: YES bid 0.45 (NO offered at
  // 0.55), YES offered at 0.47 (what selling NO back would hit).
  rest('polymarket', p, 'NO', 6_000, 20);
  rest('polymarket', p, 'YES', 3_800, 50);
  rest('kalshi', k, 'YES', 4_500, 50);
  rest('kalshi', k, 'NO', 5_300, 50);
  const ids = new MarketIdTable();
  const adapters = adaptersFromConnection(info, { clock, rng: new Rng(SEED), ids });
  onCleanup(async () => {
    await adapters.kalshi.close();
    await adapters.polymarket.close();
    await host.close();
  });
  for (const a of Object.values(adapters)) {
    const d = await a.discover();
    if (!d.ok) throw new Error(`discover: ${d.error.message}`);
  }
  const store = OrderStore.open(':memory:', { storeId: 't' });
  onCleanup(() => store.close());
  const fault = async (venue: Venue, spec: unknown): Promise<void> => {
    const r = await fetch(`${info.admin[venue]}/faults`, {
      method: 'POST',
      body: JSON.stringify(spec),
      headers: { 'content-type': 'application/json' },
    });
    if (r.status !== 201) throw new Error(`fault ${JSON.stringify(spec)}: ${r.status} ${await r.text()}`);
  };
  const executor = (quotes?: QuoteView) =>
    new PackageExecutor({ venues: adapters, clock, store, ...(quotes ? { quotes } : {}) });
  const plan: SizedPlan = {
    id: 'cross_venue-test',
    lane: 'cross_venue',
    legs: [
      { venue: 'polymarket', market: p, outcome: 'YES', px: 4_000 as Px },
      { venue: 'kalshi', market: k, outcome: 'NO', px: 5_500 as Px },
    ],
    qty: 1_000 as Qty,
    payoutUnits: 1,
    expectedEdge: asMicros(500_000),
    proof: pairProof(
      (
        [
          { venue: 'polymarket', market: p, outcome: 'YES' },
          { venue: 'kalshi', market: k, outcome: 'NO' },
        ] as const
      ).map((l) => {
        const m = scenario.markets.find((x) => x.venue === l.venue && x.key === l.market)!;
        return { ...l, fees: m.fees, grid: m.grid };
      }),
    ),
  };
  return { host, info, adapters, store, fault, executor, plan, k, p };
}

/** A quote view from books fetched over REST just now (what the engine's live books would say). */
async function fetchedQuotes(w: Awaited<ReturnType<typeof world>>): Promise<QuoteView> {
  const books = new Map<string, { yesBids: Level[]; yesAsks: Level[] }>();
  for (const [v, m] of [
    ['kalshi', w.k],
    ['polymarket', w.p],
  ] as const) {
    const b = await w.adapters[v].fetchBook(m);
    if (!b.ok) throw new Error(b.error.message);
    books.set(`${v} ${m}`, b.value);
  }
  return {
    buyable(venue, market, outcome, limitPx) {
      const b = books.get(`${venue} ${market}`);
      if (!b) return undefined;
      // Buying NO at q takes a YES bid at 1 − q.
      const offers =
        outcome === 'YES'
          ? b.yesAsks.map((l) => ({ px: l.px, qty: l.qty }))
          : b.yesBids.map((l) => ({ px: 10_000 - l.px, qty: l.qty }));
      const usable = offers.filter((o) => o.px <= limitPx);
      return { bestPx: offers[0]?.px ?? 10_000, qty: usable.reduce((s, o) => s + o.qty, 0) };
    },
  };
}

const kinds = (store: OrderStore, packageId: string): string[] =>
  store
    .events({ packageId })
    .map((e) => (e.clientOrderId ? `${e.kind}:${e.clientOrderId.split('-').pop()}` : e.kind));

describe(`order lifecycle against the simulators (small scenario, seed ${SEED})`, () => {
  it('leg A fills, leg B is rejected: A is unwound, and the store records every step', async () => {
    const w = await world();
    await w.fault('kalshi', {
      kind: 'reject_orders',
      params: { account: 'bot', code: 'INJECTED_REJECT' },
      count: 1,
    });
    const r = await w.executor().execute(w.plan);
    expect(r.status).toBe('unwound');
    expect(r.legs.map((l) => [l.clientOrderId.split('-').pop(), l.requested, l.filled, l.outcome])).toEqual([
      ['L0', 1_000, 1_000, 'ok'],
      ['L1', 1_000, 0, 'rejected'],
      ['U0', -1_000, 1_000, 'ok'],
    ]);
    expect(r.decisions.map((d) => d.decision)).toEqual(['flatten']);
    expect(w.store.getPackage(r.packageId)).toMatchObject({
      state: 'unwound',
      bought: [1_000, 0],
      sold: [1_000, 0],
    });
    // Every step, in order: the plan, intent before each order, the venue's answers, the decision, the unwind.
    expect(kinds(w.store, r.packageId)).toEqual([
      'package_created',
      'package_leg_sent',
      'intent:L0',
      'order_sent:L0',
      'order_report:L0',
      'fill:L0',
      'order_fill:L0',
      'package_leg_done',
      'package_leg_sent',
      'intent:L1',
      'order_sent:L1',
      'order_rejected:L1',
      'package_leg_done',
      'exposure_decision',
      'package_unwind_sent',
      'intent:U0',
      'order_sent:U0',
      'order_report:U0',
      'fill:U0',
      'order_fill:U0',
      'package_unwind_done',
    ]);
    expect(w.store.intent(`${r.packageId}-L1`)).toMatchObject({ state: 'rejected', filled: 0 });
    expect(w.store.intent(`${r.packageId}-L1`)!.error).toMatch(/INJECTED_REJECT|reject/i);
    expect(storeLedger(w.store)).toEqual(await simLedger(w.info.admin));
    expect(w.store.positions()).toEqual([]);
    expect(w.store.safeModeReasons()).toEqual([]);
  });

  it('leg B’s reply is dropped: the outcome is resolved by query, and exactly one order exists', async () => {
    const w = await world();
    await w.fault('kalshi', { kind: 'drop_response', endpoint: 'POST /portfolio/events/orders', count: 1 });
    const r = await w.executor().execute(w.plan);
    expect(r.status).toBe('hedged');
    expect(r.legs[1]).toMatchObject({ outcome: 'unknown', filled: 1_000 });
    expect(r.legs[1]!.orderId).toBeDefined();
    const b = w.store.intent(`${r.packageId}-L1`)!;
    expect(b).toMatchObject({ state: 'filled', filled: 1_000, venueOrderId: r.legs[1]!.orderId });
    expect(kinds(w.store, r.packageId)).toContain('order_unknown:L1');
    const sim = await simLedger(w.info.admin);
    expect(sim.orders.filter((o) => o.includes(`${r.packageId}-L1`))).toHaveLength(1);
    expect(await duplicateOrders(w.info.admin)).toEqual([]);
    expect(storeLedger(w.store)).toEqual(sim);
  });

  it('leg B fills half: hedged 5 and exposed 5; blind to the book, the policy flattens the exposed 5', async () => {
    const w = await world();
    await w.fault('kalshi', { kind: 'partial_fill', params: { fraction: 0.5, account: 'bot' } });
    const r = await w.executor().execute(w.plan);
    expect(r.legs.map((l) => [l.clientOrderId.split('-').pop(), l.requested, l.filled])).toEqual([
      ['L0', 1_000, 1_000],
      ['L1', 1_000, 500],
      ['U0', -500, 500],
    ]);
    const exposed = w.store.events({ packageId: r.packageId }).find((e) => e.kind === 'exposure_decision')!;
    expect(exposed.data).toMatchObject({ decision: 'flatten', hedged: 500, exposed: [500, 0] });
    expect(r).toMatchObject({ status: 'partial', hedgedQty: 500 });
    expect(w.store.getPackage(r.packageId)).toMatchObject({
      state: 'partial',
      bought: [1_000, 500],
      sold: [500, 0],
    });
    expect(storeLedger(w.store)).toEqual(await simLedger(w.info.admin));
  });

  it('leg B fills half and its quote still offers the rest: the policy completes the package', async () => {
    const w = await world();
    await w.fault('kalshi', { kind: 'partial_fill', params: { fraction: 0.5, account: 'bot' }, count: 1 });
    const r = await w.executor(await fetchedQuotes(w)).execute(w.plan);
    expect(r.decisions.map((d) => d.decision)).toEqual(['complete']);
    expect(r.legs.map((l) => [l.clientOrderId.split('-').pop(), l.requested, l.filled])).toEqual([
      ['L0', 1_000, 1_000],
      ['L1', 1_000, 500],
      ['C1', 500, 500],
    ]);
    expect(r).toMatchObject({ status: 'hedged', hedgedQty: 1_000 });
    expect(storeLedger(w.store)).toEqual(await simLedger(w.info.admin));
  });
});

describe(`status tracking and cancel/replace against the simulators (small scenario, seed ${SEED})`, () => {
  const runnerFor = (w: Awaited<ReturnType<typeof world>>, orderTimeoutMs: number) =>
    new OrderRunner({
      venues: w.adapters,
      clock: new RealClock(),
      store: w.store,
      crash: CrashPoints.none(),
      timing: { orderTimeoutMs, pollMs: 20, fillWaitMs: 500 },
    });

  it.each(['kalshi', 'polymarket'] as const)(
    '%s: a resting order is followed by polling and cancelled when its deadline passes',
    async (venue) => {
      const w = await world();
      const market = venue === 'kalshi' ? w.k : w.p;
      // A YES bid at 0.20: far below any offer, so it rests.
      const req = {
        clientOrderId: `t-gtc-${venue}`,
        market,
        outcome: 'YES' as const,
        side: 'BUY' as const,
        px: 2_000 as Px,
        qty: 500 as Qty,
        tif: 'GTC' as const,
      };
      const i = await runnerFor(w, 150).run(venue, req, { role: 'manual', leg: 0 });
      expect(i).toMatchObject({ state: 'cancelled', filled: 0 });
      const kinds = w.store
        .events()
        .filter((e) => e.clientOrderId === req.clientOrderId)
        .map((e) => e.kind);
      expect(kinds).toEqual(
        expect.arrayContaining(['intent', 'order_sent', 'order_report', 'order_timeout', 'order_cancel']),
      );
      expect(storeLedger(w.store)).toEqual(await simLedger(w.info.admin));
    },
  );

  it('kalshi: a working order is amended in place (same order id, new price)', async () => {
    const w = await world();
    const runner = runnerFor(w, 60_000);
    const req = {
      clientOrderId: 't-amend',
      market: w.k,
      outcome: 'YES' as const,
      side: 'BUY' as const,
      px: 2_000 as Px,
      qty: 500 as Qty,
      tif: 'GTC' as const,
    };
    // Place without following it (a quote the engine keeps working), then change its price.
    w.store.writeIntent(1, { request: req, venue: 'kalshi', role: 'manual', leg: 0 });
    const placed = await w.adapters.kalshi.placeOrder(req);
    if (!placed.ok) throw new Error(placed.error.message);
    runner.report(req.clientOrderId, placed.value);
    const after = await runner.replace('kalshi', req.clientOrderId, { px: 2_100 }, 't-amend-R1');
    expect(after).toMatchObject({ clientOrderId: 't-amend', venueOrderId: placed.value.id, state: 'open' });
    expect(w.store.orderById('kalshi', placed.value.id)).toMatchObject({ px: 2_100, status: 'open' });
    expect(w.store.intent('t-amend-R1')).toBeUndefined();
    expect(storeLedger(w.store)).toEqual(await simLedger(w.info.admin));
  });

  it('polymarket: orders are immutable, so a replace cancels and places a new intent for what is left', async () => {
    const w = await world();
    const runner = runnerFor(w, 60_000);
    const req = {
      clientOrderId: 't-repl',
      market: w.p,
      outcome: 'YES' as const,
      side: 'BUY' as const,
      px: 2_000 as Px,
      qty: 500 as Qty,
      tif: 'GTC' as const,
    };
    w.store.writeIntent(1, { request: req, venue: 'polymarket', role: 'manual', leg: 0 });
    const placed = await w.adapters.polymarket.placeOrder(req);
    if (!placed.ok) throw new Error(placed.error.message);
    runner.report(req.clientOrderId, placed.value);
    const next = await runner.replace('polymarket', req.clientOrderId, { px: 2_100 }, 't-repl-R1');
    expect(w.store.intent('t-repl')).toMatchObject({ state: 'cancelled' });
    expect(next).toMatchObject({
      clientOrderId: 't-repl-R1',
      role: 'replace',
      px: 2_100,
      qty: 500,
      state: 'open',
    });
    expect(await duplicateOrders(w.info.admin)).toEqual([]);
    expect(storeLedger(w.store)).toEqual(await simLedger(w.info.admin));
  });
});

describe(`order updates pushed over the venues' user WebSockets (small scenario, seed ${SEED})`, () => {
  it.each(['kalshi', 'polymarket'] as const)(
    '%s: a resting order’s fill, pushed, ends the follower’s wait without a single poll (polls every 60 s)',
    async (venue) => {
      const w = await world();
      const ex = w.host.venue(venue).exchange;
      ex.openAccount('taker', 1_000_000 * 1_000_000, { tracked: false });
      let polls = 0;
      const adapter = w.adapters[venue];
      const getOrder = adapter.getOrder.bind(adapter);
      adapter.getOrder = (id) => {
        polls++;
        return getOrder(id);
      };
      const runner = new OrderRunner({
        venues: w.adapters,
        clock: new RealClock(),
        store: w.store,
        crash: CrashPoints.none(),
        timing: { orderTimeoutMs: 120_000, pollMs: 60_000, fillWaitMs: 5_000 },
      });
      // Our YES bid goes in above the seeded ones (the best bid); when the venue says it rests, another account
      // sells into it (a NO buy at 1 − p matches the best YES bid first).
      const px = venue === 'kalshi' ? 4_600 : 3_900;
      const market = venue === 'kalshi' ? w.k : w.p;
      let crossed = false;
      const stream = adapter.streamOrders!((u) => {
        runner.onOrderUpdate(venue, u);
        if (!crossed && u.clientOrderId === `t-push-${venue}` && u.status === 'open') {
          crossed = true;
          const r = ex.place({
            account: 'taker',
            market,
            outcome: 'NO',
            side: 'BUY',
            px: (10_000 - px) as Px,
            qty: 500 as Qty,
            tif: 'IOC',
          });
          if (!r.ok) throw new Error(`cross: ${r.code}`);
        }
      });
      await stream.ready;
      const i = await runner.run(
        venue,
        {
          clientOrderId: `t-push-${venue}`,
          market,
          outcome: 'YES',
          side: 'BUY',
          px: px as Px,
          qty: 500 as Qty,
          tif: 'GTC',
        },
        { role: 'manual', leg: 0 },
      );
      expect(crossed).toBe(true);
      expect(i).toMatchObject({ state: 'filled', filled: 500 });
      expect(polls).toBe(0);
      expect(runner.pushed.applied).toBeGreaterThanOrEqual(2);
      await stream.close();
      expect(storeLedger(w.store)).toEqual(await simLedger(w.info.admin));
    },
  );
});
