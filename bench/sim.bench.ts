/**
 * The simulator's own costs: one matched trade in the engine once its public trade ring is full (the steady state
 * of a long `arb sim`), and the default scenario's price process per engine event, end to end.
 */
import { hrtime } from 'node:process';
import { SimClock } from '../src/core/clock.ts';
import { NO_FEES } from '../src/core/fees.ts';
import { uniformGrid } from '../src/core/market.ts';
import { Rng } from '../src/core/rng.ts';
import { asPx, asQty } from '../src/core/units.ts';
import { Exchange } from '../src/sim/engine/exchange.ts';
import { PriceProcess } from '../src/sim/process/price-process.ts';
import { buildDefaultScenario } from '../src/sim/universe/index.ts';
import { createVenueExchanges } from '../src/sim/venue-exchanges.ts';
import { type BenchResult, round, timeNsPerCall } from './harness.ts';

/** A maker rests a YES bid, a taker buys NO against it: one trade (a minted pair) per call. */
function tradeBench(): BenchResult {
  const clock = new SimClock(0);
  const ex = new Exchange(
    {
      venue: 'polymarket',
      autoNetPositions: false,
      feeRounding: 'exact',
      idPrefix: 'P',
      markets: [{ key: 'M', grid: uniformGrid(asPx(100)), minSize: asQty(1), fees: NO_FEES }],
    },
    clock,
  );
  // Untracked, as the simulated agents are: finished orders are forgotten, so only the trade ring grows.
  for (const a of ['maker', 'taker']) ex.openAccount(a, 1e14, { tracked: false });
  const px = asPx(5_000);
  const qty = asQty(100);
  const base = { market: 'M', px, qty } as const;
  // 20 warm-up samples of 1,000 trades fill the 10,000-trade ring before anything is timed.
  return timeNsPerCall(
    'sim.exchange.trade_ring_full',
    () => {
      ex.place({ ...base, account: 'maker', outcome: 'YES', side: 'BUY', tif: 'GTC' });
      return ex.place({ ...base, account: 'taker', outcome: 'NO', side: 'BUY', tif: 'IOC' });
    },
    { batch: 1_000, samples: 60 },
  );
}

/** Ten simulated minutes of the default scenario (seed 11): wall time per engine event, both venues. */
function priceProcessBench(): BenchResult {
  const scenario = buildDefaultScenario(11);
  const clock = new SimClock(scenario.startTimeMs);
  const exchanges = createVenueExchanges(scenario, clock, {});
  const process = new PriceProcess({ scenario, exchanges, clock, rng: new Rng(11) }).start();
  const t0 = hrtime.bigint();
  clock.advance(10 * 60_000);
  const ns = Number(hrtime.bigint() - t0);
  process.stop();
  const events = exchanges.kalshi.seq + exchanges.polymarket.seq;
  const trades = exchanges.kalshi.trades().length + exchanges.polymarket.trades().length;
  return {
    name: 'sim.price_process.per_event',
    unit: 'ns/event',
    median: round(ns / events),
    n: events,
    note: `10 simulated minutes of the default scenario in ${round(ns / 1e6)} ms; ${trades} trades in the rings`,
  };
}

export function simBenches(): BenchResult[] {
  return [tradeBench(), priceProcessBench()];
}
