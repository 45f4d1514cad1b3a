/**
 * A FAILED Polymarket trade through the real adapters against both simulators (loopback, real SQLite store): a
 * hedged cross-venue package whose Polymarket trade the venue then fails (admin `fail-trade`) is taken back in
 * the ledger: the intent, the package (now unhedged: safe mode) and the positions, which agree with the venue's.
 *
 * Books seeded by hand on the static small scenario (seed 1, no price process): leg A buys Polymarket YES at 0.40,
 * leg B buys Kalshi NO at 0.55.
 */
import { describe, expect, it } from 'vitest';
import { adaptersFromConnection } from '../../src/app/session/venue-adapters.ts';
import { RealClock } from '../../src/app/real-clock.ts';
import { MarketIdTable, type Venue } from '../../src/core/market.ts';
import { Rng } from '../../src/core/rng.ts';
import { asMicros, type Px, type Qty } from '../../src/core/units.ts';
import { OrderStore, PackageExecutor, type SizedPlan } from '../../src/exec/index.ts';
import type { ReversalApplied } from '../../src/exec/fill-feed.ts';
import { SIM_FRONTS } from '../../src/sim/fronts.ts';
import { SimHost } from '../../src/sim/host.ts';
import { buildSmallScenario } from '../../src/sim/universe/index.ts';
import { pairProof } from './proof-support.ts';
import { onCleanup } from '../sim/support/net.ts';

const SEED = 1;

async function world() {
  const clock = new RealClock();
  const scenario = buildSmallScenario(SEED);
  const host = await SimHost.start({ scenario, clock, rng: new Rng(SEED), fronts: SIM_FRONTS });
  const info = host.connectionInfo();
  const k = scenario.markets.find((m) => m.venue === 'kalshi')!.key;
  const p = scenario.markets.find((m) => m.venue === 'polymarket')!.key;
  const rest = (venue: Venue, market: string, outcome: 'YES' | 'NO', px: number, contracts: number) => {
    const r = host.venue(venue).exchange.place({
      account: 'mm',
      market,
      outcome,
      side: 'BUY',
      px: px as Px,
      qty: (contracts * 100) as Qty,
      tif: 'GTC',
    });
    if (!r.ok) throw new Error(`seed ${venue}: ${r.code}`);
  };
  for (const v of ['kalshi', 'polymarket'] as const)
    host.venue(v).exchange.openAccount('mm', 1_000_000 * 1_000_000, { tracked: false });
  rest('polymarket', p, 'NO', 6_000, 20); // YES offered at 0.40
  rest('kalshi', k, 'YES', 4_500, 50); // NO offered at 0.55
  const adapters = adaptersFromConnection(info, { clock, rng: new Rng(SEED), ids: new MarketIdTable() });
  onCleanup(async () => {
    await adapters.kalshi.close();
    await adapters.polymarket.close();
    await host.close();
  });
  for (const a of Object.values(adapters)) {
    const d = await a.discover();
    if (!d.ok) throw new Error(`discover: ${d.error.message}`);
  }
  const store = OrderStore.open(':memory:', { storeId: 'v' });
  onCleanup(() => store.close());
  const admin = async (path: string, body?: unknown) => {
    const r = await fetch(`${info.admin.polymarket}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return { status: r.status, body: (await r.json()) as unknown };
  };
  const plan: SizedPlan = {
    id: 'cross_venue-reversal',
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
  return {
    adapters,
    store,
    admin,
    plan,
    k,
    p,
    executor: new PackageExecutor({ venues: adapters, clock, store }),
  };
}

describe(`a FAILED Polymarket trade against the simulators (small scenario, seed ${SEED})`, () => {
  it('undoes the leg in the store: intent, package (unhedged, safe mode) and positions agree with the venue', async () => {
    const w = await world();
    const r = await w.executor.execute(w.plan);
    expect(r.status).toBe('hedged');
    const seen: ReversalApplied[] = [];
    w.executor.runner.feed.onReversal((x) => seen.push(x));
    const trades = (await w.admin('/polymarket/trades?account=bot')).body as { id: string; status: string }[];
    expect(trades).toHaveLength(1);
    expect((await w.admin('/polymarket/fail-trade', { tradeId: trades[0]!.id })).status).toBe(200);

    // The fill feed (what the engine re-reads between packages while trades are pending) brings the failure.
    await w.executor.runner.syncFills('polymarket');
    const a = `${r.packageId}-L0`;
    expect(w.store.intent(a)).toMatchObject({ state: 'cancelled', filled: 0 });
    expect(w.store.getPackage(r.packageId)).toMatchObject({ state: 'unhedged', bought: [0, 1_000] });
    expect(w.store.safeModeReasons().map((x) => x.code)).toEqual(['UNHEDGED_PACKAGE']);
    expect(seen.map((x) => [x.venue, x.pkg?.before.state, x.pkg?.after.state])).toEqual([
      ['polymarket', 'hedged', 'unhedged'],
    ]);
    // The store's positions are the venue's: Polymarket leaves the failed trade out, the Kalshi NO is still held.
    const pm = await w.adapters.polymarket.positions();
    expect(pm).toEqual({ ok: true, value: [] });
    expect(w.store.positions().map((x) => [x.venue, x.market, x.outcome, x.qty])).toEqual([
      ['kalshi', w.k, 'NO', 1_000],
    ]);
  });
});
