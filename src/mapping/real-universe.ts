/**
 * A universe built from recorded raw venue files, to check a real mapping offline. What is inferred, exactly:
 *
 * - Kalshi: the `/events` response lists events only, no markets. A game event's sub-title reads
 *   "MIL at LAL (Jan 9)" and Kalshi names a game's markets `<event ticker>-<TEAM>`, so each such event yields
 *   two markets, `<event>-<AWAY>` and `<event>-<HOME>`, after checking the ticker ends in AWAY+HOME. They are
 *   derived from the event file alone, *not* from the pairs file being checked, so a mistyped team suffix in
 *   the pairs file shows up as an unknown market. Close time: the events carry none; the ticker's date
 *   (`26JAN09`) is the US date of the game, so the market is taken to close at the end of that day in New York
 *   time. A real game market closes some hours after the game, so this is an approximation good to a few
 *   hours, fine against a 24 h warning threshold. Events whose sub-title does not parse yield nothing and are
 *   listed in `skipped`.
 * - Polymarket: every market of every Gamma event: condition id, question, `endDate` as the close time, the
 *   event slug, token ids in outcome order (YES = first outcome), `closed`, and `negRiskOther` as placeholder.
 */
import { err, ok, type Result } from '../core/errors.ts';
import type { MappingIssue } from './issues.ts';
import { gammaEventsSchema, kalshiEventsSchema, parseWith, type GammaMarket } from './real-data-formats.ts';
import type { MappingUniverse, UniverseMarket } from './universe.ts';

export interface RealUniverse {
  readonly universe: MappingUniverse;
  /** Kalshi events that yielded no markets, and why. */
  readonly skipped: readonly { readonly event: string; readonly reason: string }[];
}

export function universeFromRealData(
  kalshiEvents: unknown,
  polyEvents: unknown,
): Result<RealUniverse, MappingIssue[]> {
  const kalshi = parseWith(kalshiEventsSchema, kalshiEvents, 'kalshiEvents');
  const gamma = parseWith(gammaEventsSchema, polyEvents, 'polyEvents');
  if (!kalshi.ok || !gamma.ok)
    return err([...(kalshi.ok ? [] : kalshi.error), ...(gamma.ok ? [] : gamma.error)]);
  const markets: UniverseMarket[] = [];
  const skipped: { event: string; reason: string }[] = [];
  for (const e of kalshi.value.events) {
    const teams = gameTeams(e.event_ticker, e.sub_title);
    const closeTimeMs = endOfTickerDayMs(e.event_ticker);
    if (typeof teams === 'string') skipped.push({ event: e.event_ticker, reason: teams });
    else if (closeTimeMs === undefined)
      skipped.push({ event: e.event_ticker, reason: 'no date in the ticker' });
    else
      for (const team of teams)
        markets.push({
          venue: 'kalshi',
          key: `${e.event_ticker}-${team}`,
          closeTimeMs,
          eventKey: e.event_ticker,
          title: `${e.title}: ${team} wins`,
        });
  }
  for (const e of gamma.value) for (const m of e.markets) markets.push(polymarketMarket(m, e.slug));
  return ok({ universe: markets, skipped });
}

function polymarketMarket(m: GammaMarket, eventSlug: string): UniverseMarket {
  const [yes, no] = m.clobTokenIds ?? [];
  return {
    venue: 'polymarket',
    key: m.conditionId,
    closeTimeMs: m.endDate === undefined ? Number.NaN : Date.parse(m.endDate),
    eventKey: eventSlug,
    ...(m.question !== undefined && { title: m.question }),
    ...(m.negRiskOther === true && { placeholder: true }),
    ...(m.closed === true && { closed: true }),
    ...(yes !== undefined && no !== undefined && { tokens: { yes, no } }),
  };
}

/** [away, home] from "MIL at LAL (Jan 9)", checked against the ticker; a reason string when it does not fit. */
function gameTeams(ticker: string, subTitle: string | undefined): [string, string] | string {
  const m = /^([A-Z0-9]+) at ([A-Z0-9]+)\b/.exec(subTitle ?? '');
  if (!m) return `sub-title ${JSON.stringify(subTitle ?? '')} is not "AWAY at HOME"`;
  const [, away, home] = m as unknown as [string, string, string];
  if (!ticker.endsWith(`${away}${home}`)) return `ticker does not end in ${away}${home}`;
  return [away, home];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** The end of the ticker's date (`-26JAN09…` = 2026-01-09) in New York time, as ms since the epoch. */
export function endOfTickerDayMs(ticker: string): number | undefined {
  const m = /-(\d{2})([A-Z]{3})(\d{2})/.exec(ticker);
  const month = m ? MONTHS.indexOf(m[2]!) : -1;
  if (!m || month < 0) return undefined;
  const midnightUtc = Date.UTC(2000 + Number(m[1]), month, Number(m[3]) + 1);
  return midnightUtc - newYorkOffsetMs(midnightUtc + 5 * 3_600_000);
}

/** New York's offset from UTC at `utcMs` (−5 h in winter, −4 h in summer), from the platform's time-zone data. */
function newYorkOffsetMs(utcMs: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'shortOffset' })
    .formatToParts(utcMs)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-]\d+)(?::(\d+))?/.exec(name ?? '');
  if (!m) return -5 * 3_600_000;
  const sign = m[1]!.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(m[1])) * 3_600_000 + Number(m[2] ?? 0) * 60_000);
}
