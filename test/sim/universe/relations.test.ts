import { describe, expect, it } from 'vitest';
import { MarketIdTable } from '../../../src/core/market.ts';
import { Rng } from '../../../src/core/rng.ts';
import { coreRelations } from '../../../src/mapping/relations.ts';
import type { MappingFile, MarketRef } from '../../../src/mapping/types.ts';
import {
  buildDefaultScenario,
  buildSmallScenario,
  scenarioMapping,
} from '../../../src/sim/universe/index.ts';
import type { Scenario } from '../../../src/sim/universe/types.ts';
import { relationHolds, sampleTruth, yesPays } from './truth.ts';

const scenarios: [string, Scenario][] = [
  ['default', buildDefaultScenario(1)],
  ['default seed 2', buildDefaultScenario(2)],
  ['default, late December', buildDefaultScenario(3, { startTimeMs: Date.UTC(2026, 11, 28, 15) })],
  ['small', buildSmallScenario(1)],
];

describe.each(scenarios)('scenarioMapping(%s)', (_, s) => {
  const mapping = scenarioMapping(s);
  const byRef = new Map(s.markets.map((m) => [`${m.venue}:${m.key}`, m]));
  const market = (r: MarketRef) => {
    const m = byRef.get(`${r.venue}:${r.market}`);
    if (!m) throw new Error(`relation names unknown market ${r.venue}:${r.market}`);
    return m;
  };

  it('holds every relation in 200 world states drawn from the scenario’s own truth', () => {
    const rng = new Rng(`truth:${s.name}:${s.seed}`);
    for (let i = 0; i < 200; i++) {
      const truth = sampleTruth(s, rng);
      for (const r of mapping.relations) {
        expect(
          relationHolds(r, (ref) => yesPays(market(ref), truth)),
          r.id,
        ).toBe(true);
      }
    }
  });

  it('has stable, unique, sorted ids and full confidence', () => {
    const ids = mapping.relations.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(mapping.relations.every((r) => r.confidence === 1)).toBe(true);
    expect(mapping.version).toBe(2);
    expect(scenarioMapping(s)).toEqual(mapping);
  });

  it('notes the close time of every market in a relation', () => {
    for (const r of mapping.relations) {
      const refs = r.kind === 'exclusive' ? r.markets : [r.a, r.b];
      expect(r.notes?.closeTimes).toEqual(refs.map((ref) => new Date(market(ref).closeTimeMs).toISOString()));
    }
  });

  it('relates every pair of markets on the same proposition, with the right polarity', () => {
    const eq = new Map(
      mapping.relations.flatMap((r) =>
        r.kind === 'equivalent'
          ? [[`${r.a.venue}:${r.a.market}|${r.b.venue}:${r.b.market}`, r.polarity]]
          : [],
      ),
    );
    const tradeable = s.markets.filter((m) => m.placeholder !== true);
    for (const a of tradeable) {
      for (const b of tradeable) {
        const ka = `${a.venue}:${a.key}`;
        const kb = `${b.venue}:${b.key}`;
        if (a.prop !== b.prop || ka >= kb) continue;
        expect(eq.get(`${ka}|${kb}`), `${ka} ~ ${kb}`).toBe(a.inverted === b.inverted ? 'same' : 'inverted');
      }
    }
  });
});

describe('scenarioMapping(default) specifics', () => {
  const s = scenarios[0]![1];
  const mapping = scenarioMapping(s);
  const polyByKey = new Map(s.markets.filter((m) => m.venue === 'polymarket').map((m) => [m.key, m]));

  it('has at least 50 cross-venue equivalents, some of them inverted', () => {
    const cross = mapping.relations.filter((r) => r.kind === 'equivalent' && r.a.venue !== r.b.venue);
    expect(cross.length).toBeGreaterThanOrEqual(50);
    expect(cross.some((r) => r.kind === 'equivalent' && r.polarity === 'inverted')).toBe(true);
  });

  it('pairs Polymarket’s moneyline with Kalshi’s away market (same) and home market (inverted)', () => {
    const game = s.events.find(
      (e) => e.venue === 'kalshi' && e.seriesKey === 'KXNBAGAME' && e.key.includes('NOV25'),
    )!;
    const [away, home] = game.markets;
    const find = (kalshiTicker: string) =>
      mapping.relations.find(
        (r) =>
          r.kind === 'equivalent' &&
          r.a.market === kalshiTicker &&
          r.b.venue === 'polymarket' &&
          /^nba-/.test(polyByKey.get(r.b.market)?.slug ?? ''),
      );
    expect(find(away!)).toMatchObject({ polarity: 'same' });
    expect(find(home!)).toMatchObject({ polarity: 'inverted' });
    expect(mapping.relations.find((r) => r.id === `ex:kalshi:${game.key}`)).toMatchObject({
      exhaustive: true,
    });
  });

  it('marks the placeholder event at-most-one and leaves the placeholder market out of every relation', () => {
    const augmented = s.events.filter((e) => e.negRiskAugmented === true);
    expect(augmented.length).toBeGreaterThan(0);
    const placeholders = new Set(s.markets.filter((m) => m.placeholder === true).map((m) => m.key));
    for (const e of augmented) {
      const r = mapping.relations.find((x) => x.id === `ex:polymarket:${e.key}`);
      expect(r, e.key).toMatchObject({ kind: 'exclusive', exhaustive: false });
    }
    for (const r of mapping.relations) {
      const refs = r.kind === 'exclusive' ? r.markets : [r.a, r.b];
      expect(refs.some((ref) => placeholders.has(ref.market))).toBe(false);
    }
  });

  it('marks complete exclusive events exhaustive (Fed on both venues) and partial ones not', () => {
    const fed = mapping.relations.filter((r) => r.kind === 'exclusive' && /fed/i.test(r.id));
    expect(fed.length).toBeGreaterThanOrEqual(3); // two Kalshi meetings, one on Polymarket
    expect(fed.every((r) => r.kind === 'exclusive' && r.exhaustive && r.markets.length === 4)).toBe(true);
    expect(mapping.relations.find((r) => r.id.startsWith('ex:kalshi:KXTIMEPOY'))).toMatchObject({
      exhaustive: false,
    });
  });

  it('links ladders within and across venues by implication', () => {
    const implies = mapping.relations.filter((r) => r.kind === 'implies');
    expect(implies.some((r) => r.kind === 'implies' && r.a.venue === r.b.venue)).toBe(true);
    expect(implies.some((r) => r.kind === 'implies' && r.a.venue !== r.b.venue)).toBe(true);
  });
});

describe('coreRelations', () => {
  it('converts each file relation to its core kind, interning market ids in order', () => {
    const k = (market: string): MarketRef => ({ venue: 'kalshi', market });
    const p = (market: string): MarketRef => ({ venue: 'polymarket', market });
    const file: MappingFile = {
      version: 1,
      source: 'hand case',
      relations: [
        { kind: 'equivalent', id: 'e1', confidence: 1, a: k('KXA-1'), b: p('0xa'), polarity: 'same' },
        { kind: 'equivalent', id: 'e2', confidence: 1, a: k('KXA-2'), b: p('0xa'), polarity: 'inverted' },
        { kind: 'exclusive', id: 'x1', confidence: 1, markets: [k('KXA-1'), k('KXA-2')], exhaustive: true },
        { kind: 'exclusive', id: 'x2', confidence: 0.9, markets: [p('0xa'), p('0xb')], exhaustive: false },
        { kind: 'implies', id: 'i1', confidence: 1, a: p('0xb'), b: k('KXA-1') },
      ],
    };
    const ids = new MarketIdTable();
    expect(coreRelations(file, ids)).toEqual([
      { kind: 'equivalent', a: 0, b: 1 },
      { kind: 'complement', a: 2, b: 1 },
      { kind: 'exactlyOne', markets: [0, 2] },
      { kind: 'atMostOne', markets: [1, 3] },
      { kind: 'implies', a: 3, b: 0 },
    ]);
    expect(ids.describe(3 as never)).toEqual({ venue: 'polymarket', key: '0xb' });
    expect(ids.get('kalshi', 'KXA-2')).toBe(2);
  });

  it('converts a whole scenario mapping without losing a relation', () => {
    const s = buildSmallScenario(1);
    const mapping = scenarioMapping(s);
    const ids = new MarketIdTable();
    const core = coreRelations(mapping, ids);
    expect(core).toHaveLength(mapping.relations.length);
    expect(ids.size).toBeLessThanOrEqual(s.markets.length);
  });
});
