/**
 * A mapping file with many problems at once is rejected, and every problem is reported at its exact path;
 * syntax errors in JSON and YAML carry a position.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadMapping, parseMapping, type MappingIssue } from '../../src/mapping/index.ts';
import { DAY, kalshi, market, poly, T0 } from './support.ts';

const dir = mkdtempSync(join(tmpdir(), 'arb-mapping-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

const universe = [
  market(kalshi('KXBTC-26DEC31')),
  market(kalshi('K-A')),
  market(kalshi('K-B')),
  market(kalshi('K-C')),
  market(kalshi('K-D'), { closeTimeMs: T0 }),
  market(poly('0xlate'), { closeTimeMs: T0 + 5 * DAY }),
];

const bad = {
  version: 1,
  source: 'a file with every kind of problem',
  relations: [
    // 0: unknown market, differing from a real one only by case
    {
      kind: 'equivalent',
      id: 'dup',
      confidence: 1,
      a: kalshi('kxbtc-26dec31'),
      b: kalshi('K-A'),
      polarity: 'same',
    },
    // 1: a market implies itself
    { kind: 'implies', id: 'self', confidence: 1, a: kalshi('K-A'), b: kalshi('K-A') },
    // 2: an exclusive set of one
    { kind: 'exclusive', id: 'one', confidence: 1, markets: [kalshi('K-B')], exhaustive: true },
    // 3–5: A = B, B = C, C = NOT A: A would equal its own negation
    { kind: 'equivalent', id: 'ab', confidence: 1, a: kalshi('K-A'), b: kalshi('K-B'), polarity: 'same' },
    { kind: 'equivalent', id: 'bc', confidence: 1, a: kalshi('K-B'), b: kalshi('K-C'), polarity: 'same' },
    { kind: 'equivalent', id: 'ca', confidence: 1, a: kalshi('K-C'), b: kalshi('K-A'), polarity: 'inverted' },
    // 6: equivalent markets closing 5 days apart
    { kind: 'equivalent', id: 'late', confidence: 1, a: kalshi('K-D'), b: poly('0xlate'), polarity: 'same' },
    // 7: duplicate id
    { kind: 'implies', id: 'dup', confidence: 1, a: kalshi('K-D'), b: kalshi('K-B') },
    // 8: confidence out of range
    { kind: 'implies', id: 'conf', confidence: 1.5, a: kalshi('K-A'), b: kalshi('K-D') },
    // 9: malformed venue
    { kind: 'implies', id: 'venue', confidence: 1, a: { venue: 'kalshy', market: 'K-A' }, b: kalshi('K-D') },
  ],
};

const expected: { path: string; severity: 'error' | 'warning'; message: RegExp }[] = [
  {
    path: 'relations.0.a.market',
    severity: 'error',
    message: /^unknown kalshi market "kxbtc-26dec31" \(did you mean "KXBTC-26DEC31"\?\)$/,
  },
  { path: 'relations.1.b', severity: 'error', message: /related to itself: a and b are both kalshi K-A/ },
  { path: 'relations.2.markets', severity: 'error', message: /at least 2 markets \(has 1\)/ },
  {
    path: 'relations.5',
    severity: 'error',
    message:
      /^polarity conflict: equivalences "ab" \(kalshi K-A = kalshi K-B\); "bc" \(kalshi K-B = kalshi K-C\); "ca" \(kalshi K-C = NOT kalshi K-A\) chain kalshi K-A to its own negation/,
  },
  {
    path: 'relations.6',
    severity: 'error',
    message:
      /^equivalent markets close 5 days apart: kalshi K-D closes 2026-01-09T00:00:00.000Z, polymarket 0xlate closes 2026-01-14T00:00:00.000Z/,
  },
  {
    path: 'relations.7.id',
    severity: 'error',
    message: /duplicate relation id "dup" \(first used at relations.0\)/,
  },
  { path: 'relations.8.confidence', severity: 'error', message: /from 0 to 1 \(got 1.5\)/ },
  {
    path: 'relations.9.a.venue',
    severity: 'error',
    message: /venue must be "kalshi" or "polymarket" \(got "kalshy"\)/,
  },
];

function expectExactly(issues: readonly MappingIssue[]): void {
  for (const e of expected) {
    const hit = issues.find((i) => i.path === e.path);
    expect(hit, `expected an issue at ${e.path}; got ${JSON.stringify(issues, null, 1)}`).toBeDefined();
    expect(hit!.severity).toBe(e.severity);
    expect(hit!.message).toMatch(e.message);
  }
  expect(issues.map((i) => i.path).sort()).toEqual(expected.map((e) => e.path).sort());
}

describe('a bad mapping file', () => {
  it('is rejected with every problem at its exact path (JSON)', () => {
    const result = loadMapping(write('bad.json', JSON.stringify(bad, null, 2)), universe);
    expect(result.ok).toBe(false);
    if (!result.ok) expectExactly(result.error);
  });

  it('is rejected the same way from YAML', () => {
    const result = loadMapping(write('bad.yaml', stringify(bad)), universe);
    expect(result.ok).toBe(false);
    if (!result.ok) expectExactly(result.error);
  });

  it('parseMapping alone reports only the schema problems', () => {
    const result = parseMapping(JSON.stringify(bad), 'json');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.map((i) => i.path).sort()).toEqual([
        'relations.7.id',
        'relations.8.confidence',
        'relations.9.a.venue',
      ]);
  });

  it('names unknown keys, bad kinds and a wrong version', () => {
    const result = parseMapping(
      JSON.stringify({
        version: 3,
        source: 's',
        relations: [
          { kind: 'equals', id: 'x', confidence: 1 },
          {
            kind: 'implies',
            id: 'y',
            confidence: 1,
            a: kalshi('A'),
            b: { venue: 'kalshi', market: '', tick: 1 },
            why: 1,
          },
        ],
      }),
      'json',
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toEqual([
        {
          path: 'version',
          severity: 'error',
          message: 'unsupported mapping version 3 (this build reads versions 1 and 2)',
        },
      ]);
    const relations = parseMapping(
      JSON.stringify({
        version: 1,
        source: 's',
        relations: [
          { kind: 'equals', id: 'x', confidence: 1 },
          {
            kind: 'implies',
            id: 'y',
            confidence: 1,
            a: kalshi('A'),
            b: { venue: 'kalshi', market: '', tick: 1 },
            why: 1,
          },
        ],
      }),
      'json',
    );
    expect(relations.ok).toBe(false);
    if (!relations.ok)
      expect(relations.error.map((i) => `${i.path}: ${i.message}`)).toEqual([
        'relations.0.kind: kind must be "equivalent", "exclusive", "implies" (got "equals")',
        'relations.1.b.market: market must not be empty',
        'relations.1.b.tick: unknown key (allowed: venue, market, evidence)',
        'relations.1.why: unknown key (allowed: kind, id, confidence, notes, approval, a, b)',
      ]);
  });
});

describe('syntax errors', () => {
  it('malformed JSON gives the file, line and column', () => {
    const file = write(
      'broken.json',
      '{\n  "version": 1,\n  "source": "x",\n  "relations": [\n    {"kind": }\n  ]\n}\n',
    );
    const result = loadMapping(file, universe);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toHaveLength(1);
      expect(result.error[0]!.path).toBe(`${file}:5:14`);
      expect(result.error[0]!.message).toBe("JSON syntax error: Unexpected token '}'");
    }
  });

  it('truncated JSON points at the end of the input', () => {
    const result = parseMapping('{"version": 1,\n"source": "x"', 'json', 'cut.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error[0]).toMatchObject({ path: 'cut.json:2:14', severity: 'error' });
  });

  it('malformed YAML gives the file, line and column', () => {
    const file = write(
      'broken.yaml',
      'version: 1\nsource: x\nrelations:\n  - kind: implies\n    id: [unclosed\n',
    );
    const result = loadMapping(file, universe);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.length).toBeGreaterThan(0);
      expect(result.error[0]!.path).toMatch(
        new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+$`),
      );
      expect(result.error[0]!.message).toMatch(/^YAML syntax error: /);
    }
  });

  it('a missing file is one clear error', () => {
    const result = loadMapping(join(dir, 'nope.yaml'), universe);
    expect(result).toEqual({
      ok: false,
      error: [
        {
          path: join(dir, 'nope.yaml'),
          severity: 'error',
          message: 'cannot read mapping file: file not found',
        },
      ],
    });
  });
});
