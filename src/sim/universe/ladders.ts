/**
 * Threshold ladders: "value above K" for ascending K, where a higher rung implies every lower one. Both venues
 * list such ladders with their own strike spacing (Kalshi `KXBTCD-26NOV2817-T98999.99` every $1,000, Polymarket
 * "Bitcoin above ___ on November 28?" every $2,500), so some rungs are the same proposition on both venues
 * (equivalent) and the rest are linked only by implication: the structural lane's hunting ground.
 */
import type { KalshiSeries, PolyTick, ScenarioBuilder } from './builder.ts';
import { POLY_FEE_PPM } from './builder.ts';
import {
  addDays,
  DAY_MS,
  END_OF_DAY,
  etDateOf,
  etInstant,
  kalshiDay,
  kalshiMonth,
  longDate,
  longDay,
  monthName,
  nextCpiRelease,
  nextJobsReport,
  shortDay,
  slugDay,
  yearEndTradingDay,
} from './calendar.ts';
import { kalshiAboveStrike } from './ids.ts';
import { ladderProbabilities, normalLadderProbabilities, strictlyDecreasingRungs } from './probability.ts';

/** A ladder and how each venue lists it. Rungs a venue lists but the model dropped (p outside range) are skipped. */
export interface LadderListing {
  readonly groupId: string;
  readonly statement: (k: number) => string;
  readonly rungs: { readonly thresholds: readonly number[]; readonly p: readonly number[] };
  readonly openMs: number;
  readonly kalshi?: {
    readonly series: KalshiSeries;
    readonly eventTicker: string;
    readonly eventTitle: string;
    readonly eventSubtitle?: string;
    readonly thresholds: readonly number[];
    readonly suffix: (k: number) => string;
    readonly title: (k: number) => string;
    readonly subtitle: (k: number) => string;
    readonly closeMs: number;
  };
  readonly poly?: {
    readonly eventSlug: string;
    readonly eventTitle: string;
    readonly category: string;
    readonly feePpm: number;
    readonly tick?: PolyTick;
    readonly thresholds: readonly number[];
    readonly question: (k: number) => string;
    readonly slug: (k: number) => string;
    readonly subtitle: (k: number) => string;
    readonly closeMs: number;
  };
}

export function addLadder(b: ScenarioBuilder, l: LadderListing): void {
  const props = b.ladder(
    l.groupId,
    l.rungs.thresholds.map((k, i) => ({
      id: `${l.groupId}>${k}`,
      statement: l.statement(k),
      p0: l.rungs.p[i]!,
      threshold: k,
    })),
  );
  const propAt = new Map(l.rungs.thresholds.map((k, i) => [k, props[i]!]));
  if (l.kalshi) {
    const k = l.kalshi;
    const ke = b.kalshiEvent({
      series: k.series,
      ticker: k.eventTicker,
      title: k.eventTitle,
      ...(k.eventSubtitle === undefined ? {} : { subtitle: k.eventSubtitle }),
      mutuallyExclusive: false,
    });
    for (const t of k.thresholds) {
      const prop = propAt.get(t);
      if (prop === undefined) continue;
      ke.market({
        suffix: k.suffix(t),
        title: k.title(t),
        subtitle: k.subtitle(t),
        prop,
        openTimeMs: l.openMs,
        closeTimeMs: k.closeMs,
      });
    }
  }
  if (l.poly) {
    const p = l.poly;
    const pe = b.polyEvent({
      slug: p.eventSlug,
      title: p.eventTitle,
      category: p.category,
      feePpm: p.feePpm,
      ...(p.tick === undefined ? {} : { tick: p.tick }),
    });
    for (const t of p.thresholds) {
      const prop = propAt.get(t);
      if (prop === undefined) continue;
      pe.market({
        question: p.question(t),
        slug: p.slug(t),
        subtitle: p.subtitle(t),
        prop,
        openTimeMs: l.openMs,
        closeTimeMs: p.closeMs,
      });
    }
  }
}

/** 99000 → "99,000"; 98999.99 → "98,999.99" (fractions are printed to at most two places). */
export function withCommas(n: number): string {
  const [whole = '', frac] = String(Number(n.toFixed(2))).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** Multiples of `step` within `spot ± span`. */
function strikes(spot: number, span: number, step: number): number[] {
  const out: number[] = [];
  for (let k = Math.ceil((spot - span) / step) * step; k <= spot + span; k += step) out.push(k);
  return out;
}

/** The `count` strikes closest to `spot` (all when `count` is undefined), ascending. */
function nearest(ks: readonly number[], spot: number, count?: number): number[] {
  if (count === undefined) return [...ks];
  return [...ks]
    .sort((x, y) => Math.abs(x - spot) - Math.abs(y - spot) || x - y)
    .slice(0, count)
    .sort((x, y) => x - y);
}

/** Every threshold either venue lists, sorted and unique. */
const union = (...lists: readonly (readonly number[])[]): number[] =>
  [...new Set(lists.flat())].sort((a, b) => a - b);

/** S&P 500 at year end: Kalshi `KXINXY` (a maker-fee series) every 100 points, Polymarket every 250. */
export function addSpxYearEnd(b: ScenarioBuilder, opts: { kalshiStep: number; polyStep: number }): void {
  const rng = b.rng.fork('spx');
  const day = yearEndTradingDay(b.startTimeMs);
  const closeMs = etInstant(day, 16);
  const spot = Math.round(rng.normal(7_100, 120));
  // 16 % annualised volatility over the time left to the close.
  const sigma = 0.16 * Math.sqrt((closeMs - b.startTimeMs) / (365 * DAY_MS));
  const kalshiK = strikes(spot, 900, opts.kalshiStep);
  const polyK = strikes(spot, 900, opts.polyStep);
  const when = longDate(day);
  addLadder(b, {
    groupId: `spx-${day.year}-close`,
    statement: (k) => `The S&P 500 closes at or above ${withCommas(k)} on ${when}`,
    rungs: ladderProbabilities(spot, sigma, union(kalshiK, polyK)),
    openMs: Math.min(b.startTimeMs - DAY_MS, etInstant({ year: day.year - 1, month: 10, day: 5 }, 10)),
    kalshi: {
      series: { ticker: 'KXINXY', category: 'Financials', makerFees: true },
      eventTicker: `KXINXY-${kalshiDay(day)}`,
      eventTitle: `S&P 500 price at the end of ${day.year}?`,
      eventSubtitle: `On ${shortDay(day)}, ${day.year}`,
      thresholds: kalshiK,
      suffix: (k) => kalshiAboveStrike(k, 2),
      title: (k) =>
        `Will the S&P 500 be above ${(k - 0.01).toFixed(2)} at the end of ${shortDay(day)}, ${day.year}?`,
      subtitle: (k) => `${withCommas(k)} or above`,
      closeMs,
    },
    poly: {
      eventSlug: `sp-500-above-on-${slugDay(day)}-${day.year}`,
      eventTitle: `S&P 500 above ___ on ${when}?`,
      category: 'Finance',
      feePpm: POLY_FEE_PPM.finance,
      thresholds: polyK,
      question: (k) => `Will the S&P 500 close at or above ${withCommas(k)} on ${when}?`,
      slug: (k) => `sp-500-above-${k}-on-${slugDay(day)}-${day.year}`,
      subtitle: (k) => withCommas(k),
      closeMs,
    },
  });
}

export interface CryptoDailyOptions {
  readonly asset: 'BTC' | 'ETH';
  /** Days after the scenario's start date. */
  readonly daysAhead: number;
  readonly kalshiStep: number;
  readonly polyStep: number;
  /** Kalshi lists only this many strikes nearest the money (its ladder is denser but narrower). */
  readonly kalshiStrikes: number;
  /** Polymarket likewise, when set (default: every strike within about ±2.2 σ). */
  readonly polyStrikes?: number;
  readonly onPolymarket: boolean;
}

const CRYPTO = {
  BTC: {
    name: 'Bitcoin',
    series: 'KXBTCD',
    spot: 95_000,
    spotSd: 4_000,
    dailyVol: 0.028,
    structure: 'linear_cent',
  },
  ETH: {
    name: 'Ethereum',
    series: 'KXETHD',
    spot: 3_300,
    spotSd: 200,
    dailyVol: 0.036,
    structure: 'deci_cent',
  },
} as const;

/** Crypto price at 5 PM ET on a day: Kalshi hourly-strike events and Polymarket "above ___ on <day>?" events. */
export function addCryptoDaily(b: ScenarioBuilder, opts: CryptoDailyOptions): void {
  const c = CRYPTO[opts.asset];
  const rng = b.rng.fork(`crypto:${opts.asset}:${opts.daysAhead}`);
  const today = etDateOf(b.startTimeMs);
  const day = addDays(today, opts.daysAhead);
  const closeMs = etInstant(day, 17);
  const spot = Math.round(rng.normal(c.spot, c.spotSd) / 10) * 10;
  const sigma = c.dailyVol * Math.sqrt((closeMs - b.startTimeMs) / DAY_MS);
  const span = 2.2 * sigma * spot;
  const kalshiK = nearest(strikes(spot, span, opts.kalshiStep), spot, opts.kalshiStrikes);
  const polyK = opts.onPolymarket ? nearest(strikes(spot, span, opts.polyStep), spot, opts.polyStrikes) : [];
  const at = `${shortDay(day)}, ${day.year} at 5pm EST`;
  addLadder(b, {
    groupId: `${opts.asset.toLowerCase()}-${kalshiDay(day).toLowerCase()}-5pm`,
    statement: (k) => `${c.name} trades above $${withCommas(k)} at 5 PM ET on ${longDate(day)}`,
    rungs: ladderProbabilities(spot, sigma, union(kalshiK, polyK)),
    openMs: Math.min(b.startTimeMs - DAY_MS, closeMs - 7 * DAY_MS),
    kalshi: {
      series: { ticker: c.series, category: 'Crypto', structure: c.structure },
      eventTicker: `${c.series}-${kalshiDay(day)}17`,
      eventTitle: `${c.name} price on ${at}?`,
      thresholds: kalshiK,
      suffix: (k) => kalshiAboveStrike(k, 2),
      title: (k) => `Will the ${c.name} price be above $${withCommas(k - 0.01)} on ${at}?`,
      subtitle: (k) => `$${withCommas(k)} or above`,
      closeMs,
    },
    poly: {
      eventSlug: `${c.name.toLowerCase()}-above-on-${slugDay(day)}-${day.year}`,
      eventTitle: `${c.name} above ___ on ${longDay(day)}?`,
      category: 'Crypto',
      feePpm: POLY_FEE_PPM.crypto,
      thresholds: polyK,
      question: (k) => `Will the price of ${c.name} be above $${withCommas(k)} on ${longDay(day)} at 5PM ET?`,
      slug: (k) => `${c.name.toLowerCase()}-above-${k}-on-${slugDay(day)}-${day.year}`,
      subtitle: (k) => withCommas(k),
      closeMs,
    },
  });
}

/**
 * "What price will Bitcoin hit in <year>?": Polymarket-only upside targets. Reaching a higher price implies
 * reaching every lower one, so the targets form a ladder on one venue.
 */
export function addBitcoinYearHigh(b: ScenarioBuilder, targets: readonly number[]): void {
  const rng = b.rng.fork('btc-year-high');
  const day = yearEndTradingDay(b.startTimeMs);
  const closeMs = etInstant({ year: day.year, month: 11, day: 31 }, END_OF_DAY);
  // A running maximum: the chance of touching K before year end is about twice the chance of ending above it.
  const sigma = 0.028 * Math.sqrt((closeMs - b.startTimeMs) / DAY_MS);
  const spot = Math.round(rng.normal(95_000, 4_000));
  const above = ladderProbabilities(spot, sigma, targets);
  const rungs = strictlyDecreasingRungs(
    above.thresholds,
    above.p.map((p) => 2 * p),
  );
  addLadder(b, {
    groupId: `btc-hit-${day.year}`,
    statement: (k) =>
      `Bitcoin trades at or above $${withCommas(k)} at some point before the end of ${day.year}`,
    rungs,
    openMs: Math.min(b.startTimeMs - DAY_MS, etInstant({ year: day.year, month: 0, day: 1 }, 0)),
    poly: {
      eventSlug: `what-price-will-bitcoin-hit-in-${day.year}`,
      eventTitle: `What price will Bitcoin hit in ${day.year}?`,
      category: 'Crypto',
      feePpm: POLY_FEE_PPM.crypto,
      thresholds: rungs.thresholds,
      question: (k) => `Will Bitcoin reach $${withCommas(k)} by December 31, ${day.year}?`,
      slug: (k) => `will-bitcoin-reach-${k / 1000}k-by-december-31-${day.year}`,
      subtitle: (k) => `↑ ${withCommas(k)}`,
      closeMs,
    },
  });
}

/** CPI month-over-month: Kalshi `KXCPI-26NOV-T0.3` from 0.0 % to 0.5 %, Polymarket 0.1 %–0.3 %. */
export function addCpi(b: ScenarioBuilder, opts: { onPolymarket: boolean }): void {
  const rng = b.rng.fork('cpi');
  const { release, reference } = nextCpiRelease(b.startTimeMs);
  const closeMs = etInstant(release, 8.5);
  const refName = `${monthName(reference.month)} ${reference.year}`;
  const mom = normalLadderProbabilities(rng.normal(0.24, 0.04), 0.11, [0, 0.1, 0.2, 0.3, 0.4, 0.5]);
  addLadder(b, {
    groupId: `cpi-mom-${kalshiMonth(reference).toLowerCase()}`,
    statement: (k) => `US CPI rises more than ${k.toFixed(1)}% month over month in ${refName}`,
    rungs: mom,
    openMs: Math.min(b.startTimeMs - DAY_MS, closeMs - 40 * DAY_MS),
    kalshi: {
      series: { ticker: 'KXCPI', category: 'Economics' },
      eventTicker: `KXCPI-${kalshiMonth(reference)}`,
      eventTitle: `CPI in ${refName}?`,
      eventSubtitle: `Released ${longDate(release)}`,
      thresholds: [0, 0.1, 0.2, 0.3, 0.4, 0.5],
      suffix: (k) => `T${k.toFixed(1)}`,
      title: (k) => `Will CPI rise more than ${k.toFixed(1)}% in ${refName}?`,
      subtitle: (k) => `Above ${k.toFixed(1)}%`,
      closeMs,
    },
    ...(opts.onPolymarket
      ? {
          poly: {
            eventSlug: `${monthName(reference.month).toLowerCase()}-${reference.year}-cpi-mom`,
            eventTitle: `${refName} CPI (MoM) above ___?`,
            category: 'Economy',
            feePpm: POLY_FEE_PPM.economy,
            thresholds: [0.1, 0.2, 0.3],
            question: (k: number) => `Will ${refName} CPI (MoM) come in above ${k.toFixed(1)}%?`,
            slug: (k: number) =>
              `will-${monthName(reference.month).toLowerCase()}-${reference.year}-cpi-mom-be-above-${k.toFixed(1).replace('.', 'pt')}`,
            subtitle: (k: number) => `>${k.toFixed(1)}%`,
            closeMs,
          },
        }
      : {}),
  });

  const yoy = normalLadderProbabilities(rng.normal(2.8, 0.05), 0.12, [2.5, 2.6, 2.7, 2.8, 2.9, 3.0, 3.1]);
  addLadder(b, {
    groupId: `cpi-yoy-${kalshiMonth(reference).toLowerCase()}`,
    statement: (k) => `US CPI inflation is above ${k.toFixed(1)}% year over year in ${refName}`,
    rungs: yoy,
    openMs: Math.min(b.startTimeMs - DAY_MS, closeMs - 40 * DAY_MS),
    kalshi: {
      series: { ticker: 'KXCPIYOY', category: 'Economics' },
      eventTicker: `KXCPIYOY-${kalshiMonth(reference)}`,
      eventTitle: `Inflation in ${refName}?`,
      thresholds: yoy.thresholds,
      suffix: (k) => `T${k.toFixed(1)}`,
      title: (k) => `Will inflation be above ${k.toFixed(1)}% in ${refName}?`,
      subtitle: (k) => `Above ${k.toFixed(1)}%`,
      closeMs,
    },
  });
}

/** Unemployment rate (Kalshi `KXU3`), released with the jobs report on the first Friday. */
export function addUnemployment(b: ScenarioBuilder): void {
  const rng = b.rng.fork('u3');
  const { release, reference } = nextJobsReport(b.startTimeMs);
  const closeMs = etInstant(release, 8.5);
  const refName = `${monthName(reference.month)} ${reference.year}`;
  const rungs = normalLadderProbabilities(rng.normal(4.45, 0.03), 0.1, [4.2, 4.3, 4.4, 4.5, 4.6, 4.7]);
  addLadder(b, {
    groupId: `u3-${kalshiMonth(reference).toLowerCase()}`,
    statement: (k) => `The US unemployment rate for ${refName} is above ${k.toFixed(1)}%`,
    rungs,
    openMs: Math.min(b.startTimeMs - DAY_MS, closeMs - 35 * DAY_MS),
    kalshi: {
      series: { ticker: 'KXU3', category: 'Economics' },
      eventTicker: `KXU3-${kalshiMonth(reference)}`,
      eventTitle: `Unemployment in ${refName}?`,
      thresholds: rungs.thresholds,
      suffix: (k) => `T${k.toFixed(1)}`,
      title: (k) => `Will the unemployment rate be above ${k.toFixed(1)}% in ${refName}?`,
      subtitle: (k) => `Above ${k.toFixed(1)}%`,
      closeMs,
    },
  });
}
