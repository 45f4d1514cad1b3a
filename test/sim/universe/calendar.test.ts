import { describe, expect, it } from 'vitest';
import { etDateOf, etInstant } from '../../../src/sim/universe/calendar.ts';

const utc = (y: number, mo: number, d: number, h: number, mi = 0): number => Date.UTC(y, mo, d, h, mi);

describe('Eastern time from the time zone database', () => {
  it('switches offsets at 2 AM local on the days the clocks change (8 Mar and 1 Nov 2026)', () => {
    const spring = { year: 2026, month: 2, day: 8 };
    expect(etInstant(spring, 1.5)).toBe(utc(2026, 2, 8, 6, 30)); // 1:30 AM EST
    expect(etInstant(spring, 2.5)).toBe(utc(2026, 2, 8, 7, 30)); // skipped: read as 3:30 AM EDT
    expect(etInstant(spring, 3.5)).toBe(utc(2026, 2, 8, 7, 30)); // 3:30 AM EDT
    const autumn = { year: 2026, month: 10, day: 1 };
    expect(etInstant(autumn, 0.5)).toBe(utc(2026, 10, 1, 4, 30)); // 12:30 AM EDT
    expect(etInstant(autumn, 1.5)).toBe(utc(2026, 10, 1, 5, 30)); // repeated hour: the first (EDT)
    expect(etInstant(autumn, 2.5)).toBe(utc(2026, 10, 1, 7, 30)); // 2:30 AM EST
  });

  it('dates an instant by the New York calendar, winter and summer', () => {
    // 7:30 PM ET tip-off on Nov 28 is Nov 29 in UTC.
    expect(etDateOf(utc(2026, 10, 29, 0, 30))).toEqual({ year: 2026, month: 10, day: 28 });
    expect(etDateOf(utc(2026, 10, 29, 4, 59))).toEqual({ year: 2026, month: 10, day: 28 }); // 11:59 PM EST
    expect(etDateOf(utc(2026, 10, 29, 5, 0))).toEqual({ year: 2026, month: 10, day: 29 });
    expect(etDateOf(utc(2026, 6, 1, 3, 59))).toEqual({ year: 2026, month: 5, day: 30 }); // 11:59 PM EDT
    expect(etDateOf(utc(2026, 6, 1, 4, 0))).toEqual({ year: 2026, month: 6, day: 1 });
  });

  it('uses the rules in force in each year: before 2007 summer time began on the first Sunday of April', () => {
    // Hand-written "second Sunday of March" rules put 20 Mar 2006 on EDT (16:00 UTC); it was EST.
    expect(etInstant({ year: 2006, month: 2, day: 20 }, 12)).toBe(utc(2006, 2, 20, 17));
    expect(etInstant({ year: 2006, month: 3, day: 3 }, 12)).toBe(utc(2006, 3, 3, 16));
  });
});
