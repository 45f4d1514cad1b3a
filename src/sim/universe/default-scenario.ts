/**
 * The default simulated universe: a late-November week as both venues would list it. Sports slates (NBA, NFL,
 * NHL, Premier League), the next two Fed decisions, year-end and daily price ladders, CPI and jobs releases,
 * tomorrow's weather, crowded nomination and award fields, and a spread of independent questions. About 240
 * markets per venue, 80-odd propositions listed on both: enough for every detection lane to have work, small
 * enough that a simulated day runs in seconds.
 */
import { Rng } from '../../core/rng.ts';
import { ScenarioBuilder } from './builder.ts';
import { addBinaries, addNflPlayoffFutures } from './binaries.ts';
import { addDailyHighs, addNasdaqYearEndRanges } from './buckets.ts';
import { addDays, type EtDate, etDateOf } from './calendar.ts';
import { addCrowdedField, standardFields } from './elections.ts';
import { addFedDecisions } from './fed.ts';
import { addBitcoinYearHigh, addCpi, addCryptoDaily, addSpxYearEnd, addUnemployment } from './ladders.ts';
import { DEFAULT_BOT_CASH_MICROS, DEFAULT_PROCESS } from './process.ts';
import {
  addGameTotals,
  addSoccerMatches,
  addTwoWayGames,
  NBA,
  NFL,
  NHL,
  nextWeekday,
  type Slate,
} from './sports.ts';
import type { Scenario } from './types.ts';

/** Wednesday 25 November 2026, 9 AM in New York: the eve of Thanksgiving, a busy sports week. */
export const DEFAULT_START_TIME_MS = Date.UTC(2026, 10, 25, 14);

export interface ScenarioOptions {
  /** When the simulated session starts (ms since epoch); every date in the universe follows from it. */
  readonly startTimeMs?: number;
}

export function buildDefaultScenario(seed: number, opts: ScenarioOptions = {}): Scenario {
  const startTimeMs = opts.startTimeMs ?? DEFAULT_START_TIME_MS;
  const b = new ScenarioBuilder(new Rng(seed).fork('scenario'), startTimeMs);
  const today = etDateOf(startTimeMs);
  const day = (n: number) => addDays(today, n);

  // Sports. Polymarket lists every game total line inside the game's event; Kalshi lists totals for a few
  // games in separate events; hockey here is Kalshi-only and the last NBA night is not on Polymarket yet.
  // (A start time outside a league's season simply lists none of its games.)
  const nba = addTwoWayGames(
    b,
    NBA,
    inSeason('nba', today)
      ? [
          { date: day(0), startHours: [19, 19, 19.5, 20, 21, 22], onPolymarket: true },
          { date: day(2), startHours: [19, 19.5, 19.5, 20, 22], onPolymarket: true },
          { date: day(3), startHours: [19, 22.5], onPolymarket: false },
        ]
      : [],
  );
  nba.forEach((game, i) => addGameTotals(b, game, { kalshiLines: i < 3 ? 4 : 0, polyLines: 5 }));
  const nfl = addTwoWayGames(b, NFL, inSeason('nfl', today) ? nflWeek(today) : [], { oncePerTeam: true });
  for (const game of nfl.slice(0, 6)) addGameTotals(b, game, { kalshiLines: 0, polyLines: 3 });
  const nhl = inSeason('nhl', today);
  addTwoWayGames(
    b,
    NHL,
    nhl
      ? [
          { date: day(0), startHours: [19, 19.5, 22], onPolymarket: false },
          { date: day(2), startHours: [13, 16, 19], onPolymarket: false },
        ]
      : [],
  );
  if (inSeason('epl', today)) addSoccerMatches(b, nextWeekday(day(1), 6), [7.5, 10, 12.5]);

  // Rates and the economy.
  addFedDecisions(b, { meetings: 2, polyMeetings: 1 });
  addCpi(b, { onPolymarket: true });
  addUnemployment(b);

  // Price ladders.
  addSpxYearEnd(b, { kalshiStep: 100, polyStep: 250 });
  addNasdaqYearEndRanges(b, 8);
  addCryptoDaily(b, {
    asset: 'BTC',
    daysAhead: 2,
    kalshiStep: 1_000,
    polyStep: 2_500,
    kalshiStrikes: 11,
    onPolymarket: true,
  });
  addCryptoDaily(b, {
    asset: 'BTC',
    daysAhead: 3,
    kalshiStep: 1_000,
    polyStep: 2_500,
    kalshiStrikes: 7,
    onPolymarket: false,
  });
  addCryptoDaily(b, {
    asset: 'ETH',
    daysAhead: 2,
    kalshiStep: 50,
    polyStep: 100,
    kalshiStrikes: 7,
    onPolymarket: true,
  });
  addBitcoinYearHigh(b, [100_000, 105_000, 110_000, 120_000, 130_000, 150_000]);

  // Weather: tomorrow's highs. Miami's Polymarket event accepts 1-share orders.
  addDailyHighs(b, [
    { city: 'nyc', kalshi: true, polymarket: true },
    { city: 'chicago', kalshi: true, polymarket: false },
    { city: 'miami', kalshi: false, polymarket: true, polyMinShares: 1 },
    { city: 'austin', kalshi: true, polymarket: false },
    { city: 'denver', kalshi: false, polymarket: true },
  ]);

  // Crowded fields, independent questions, futures.
  for (const field of standardFields(today.year)) addCrowdedField(b, field);
  addBinaries(b);
  if (inSeason('nfl', today)) {
    addNflPlayoffFutures(b, { teams: 12, onPolymarket: 5, polyMissPairs: 2, kalshiMissPairs: 1 });
  }

  return b.build({
    name: 'default',
    description:
      'A Thanksgiving-week universe on Kalshi and Polymarket: sports slates, Fed and CPI, price ladders, ' +
      'weather, nomination and award fields, and independent questions.',
    seed,
    process: DEFAULT_PROCESS,
    botCashMicros: DEFAULT_BOT_CASH_MICROS,
  });
}

/** Regular-season months (0 = January) of each league. */
const SEASONS = {
  nba: [9, 10, 11, 0, 1, 2, 3],
  nhl: [9, 10, 11, 0, 1, 2, 3],
  nfl: [8, 9, 10, 11],
  epl: [7, 8, 9, 10, 11, 0, 1, 2, 3, 4],
} as const;

const inSeason = (league: keyof typeof SEASONS, d: EtDate): boolean =>
  (SEASONS[league] as readonly number[]).includes(d.month);

/** Thursday, Sunday and Monday of the NFL week after `today`: Thanksgiving's three games, the Sunday slate, MNF. */
function nflWeek(today: EtDate): Slate[] {
  const thursday = nextWeekday(addDays(today, 1), 4);
  const sunday = nextWeekday(thursday, 0);
  const monday = addDays(sunday, 1);
  return [
    { date: thursday, startHours: [12.5, 16.5, 20.33], onPolymarket: true },
    { date: sunday, startHours: [13, 13, 13, 13, 16.08, 20.33], onPolymarket: true },
    { date: monday, startHours: [20.25], onPolymarket: true },
  ];
}
