import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { MarketIdTable } from '../../src/core/market.ts';
import {
  loadMapping,
  mergeMappings,
  resolveRelations,
  universeFromScenario,
  type MappingFile,
} from '../../src/mapping/index.ts';
import { buildDefaultScenario, buildSmallScenario, scenarioMapping } from '../../src/sim/universe/index.ts';
import { eq, exclusive, implies, kalshi, mappingOf, market, poly } from './support.ts';

const dir = mkdtempSync(join(tmpdir(), 'arb-mapping-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const A = kalshi('KA');
const B = kalshi('KB');
const P = poly('0xp');
const universe = [market(A), market(B), market(P)];

describe('loadMapping', () => {
  it.each([
    ['default', buildDefaultScenario(1), 'json'],
    ['small', buildSmallScenario(1), 'yaml'],
  ] as const)('loads the %s scenario mapping from %s with no warnings', (name, s, format) => {
    const mapping = scenarioMapping(s);
    const file = join(dir, `${name}.${format}`);
    writeFileSync(file, format === 'json' ? JSON.stringify(mapping) : stringify(mapping));
    const loaded = loadMapping(file, universeFromScenario(s));
    expect(loaded).toEqual({ ok: true, value: { mapping, warnings: [] } });
  });

  it('passes warnings through when there are no errors', () => {
    const file = join(dir, 'low.yaml');
    writeFileSync(file, stringify(mappingOf([{ ...eq('low', A, P), confidence: 0.3 }])));
    const loaded = loadMapping(file, universe);
    expect(loaded.ok).toBe(true);
    if (loaded.ok)
      expect(loaded.value.warnings).toMatchObject([{ path: 'relations.0.confidence', severity: 'warning' }]);
  });
});

describe('resolveRelations', () => {
  const mapping = mappingOf([
    eq('e', A, P, 'inverted'),
    { ...implies('weak', A, B), confidence: 0.5 },
    exclusive('x', [A, B], false),
    implies('i', B, A),
  ]);

  it('interns every market and converts to the hot path’s relations, dropping low confidence', () => {
    const ids = new MarketIdTable();
    const pre = ids.intern('polymarket', '0xp'); // already known ids are reused, not re-assigned
    const out = resolveRelations(mapping, ids, { minConfidence: 0.9 });
    const a = ids.get('kalshi', 'KA')!;
    const b = ids.get('kalshi', 'KB')!;
    expect(out).toEqual([
      { kind: 'equivalent', id: 'e', a, b: pre, polarity: 'inverted' },
      { kind: 'exclusive', id: 'x', markets: [a, b], exhaustive: false },
      { kind: 'implies', id: 'i', a: b, b: a },
    ]);
    expect(ids.size).toBe(3);
  });

  it('keeps everything at or above the threshold', () => {
    expect(resolveRelations(mapping, new MarketIdTable(), { minConfidence: 0.5 }).map((r) => r.id)).toEqual([
      'e',
      'weak',
      'x',
      'i',
    ]);
  });

  it('resolves the whole default scenario mapping', () => {
    const s = buildDefaultScenario(1);
    const ids = new MarketIdTable();
    const out = resolveRelations(scenarioMapping(s), ids);
    expect(out).toHaveLength(scenarioMapping(s).relations.length);
    expect(ids.size).toBeLessThanOrEqual(s.markets.length);
  });
});

describe('mergeMappings', () => {
  const one: MappingFile = { version: 1, source: 'one', relations: [eq('e', A, P), implies('i', A, B)] };

  it('unions relations and keeps identical duplicates once', () => {
    const two: MappingFile = {
      version: 1,
      source: 'two',
      relations: [eq('e', A, P), exclusive('x', [A, B])],
    };
    const merged = mergeMappings(one, two);
    expect(merged.ok).toBe(true);
    if (merged.ok) {
      expect(merged.value.source).toBe('one + two');
      expect(merged.value.relations.map((r) => r.id)).toEqual(['e', 'i', 'x']);
    }
  });

  it('refuses the same id with different content', () => {
    const two: MappingFile = {
      version: 1,
      source: 'two',
      relations: [exclusive('x', [A, B]), eq('e', A, P, 'inverted')],
    };
    expect(mergeMappings(one, two)).toEqual({
      ok: false,
      error: [
        {
          path: 'files.1.relations.1.id',
          severity: 'error',
          message: 'relation id "e" is already used, differently, at files.0.relations.0',
        },
      ],
    });
  });
});
