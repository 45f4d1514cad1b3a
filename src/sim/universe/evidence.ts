/**
 * The evidence a scenario's mapping records for each market (mapping file version 2), as a careful mapper would
 * record it from the simulated venues: the title each venue shows, what YES pays on, the body that decides the
 * outcome, close and expected settlement times, the rules text as each simulator serves it, and the payout
 * clauses (the simulators have none: no voids, no 50-50s, no early close). The simulator knows the truth, so
 * two listings of one proposition name the same resolution source.
 */
import { sha256Hex } from '../../mapping/evidence-schema.ts';
import type { Evidence } from '../../mapping/types.ts';
import type { ScenarioMarket } from './types.ts';
import { isoInstant } from '../../core/time.ts';

const HOUR_MS = 3_600_000;

/** Who reports the outcome, by proposition family (the proposition id up to its first digit, `:` or `>`). */
const SOURCES: readonly [RegExp, string][] = [
  [/^nba(-|$)/, 'NBA official game results (nba.com)'],
  [/^nfl-playoffs/, 'NFL official standings (nfl.com)'],
  [/^nfl(-|$)/, 'NFL official game results (nfl.com)'],
  [/^nhl(-|$)/, 'NHL official game results (nhl.com)'],
  [/^epl(-|$)/, 'Premier League official match results'],
  [/^super-bowl/, 'NFL official game results (nfl.com)'],
  [/^fed-/, 'Federal Reserve FOMC statement (federalreserve.gov)'],
  [/^(cpi|u3)-/, 'U.S. Bureau of Labor Statistics release'],
  [/^gdp-/, 'U.S. Bureau of Economic Analysis advance estimate'],
  [/^(spx|ndx)(-|$)/, 'S&P Dow Jones Indices / Nasdaq official close'],
  [/^(btc|eth)(-|$)/, 'CF Benchmarks reference rate'],
  [/^high-/, 'National Weather Service daily climate report'],
  [/^(nyc-snow|white-christmas|hottest-year)/, 'NOAA / National Weather Service records'],
  [/^(dem|gop)-nominee/, 'Associated Press'],
];

/** The resolution source a simulated market records: the same for every listing of one proposition. */
export function simResolutionSource(prop: string): string {
  const family = prop.split(/[:>]/)[0]!;
  return (
    SOURCES.find(([re]) => re.test(family))?.[1] ?? `Simulator truth for ${family.replace(/-\d.*$/, '')}`
  );
}

/** Kalshi settles about an hour after close; Polymarket's UMA answer needs a two-hour challenge window. */
const SETTLES_AFTER_MS = { kalshi: HOUR_MS, polymarket: 2 * HOUR_MS } as const;

/** The rules as each simulator serves them (Kalshi `rules_primary`, Polymarket `description`). */
function rules(m: ScenarioMarket): NonNullable<Evidence['rules']> {
  if (m.venue === 'kalshi') {
    const text = `If ${m.title.replace(/\?$/, '')}, then the market resolves to Yes.`;
    return { text, sha256: sha256Hex(text), from: `GET /trade-api/v2/markets/${m.key}: rules_primary` };
  }
  return { sha256: sha256Hex(m.title), from: `GET /markets/${m.key}: description` };
}

export function simEvidence(m: ScenarioMarket, statement: string): Evidence {
  return {
    title: m.title,
    yesMeans: m.inverted ? `NOT (${statement})` : statement,
    resolutionSource: simResolutionSource(m.prop),
    closeTime: isoInstant(m.closeTimeMs),
    settlementTime: isoInstant(m.closeTimeMs + SETTLES_AFTER_MS[m.venue]),
    rules: rules(m),
    clauses: { void: false, fiftyFifty: false, earlyClose: false },
  };
}
