/**
 * FOMC rate decisions: four exclusive-exhaustive outcomes per meeting (hike, hold, cut 25, cut 50+). Kalshi lists
 * them as a `mutually_exclusive` KXFEDDECISION event (`-H25`, `-H0`, `-C25`, `-C26`), a maker-fee series;
 * Polymarket as a negRisk "Fed decision in December?" event, as in the real December 2025 market.
 */
import { POLY_FEE_PPM, type ScenarioBuilder } from './builder.ts';
import {
  DAY_MS,
  type EtDate,
  etInstant,
  kalshiMonth,
  longDate,
  monthName,
  nextFomcDecisions,
} from './calendar.ts';
import { exclusiveShares } from './probability.ts';

interface Outcome {
  readonly key: 'hike' | 'hold' | 'cut25' | 'cut50';
  readonly kalshiSuffix: string;
  readonly kalshiSubtitle: string;
  readonly kalshiTitle: (when: string) => string;
  readonly polySubtitle: string;
  readonly polyQuestion: (when: string) => string;
  readonly polySlug: (when: string) => string;
  readonly statement: (when: string) => string;
}

const OUTCOMES: readonly Outcome[] = [
  {
    key: 'hike',
    kalshiSuffix: 'H25',
    kalshiSubtitle: 'Hike 25bps+',
    kalshiTitle: (w) => `Will the Fed hike rates by 25bps or more in ${w}?`,
    polySubtitle: '25+ bps increase',
    polyQuestion: (w) => `Will the Fed increase interest rates by 25+ bps after the ${w} meeting?`,
    polySlug: (w) => `fed-increases-interest-rates-by-25-bps-after-${w}-meeting`,
    statement: (w) => `The FOMC raises the target range at its ${w} meeting`,
  },
  {
    key: 'hold',
    kalshiSuffix: 'H0',
    kalshiSubtitle: 'Hold',
    kalshiTitle: (w) => `Will the Fed hold rates in ${w}?`,
    polySubtitle: 'No change',
    polyQuestion: (w) => `Will there be no change in Fed interest rates after the ${w} meeting?`,
    polySlug: (w) => `no-change-in-fed-interest-rates-after-${w}-meeting`,
    statement: (w) => `The FOMC leaves the target range unchanged at its ${w} meeting`,
  },
  {
    key: 'cut25',
    kalshiSuffix: 'C25',
    kalshiSubtitle: 'Cut 25bps',
    kalshiTitle: (w) => `Will the Fed cut rates by 25bps in ${w}?`,
    polySubtitle: '25 bps decrease',
    polyQuestion: (w) => `Will the Fed decrease interest rates by 25 bps after the ${w} meeting?`,
    polySlug: (w) => `fed-decreases-interest-rates-by-25-bps-after-${w}-meeting`,
    statement: (w) => `The FOMC cuts the target range by exactly 25 bps at its ${w} meeting`,
  },
  {
    key: 'cut50',
    kalshiSuffix: 'C26',
    // Kalshi's real market says "Cut >25bps"; against "50+ bps" that is only equal if no cut lies between 25 and
    // 50 bps, which a mapping cannot prove from titles, so the simulated venue states its boundary plainly.
    kalshiSubtitle: 'Cut 50bps+',
    kalshiTitle: (w) => `Will the Fed cut rates by 50bps or more in ${w}?`,
    polySubtitle: '50+ bps decrease',
    polyQuestion: (w) => `Will the Fed decrease interest rates by 50+ bps after the ${w} meeting?`,
    polySlug: (w) => `fed-decreases-interest-rates-by-50-bps-after-${w}-meeting`,
    statement: (w) => `The FOMC cuts the target range by 50 bps or more at its ${w} meeting`,
  },
];

/** Market-implied odds now: the next meeting is mostly hold-or-cut; later ones are less certain. */
const MEETING_PROFILES: readonly (readonly [hike: number, hold: number, cut25: number, cut50: number])[] = [
  [0.02, 0.55, 0.38, 0.05],
  [0.04, 0.5, 0.38, 0.08],
  [0.05, 0.45, 0.4, 0.1],
];

export interface FedOptions {
  /** Upcoming meetings to list (each gets four markets per venue). */
  readonly meetings: number;
  /** How many of them Polymarket lists (the nearest first). */
  readonly polyMeetings: number;
}

export function addFedDecisions(b: ScenarioBuilder, opts: FedOptions): void {
  const rng = b.rng.fork('fed');
  nextFomcDecisions(b.startTimeMs, opts.meetings).forEach((day, i) => {
    const profile = MEETING_PROFILES[Math.min(i, MEETING_PROFILES.length - 1)]!;
    const shares = exclusiveShares(profile.map((w) => w * Math.exp(rng.normal(0, 0.3))));
    listMeeting(b, day, shares, i < opts.polyMeetings);
  });
}

function listMeeting(
  b: ScenarioBuilder,
  day: EtDate,
  shares: readonly number[],
  onPolymarket: boolean,
): void {
  const month = monthName(day.month);
  const when = `${month} ${day.year}`;
  const slugWhen = `${month.toLowerCase()}-${day.year}`;
  // The statement comes out at 2 PM ET; both venues stop trading then.
  const closeMs = etInstant(day, 14);
  const openMs = Math.min(b.startTimeMs - DAY_MS, closeMs - 180 * DAY_MS);
  const groupId = `fed-${slugWhen}`;
  const props = b.exclusive(
    `${groupId}:decision`,
    OUTCOMES.map((o, i) => ({ id: `${groupId}:${o.key}`, statement: o.statement(when), p0: shares[i]! })),
  );

  const code = kalshiMonth(day);
  const ke = b.kalshiEvent({
    series: { ticker: 'KXFEDDECISION', category: 'Economics', makerFees: true },
    ticker: `KXFEDDECISION-${code}`,
    title: `Fed decision in ${month.slice(0, 3)} ${day.year}?`,
    subtitle: `Statement on ${longDate(day)}`,
    mutuallyExclusive: true,
  });
  OUTCOMES.forEach((o, i) =>
    ke.market({
      suffix: o.kalshiSuffix,
      title: o.kalshiTitle(when),
      subtitle: o.kalshiSubtitle,
      prop: props[i]!,
      openTimeMs: openMs,
      closeTimeMs: closeMs,
    }),
  );

  if (!onPolymarket) return;
  const pe = b.polyEvent({
    slug: `fed-decision-in-${slugWhen}`,
    title: `Fed decision in ${when}?`,
    category: 'Finance',
    feePpm: POLY_FEE_PPM.finance,
    negRisk: true,
  });
  OUTCOMES.forEach((o, i) =>
    pe.market({
      question: o.polyQuestion(when),
      slug: o.polySlug(slugWhen),
      subtitle: o.polySubtitle,
      prop: props[i]!,
      openTimeMs: openMs,
      closeTimeMs: closeMs,
    }),
  );
}
