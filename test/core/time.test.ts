import { describe, expect, it } from 'vitest';
import { isoDate, isoInstant, isoTimeOfDay } from '../../src/core/time.ts';

describe('ISO time text', () => {
  const ms = Date.UTC(2026, 10, 29, 0, 30, 5, 7); // 7:30 PM ET on Nov 28 is already Nov 29 in UTC

  it('writes instants, days and times of day in UTC', () => {
    expect(isoInstant(ms)).toBe('2026-11-29T00:30:05.007Z');
    expect(isoDate(ms)).toBe('2026-11-29');
    expect(isoTimeOfDay(ms)).toBe('00:30:05');
    expect(isoInstant(0)).toBe('1970-01-01T00:00:00.000Z');
  });

  it('says which value is not an instant instead of "Invalid time value"', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1])
      expect(() => isoInstant(bad)).toThrow(`not an instant: ${bad} ms`);
    expect(() => isoDate(Number.NaN)).toThrow(RangeError);
  });
});
