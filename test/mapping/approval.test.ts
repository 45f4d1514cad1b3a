import { describe, expect, it } from 'vitest';
import { approveInText, parseMapping, relationHash, type Approval } from '../../src/mapping/index.ts';

const YAML = `# hand-curated pairs, checked 2026-01-09
version: 1
source: hand-curated
relations:
  - kind: equivalent   # the game winner
    id: eq:game
    confidence: 1
    a: { venue: kalshi, market: KXG-MIL }   # Kalshi's MIL market
    b: { venue: polymarket, market: "0xabc" }
    polarity: same
    # end of the game relation

  - {kind: implies, id: im:x, confidence: 1, a: {venue: kalshi, market: A}, b: {venue: kalshi, market: B}}
`;

const approval = (hash: string, by = 'alice'): Approval => ({
  by,
  at: '2026-01-09T12:00:00.000Z',
  reason: 'read both rules',
  hash,
  covers: ['missing-evidence'],
});

const parsed = (text: string, format: 'json' | 'yaml') => {
  const r = parseMapping(text, format);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe('approveInText', () => {
  it('YAML: adds the approval to the relation’s block and version 2, leaving every other line as it was', () => {
    const hash = relationHash(parsed(YAML, 'yaml').relations[0]!);
    const out = approveInText(YAML, 'yaml', 'eq:game', approval(hash));
    if (!out.ok) throw new Error(out.error);
    const before = YAML.split('\n');
    const after = out.value.split('\n');
    expect(after.filter((l) => !before.includes(l))).toEqual([
      'version: 2',
      '    approval:',
      '      by: alice',
      '      at: 2026-01-09T12:00:00.000Z',
      '      reason: read both rules',
      `      hash: ${hash}`,
      '      covers:',
      '        - missing-evidence',
    ]);
    expect(before.filter((l) => !after.includes(l))).toEqual(['version: 1']);
    const m = parsed(out.value, 'yaml');
    expect(m.version).toBe(2);
    expect(m.relations[0]!.approval).toEqual(approval(hash));
    expect(relationHash(m.relations[0]!)).toBe(hash);
  });

  it('YAML: a second approval replaces the first', () => {
    const hash = relationHash(parsed(YAML, 'yaml').relations[0]!);
    const once = approveInText(YAML, 'yaml', 'eq:game', approval(hash));
    if (!once.ok) throw new Error(once.error);
    const twice = approveInText(once.value, 'yaml', 'eq:game', approval(hash, 'bob'));
    if (!twice.ok) throw new Error(twice.error);
    expect(twice.value).toBe(once.value.replace('by: alice', 'by: bob'));
  });

  it('YAML: a relation written as a flow map is re-printed by the library, comments kept', () => {
    const hash = relationHash(parsed(YAML, 'yaml').relations[1]!);
    const out = approveInText(YAML, 'yaml', 'im:x', approval(hash));
    if (!out.ok) throw new Error(out.error);
    expect(out.value).toMatch(/# hand-curated pairs, checked 2026-01-09/);
    expect(out.value).toMatch(/# Kalshi's MIL market/);
    expect(parsed(out.value, 'yaml').relations[1]!.approval).toEqual(approval(hash));
  });

  it('JSON: keeps the file’s indentation', () => {
    const json = `{\n    "version": 2,\n    "source": "s",\n    "relations": [\n        {"kind": "implies", "id": "i", "confidence": 1, "a": {"venue": "kalshi", "market": "A"}, "b": {"venue": "kalshi", "market": "B"}}\n    ]\n}\n`;
    const hash = relationHash(parsed(json, 'json').relations[0]!);
    const out = approveInText(json, 'json', 'i', approval(hash));
    if (!out.ok) throw new Error(out.error);
    expect(out.value).toMatch(/^\{\n {4}"version": 2,\n/);
    expect(out.value).toMatch(/\n {16}"by": "alice",\n/);
    expect(parsed(out.value, 'json').relations[0]!.approval).toEqual(approval(hash));
  });

  it('says so when the id is not there', () => {
    expect(approveInText(YAML, 'yaml', 'nope', approval('sha256:x'))).toEqual({
      ok: false,
      error: 'no relation with id "nope"',
    });
  });
});
