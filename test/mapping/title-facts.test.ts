import { describe, expect, it } from 'vitest';
import { titleFacts } from '../../src/mapping/title-facts.ts';

const thresholds = (t: string) =>
  titleFacts(t).thresholds.map(({ dir, strict, value }) => ({ dir, strict, value }));
const dates = (t: string) => titleFacts(t).dates.map(({ year, month, day }) => ({ year, month, day }));

describe('titleFacts', () => {
  it.each([
    [
      'Will Tesla deliver more than 450,000 vehicles in Q4 2026?',
      [{ dir: 'up', strict: true, value: 450_000 }],
    ],
    ['Will US national debt exceed $40T by December 31, 2026?', [{ dir: 'up', strict: true, value: 40e12 }]],
    ['Will Avengers gross over $250M?', [{ dir: 'up', strict: true, value: 250e6 }]],
    ['Will NYC get 1+ inch of snow?', [{ dir: 'up', strict: false, value: 1 }]],
    ['Will the Fed hike by 25bps or more?', [{ dir: 'up', strict: false, value: 25 }]],
    ['Will the high be 47°F or below?', [{ dir: 'down', strict: false, value: 47 }]],
    ['Will the S&P close at or above 6,500?', [{ dir: 'up', strict: false, value: 6500 }]],
    ['Will the mortgage rate fall below 6% by Dec 31, 2026?', [{ dir: 'down', strict: true, value: 6 }]],
    ['Will gold be above $2000 at 5pm ET on Nov 27?', [{ dir: 'up', strict: true, value: 2000 }]],
    ['Will the Fed cut rates by 25bps in December 2026?', []],
  ])('%s', (title, expected) => {
    expect(thresholds(title)).toEqual(expected);
  });

  it('reads dates at day, month and year precision, "before" meaning the period before', () => {
    expect(dates('Will it snow in NYC on Christmas Day 2026?')).toEqual([
      { year: 2026, month: undefined, day: undefined },
    ]);
    expect(dates('Will the bill pass before Jan 1, 2027?')).toEqual([{ year: 2026, month: 12, day: 31 }]);
    expect(dates('Will Swift announce an album before 2027?')).toEqual([
      { year: 2026, month: undefined, day: undefined },
    ]);
    expect(dates('CPI in November 2026 above 0.1%?')).toEqual([{ year: 2026, month: 11, day: undefined }]);
    expect(dates('Will Aston Villa FC win on 2026-11-28?')).toEqual([{ year: 2026, month: 11, day: 28 }]);
    expect(dates('Will the price be above $3,000 on November 27 at 5PM ET?')).toEqual([
      { year: undefined, month: 11, day: 27 },
    ]);
  });

  it('counts negation words and keeps the content words in order', () => {
    expect(titleFacts('Will the Philadelphia Eagles miss the NFL Playoffs?')).toMatchObject({
      negations: 1,
      words: ['philadelphia', 'eagles', 'nfl', 'playoffs'],
    });
    expect(titleFacts('Won’t the Lakers win?')).toMatchObject({ negations: 1, words: ['lakers'] });
  });
});
