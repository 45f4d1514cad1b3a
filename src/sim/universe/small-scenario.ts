/**
 * A dozen markets per venue for fast tests, still covering every relation kind the bot trades: a cross-listed
 * question, an inverted cross-listing, a three-outcome match on both venues, a three-rung ladder on both venues
 * (one rung shared), a two-team game (equivalent on one side, inverted on the other) and a same-venue
 * "make"/"miss" complement pair.
 */
import { Rng } from '../../core/rng.ts';
import { addBinaries, addNflPlayoffFutures } from './binaries.ts';
import { ScenarioBuilder } from './builder.ts';
import { addDays, etDateOf } from './calendar.ts';
import { DEFAULT_START_TIME_MS, type ScenarioOptions } from './default-scenario.ts';
import { addCryptoDaily } from './ladders.ts';
import { DEFAULT_BOT_CASH_MICROS, DEFAULT_PROCESS } from './process.ts';
import { addSoccerMatches, addTwoWayGames, NBA, nextWeekday } from './sports.ts';
import type { Scenario } from './types.ts';

export function buildSmallScenario(seed: number, opts: ScenarioOptions = {}): Scenario {
  const startTimeMs = opts.startTimeMs ?? DEFAULT_START_TIME_MS;
  const b = new ScenarioBuilder(new Rng(seed).fork('scenario'), startTimeMs);
  const today = etDateOf(startTimeMs);

  addTwoWayGames(b, NBA, [{ date: today, startHours: [19.5], onPolymarket: true }]);
  addSoccerMatches(b, nextWeekday(addDays(today, 1), 6), [10]);
  // Kalshi: three $1,000 strikes at the money; Polymarket: three $2,000 strikes. At least one is on both.
  addCryptoDaily(b, {
    asset: 'BTC',
    daysAhead: 2,
    kalshiStep: 1_000,
    polyStep: 2_000,
    kalshiStrikes: 3,
    polyStrikes: 3,
    onPolymarket: true,
  });
  // A plain cross-listing and an inverted one (Polymarket asks whether Congress *avoids* the shutdown).
  addBinaries(b, { only: ['btc-ath-', 'shutdown-jan-'] });
  addNflPlayoffFutures(b, { teams: 1, onPolymarket: 1, polyMissPairs: 1, kalshiMissPairs: 0 });

  return b.build({
    name: 'small',
    description: 'A dozen markets per venue covering every relation kind, for fast tests.',
    seed,
    process: DEFAULT_PROCESS,
    botCashMicros: DEFAULT_BOT_CASH_MICROS,
  });
}
