/**
 * The independent yes/no questions of the default universe, as each venue phrases them. Dated from the
 * scenario's year so a different start time still asks about the right year. The lists live by theme in
 * `questions-world.ts` and `questions-business-culture.ts`; `binaries.ts` lists the markets.
 */
import type { BinarySpec, QuestionYears } from './question-types.ts';
import { businessAndCultureQuestions } from './questions-business-culture.ts';
import { worldQuestions } from './questions-world.ts';

export type { BinarySpec } from './question-types.ts';

/** The question list, dated from the scenario's year `y`. The order is fixed: the scenario draws follow it. */
export function binarySpecs(y: number): BinarySpec[] {
  const n = y + 1;
  const years: QuestionYears = {
    y,
    n,
    yy: String(y % 100).padStart(2, '0'),
    nn: String(n % 100).padStart(2, '0'),
    dec31: { year: y, month: 11, day: 31 },
    endNext: { year: n, month: 11, day: 31 },
  };
  return [...worldQuestions(years), ...businessAndCultureQuestions(years)];
}
