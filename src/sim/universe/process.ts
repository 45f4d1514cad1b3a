/**
 * Default knobs of the simulated price process, chosen to look like the real venues rather than to make
 * arbitrage easy: books a tick or two wide with a few thousand contracts near the touch, probabilities that
 * wander a few points an hour, news that moves a market 4–12 points, and a lagging venue that takes seconds to
 * tens of seconds to follow: long enough for a fast bot to act, short enough that a slow one misses it.
 */
import { MICROS_PER_DOLLAR } from '../../core/units.ts';
import type { PriceProcessParams } from './types.ts';

export const DEFAULT_PROCESS: PriceProcessParams = {
  // Real market makers refresh resting quotes every few seconds; ours also requote whenever fair value moves
  // a tick, so this is the idle refresh.
  mmRequoteMs: 5_000,
  // One tick each side of fair value: the 1-cent spreads of liquid Kalshi and Polymarket books.
  mmHalfSpreadTicks: 1,
  // Five levels per side is what the top of a real book shows (the recorded Fed book averaged 5–10 levels).
  mmLevels: 5,
  // Level sizes from a handful of contracts to a couple of thousand, as in the recorded KXINXY depth.
  mmLevelContracts: [5, 2_000],
  // 2 probability points per √hour: about ±10 points over a trading day, typical for an open question.
  driftVolPerSqrtHour: 0.02,
  driftStepMs: 60_000,
  // A few retail prints per market per hour; sizes mostly small with an occasional block.
  noiseTradesPerMarketHour: 6,
  noiseTradeContracts: [1, 200],
  // Across the whole universe: a headline every two minutes somewhere.
  newsShocksPerHour: 30,
  newsShockSize: [0.04, 0.12],
  // The lagging venue catches up within 2–20 s: the life of a cross-venue arbitrage window.
  venueLagMs: [2_000, 20_000],
};

/** The bot's opening cash on each venue: $10,000. */
export const DEFAULT_BOT_CASH_MICROS = 10_000 * MICROS_PER_DOLLAR;
