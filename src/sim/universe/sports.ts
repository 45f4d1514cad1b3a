/**
 * Game-winner markets. Kalshi lists one market per outcome in a `mutually_exclusive` event
 * (`KXNBAGAME-26NOV28MILLAL-MIL` and `-LAL`); Polymarket lists one market per two-way game whose first outcome
 * (the YES token) is the away team ("Bucks vs. Lakers"), and a negRisk event of three markets per soccer match
 * (home win, draw, away win). So Polymarket's two-way market is the same proposition as Kalshi's away-team
 * market and the opposite of Kalshi's home-team market, which is what the cross-venue lane trades.
 */
import type { Rng } from '../../core/rng.ts';
import type { KalshiSeries } from './builder.ts';
import { POLY_FEE_PPM, type ScenarioBuilder } from './builder.ts';
import {
  addDays,
  DAY_MS,
  type EtDate,
  etDateOf,
  etInstant,
  HOUR_MS,
  isoDay,
  kalshiDay,
  shortDay,
  weekday,
} from './calendar.ts';
import { exclusiveShares, normalLadderProbabilities, twoWay } from './probability.ts';
import { EPL_TEAMS, NBA_TEAMS, NFL_TEAMS, NHL_TEAMS, type Team } from './teams.ts';

export interface TwoWayLeague {
  /** Lowercase league code: Polymarket slug prefix and proposition id prefix. */
  readonly code: 'nba' | 'nfl' | 'nhl';
  readonly teams: readonly Team[];
  readonly series: KalshiSeries;
  readonly polyFeePpm: number;
  /** Game length, for close times (both venues settle after the final whistle). */
  readonly durationHours: number;
  /** Mean win probability of the away team (home advantage). */
  readonly awayMean: number;
}

export const NBA: TwoWayLeague = {
  code: 'nba',
  teams: NBA_TEAMS,
  series: { ticker: 'KXNBAGAME', category: 'Sports' },
  polyFeePpm: POLY_FEE_PPM.nba,
  durationHours: 2.75,
  awayMean: 0.42,
};

export const NFL: TwoWayLeague = {
  code: 'nfl',
  teams: NFL_TEAMS,
  series: { ticker: 'KXNFLGAME', category: 'Sports' },
  polyFeePpm: POLY_FEE_PPM.nfl,
  durationHours: 3.5,
  awayMean: 0.44,
};

export const NHL: TwoWayLeague = {
  code: 'nhl',
  teams: NHL_TEAMS,
  series: { ticker: 'KXNHLGAME', category: 'Sports' },
  polyFeePpm: POLY_FEE_PPM.nhl,
  durationHours: 2.75,
  awayMean: 0.45,
};

/** One day's games: how many, at which Eastern start times, and whether Polymarket lists them. */
export interface Slate {
  readonly date: EtDate;
  /** Eastern start hours, one per game (19.5 = 7:30 PM). */
  readonly startHours: readonly number[];
  readonly onPolymarket: boolean;
}

/** A listed game, for families that add more markets to it (totals). */
export interface ListedGame {
  readonly id: string;
  readonly league: TwoWayLeague;
  readonly away: Team;
  readonly home: Team;
  readonly date: EtDate;
  readonly startMs: number;
  readonly closeMs: number;
  readonly openMs: number;
  readonly kalshiEventCode: string;
  readonly polySlug?: string;
}

/**
 * Lists each slate's games on Kalshi (always) and on Polymarket (when the slate says so). With `oncePerTeam`
 * (the NFL's weekly schedule) no team plays twice across the slates; otherwise only within a slate.
 */
export function addTwoWayGames(
  b: ScenarioBuilder,
  league: TwoWayLeague,
  slates: readonly Slate[],
  opts: { oncePerTeam?: boolean } = {},
): ListedGame[] {
  const rng = b.rng.fork(`games:${league.code}`);
  const games: ListedGame[] = [];
  let teams = rng.shuffle([...league.teams]);
  for (const slate of slates) {
    if (!opts.oncePerTeam) teams = rng.shuffle([...league.teams]);
    for (const hour of slate.startHours) {
      const away = teams.shift();
      const home = teams.shift();
      if (!away || !home) break; // more start times than pairs of teams
      if (etInstant(slate.date, hour) < b.startTimeMs + HOUR_MS) continue; // already under way
      const { date, onPolymarket } = slate;
      games.push(listTwoWayGame(b, rng, league, { away, home, date, hour, onPolymarket }));
    }
  }
  return games;
}

function listTwoWayGame(
  b: ScenarioBuilder,
  rng: Rng,
  league: TwoWayLeague,
  g: { away: Team; home: Team; date: EtDate; hour: number; onPolymarket: boolean },
): ListedGame {
  const { away, home, date } = g;
  const startMs = etInstant(date, g.hour);
  const closeMs = startMs + league.durationHours * HOUR_MS;
  // Game markets open about a week ahead, once the schedule is final.
  const openMs = Math.min(b.startTimeMs - HOUR_MS, startMs - rng.int(5, 9) * DAY_MS);
  const id = `${league.code}-${isoDay(date)}-${away.poly}-${home.poly}`;
  const [pAway, pHome] = twoWay(rng, league.awayMean);
  const [awayProp, homeProp] = b.exclusive(`${id}:winner`, [
    {
      id: `${id}:${away.poly}`,
      statement: `${away.full} beat the ${home.full} on ${isoDay(date)}`,
      p0: pAway,
    },
    {
      id: `${id}:${home.poly}`,
      statement: `${home.full} beat the ${away.full} on ${isoDay(date)}`,
      p0: pHome,
    },
  ]) as [string, string];

  const kalshiEventCode = `${kalshiDay(date)}${away.kalshi}${home.kalshi}`;
  const matchup = `${away.city} at ${home.city}`;
  const ke = b.kalshiEvent({
    series: league.series,
    ticker: `${league.series.ticker}-${kalshiEventCode}`,
    title: matchup,
    subtitle: `${away.kalshi} at ${home.kalshi} (${shortDay(date)})`,
    mutuallyExclusive: true,
  });
  for (const [team, prop] of [
    [away, awayProp],
    [home, homeProp],
  ] as const) {
    ke.market({
      suffix: team.kalshi,
      title: `${matchup} Winner?`,
      subtitle: team.city,
      prop,
      openTimeMs: openMs,
      closeTimeMs: closeMs,
    });
  }

  let polySlug: string | undefined;
  if (g.onPolymarket) {
    polySlug = `${league.code}-${away.poly}-${home.poly}-${isoDay(date)}`;
    const title = `${away.nickname} vs. ${home.nickname}`;
    const pe = b.polyEvent({ slug: polySlug, title, category: 'Sports', feePpm: league.polyFeePpm });
    // The moneyline market shares the event's slug; its YES token is the first-listed (away) team, and its two
    // outcomes are the teams, as the venue lists them (`["Bucks", "Lakers"]`), not Yes and No.
    pe.market({
      question: title,
      prop: awayProp,
      outcomes: [away.nickname, home.nickname],
      openTimeMs: openMs,
      closeTimeMs: closeMs,
    });
  }
  return {
    id,
    league,
    away,
    home,
    date,
    startMs,
    closeMs,
    openMs,
    kalshiEventCode,
    ...(polySlug === undefined ? {} : { polySlug }),
  };
}

/** How each league's game totals are modelled and listed. */
const TOTALS = {
  nba: { kalshiSeries: 'KXNBATOTAL', mean: 227, spread: 6, sd: 15, unit: 'points' },
  nfl: { kalshiSeries: 'KXNFLTOTAL', mean: 45, spread: 3, sd: 10, unit: 'points' },
  nhl: { kalshiSeries: 'KXNHLTOTAL', mean: 6, spread: 0.5, sd: 1.8, unit: 'goals' },
} as const;

/**
 * Game-total ladders ("over 228.5 points"). Polymarket lists lines one point apart inside the game's own event
 * (`nba-mil-lal-2026-11-28-total-228pt5`); Kalshi lists lines three points apart in a separate `KXNBATOTAL`
 * event. The centre line is on both venues, the rest differ, so the venues are linked by one equivalence and
 * by implications. Either venue's line count may be 0.
 */
export function addGameTotals(
  b: ScenarioBuilder,
  game: ListedGame,
  opts: { kalshiLines: number; polyLines: number },
): void {
  const t = TOTALS[game.league.code];
  const rng = b.rng.fork(`totals:${game.id}`);
  const centre = Math.round(rng.normal(t.mean, t.spread)) + 0.5;
  const line = (i: number, n: number, step: number): number => centre + step * (i - Math.floor(n / 2));
  const polyLines =
    game.polySlug === undefined
      ? []
      : Array.from({ length: opts.polyLines }, (_, i) => line(i, opts.polyLines, 1));
  const kalshiLines = Array.from({ length: opts.kalshiLines }, (_, i) => line(i, opts.kalshiLines, 3));
  if (polyLines.length + kalshiLines.length === 0) return; // neither venue lists this game's totals
  const ladder = normalLadderProbabilities(centre + rng.normal(0, t.sd / 10), t.sd, [
    ...new Set([...polyLines, ...kalshiLines]),
  ]);
  const props = b.ladder(
    `${game.id}:total`,
    ladder.thresholds.map((k, i) => ({
      id: `${game.id}:total>${k}`,
      statement: `The ${game.away.full} and ${game.home.full} score more than ${k} ${t.unit} combined`,
      p0: ladder.p[i]!,
      threshold: k,
    })),
  );
  const propOf = new Map(ladder.thresholds.map((k, i) => [k, props[i]!]));
  const times = { openTimeMs: game.openMs, closeTimeMs: game.closeMs };

  const matchup = `${game.away.city} at ${game.home.city}`;
  if (kalshiLines.length > 0) {
    const ke = b.kalshiEvent({
      series: { ticker: t.kalshiSeries, category: 'Sports' },
      ticker: `${t.kalshiSeries}-${game.kalshiEventCode}`,
      title: `${matchup}: Total ${t.unit === 'goals' ? 'Goals' : 'Points'}`,
      subtitle: `${game.away.kalshi} at ${game.home.kalshi} (${shortDay(game.date)})`,
      mutuallyExclusive: false,
    });
    for (const k of kalshiLines) {
      const prop = propOf.get(k);
      if (prop === undefined) continue;
      const title = `${matchup}: Total ${t.unit === 'goals' ? 'Goals' : 'Points'}`;
      ke.market({
        suffix: String(Math.floor(k)),
        title,
        subtitle: `Over ${k} ${t.unit} scored`,
        prop,
        ...times,
      });
    }
  }
  if (game.polySlug === undefined) return;
  const title = `${game.away.nickname} vs. ${game.home.nickname}`;
  const pe = b.polyEvent({ slug: game.polySlug, title, category: 'Sports', feePpm: game.league.polyFeePpm });
  for (const k of polyLines) {
    const prop = propOf.get(k);
    if (prop === undefined) continue;
    pe.market({
      question: `${title}: O/U ${k}`,
      slug: `${game.polySlug}-total-${String(k).replace('.', 'pt')}`,
      subtitle: `O/U ${k}`,
      prop,
      // "Over" pays when the total exceeds the line, as the ladder's proposition does.
      outcomes: ['Over', 'Under'],
      ...times,
    });
  }
}

/**
 * Premier League matches: three exclusive outcomes. Kalshi's event has a market per outcome including `TIE`;
 * Polymarket's negRisk event has "Will X win on <date>?" twice and "… end in a draw?".
 */
export function addSoccerMatches(b: ScenarioBuilder, date: EtDate, kickoffHours: readonly number[]): number {
  const rng = b.rng.fork(`soccer:${isoDay(date)}`);
  const teams = rng.shuffle([...EPL_TEAMS]);
  let listed = 0;
  kickoffHours.forEach((hour, i) => {
    const home = teams[2 * i];
    const away = teams[2 * i + 1];
    if (!home || !away) return;
    listed++;
    const startMs = etInstant(date, hour);
    const closeMs = startMs + 2 * HOUR_MS;
    const openMs = Math.min(b.startTimeMs - HOUR_MS, startMs - rng.int(6, 12) * DAY_MS);
    const id = `epl-${isoDay(date)}-${home.poly}-${away.poly}`;
    const shares = exclusiveShares([
      Math.max(0.05, rng.normal(0.45, 0.12)),
      Math.max(0.05, rng.normal(0.26, 0.03)),
      Math.max(0.05, rng.normal(0.29, 0.1)),
    ]);
    const [homeProp, drawProp, awayProp] = b.exclusive(`${id}:result`, [
      {
        id: `${id}:${home.poly}`,
        statement: `${home.full} beat ${away.full} on ${isoDay(date)}`,
        p0: shares[0]!,
      },
      {
        id: `${id}:draw`,
        statement: `${home.full} and ${away.full} draw on ${isoDay(date)}`,
        p0: shares[1]!,
      },
      {
        id: `${id}:${away.poly}`,
        statement: `${away.full} beat ${home.full} on ${isoDay(date)}`,
        p0: shares[2]!,
      },
    ]) as [string, string, string];

    const title = `${home.city} vs ${away.city}`;
    const ke = b.kalshiEvent({
      series: { ticker: 'KXEPLGAME', category: 'Sports' },
      ticker: `KXEPLGAME-${kalshiDay(date)}${home.kalshi}${away.kalshi}`,
      title,
      subtitle: `${home.kalshi} vs ${away.kalshi} (${shortDay(date)})`,
      mutuallyExclusive: true,
    });
    const times = { openTimeMs: openMs, closeTimeMs: closeMs };
    ke.market({
      suffix: home.kalshi,
      title: `${title} Winner?`,
      subtitle: home.city,
      prop: homeProp,
      ...times,
    });
    ke.market({ suffix: 'TIE', title: `${title} Winner?`, subtitle: 'Tie', prop: drawProp, ...times });
    ke.market({
      suffix: away.kalshi,
      title: `${title} Winner?`,
      subtitle: away.city,
      prop: awayProp,
      ...times,
    });

    const slug = `epl-${home.poly}-${away.poly}-${isoDay(date)}`;
    const pe = b.polyEvent({
      slug,
      title: `${home.nickname} vs. ${away.nickname}`,
      category: 'Sports',
      feePpm: POLY_FEE_PPM.soccer,
      negRisk: true,
    });
    pe.market({
      question: `Will ${home.nickname} win on ${isoDay(date)}?`,
      slug: `${slug}-${home.poly}`,
      subtitle: home.nickname,
      prop: homeProp,
      ...times,
    });
    pe.market({
      question: `Will ${home.nickname} vs. ${away.nickname} end in a draw?`,
      slug: `${slug}-draw`,
      subtitle: `Draw (${home.nickname} vs. ${away.nickname})`,
      prop: drawProp,
      ...times,
    });
    pe.market({
      question: `Will ${away.nickname} win on ${isoDay(date)}?`,
      slug: `${slug}-${away.poly}`,
      subtitle: away.nickname,
      prop: awayProp,
      ...times,
    });
  });
  return listed;
}

/** The first date on or after `from` that falls on `day` (0 = Sunday). */
export function nextWeekday(from: EtDate, day: number): EtDate {
  return addDays(from, (day - weekday(from) + 7) % 7);
}

/** Today's Eastern date for a scenario starting at `startTimeMs`. */
export const scenarioDay = (startTimeMs: number): EtDate => etDateOf(startTimeMs);
