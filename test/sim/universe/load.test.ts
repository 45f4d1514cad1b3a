import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  buildSmallScenario,
  builtinScenarioNames,
  formatScenarioSummary,
  loadScenario,
  scenarioMapping,
  scenarioSummary,
  writeMappingFile,
} from '../../../src/sim/universe/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'arb-universe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('loadScenario: built-ins', () => {
  it('knows default and small', () => {
    expect(builtinScenarioNames()).toEqual(['default', 'small']);
    for (const name of builtinScenarioNames()) {
      const r = loadScenario(name, 3);
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.value.name).toBe(name);
        expect(r.value.seed).toBe(3);
      }
    }
  });

  it('summarises a scenario for display', () => {
    const text = formatScenarioSummary(scenarioSummary(buildSmallScenario(1)));
    expect(text).toMatch(/^scenario small \(seed 1\)/);
    expect(text).toMatch(/markets\s+\d+\s+\d+/);
  });
});

describe('loadScenario: files', () => {
  const small = buildSmallScenario(7);

  it('round-trips a written JSON scenario', () => {
    const r = loadScenario(file('small.json', JSON.stringify(small, null, 2)), 7);
    expect(r).toEqual({ ok: true, value: small });
  });

  it('round-trips a written YAML scenario', () => {
    const r = loadScenario(file('small.yaml', stringify(small)), 7);
    expect(r).toEqual({ ok: true, value: small });
  });

  it('fills defaults and resolves named Kalshi grids in a hand-written file', () => {
    const yaml = `
name: tiny
propositions:
  - { id: rain, statement: It rains in NYC tomorrow, p0: 0.4 }
groups:
  - { kind: independent, id: rain, props: [rain] }
events:
  - { venue: kalshi, key: KXRAINNYC-26NOV26, title: Rain in NYC?, category: Climate and Weather, mutuallyExclusive: false, markets: [KXRAINNYC-26NOV26] }
markets:
  - venue: kalshi
    key: KXRAINNYC-26NOV26
    eventKey: KXRAINNYC-26NOV26
    title: Will it rain in NYC on Nov 26, 2026?
    prop: rain
    grid: tapered_deci_cent
    minSize: 100
    fees: { kind: kalshi, takerRatePpm: 70000, makerRatePpm: 0, multiplierPpm: 1000000 }
    openTimeMs: 1790000000000
    closeTimeMs: 1795000000000
`;
    const r = loadScenario(file('tiny.yml', yaml), 11);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const m = r.value.markets[0]!;
    expect(m.priceLevelStructure).toBe('tapered_deci_cent');
    expect(m.grid.ranges).toHaveLength(3);
    expect(m.inverted).toBe(false);
    expect(r.value.seed).toBe(11);
    expect(r.value.process.mmLevels).toBe(5);
    expect(r.value.startTimeMs).toBe(Date.UTC(2026, 10, 25, 14));
  });

  it('reports every problem of a bad file with a dotted path', () => {
    const bad = structuredClone(small) as unknown as Record<string, unknown[]> & Record<string, unknown>;
    const markets = bad.markets as Record<string, unknown>[];
    const groups = bad.groups as Record<string, unknown>[];
    const props = bad.propositions as Record<string, unknown>[];
    markets[3]!.prop = 'x';
    markets[4]!.key = markets[5]!.key;
    markets[4]!.eventKey = markets[5]!.eventKey;
    markets[6]!.minSize = 'lots';
    markets[7]!.colour = 'red';
    (bad.events as { markets: string[] }[])[0]!.markets.push('KXNOPE-26');
    const exclusive = groups.findIndex((g) => g.kind === 'exclusive');
    const ladder = groups.findIndex((g) => g.kind === 'ladder');
    (groups[exclusive]!.props as string[]).push('ghost');
    const firstRung = (groups[ladder]!.props as string[])[0];
    props.find((p) => p.id === firstRung)!.p0 = 0.01;
    const r = loadScenario(file('bad.json', JSON.stringify(bad)), 7);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.error.map((e) => `${e.path}: ${e.message}`);
    expect(text).toContain('markets.3.prop: unknown proposition "x"');
    expect(text.some((t) => /^markets\.(4|5)\.key: duplicate market /.test(t))).toBe(true);
    expect(text.some((t) => t.startsWith('markets.6.minSize: '))).toBe(true);
    expect(text).toContain('markets.7.colour: unknown key');
    expect(text.some((t) => /^events\.0\.markets\.\d+: unknown kalshi market "KXNOPE-26"$/.test(t))).toBe(
      true,
    );
    expect(
      text.some((t) =>
        new RegExp(`^groups\\.${exclusive}\\.props\\.\\d+: unknown proposition "ghost"$`).test(t),
      ),
    ).toBe(true);
    expect(text.some((t) => new RegExp(`^groups\\.${ladder}\\.props\\.1: ladder p0 must fall`).test(t))).toBe(
      true,
    );
    expect(r.error.length).toBeGreaterThanOrEqual(7);
  });

  it('reports a sum that is not 1', () => {
    const bad = structuredClone(small) as unknown as {
      propositions: { id: string; p0: number }[];
      groups: { kind: string; props: string[] }[];
    };
    const g = bad.groups.findIndex((x) => x.kind === 'exclusive');
    bad.propositions.find((p) => p.id === bad.groups[g]!.props[0])!.p0 += 0.05;
    const r = loadScenario(file('sum.json', JSON.stringify(bad)), 7);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toContainEqual({
        path: `groups.${g}`,
        message: expect.stringMatching(/p0 sum to 1\.05\d*, not 1/),
      });
  });

  it('turns malformed JSON and YAML into clear errors, not throws', () => {
    const json = loadScenario(file('broken.json', '{"name": "x",\n  "markets": [1, }'), 1);
    expect(json.ok).toBe(false);
    if (!json.ok) expect(json.error[0]!.message).toMatch(/^invalid JSON: /);
    const yaml = loadScenario(file('broken.yaml', 'name: x\nmarkets: [a, b\n'), 1);
    expect(yaml.ok).toBe(false);
    if (!yaml.ok) {
      expect(yaml.error[0]!.message).toMatch(/^invalid YAML: /);
      expect(yaml.error[0]!.path).toMatch(/broken\.yaml:\d+:\d+$/);
    }
    const scalar = loadScenario(file('scalar.yaml', '42\n'), 1);
    expect(scalar).toMatchObject({ ok: false, error: [{ path: '(root)' }] });
    const missing = loadScenario(join(dir, 'nope.json'), 1);
    expect(missing).toMatchObject({ ok: false, error: [{ message: expect.stringMatching(/no such file/) }] });
  });
});

describe('writeMappingFile', () => {
  it('writes the mapping as JSON that reads back equal', () => {
    const mapping = scenarioMapping(buildSmallScenario(1));
    const path = join(dir, 'nested', 'mapping.json');
    writeMappingFile(path, mapping);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(mapping);
  });
});
