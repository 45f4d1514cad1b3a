import { describe, expect, it } from 'vitest';
import { isOnGrid, minTick } from '../../../src/core/market.ts';
import {
  buildDefaultScenario,
  buildSmallScenario,
  DEFAULT_START_TIME_MS,
  scenarioIssues,
  scenarioSummary,
} from '../../../src/sim/universe/index.ts';
import type { Scenario, ScenarioMarket } from '../../../src/sim/universe/types.ts';

const scenario = buildDefaultScenario(1);
const small = buildSmallScenario(1);
const onVenue = (s: Scenario, venue: ScenarioMarket['venue']) => s.markets.filter((m) => m.venue === venue);
const kalshi = onVenue(scenario, 'kalshi');
const poly = onVenue(scenario, 'polymarket');
const HOUR = 3_600_000;

const KALSHI_MARKET = /^KX[A-Z0-9]+-[0-9A-Z]+(-[A-Z0-9.]+)?$/;
const KALSHI_EVENT = /^KX[A-Z0-9]+-[0-9A-Z]+$/;
const KALSHI_SERIES = /^KX[A-Z0-9]+$/;
const HEX32 = /^0x[0-9a-f]{64}$/;
const TOKEN_ID = /^\d{76,78}$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe('default scenario: size', () => {
  const sum = scenarioSummary(scenario);

  it('lists at least 200 markets per venue and 50 propositions on both', () => {
    expect(sum.venues.kalshi.markets).toBeGreaterThanOrEqual(200);
    expect(sum.venues.polymarket.markets).toBeGreaterThanOrEqual(200);
    expect(sum.crossListedProps).toBeGreaterThanOrEqual(50);
  });

  it('has every content family: exclusive events on both venues, negRisk events, ladders, placeholders', () => {
    expect(sum.venues.kalshi.exclusiveEvents).toBeGreaterThanOrEqual(20);
    expect(sum.venues.polymarket.exclusiveEvents).toBeGreaterThanOrEqual(5);
    expect(sum.venues.polymarket.negRiskEvents).toBeGreaterThanOrEqual(5);
    expect(sum.venues.kalshi.ladders).toBeGreaterThanOrEqual(4);
    expect(sum.venues.polymarket.ladders).toBeGreaterThanOrEqual(4);
    expect(sum.venues.polymarket.placeholderMarkets).toBeGreaterThanOrEqual(1);
    expect(sum.venues.kalshi.invertedMarkets + sum.venues.polymarket.invertedMarkets).toBeGreaterThanOrEqual(
      3,
    );
    expect(scenario.events.some((e) => e.negRiskAugmented === true)).toBe(true);
  });

  it('has the small scenario within its budget and with the relation kinds it promises', () => {
    const s = scenarioSummary(small);
    for (const v of [s.venues.kalshi, s.venues.polymarket]) {
      expect(v.markets).toBeGreaterThanOrEqual(10);
      expect(v.markets).toBeLessThanOrEqual(14);
      expect(v.exclusiveEvents).toBeGreaterThanOrEqual(1);
      expect(v.ladders).toBeGreaterThanOrEqual(1);
    }
    const threeWay = (venue: string) =>
      small.events.some(
        (e) => e.venue === venue && e.markets.length === 3 && (e.mutuallyExclusive || e.negRisk),
      );
    expect(threeWay('kalshi') && threeWay('polymarket')).toBe(true);
    expect(small.markets.some((m) => m.venue === 'polymarket' && m.inverted)).toBe(true);
    expect(scenarioIssues(small)).toEqual([]);
  });
});

describe('default scenario: ids in each venue style', () => {
  it('has unique keys per venue', () => {
    for (const list of [kalshi, poly]) expect(new Set(list.map((m) => m.key)).size).toBe(list.length);
    for (const venue of ['kalshi', 'polymarket']) {
      const events = scenario.events.filter((e) => e.venue === venue);
      expect(new Set(events.map((e) => e.key)).size).toBe(events.length);
    }
  });

  it('uses Kalshi tickers', () => {
    for (const m of kalshi) {
      expect(m.key).toMatch(KALSHI_MARKET);
      expect(m.eventKey).toMatch(KALSHI_EVENT);
      expect(m.seriesKey).toMatch(KALSHI_SERIES);
      expect(m.key.startsWith(`${m.eventKey}`)).toBe(true);
      expect(m.eventKey.startsWith(`${m.seriesKey}-`)).toBe(true);
    }
    const keys = new Set(kalshi.map((m) => m.key));
    expect([...keys].some((k) => /^KXNBAGAME-26NOV\d{2}[A-Z]{6}-[A-Z]{3}$/.test(k))).toBe(true);
    expect(keys.has('KXFEDDECISION-26DEC-C25')).toBe(true);
    expect([...keys].some((k) => /^KXBTCD-26NOV\d{4}-T\d+\.99$/.test(k))).toBe(true);
    expect([...keys].some((k) => /^KXINXY-26DEC31-T\d+\.99$/.test(k))).toBe(true);
  });

  it('uses Polymarket condition ids, question ids, token ids, slugs and numeric event ids', () => {
    const tokens = new Set<string>();
    for (const m of poly) {
      expect(m.key).toMatch(HEX32);
      expect(m.questionId).toMatch(HEX32);
      expect(m.slug).toMatch(SLUG);
      expect(m.eventKey).toMatch(SLUG);
      expect(m.tokens?.yes).toMatch(TOKEN_ID);
      expect(m.tokens?.no).toMatch(TOKEN_ID);
      for (const t of [m.tokens!.yes, m.tokens!.no]) {
        expect(BigInt(t) < 2n ** 256n).toBe(true);
        tokens.add(t);
      }
    }
    expect(tokens.size).toBe(poly.length * 2);
    for (const e of scenario.events.filter((x) => x.venue === 'polymarket')) expect(e.id).toMatch(/^\d+$/);
    expect(
      poly.some((m) => m.slug === `fed-decreases-interest-rates-by-25-bps-after-december-2026-meeting`),
    ).toBe(true);
  });

  it('titles markets in each venue style', () => {
    const nba = kalshi.find((m) => m.seriesKey === 'KXNBAGAME')!;
    expect(nba.title).toMatch(/^[A-Za-z .]+ at [A-Za-z .]+ Winner\?$/);
    expect(nba.subtitle).toMatch(/^[A-Za-z .]+$/);
    expect(kalshi.find((m) => m.key === 'KXFEDDECISION-26DEC-C25')!.title).toBe(
      'Will the Fed cut rates by 25bps in December 2026?',
    );
    expect(poly.map((m) => m.title)).toContain(
      'Will the Fed decrease interest rates by 25 bps after the December 2026 meeting?',
    );
    const moneyline = poly.find((m) => /^nba-[a-z]{3}-[a-z]{3}-\d{4}-\d{2}-\d{2}$/.test(m.slug ?? ''))!;
    expect(moneyline.title).toMatch(/^[\w. ]+ vs\. [\w. ]+$/);
  });
});

describe('default scenario: truth and listings are coherent', () => {
  it('passes every cross-reference check', () => {
    expect(scenarioIssues(scenario)).toEqual([]);
  });

  it('keeps every p0 in [0.03, 0.97], exclusive sums at 1 and ladders falling', () => {
    const p0 = new Map(scenario.propositions.map((p) => [p.id, p.p0]));
    for (const p of scenario.propositions) {
      expect(p.p0).toBeGreaterThanOrEqual(0.03);
      expect(p.p0).toBeLessThanOrEqual(0.97);
    }
    for (const g of scenario.groups) {
      const ps = g.props.map((id) => p0.get(id)!);
      if (g.kind === 'exclusive') expect(Math.abs(ps.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
      if (g.kind === 'ladder') {
        expect(g.thresholds).toHaveLength(g.props.length);
        ps.forEach((p, i) => i > 0 && expect(p).toBeLessThan(ps[i - 1]!));
        g.thresholds.forEach((t, i) => i > 0 && expect(t).toBeGreaterThan(g.thresholds[i - 1]!));
      }
    }
  });

  it('lists every event market on its own venue and every market in its event', () => {
    const byKey = new Map(scenario.markets.map((m) => [`${m.venue}:${m.key}`, m]));
    const listed = new Set<string>();
    for (const e of scenario.events) {
      for (const key of e.markets) {
        const m = byKey.get(`${e.venue}:${key}`);
        expect(m, `${e.key} lists ${key}`).toBeDefined();
        expect(m!.eventKey).toBe(e.key);
        listed.add(`${e.venue}:${key}`);
      }
    }
    expect(listed.size).toBe(scenario.markets.length);
  });

  it('opens every market before the start and closes it after, cross-listings within 24 h of each other', () => {
    for (const m of scenario.markets) {
      expect(m.openTimeMs).toBeLessThan(scenario.startTimeMs);
      expect(m.closeTimeMs).toBeGreaterThan(scenario.startTimeMs + HOUR);
    }
    const closes = new Map<string, number[]>();
    for (const m of scenario.markets) closes.set(m.prop, [...(closes.get(m.prop) ?? []), m.closeTimeMs]);
    for (const [prop, times] of closes) {
      expect(Math.max(...times) - Math.min(...times), prop).toBeLessThanOrEqual(24 * HOUR);
    }
    // Games close within days, Fed on its meeting day, year-end ladders on Dec 31.
    const closeOf = (key: string) => new Date(kalshi.find((m) => m.key === key)!.closeTimeMs).toISOString();
    expect(closeOf('KXFEDDECISION-26DEC-C25')).toBe('2026-12-09T19:00:00.000Z');
    const inx = kalshi.find((m) => m.seriesKey === 'KXINXY')!;
    expect(new Date(inx.closeTimeMs).toISOString()).toBe('2026-12-31T21:00:00.000Z');
    for (const m of kalshi.filter((x) => x.seriesKey === 'KXNBAGAME')) {
      expect(m.closeTimeMs - scenario.startTimeMs).toBeLessThan(5 * 24 * HOUR);
    }
  });

  it('uses each venue’s grids, minimum sizes and fee models', () => {
    const structures = kalshi.map((m) => m.priceLevelStructure);
    const linear = structures.filter((s) => s === 'linear_cent').length;
    expect(linear / kalshi.length).toBeGreaterThan(0.75);
    expect(structures).toContain('deci_cent');
    expect(structures).toContain('tapered_deci_cent');
    for (const m of kalshi) {
      expect(m.minSize).toBe(100);
      expect(m.fees).toMatchObject({ kind: 'kalshi', takerRatePpm: 70_000 });
    }
    expect(kalshi.some((m) => m.fees.kind === 'kalshi' && m.fees.makerRatePpm === 17_500)).toBe(true);

    const ticks = poly.map((m) => minTick(m.grid));
    expect(ticks.filter((t) => t === 100).length / poly.length).toBeGreaterThan(0.6);
    expect(ticks).toContain(10);
    expect(poly.filter((m) => m.minSize === 500).length / poly.length).toBeGreaterThan(0.8);
    expect(poly.some((m) => m.minSize === 100)).toBe(true);
    const rates = new Set(poly.map((m) => (m.fees.kind === 'polymarket' ? m.fees.ratePpm : -1)));
    expect([...rates].every((r) => [0, 30_000, 40_000, 50_000, 70_000].includes(r))).toBe(true);
    expect(rates.has(0) && rates.has(70_000)).toBe(true);
    for (const m of poly) expect(m.fees).toMatchObject({ kind: 'polymarket', exponent: 1, takerOnly: true });
    // A price one tick in from each edge is tradeable on every grid.
    for (const m of scenario.markets) expect(isOnGrid(m.grid, minTick(m.grid))).toBe(true);
  });

  it('documents realistic process defaults and $10,000 of bot cash', () => {
    expect(scenario.process).toEqual({
      mmRequoteMs: 5_000,
      mmHalfSpreadTicks: 1,
      mmLevels: 5,
      mmLevelContracts: [5, 2_000],
      driftVolPerSqrtHour: 0.02,
      driftStepMs: 60_000,
      noiseTradesPerMarketHour: 6,
      noiseTradeContracts: [1, 200],
      newsShocksPerHour: 30,
      newsShockSize: [0.04, 0.12],
      venueLagMs: [2_000, 20_000],
    });
    expect(scenario.botCashMicros).toBe(10_000_000_000);
  });
});

describe('default scenario: determinism', () => {
  it('builds the same scenario from the same seed', () => {
    expect(buildDefaultScenario(1)).toEqual(scenario);
    expect(buildSmallScenario(1)).toEqual(small);
  });

  it('builds a different one from another seed', () => {
    const other = buildDefaultScenario(2);
    expect(other).not.toEqual(scenario);
    expect(other.markets.map((m) => m.key)).not.toEqual(scenario.markets.map((m) => m.key));
    expect(scenarioIssues(other)).toEqual([]);
  });

  it('starts at a fixed instant unless told otherwise', () => {
    expect(scenario.startTimeMs).toBe(DEFAULT_START_TIME_MS);
    expect(DEFAULT_START_TIME_MS).toBe(Date.UTC(2026, 10, 25, 14));
  });

  it.each([
    ['mid-March', Date.UTC(2027, 2, 10, 15)],
    ['midsummer', Date.UTC(2026, 6, 15, 14)],
    ['between Christmas and New Year', Date.UTC(2026, 11, 28, 15)],
  ])('dates everything from another start time (%s)', (_, startTimeMs) => {
    const later = buildDefaultScenario(1, { startTimeMs });
    expect(later.startTimeMs).toBe(startTimeMs);
    expect(scenarioIssues(later)).toEqual([]);
    for (const m of later.markets) {
      expect(m.openTimeMs).toBeLessThan(startTimeMs);
      expect(m.closeTimeMs).toBeGreaterThan(startTimeMs);
    }
    // Out-of-season leagues drop out, so the universe is smaller but never empty of cross-listings.
    expect(scenarioSummary(later).crossListedProps).toBeGreaterThanOrEqual(50);
  });

  it('lists the games of the start date (Kalshi date codes follow the Eastern calendar)', () => {
    const march = buildDefaultScenario(1, { startTimeMs: Date.UTC(2027, 2, 10, 15) });
    expect(march.markets.some((m) => m.key.startsWith('KXNBAGAME-27MAR10'))).toBe(true);
    // A 7 PM ET tip-off is after midnight UTC but keeps its Eastern date.
    const late = kalshi.find(
      (m) => m.seriesKey === 'KXNBAGAME' && m.closeTimeMs > Date.UTC(2026, 10, 26, 3),
    )!;
    expect(late.eventKey).toMatch(/^KXNBAGAME-26NOV25/);
  });
});
