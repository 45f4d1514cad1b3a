/** A SimHost with only the Kalshi front on loopback, torn down after each test, plus book-seeding helpers. */
import { RealClock } from '../../../src/app/real-clock.ts';
import type { Clock } from '../../../src/core/clock.ts';
import { Rng } from '../../../src/core/rng.ts';
import type { Px, Qty } from '../../../src/core/units.ts';
import type { Exchange } from '../../../src/sim/engine/exchange.ts';
import { SimHost } from '../../../src/sim/host.ts';
import { createKalshiFront, type KalshiFrontOptions } from '../../../src/sim/kalshi/index.ts';
import { buildSmallScenario } from '../../../src/sim/universe/index.ts';
import type { Scenario } from '../../../src/sim/universe/types.ts';
import { onCleanup } from '../../sim/support/net.ts';

export const MM = 'test-mm';

export async function startKalshiSim(
  opts: { seed?: number; scenario?: Scenario; clock?: Clock; front?: KalshiFrontOptions } = {},
) {
  const seed = opts.seed ?? 1;
  const scenario = opts.scenario ?? buildSmallScenario(seed);
  const host = await SimHost.start({
    scenario,
    clock: opts.clock ?? new RealClock(),
    rng: new Rng(seed),
    fronts: [createKalshiFront(opts.front)],
  });
  onCleanup(() => host.close());
  const ex = host.kalshi.exchange;
  ex.openAccount(MM, 1_000_000 * 1_000_000, { tracked: false });
  const info = host.connectionInfo();
  const markets = scenario.markets.filter((m) => m.venue === 'kalshi').map((m) => m.key);
  return { host, ex, kalshi: info.kalshi, admin: info.admin.kalshi, markets, scenario };
}

/** Rest `MM` orders: bids and asks as [YES price in Px, contracts]. */
export function seedBook(
  ex: Exchange,
  market: string,
  levels: { bids?: [number, number][]; asks?: [number, number][] },
): void {
  for (const [px, n] of levels.bids ?? []) {
    const r = ex.place({
      account: MM,
      market,
      outcome: 'YES',
      side: 'BUY',
      px: px as Px,
      qty: (n * 100) as Qty,
      tif: 'GTC',
    });
    if (!r.ok) throw new Error(`seed bid ${px}: ${r.code}`);
  }
  for (const [px, n] of levels.asks ?? []) {
    // An ask at YES p from an account without YES is a NO buy at 1 − p.
    const r = ex.place({
      account: MM,
      market,
      outcome: 'NO',
      side: 'BUY',
      px: (10_000 - px) as Px,
      qty: (n * 100) as Qty,
      tif: 'GTC',
    });
    if (!r.ok) throw new Error(`seed ask ${px}: ${r.code}`);
  }
}
