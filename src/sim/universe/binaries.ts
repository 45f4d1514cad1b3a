/**
 * Independent yes/no questions (weather, economics, politics, geopolitics, crypto, culture, tech), some listed on
 * both venues and some on one. A few are phrased the opposite way on Polymarket ("Will Congress avoid a
 * shutdown…?" against Kalshi's "Will the government shut down…?"): the same proposition with `inverted: true`.
 * Plus NFL playoff futures, where a venue listing both "make" and "miss" gives same-venue complement pairs.
 */
import { POLY_FEE_PPM, type ScenarioBuilder } from './builder.ts';
import { binarySpecs } from './binary-questions.ts';
import { DAY_MS, END_OF_DAY, etInstant, yearEndTradingDay } from './calendar.ts';
import { slugify } from './ids.ts';
import { clampP } from './probability.ts';
import { NFL_TEAMS } from './teams.ts';

/** Lists the questions (all, or those whose id starts with one of `only`) on the venues that carry them. */
export function addBinaries(b: ScenarioBuilder, opts: { only?: readonly string[] } = {}): void {
  const rng = b.rng.fork('binaries');
  const year = yearEndTradingDay(b.startTimeMs).year;
  const wanted = (id: string) => opts.only === undefined || opts.only.some((prefix) => id.startsWith(prefix));
  for (const s of binarySpecs(year).filter((spec) => wanted(spec.id))) {
    const closeMs = etInstant(s.close, END_OF_DAY);
    if (closeMs <= b.startTimeMs + DAY_MS) continue; // already (nearly) settled at this start time
    const p0 = clampP(s.p * Math.exp(rng.normal(0, 0.2)));
    const prop = b.prop(s.id, s.statement, p0);
    b.group({ kind: 'independent', id: s.id, props: [prop] });
    const openMs = Math.min(b.startTimeMs - DAY_MS, closeMs - rng.int(60, 300) * DAY_MS);
    if (s.kalshi) {
      const k = s.kalshi;
      const series = k.event.split('-')[0]!;
      b.kalshiEvent({
        series: { ticker: series, category: k.category, ...(k.structure ? { structure: k.structure } : {}) },
        ticker: k.event,
        title: k.title,
        mutuallyExclusive: false,
      }).market({
        ...(k.suffix === undefined ? {} : { suffix: k.suffix }),
        title: k.title,
        ...(k.subtitle === undefined ? {} : { subtitle: k.subtitle }),
        prop,
        openTimeMs: openMs,
        closeTimeMs: closeMs,
      });
    }
    if (s.poly) {
      const p = s.poly;
      const slug = slugify(p.question.replace(/\?$/, ''));
      b.polyEvent({
        slug,
        title: p.question,
        category: p.category,
        feePpm: p.feePpm,
        ...(p.minShares === undefined ? {} : { minShares: p.minShares }),
      }).market({
        question: p.question,
        prop,
        inverted: p.inverted ?? false,
        openTimeMs: openMs,
        closeTimeMs: closeMs,
      });
    }
  }
}

export interface PlayoffOptions {
  /** Teams with a "make the playoffs" market on Kalshi. */
  readonly teams: number;
  /** How many of them Polymarket lists too. */
  readonly onPolymarket: number;
  /** Teams Polymarket also lists a "miss the playoffs" market for (complement pairs), from the listed ones. */
  readonly polyMissPairs: number;
  /** Teams Kalshi also lists a "miss the playoffs" market for. */
  readonly kalshiMissPairs: number;
}

/** NFL playoff futures for the season in progress; they settle when the regular season ends in early January. */
export function addNflPlayoffFutures(b: ScenarioBuilder, opts: PlayoffOptions): void {
  const rng = b.rng.fork('nfl-playoffs');
  const season = yearEndTradingDay(b.startTimeMs).year;
  const yy = String(season % 100).padStart(2, '0');
  const closeMs = etInstant({ year: season + 1, month: 0, day: 4 }, END_OF_DAY);
  const openMs = Math.min(b.startTimeMs - DAY_MS, closeMs - 240 * DAY_MS);
  const times = { openTimeMs: openMs, closeTimeMs: closeMs };
  const teams = rng.shuffle([...NFL_TEAMS]).slice(0, opts.teams);
  teams.forEach((team, i) => {
    const prop = b.prop(
      `nfl-playoffs-${season}:${team.poly}`,
      `The ${team.full} make the ${season}–${String((season + 1) % 100).padStart(2, '0')} NFL playoffs`,
      clampP(rng.float() * 0.8 + 0.1),
    );
    b.group({ kind: 'independent', id: `nfl-playoffs-${season}:${team.poly}`, props: [prop] });
    b.kalshiEvent({
      series: { ticker: 'KXNFLPLAYOFF', category: 'Sports' },
      ticker: `KXNFLPLAYOFF-${yy}`,
      title: `Pro Football playoff qualifiers ${season}?`,
      mutuallyExclusive: false,
    }).market({
      suffix: team.kalshi,
      title: `Will ${team.city} make the playoffs?`,
      subtitle: team.city,
      prop,
      ...times,
    });
    if (i < opts.kalshiMissPairs) {
      b.kalshiEvent({
        series: { ticker: 'KXNFLMISSPLAYOFF', category: 'Sports' },
        ticker: `KXNFLMISSPLAYOFF-${yy}`,
        title: `Pro Football teams missing the playoffs ${season}?`,
        mutuallyExclusive: false,
      }).market({
        suffix: team.kalshi,
        title: `Will ${team.city} miss the playoffs?`,
        subtitle: team.city,
        prop,
        inverted: true,
        ...times,
      });
    }
    if (i >= opts.onPolymarket) return;
    const question = `Will the ${team.full} make the NFL Playoffs?`;
    const slug = slugify(question.replace(/\?$/, ''));
    const pe = b.polyEvent({
      slug,
      title: `${team.full}: NFL Playoffs`,
      category: 'Sports',
      feePpm: POLY_FEE_PPM.sportsFutures,
    });
    pe.market({ question, slug, subtitle: 'Make playoffs', prop, ...times });
    // Polymarket pairs "make" with "miss" for some teams: YES on "miss" pays exactly when "make" does not.
    if (opts.onPolymarket - 1 - i < opts.polyMissPairs) {
      const miss = `Will the ${team.full} miss the NFL Playoffs?`;
      pe.market({
        question: miss,
        slug: slugify(miss.replace(/\?$/, '')),
        subtitle: 'Miss playoffs',
        prop,
        inverted: true,
        ...times,
      });
    }
  });
}
