/**
 * Crowded fields (nominations, awards, "largest company"): one winner among many. Kalshi lists candidates in a
 * `mutually_exclusive` event: all of them (exhaustive) or only the front-runners (exclusive, not exhaustive).
 * Polymarket lists them in a negRisk event; an *augmented* one names all but the last entry and carries a
 * placeholder "Other" market for it. The outcome set is exclusive, but because "Other" can later be split into
 * newly named candidates a bot must not treat that event as exhaustive. In our world the placeholder pays
 * exactly when the last entry wins, which keeps the truth consistent while the mapping treats the event as
 * at-most-one.
 */
import type { KalshiPriceStructure } from '../../core/market.ts';
import { POLY_FEE_PPM, type PolyTick, type ScenarioBuilder } from './builder.ts';
import { DAY_MS, type EtDate, etInstant } from './calendar.ts';
import { kalshiCode, slugify } from './ids.ts';
import { exclusiveShares, fieldWeights } from './probability.ts';

export interface FieldSpec {
  readonly id: string;
  /** Candidates, favourite first. */
  readonly candidates: readonly string[];
  /** What winning means, for statements ("wins the 2028 Democratic presidential nomination"). */
  readonly winning: string;
  readonly closeDate: EtDate;
  readonly openDaysBefore: number;
  readonly kalshi?: {
    /** List only the first `listed` candidates (default: all, which makes the event exhaustive). */
    readonly listed?: number;
    readonly series: string;
    readonly eventTicker: string;
    readonly category: string;
    readonly structure: KalshiPriceStructure;
    readonly eventTitle: string;
    readonly marketTitle: (name: string) => string;
  };
  readonly poly?: {
    readonly slug: string;
    readonly title: string;
    readonly category: string;
    readonly feePpm: number;
    readonly tick: PolyTick;
    readonly question: (name: string) => string;
    /** Augmented negRisk: the last entry is listed as this placeholder "Other" question. */
    readonly otherQuestion?: string;
  };
}

/** Kalshi candidate code: first initial + first three letters of the surname (`GNEW` for Gavin Newsom). */
function candidateCode(name: string): string {
  const parts = name
    .replace(/\b(Jr|Sr)\.?$/, '')
    .trim()
    .split(/\s+/);
  if (parts.length === 1) return kalshiCode(name.slice(0, 4)); // companies: NVID, APPL
  const first = parts[0] ?? name;
  const last = parts[parts.length - 1] ?? name;
  return kalshiCode(`${first.slice(0, 1)}${last.slice(0, 3)}`);
}

export function addCrowdedField(b: ScenarioBuilder, f: FieldSpec): void {
  const closeMs = etInstant(f.closeDate, 12);
  if (closeMs <= b.startTimeMs + DAY_MS) return; // decided already at this start time
  const rng = b.rng.fork(`field:${f.id}`);
  const shares = exclusiveShares(fieldWeights(rng, f.candidates.length));
  const props = b.exclusive(
    `${f.id}:winner`,
    f.candidates.map((name, i) => ({
      id: `${f.id}:${slugify(name)}`,
      statement: `${name} ${f.winning}`,
      p0: shares[i]!,
    })),
  );
  const openMs = Math.min(b.startTimeMs - DAY_MS, closeMs - f.openDaysBefore * DAY_MS);

  if (f.kalshi) {
    const k = f.kalshi;
    const ke = b.kalshiEvent({
      series: { ticker: k.series, category: k.category, structure: k.structure },
      ticker: k.eventTicker,
      title: k.eventTitle,
      mutuallyExclusive: true,
    });
    const used = new Set<string>();
    f.candidates.slice(0, k.listed ?? f.candidates.length).forEach((name, i) => {
      let code = candidateCode(name);
      while (used.has(code)) code = `${code}${used.size % 10}`;
      used.add(code);
      ke.market({
        suffix: code,
        title: k.marketTitle(name),
        subtitle: name,
        prop: props[i]!,
        openTimeMs: openMs,
        closeTimeMs: closeMs,
      });
    });
  }

  if (!f.poly) return;
  const p = f.poly;
  const augmented = p.otherQuestion !== undefined;
  const pe = b.polyEvent({
    slug: p.slug,
    title: p.title,
    category: p.category,
    feePpm: p.feePpm,
    negRisk: true,
    ...(augmented ? { negRiskAugmented: true } : {}),
    tick: p.tick,
  });
  const named = augmented ? f.candidates.length - 1 : f.candidates.length;
  f.candidates.slice(0, named).forEach((name, i) =>
    pe.market({
      question: p.question(name),
      slug: slugify(p.question(name).replace(/\?$/, '')),
      subtitle: name,
      prop: props[i]!,
      openTimeMs: openMs,
      closeTimeMs: closeMs,
    }),
  );
  if (p.otherQuestion === undefined) return;
  pe.market({
    question: p.otherQuestion,
    slug: slugify(p.otherQuestion.replace(/\?$/, '')),
    subtitle: 'Other',
    prop: props[named]!,
    placeholder: true,
    openTimeMs: openMs,
    closeTimeMs: closeMs,
  });
}

/** The fields the default scenario lists, dated from the scenario's year. */
export function standardFields(year: number): FieldSpec[] {
  const election = year + ((4 - (year % 4)) % 4 || 4); // the next presidential election year after `year`
  const yy = String(election % 100).padStart(2, '0');
  const season = `${year}–${String((year + 1) % 100).padStart(2, '0')}`;
  return [
    {
      id: `dem-nominee-${election}`,
      candidates: [
        'Gavin Newsom',
        'Alexandria Ocasio-Cortez',
        'Josh Shapiro',
        'Pete Buttigieg',
        'Wes Moore',
        'Andy Beshear',
        'JB Pritzker',
        'Gretchen Whitmer',
        'Kamala Harris',
        'Jon Ossoff',
      ],
      winning: `wins the ${election} Democratic presidential nomination`,
      closeDate: { year: election, month: 7, day: 20 },
      openDaysBefore: 900,
      kalshi: {
        series: 'KXPRESNOMD',
        eventTicker: `KXPRESNOMD-${yy}`,
        category: 'Elections',
        structure: 'tapered_deci_cent',
        eventTitle: `Who will be the ${election} Democratic presidential nominee?`,
        marketTitle: (n) => `Will ${n} be the ${election} Democratic presidential nominee?`,
      },
      poly: {
        slug: `democratic-presidential-nominee-${election}`,
        title: `Democratic Presidential Nominee ${election}`,
        category: 'Politics',
        feePpm: POLY_FEE_PPM.politics,
        tick: 0.001,
        question: (n) => `Will ${n} win the ${election} Democratic presidential nomination?`,
        otherQuestion: `Will another person win the ${election} Democratic presidential nomination?`,
      },
    },
    {
      id: `gop-nominee-${election}`,
      candidates: [
        'JD Vance',
        'Marco Rubio',
        'Donald Trump Jr.',
        'Ron DeSantis',
        'Tucker Carlson',
        'Vivek Ramaswamy',
        'Glenn Youngkin',
        'Byron Donalds',
      ],
      winning: `wins the ${election} Republican presidential nomination`,
      closeDate: { year: election, month: 6, day: 20 },
      openDaysBefore: 900,
      kalshi: {
        series: 'KXPRESNOMR',
        eventTicker: `KXPRESNOMR-${yy}`,
        category: 'Elections',
        structure: 'linear_cent',
        eventTitle: `Who will be the ${election} Republican presidential nominee?`,
        marketTitle: (n) => `Will ${n} be the ${election} Republican presidential nominee?`,
      },
    },
    {
      id: `time-poy-${year}`,
      candidates: [
        'Donald Trump',
        'Pope Leo XIV',
        'Jensen Huang',
        'Elon Musk',
        'Sam Altman',
        'Zohran Mamdani',
        'Xi Jinping',
        'Volodymyr Zelenskyy',
        'Taylor Swift',
      ],
      winning: `is named TIME's ${year} Person of the Year`,
      closeDate: { year, month: 11, day: 7 },
      openDaysBefore: 200,
      kalshi: {
        // Kalshi lists only the front-runners here: its event is exclusive but not exhaustive.
        listed: 6,
        series: 'KXTIMEPOY',
        eventTicker: `KXTIMEPOY-${String(year % 100).padStart(2, '0')}`,
        category: 'Entertainment',
        structure: 'linear_cent',
        eventTitle: `TIME Person of the Year ${year}?`,
        marketTitle: (n) => `Will ${n} be named TIME's Person of the Year for ${year}?`,
      },
      poly: {
        slug: `time-${year}-person-of-the-year`,
        title: `Time ${year} Person of the Year`,
        category: 'Culture',
        feePpm: POLY_FEE_PPM.feeFree,
        tick: 0.001,
        question: (n) => `Will ${n} be named TIME's ${year} Person of the Year?`,
        otherQuestion: `Will someone else be named TIME's ${year} Person of the Year?`,
      },
    },
    {
      id: `nba-mvp-${year + 1}`,
      candidates: [
        'Shai Gilgeous-Alexander',
        'Nikola Jokić',
        'Luka Dončić',
        'Victor Wembanyama',
        'Giannis Antetokounmpo',
        'Anthony Edwards',
        'Cade Cunningham',
        'Jayson Tatum',
        'Donovan Mitchell',
        'Jalen Brunson',
      ],
      winning: `wins the ${season} NBA MVP award`,
      closeDate: { year: year + 1, month: 4, day: 20 },
      openDaysBefore: 300,
      poly: {
        slug: `nba-mvp-${year}-${year + 1}`,
        title: `NBA MVP ${season}`,
        category: 'Sports',
        feePpm: POLY_FEE_PPM.sportsFutures,
        tick: 0.01,
        question: (n) => `Will ${n} win the ${season} NBA MVP?`,
        otherQuestion: `Will another player win the ${season} NBA MVP?`,
      },
    },
    {
      id: `largest-company-${year}`,
      candidates: ['Nvidia', 'Apple', 'Microsoft', 'Alphabet', 'Amazon', 'Broadcom'],
      winning: `is the world's largest company by market cap at the close on December 31, ${year}`,
      closeDate: { year, month: 11, day: 31 },
      openDaysBefore: 330,
      kalshi: {
        listed: 3,
        series: 'KXLARGESTCO',
        eventTicker: `KXLARGESTCO-${String(year % 100).padStart(2, '0')}DEC31`,
        category: 'Companies',
        structure: 'linear_cent',
        eventTitle: `Largest company by market cap on Dec 31, ${year}?`,
        marketTitle: (n) => `Will ${n} be the largest company by market cap on Dec 31, ${year}?`,
      },
      poly: {
        slug: `largest-company-end-of-${year}`,
        title: `Largest company end of ${year}?`,
        category: 'Finance',
        feePpm: POLY_FEE_PPM.finance,
        tick: 0.01,
        question: (n) =>
          `Will ${n} be the largest company in the world by market cap on December 31, ${year}?`,
      },
    },
    {
      id: `super-bowl-${year + 1}`,
      candidates: [
        'Kansas City Chiefs',
        'Philadelphia Eagles',
        'Buffalo Bills',
        'Baltimore Ravens',
        'Detroit Lions',
        'Los Angeles Rams',
        'Green Bay Packers',
        'San Francisco 49ers',
        'Houston Texans',
        'Denver Broncos',
        'Washington Commanders',
        'Los Angeles Chargers',
        'Another team',
      ],
      winning: `wins the Super Bowl in February ${year + 1}`,
      closeDate: { year: year + 1, month: 1, day: 14 },
      openDaysBefore: 300,
      poly: {
        slug: `super-bowl-champion-${year + 1}`,
        title: `Super Bowl Champion ${year + 1}`,
        category: 'Sports',
        feePpm: POLY_FEE_PPM.sportsFutures,
        tick: 0.001,
        question: (n) => `Will the ${n} win Super Bowl ${year + 1}?`,
        otherQuestion: `Will another team win Super Bowl ${year + 1}?`,
      },
    },
  ];
}
