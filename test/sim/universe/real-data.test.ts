/**
 * Our generated ids against the recorded real ones in ../shared/data (skipped when that folder is absent, as it
 * is in a fresh clone). The pattern is derived from the real values: each letter, digit and separator class.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDefaultScenario } from '../../../src/sim/universe/index.ts';

const DATA = resolve(process.cwd(), '../shared/data/kalshi-poly-nba-pairs');
const KALSHI_EVENTS = resolve(DATA, 'kalshi_nba_events.json');
const POLY_EVENTS = resolve(DATA, 'poly_nba_events.json');
const PAIRS = resolve(DATA, 'pairs_2026-01-09_10.json');

/** A regex matching exactly the character-class shapes of `samples` (upper/lower letters, digits, the rest literal). */
function shapeRegex(samples: readonly string[]): RegExp {
  const shape = (s: string) =>
    s.replace(/[A-Z]+|[a-z]+|[0-9]+|[^A-Za-z0-9]/g, (run) => {
      if (/^[A-Z]+$/.test(run)) return `[A-Z]{${run.length}}`;
      if (/^[a-z]+$/.test(run)) return `[a-z]{${run.length}}`;
      if (/^[0-9]+$/.test(run)) return `[0-9]{${run.length}}`;
      return run.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    });
  return new RegExp(`^(?:${[...new Set(samples.map(shape))].join('|')})$`);
}

const scenario = buildDefaultScenario(1);

describe('generated ids have the shape of real ones', () => {
  it.skipIf(!existsSync(KALSHI_EVENTS))('Kalshi NBA event tickers', () => {
    const real = (
      JSON.parse(readFileSync(KALSHI_EVENTS, 'utf8')) as { events: { event_ticker: string }[] }
    ).events.map((e) => e.event_ticker);
    const ours = scenario.events
      .filter((e) => e.venue === 'kalshi' && e.seriesKey === 'KXNBAGAME')
      .map((e) => e.key);
    expect(real.length).toBeGreaterThan(0);
    expect(ours.length).toBeGreaterThan(0);
    const pattern = shapeRegex(real);
    for (const t of real) expect(t).toMatch(pattern);
    for (const t of ours) expect(t).toMatch(pattern);
    // Same series prefix and a real month code.
    for (const t of ours)
      expect(t).toMatch(/^KXNBAGAME-\d{2}(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\d{2}[A-Z]{6}$/);
  });

  it.skipIf(!existsSync(POLY_EVENTS))('Polymarket NBA game slugs', () => {
    const real = (JSON.parse(readFileSync(POLY_EVENTS, 'utf8')) as { slug: string }[]).map((e) => e.slug);
    // Game events only (not the MVP futures event, which is also `nba-…`).
    const ours = scenario.events
      .filter((e) => e.venue === 'polymarket' && e.key.startsWith('nba-') && e.negRisk !== true)
      .map((e) => e.key);
    expect(ours.length).toBeGreaterThan(0);
    const pattern = shapeRegex(real);
    for (const s of real) expect(s).toMatch(pattern);
    for (const s of ours) expect(s).toMatch(pattern);
  });

  it.skipIf(!existsSync(PAIRS))('Polymarket condition ids and token ids', () => {
    const pairs = (
      JSON.parse(readFileSync(PAIRS, 'utf8')) as {
        markets: { poly_condition_id: string; poly_token_ids: Record<string, string> }[];
      }
    ).markets;
    const conditionPattern = shapeRegex(pairs.map((p) => p.poly_condition_id.replace(/[a-f]/g, '0')));
    const lengths = pairs.flatMap((p) => Object.values(p.poly_token_ids)).map((t) => t.length);
    for (const m of scenario.markets.filter((x) => x.venue === 'polymarket')) {
      expect(m.key.replace(/[a-f]/g, '0')).toMatch(conditionPattern);
      for (const t of [m.tokens!.yes, m.tokens!.no]) {
        expect(t.length).toBeGreaterThanOrEqual(Math.min(...lengths));
        expect(t.length).toBeLessThanOrEqual(Math.max(...lengths));
      }
    }
  });
});
