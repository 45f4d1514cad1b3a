/**
 * Facts read from a market's title (or its "what YES means" line): thresholds ("above $4,000", "47°F or
 * below", "1+ inch"), ranges ("between 48-49°F"), dates ("by Jan 20", "in December 2026", "before 2027") and
 * negation words ("lose", "miss", "avoid", "not"). Venues word the same question differently, so this reads
 * only what it can read with confidence and returns nothing for the rest: a fact it cannot find is never a
 * mismatch (title-compare.ts decides what a difference means).
 *
 * Numbers keep their precision (`unit`, the place value of the last digit written), because venues state the
 * same boundary at different precisions: Kalshi's "above 6499.99" is Polymarket's "at or above 6,500".
 */

export type Direction = 'up' | 'down';

export interface Threshold {
  readonly dir: Direction;
  /** "above 25" is strict, "25 or more" / "at least 25" / "25+" are not. */
  readonly strict: boolean;
  readonly value: number;
  /** Place value of the last digit written ($2,999.99 → 0.01; 4,000 → 1; $40T → 1e12). */
  readonly unit: number;
  /** As written, for messages. */
  readonly text: string;
}

export interface Range {
  readonly lo: number;
  readonly hi: number;
  readonly unit: number;
  readonly text: string;
}

/** A date at day, month or year precision; `year` may be missing ("on November 26"). */
export interface DateFact {
  readonly year?: number;
  readonly month?: number;
  readonly day?: number;
  readonly text: string;
}

export interface TitleFacts {
  readonly thresholds: readonly Threshold[];
  readonly ranges: readonly Range[];
  readonly dates: readonly DateFact[];
  /** Negation words (lose, miss, avoid, not, …), counted: an odd count flips what YES means. */
  readonly negations: number;
  /** Content words in order, without polarity words, stop words, month names and comparators. */
  readonly words: readonly string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DATE_WORD = '(?:\\b(before|by|through|thru|until|on|in|of|for|after)\\s+(?:the\\s+end\\s+of\\s+)?)?';
const NUM = '(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?';
const MULT = '(?:\\s*(thousand|million|billion|trillion|k|m|b|t)\\b)?';
const UP_BEFORE =
  'at or above|at or over|greater than or equal to|more than|greater than|higher than|at least|above|over|exceeds?|exceeding|>=|≥|>';
const DOWN_BEFORE =
  'at or below|at or under|less than or equal to|less than|lower than|fewer than|at most|below|under|<=|≤|<';
/** The comparators above that include their boundary. */
const INCLUSIVE = /^(at or|at least|at most|greater than or|less than or|>=|≥|<=|≤)/;
const UP_AFTER = 'or more|or above|or higher|or greater';
const DOWN_AFTER = 'or less|or below|or lower|or fewer';
const UNIT_WORD = '(?:\\s*(?:%|°f?|°c?|bps|bp|[a-z]+))?';

const NEGATIONS = new Set([
  'not',
  'never',
  'lose',
  'loses',
  'losing',
  'miss',
  'misses',
  'missing',
  'avoid',
  'avoids',
  'avoiding',
  'fail',
  'fails',
  'without',
]);
const POSITIVES = new Set(['win', 'wins', 'winning', 'make', 'makes', 'beat', 'beats', 'reach', 'reaches']);
const STOP = new Set(
  (
    'will the a an be is are of in on by to at for and or vs x it its as with from this that than ' +
    'before through until after end above below over under more less least most at higher lower greater ' +
    'exceed exceeds exceeding fewer'
  ).split(' '),
);
const MONTH_WORDS = new Set(
  MONTHS.flatMap((m) => [m]).concat([
    'january',
    'february',
    'march',
    'april',
    'june',
    'july',
    'august',
    'sept',
    'september',
    'october',
    'november',
    'december',
  ]),
);

const MULTIPLIERS: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  billion: 1e9,
  b: 1e9,
  trillion: 1e12,
  t: 1e12,
};

function number(
  int: string,
  frac: string | undefined,
  mult: string | undefined,
): { value: number; unit: number } {
  const m = mult === undefined ? 1 : (MULTIPLIERS[mult] ?? 1);
  const decimals = frac?.length ?? 0;
  return { value: Number(`${int.replace(/,/g, '')}.${frac ?? '0'}`) * m, unit: 10 ** -decimals * m };
}

const monthOf = (name: string): number => MONTHS.indexOf(name.slice(0, 3)) + 1;

/** "before D" means "by the day (month, year) before D". */
function before(d: { year?: number; month?: number; day?: number }): {
  year?: number;
  month?: number;
  day?: number;
} {
  if (d.day !== undefined && d.month !== undefined) {
    const t = new Date(Date.UTC(d.year ?? 2001, d.month - 1, d.day - 1));
    return {
      ...(d.year !== undefined && { year: t.getUTCFullYear() }),
      month: t.getUTCMonth() + 1,
      day: t.getUTCDate(),
    };
  }
  if (d.month !== undefined && d.year !== undefined)
    return d.month === 1 ? { year: d.year - 1, month: 12 } : { year: d.year, month: d.month - 1 };
  return d.year !== undefined && d.month === undefined ? { year: d.year - 1 } : d;
}

/** Compiled once: `String.replace` resets a global pattern's position on every call. */
const ISO_DATE = new RegExp(`${DATE_WORD}\\b(\\d{4})-(\\d{2})-(\\d{2})\\b`, 'g');
const MONTH_DAY = new RegExp(
  `${DATE_WORD}\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?`,
  'g',
);
const MONTH_YEAR = new RegExp(`${DATE_WORD}\\b${MONTH}\\s+(\\d{4})\\b`, 'g');
const BARE_YEAR = new RegExp(`${DATE_WORD}(?<![$\\d,.])\\b((?:19|20)\\d{2})\\b(?![,.]\\d)`, 'g');
const BETWEEN = new RegExp(`\\bbetween\\s+\\$?${NUM}${UNIT_WORD}\\s*(?:-|and|to)\\s*\\$?${NUM}`, 'g');
const DEGREE_RANGE = new RegExp(`\\$?${NUM}\\s*°?f?\\s*(?:-|to)\\s*${NUM}\\s*°`, 'g');
const UP_PREFIX = new RegExp(`(?<![a-z])(${UP_BEFORE})\\s*\\$?\\s*${NUM}${MULT}`, 'g');
const DOWN_PREFIX = new RegExp(`(?<![a-z])(${DOWN_BEFORE})\\s*\\$?\\s*${NUM}${MULT}`, 'g');
const PLUS = new RegExp(`\\$?${NUM}${MULT}\\s*\\+`, 'g');
const UP_SUFFIX = new RegExp(`\\$?${NUM}${MULT}${UNIT_WORD}\\s+(?:${UP_AFTER})\\b`, 'g');
const DOWN_SUFFIX = new RegExp(`\\$?${NUM}${MULT}${UNIT_WORD}\\s+(?:${DOWN_AFTER})\\b`, 'g');

export function titleFacts(title: string): TitleFacts {
  // One spelling for dashes and spaces; matched pieces are blanked so nothing is read twice.
  let s = ` ${title.toLowerCase().replace(/[–—]/g, '-').replace(/[’‘]/g, "'").replace(/\s+/g, ' ')} `;
  const blank = (re: RegExp, f: (m: RegExpExecArray) => void): void => {
    s = s.replace(re, (...args: unknown[]) => {
      const match = args.slice(0, -2) as string[];
      const exec = Object.assign([...match], { index: 0, input: s }) as unknown as RegExpExecArray;
      f(exec);
      return ' '.repeat(match[0]!.length);
    });
  };
  const dates: DateFact[] = [];
  const addDate = (
    word: string | undefined,
    d: { year?: number; month?: number; day?: number },
    text: string,
  ): void => void dates.push({ ...(word === 'before' ? before(d) : d), text: text.trim() });

  blank(ISO_DATE, (m) => addDate(m[1], { year: Number(m[2]), month: Number(m[3]), day: Number(m[4]) }, m[0]));
  blank(MONTH_DAY, (m) =>
    addDate(m[1], { month: monthOf(m[2]!), day: Number(m[3]), ...(m[4] && { year: Number(m[4]) }) }, m[0]),
  );
  blank(MONTH_YEAR, (m) => addDate(m[1], { month: monthOf(m[2]!), year: Number(m[3]) }, m[0]));
  blank(BARE_YEAR, (m) => addDate(m[1], { year: Number(m[2]) }, m[0]));
  // Times of day are not thresholds.
  blank(/\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b/g, () => undefined);

  const ranges: Range[] = [];
  const addRange = (m: RegExpExecArray, i: number): void => {
    const lo = number(m[i]!, m[i + 1], undefined);
    const hi = number(m[i + 2]!, m[i + 3], undefined);
    ranges.push({ lo: lo.value, hi: hi.value, unit: Math.min(lo.unit, hi.unit), text: m[0].trim() });
  };
  blank(BETWEEN, (m) => addRange(m, 1));
  blank(DEGREE_RANGE, (m) => addRange(m, 1));

  const thresholds: Threshold[] = [];
  const add = (dir: Direction, strict: boolean, m: RegExpExecArray, i: number): void =>
    void thresholds.push({ dir, strict, ...number(m[i]!, m[i + 1], m[i + 2]), text: m[0].trim() });
  const prefixed = (dir: Direction) => (m: RegExpExecArray) => add(dir, !INCLUSIVE.test(m[1]!), m, 2);
  blank(UP_PREFIX, prefixed('up'));
  blank(DOWN_PREFIX, prefixed('down'));
  // "25+", "1 inch or more", "47°F or below": the boundary is included.
  blank(PLUS, (m) => add('up', false, m, 1));
  blank(UP_SUFFIX, (m) => add('up', false, m, 1));
  blank(DOWN_SUFFIX, (m) => add('down', false, m, 1));

  let negations = 0;
  const words: string[] = [];
  for (const w of s.match(/[a-z]+(?:'t)?/g) ?? []) {
    if (NEGATIONS.has(w) || w.endsWith("n't")) negations++;
    else if (!POSITIVES.has(w) && !STOP.has(w) && !MONTH_WORDS.has(w) && w.length > 1) words.push(w);
  }
  return { thresholds, ranges, dates, negations, words };
}
