/** A SimHost on loopback (SimClock by default) over the tiny scenario, closed after the test. */
import { type Clock, SimClock } from '../../../src/core/clock.ts';
import { Rng } from '../../../src/core/rng.ts';
import { type PriceProcessFactory, SimHost } from '../../../src/sim/host.ts';
import { onCleanup } from '../support/net.ts';
import { START_MS, tinyScenario } from '../support/scenario.ts';

export async function startHost(opts: { clock?: Clock; priceProcess?: PriceProcessFactory } = {}) {
  const clock = opts.clock ?? new SimClock(START_MS);
  const host = await SimHost.start({
    scenario: tinyScenario(),
    clock,
    rng: new Rng(1),
    host: '127.0.0.1',
    kalshiPort: 0,
    polymarketPort: 0,
    ...(opts.priceProcess ? { priceProcess: opts.priceProcess } : {}),
  });
  onCleanup(() => host.close());
  const admin = host.connectionInfo().admin;
  const call = async (venue: 'kalshi' | 'polymarket', method: string, path: string, body?: unknown) => {
    const res = await fetch(`${admin[venue]}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  return { host, clock, admin, call };
}
