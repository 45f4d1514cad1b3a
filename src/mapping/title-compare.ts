/**
 * What two titles' facts (title-facts.ts) say about a relation between their markets. Each finding is a
 * contradiction the titles show on their own: different thresholds or dates for an equivalence, a polarity
 * that disagrees with the titles' directions ("above" vs "under" declared `same`; "win" vs "lose" declared
 * `same`), an implication whose thresholds point the wrong way. Where the titles say nothing comparable, there
 * is no finding: titles are worded freely, so silence is never agreement (the evidence checks require more).
 *
 * Two numbers are the same boundary when they differ by at most the finer precision either is written at:
 * "above $2,999.99" and "above $3,000" (0.01 apart, one written to the cent) are one boundary, "above 4,000"
 * and "above 4,100" are not (refused). One exception needs review instead: a strict bound and an inclusive one
 * further out ("cut more than 25 bps" vs "cut 50+ bps") are the same only if no outcome lies between them,
 * which the titles cannot tell.
 */
import {
  titleFacts,
  type DateFact,
  type Direction,
  type Range,
  type Threshold,
  type TitleFacts,
} from './title-facts.ts';

export type TitleFindingCode =
  | 'threshold-mismatch'
  | 'threshold-wording'
  | 'date-mismatch'
  | 'polarity-mismatch'
  | 'implication-direction';

export interface TitleFinding {
  readonly code: TitleFindingCode;
  readonly verdict: 'review' | 'refused';
  readonly message: string;
}

/** A labelled text: `kalshi KX… title "…"`, for messages. */
export interface Titled {
  readonly label: string;
  readonly text: string;
}

const near = (x: number, y: number, unit: number): boolean => Math.abs(x - y) <= unit * (1 + 1e-9);
const sameBoundary = (a: Threshold | Range, b: Threshold | Range, x: number, y: number): boolean =>
  near(x, y, Math.min(a.unit, b.unit));
const flip = (d: Direction): Direction => (d === 'up' ? 'down' : 'up');
/** The direction YES pays on, with an odd number of negation words flipping it. */
const effective = (t: Threshold, f: TitleFacts): Direction => (f.negations % 2 === 1 ? flip(t.dir) : t.dir);
const quote = (t: Titled): string => `${t.label} "${t.text}"`;

/** Dates compared at the coarser precision of the two; a missing year matches any year. */
function compatible(a: DateFact, b: DateFact): boolean {
  if (a.year !== undefined && b.year !== undefined && a.year !== b.year) return false;
  if (a.month === undefined || b.month === undefined) return true;
  if (a.month !== b.month) return false;
  return a.day === undefined || b.day === undefined || a.day === b.day;
}

/** Every threshold of `xs` has one of `ys` at the same boundary. */
const covered = (xs: readonly Threshold[], ys: readonly Threshold[]): boolean =>
  xs.every((x) => ys.some((y) => sameBoundary(x, y, x.value, y.value)));

/** A strict bound and an inclusive one further out in the same direction: maybe equal on a discrete scale. */
function wordingOnly(x: Threshold, fx: TitleFacts, y: Threshold, fy: TitleFacts): boolean {
  if (x.dir !== y.dir || x.strict === y.strict || fx.negations % 2 !== fy.negations % 2) return false;
  const [strict, inclusive] = x.strict ? [x, y] : [y, x];
  return x.dir === 'up' ? inclusive.value > strict.value : inclusive.value < strict.value;
}

const pairedBy = (
  xs: readonly Threshold[],
  fx: TitleFacts,
  ys: readonly Threshold[],
  fy: TitleFacts,
): boolean =>
  xs.every((x) => ys.some((y) => sameBoundary(x, y, x.value, y.value) || wordingOnly(x, fx, y, fy)));

function thresholdFindings(
  a: Titled,
  fa: TitleFacts,
  b: Titled,
  fb: TitleFacts,
  polarity: 'same' | 'inverted',
): { findings: TitleFinding[]; decided: boolean } {
  const findings: TitleFinding[] = [];
  if (fa.ranges.length > 0 && fb.ranges.length > 0) {
    const match = fa.ranges.every((x) =>
      fb.ranges.some((y) => sameBoundary(x, y, x.lo, y.lo) && sameBoundary(x, y, x.hi, y.hi)),
    );
    if (!match)
      findings.push({
        code: 'threshold-mismatch',
        verdict: 'refused',
        message: `the titles name different ranges: ${fa.ranges.map((r) => r.text).join(', ')} in ${quote(a)}, ${fb.ranges.map((r) => r.text).join(', ')} in ${quote(b)}`,
      });
  }
  if (fa.thresholds.length === 0 || fb.thresholds.length === 0) return { findings, decided: false };
  const names = `${fa.thresholds.map((t) => t.text).join(', ')} in ${quote(a)}, ${fb.thresholds.map((t) => t.text).join(', ')} in ${quote(b)}`;
  if (!covered(fa.thresholds, fb.thresholds) || !covered(fb.thresholds, fa.thresholds)) {
    const wording =
      pairedBy(fa.thresholds, fa, fb.thresholds, fb) && pairedBy(fb.thresholds, fb, fa.thresholds, fa);
    findings.push(
      wording
        ? {
            code: 'threshold-wording',
            verdict: 'review',
            message: `the titles bound the outcome differently (${names}): the same only if no outcome lies between them`,
          }
        : {
            code: 'threshold-mismatch',
            verdict: 'refused',
            message: `the titles name different thresholds: ${names}`,
          },
    );
    return { findings, decided: true };
  }
  // Same boundaries: their directions say which polarity the relation must have.
  const agree = fa.thresholds.map((x) => {
    const y = fb.thresholds.find((t) => sameBoundary(x, t, x.value, t.value))!;
    return effective(x, fa) === effective(y, fb);
  });
  const expected = agree.every(Boolean) ? 'same' : agree.every((s) => !s) ? 'inverted' : undefined;
  if (expected !== undefined && expected !== polarity)
    findings.push({
      code: 'polarity-mismatch',
      verdict: 'refused',
      message:
        `declared ${polarity}, but ${quote(a)} and ${quote(b)} pay on ` +
        `${expected === 'same' ? 'the same side' : 'opposite sides'} of the threshold`,
    });
  return { findings, decided: expected !== undefined };
}

/**
 * "win" vs "lose" on otherwise alike titles. Only a difference counts (one title negated, the other not): two
 * markets on one game often share a title word for word, so alike titles do not prove `same`.
 */
function negationFinding(
  a: Titled,
  fa: TitleFacts,
  b: Titled,
  fb: TitleFacts,
  polarity: 'same' | 'inverted',
): TitleFinding[] {
  if (fa.negations % 2 === fb.negations % 2 || polarity === 'inverted') return [];
  const [wa, wb] = [new Set(fa.words), new Set(fb.words)];
  if (wa.size === 0 || fa.words[0] !== fb.words[0]) return []; // another subject: "A beats B" vs "B loses to A"
  const shared = [...wa].filter((w) => wb.has(w)).length;
  if (shared / new Set([...wa, ...wb]).size < 0.5) return [];
  return [
    {
      code: 'polarity-mismatch',
      verdict: 'refused',
      message: `declared same, but ${quote(fa.negations % 2 ? a : b)} is the negation of ${quote(fa.negations % 2 ? b : a)}`,
    },
  ];
}

/** Findings against `a ≡ b` (or `a ≡ NOT b` when inverted). */
export function compareEquivalentTitles(a: Titled, b: Titled, polarity: 'same' | 'inverted'): TitleFinding[] {
  const fa = titleFacts(a.text);
  const fb = titleFacts(b.text);
  const { findings, decided } = thresholdFindings(a, fa, b, fb, polarity);
  if (fa.dates.length > 0 && fb.dates.length > 0) {
    const ok =
      fa.dates.every((x) => fb.dates.some((y) => compatible(x, y))) &&
      fb.dates.every((y) => fa.dates.some((x) => compatible(x, y)));
    if (!ok)
      findings.push({
        code: 'date-mismatch',
        verdict: 'refused',
        message: `the titles name different dates: ${fa.dates.map((d) => d.text).join(', ')} in ${quote(a)}, ${fb.dates.map((d) => d.text).join(', ')} in ${quote(b)}`,
      });
  }
  if (!decided) findings.push(...negationFinding(a, fa, b, fb, polarity));
  return findings;
}

/** Findings against `a ⇒ b`: with one threshold each, in the same direction, a's must be the stricter. */
export function compareImplicationTitles(a: Titled, b: Titled): TitleFinding[] {
  const fa = titleFacts(a.text);
  const fb = titleFacts(b.text);
  const [x] = fa.thresholds;
  const [y] = fb.thresholds;
  if (fa.thresholds.length !== 1 || fb.thresholds.length !== 1 || !x || !y) return [];
  const dir = effective(x, fa);
  if (dir !== effective(y, fb) || sameBoundary(x, y, x.value, y.value)) return [];
  const stricter = dir === 'up' ? x.value > y.value : x.value < y.value;
  if (stricter) return [];
  return [
    {
      code: 'implication-direction',
      verdict: 'refused',
      message: `${quote(a)} does not imply ${quote(b)}: ${x.text} is the weaker condition, so the implication points the wrong way`,
    },
  ];
}
