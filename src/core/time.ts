/**
 * Instants as text: epoch milliseconds (what `Clock.now()` returns) to ISO-8601 UTC, the form both venues use in
 * their payloads and the one logs, notes and mapping files carry. One place, so every part of the system writes
 * the same form, and an instant that is not a number is a clear error instead of `Invalid time value` from deep
 * inside `Date`.
 */

function utcDate(ms: number): Date {
  // Beyond ±8.64e15 ms Date cannot represent the instant either; that is no time anyone means.
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) throw new RangeError(`not an instant: ${ms} ms`);
  return new Date(ms);
}

/** `2026-11-28T00:30:00.000Z` */
export function isoInstant(ms: number): string {
  return utcDate(ms).toISOString();
}

/** The UTC calendar day: `2026-11-28`. */
export function isoDate(ms: number): string {
  return isoInstant(ms).slice(0, 10);
}

/** The UTC time of day to the second: `00:30:00`. */
export function isoTimeOfDay(ms: number): string {
  return isoInstant(ms).slice(11, 19);
}
