/**
 * Calendar arithmetic for the scenario generator, in US Eastern time: both venues date sports, economic
 * releases and crypto strikes by the New York calendar (Kalshi's `26NOV28`, Polymarket's `2026-11-28`), so a
 * 7:30 PM ET tip-off on Nov 28 is `…26NOV28…` even though it is already Nov 29 in UTC.
 *
 * Pure functions of their arguments: nothing here reads the clock. When daylight saving starts and ends is not
 * written here: `@date-fns/tz` reads it from the IANA time zone database, so a change of the US rules arrives with
 * Node's time zone data instead of waiting for someone to edit this file.
 */
import { TZDate } from '@date-fns/tz';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** 11:59 PM, as an Eastern hour for `etInstant`: when "by <date>" questions stop trading. */
export const END_OF_DAY = 23 + 59 / 60;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A date on the Eastern calendar (month 0–11). */
export interface EtDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The n-th (1-based) `weekday` (0 = Sunday) of a month, as a UTC day number. */
function nthWeekdayUtc(year: number, month: number, weekday: number, n: number): number {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
}

/** The IANA zone behind both venues' dates; its offsets come from the time zone database Node ships (Intl). */
const NEW_YORK = 'America/New_York';

/** The Eastern calendar date of an instant. */
export function etDateOf(utcMs: number): EtDate {
  const d = new TZDate(utcMs, NEW_YORK);
  return { year: d.getFullYear(), month: d.getMonth(), day: d.getDate() };
}

/**
 * The instant of an Eastern wall-clock time (hour may be fractional: 19.5 = 7:30 PM), to the whole minute. A time
 * the spring change skips (2:30 AM) is read on the new offset (3:30 AM EDT); in the hour the autumn change repeats
 * (1–2 AM) the first one (EDT) is meant. No scenario schedules anything in those hours.
 */
export function etInstant(date: EtDate, hour: number): number {
  return new TZDate(date.year, date.month, date.day, 0, Math.round(hour * 60), NEW_YORK).getTime();
}

/** `date` moved by whole days (month and year roll over). */
export function addDays(date: EtDate, days: number): EtDate {
  const d = new Date(Date.UTC(date.year, date.month, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate() };
}

/** Day of week, 0 = Sunday. */
export function weekday(date: EtDate): number {
  return new Date(Date.UTC(date.year, date.month, date.day)).getUTCDay();
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Kalshi date code: `26NOV28`. */
export const kalshiDay = (d: EtDate): string => `${pad2(d.year % 100)}${monthAbbrev(d.month)}${pad2(d.day)}`;

/** Kalshi month code: `26DEC`. */
export const kalshiMonth = (d: Pick<EtDate, 'year' | 'month'>): string =>
  `${pad2(d.year % 100)}${monthAbbrev(d.month)}`;

/** ISO calendar date: `2026-11-28` (Polymarket slugs). */
export const isoDay = (d: EtDate): string => `${d.year}-${pad2(d.month + 1)}-${pad2(d.day)}`;

/** `NOV` */
export const monthAbbrev = (month: number): string => monthName(month).slice(0, 3).toUpperCase();

/** `November` */
export function monthName(month: number): string {
  const name = MONTHS[month];
  if (name === undefined) throw new RangeError(`bad month ${month}`);
  return name;
}

/** `Nov 28` */
export const shortDay = (d: EtDate): string => `${monthName(d.month).slice(0, 3)} ${d.day}`;

/** `November 28` */
export const longDay = (d: EtDate): string => `${monthName(d.month)} ${d.day}`;

/** `November 28, 2026` */
export const longDate = (d: EtDate): string => `${longDay(d)}, ${d.year}`;

/** `november-28` (Polymarket slug fragment). */
export const slugDay = (d: EtDate): string => `${monthName(d.month).toLowerCase()}-${d.day}`;

/** FOMC statement days (the second day of each scheduled meeting), 2026–2028. */
const FOMC_DECISION_DAYS: readonly EtDate[] = [
  [2026, 0, 28],
  [2026, 2, 18],
  [2026, 3, 29],
  [2026, 5, 17],
  [2026, 6, 29],
  [2026, 8, 16],
  [2026, 9, 28],
  [2026, 11, 9],
  [2027, 0, 27],
  [2027, 2, 17],
  [2027, 3, 28],
  [2027, 5, 16],
  [2027, 6, 28],
  [2027, 8, 22],
  [2027, 10, 3],
  [2027, 11, 15],
  [2028, 0, 26],
  [2028, 2, 15],
  [2028, 3, 26],
  [2028, 5, 14],
  [2028, 6, 26],
  [2028, 8, 20],
  [2028, 10, 1],
  [2028, 11, 13],
].map(([year, month, day]) => ({ year: year!, month: month!, day: day! }));

/**
 * The next `count` FOMC decision days at least `leadDays` after `fromMs`. Past the table's end, meetings fall
 * every six weeks so a far-future start time still gets a plausible schedule.
 */
export function nextFomcDecisions(fromMs: number, count: number, leadDays = 2): EtDate[] {
  const earliest = fromMs + leadDays * DAY_MS;
  const out = FOMC_DECISION_DAYS.filter((d) => etInstant(d, 14) >= earliest).slice(0, count);
  let last = out[out.length - 1] ?? etDateOf(earliest);
  while (out.length < count) {
    last = addDays(last, out.length === 0 ? 0 : 42);
    out.push(last);
  }
  return out;
}

type MonthlyRelease = { release: EtDate; reference: Pick<EtDate, 'year' | 'month'> };

/**
 * The first monthly release at 8:30 AM ET more than a day after `fromMs`, with the month it reports on (the month
 * before it). `releaseDay` places the release within a month.
 */
function nextMonthlyRelease(
  fromMs: number,
  releaseDay: (year: number, month: number) => EtDate,
): MonthlyRelease {
  const today = etDateOf(fromMs);
  for (let ahead = 0; ahead < 3; ahead++) {
    const m = new Date(Date.UTC(today.year, today.month + ahead, 1));
    const release = releaseDay(m.getUTCFullYear(), m.getUTCMonth());
    if (etInstant(release, 8.5) > fromMs + DAY_MS) {
      const ref = new Date(Date.UTC(release.year, release.month - 1, 1));
      return { release, reference: { year: ref.getUTCFullYear(), month: ref.getUTCMonth() } };
    }
  }
  throw new Error('unreachable: a monthly release always falls within three months');
}

/**
 * The next monthly CPI release after `fromMs` (BLS publishes at 8:30 AM ET around the 10th–13th; we use the
 * first weekday on or after the 10th) and the month it reports on (the month before).
 */
export function nextCpiRelease(fromMs: number): MonthlyRelease {
  return nextMonthlyRelease(fromMs, (year, month) => {
    let release: EtDate = { year, month, day: 10 };
    while (weekday(release) === 0 || weekday(release) === 6) release = addDays(release, 1);
    return release;
  });
}

/** The first Friday of the month after `fromMs`'s month: when the jobs report (unemployment rate) comes out. */
export function nextJobsReport(fromMs: number): MonthlyRelease {
  return nextMonthlyRelease(fromMs, (year, month) => ({
    year,
    month,
    day: nthWeekdayUtc(year, month, 5, 1),
  }));
}

/** The last trading day of the year the scenario ends in: Dec 31 unless that is a weekend. */
export function yearEndTradingDay(fromMs: number): EtDate {
  const today = etDateOf(fromMs);
  // Within the last ten days of a year a year-end ladder would be nearly settled: roll to the next year.
  const year = today.month === 11 && today.day > 21 ? today.year + 1 : today.year;
  let d: EtDate = { year, month: 11, day: 31 };
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, -1);
  return d;
}
