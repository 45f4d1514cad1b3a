/** A SimHost with the Polymarket front on loopback, helpers to seed books through the engine and call the admin API. */
import { type Clock, SimClock } from '../../../src/core/clock.ts';
import { Rng } from '../../../src/core/rng.ts';
import type { Px, Qty } from '../../../src/core/units.ts';
import type { Exchange } from '../../../src/sim/engine/exchange.ts';
import { SimHost } from '../../../src/sim/host.ts';
import {
  mountPolymarketFront,
  type PolymarketFrontHandle,
  type PolymarketFrontOptions,
} from '../../../src/sim/polymarket/index.ts';
import { buildSmallScenario } from '../../../src/sim/universe/index.ts';
import type { Scenario, ScenarioMarket } from '../../../src/sim/universe/types.ts';
import { onCleanup } from '../../sim/support/net.ts';
import { RealClock } from '../../../src/app/real-clock.ts';
import { PolymarketAdapter, type PolymarketAdapterOptions } from '../../../src/venues/polymarket/index.ts';
import { START_MS, tinyScenario } from '../../sim/support/scenario.ts';

export { P_MARKET, P_TOKENS, START_MS } from '../../sim/support/scenario.ts';

export interface PolyHost {
  readonly host: SimHost;
  readonly clock: Clock;
  readonly front: PolymarketFrontHandle;
  readonly ex: Exchange;
  readonly conn: ReturnType<SimHost['connectionInfo']>['polymarket'];
  readonly admin: string;
  adminCall(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

export async function startPolyHost(
  opts: {
    clock?: Clock;
    scenario?: Scenario | 'tiny' | 'small';
    front?: PolymarketFrontOptions;
    seed?: number;
  } = {},
): Promise<PolyHost> {
  const clock = opts.clock ?? new SimClock(START_MS);
  const scenario =
    opts.scenario === undefined || opts.scenario === 'tiny'
      ? tinyScenario()
      : opts.scenario === 'small'
        ? buildSmallScenario(1, { startTimeMs: START_MS })
        : opts.scenario;
  let front: PolymarketFrontHandle | undefined;
  const host = await SimHost.start({
    scenario,
    clock,
    rng: new Rng(opts.seed ?? 1),
    host: '127.0.0.1',
    kalshiPort: 0,
    polymarketPort: 0,
    fronts: [(h) => void (front = mountPolymarketFront(h, opts.front ?? {}))],
  });
  onCleanup(() => host.close());
  const info = host.connectionInfo();
  const admin = info.admin.polymarket;
  return {
    host,
    clock,
    front: front!,
    ex: host.polymarket.exchange,
    conn: info.polymarket,
    admin,
    async adminCall(method, path, body) {
      const res = await fetch(`${admin}${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    },
  };
}

/** Liquidity from a simulated market maker: resting YES bids and asks straight on the engine. */
export function seedBook(
  ex: Exchange,
  market: string,
  levels: { bids?: [number, number][]; asks?: [number, number][] },
  account = 'mm',
): void {
  if (!ex.account(account)) ex.openAccount(account, 1_000_000_000_000, { tracked: false });
  for (const [px, qty] of levels.bids ?? [])
    expectOk(
      ex.place({ account, market, outcome: 'YES', side: 'BUY', px: px as Px, qty: qty as Qty, tif: 'GTC' }),
    );
  // A YES ask at p from an account with no YES: it buys NO at 1 − p.
  for (const [px, qty] of levels.asks ?? [])
    expectOk(
      ex.place({
        account,
        market,
        outcome: 'NO',
        side: 'BUY',
        px: (10_000 - px) as Px,
        qty: qty as Qty,
        tif: 'GTC',
      }),
    );
}

function expectOk(r: { ok: boolean; message?: string }): void {
  if (!r.ok) throw new Error(`seed order refused: ${r.message}`);
}

export function polyMarkets(s: Scenario): ScenarioMarket[] {
  return s.markets.filter((m) => m.venue === 'polymarket');
}

/** An adapter pointed at the host, on the wall clock (its WebSocket backoff and timers run for real). */
export function adapterFor(h: PolyHost, extra: Partial<PolymarketAdapterOptions> = {}): PolymarketAdapter {
  const a = new PolymarketAdapter({
    clobUrl: h.conn.clobUrl,
    wsUrl: h.conn.wsUrl,
    userWsUrl: h.conn.userWsUrl,
    dataUrl: h.conn.dataUrl,
    gammaUrl: h.conn.gammaUrl,
    privateKey: h.conn.privateKey,
    chainId: h.conn.chainId,
    clock: new RealClock(),
    rng: new Rng(7),
    http: { timeoutMs: 2_000 },
    ...extra,
  });
  onCleanup(() => a.close());
  return a;
}
