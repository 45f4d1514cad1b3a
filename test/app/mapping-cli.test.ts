import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evidence } from '../mapping/support.ts';
import { runCli, tempDir } from './helpers.ts';

/** What a mapper who only read the titles and close times records: no sources, no rules, no clauses. */
const TITLES_ONLY = `# titles and close times only
version: 2
source: candidate pairs, not adjudicated
relations:
  - kind: equivalent
    id: eq:president
    confidence: 1
    a:
      venue: kalshi
      market: KXPRES-28-DEM
      evidence:
        title: "Will a Democrat win the 2028 presidential election?"
        closeTime: 2028-11-08T00:00:00Z
    b:
      venue: polymarket
      market: "0xpres"
      evidence:
        title: "Will a Democrat win the 2028 presidential election?"
        closeTime: 2028-11-08T00:00:00Z
    polarity: same
  - kind: equivalent
    id: eq:game
    confidence: 1
    a:
      venue: kalshi
      market: KXNBAGAME-26JAN09MILLAL-MIL
      evidence: { title: "Milwaukee at Los Angeles L Winner?", closeTime: 2026-01-10T07:00:00Z }
    b:
      venue: polymarket
      market: "0xgame"
      evidence: { title: "Bucks vs. Lakers", closeTime: 2026-01-10T06:00:00Z }
    polarity: same
  - kind: equivalent
    id: eq:spx
    confidence: 1
    a:
      venue: kalshi
      market: KXINX-26DEC31-T4000
      evidence: { title: "Will the S&P 500 be above 4,000 on Dec 31, 2026?", closeTime: 2026-12-31T21:00:00Z }
    b:
      venue: polymarket
      market: "0xspx"
      evidence: { title: "S&P 500 above 4,100 on December 31, 2026?", closeTime: 2026-12-31T21:00:00Z }
    polarity: same
`;

interface CheckJson {
  relations: {
    id: string;
    kind: string;
    verdict: string;
    reasons: { code: string; verdict: string; path: string; message: string }[];
    trades: boolean;
    approval?: { by: string; at: string; status: string };
  }[];
  counts: Record<string, number>;
}

const NOW = Date.UTC(2026, 0, 9, 12, 0, 0);
const check = async (cwd: string, file = 'm.yaml') => {
  const run = await runCli(['mapping', 'check', file, '--json'], { cwd });
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as CheckJson;
};

describe('arb mapping check', () => {
  it('gives no equivalence recorded with only titles and close times the verdict tradable', async () => {
    const cwd = tempDir({ 'm.yaml': TITLES_ONLY });
    const run = await runCli(['mapping', 'check', 'm.yaml', '--json'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as CheckJson;
    expect(Object.keys(out)[0]).toBe('relations');
    expect(out.relations.map((r) => Object.keys(r).slice(0, 4))).toEqual(
      Array(3).fill(['id', 'kind', 'verdict', 'reasons']),
    );
    expect(out.relations.map((r) => [r.id, r.kind, r.verdict, r.trades])).toEqual([
      ['eq:president', 'equivalent', 'review', false],
      ['eq:game', 'equivalent', 'review', false],
      ['eq:spx', 'equivalent', 'refused', false],
    ]);
    expect(out.relations[0]!.reasons.map((r) => [r.code, r.path])).toEqual([
      ['missing-evidence', 'relations.0.a.evidence'],
      ['missing-evidence', 'relations.0.b.evidence'],
    ]);
    expect(out.relations[2]!.reasons[0]).toMatchObject({ code: 'threshold-mismatch', verdict: 'refused' });
    expect(out.counts).toEqual({ tradable: 0, review: 2, refused: 1, approved: 0 });
  });

  it('prints a table with the counts per verdict, then every reason in full', async () => {
    const cwd = tempDir({ 'm.yaml': TITLES_ONLY });
    const run = await runCli(['mapping', 'check', 'm.yaml'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^m\.yaml \(version 2\): 3 relations: 0 tradable, 2 review \(0 approved\), 1 refused\n/,
    );
    expect(run.stdout).toMatch(/^ {2}review {4}no {5}equivalent eq:president {2}missing-evidence$/m);
    expect(run.stdout).toMatch(
      /^ {2}refused {3}no {5}equivalent eq:spx {8}threshold-mismatch, missing-evidence$/m,
    );
    expect(run.stdout).toMatch(
      /^ {4}refused threshold-mismatch relations\.2: the titles name different thresholds/m,
    );
    expect(run.stdout).toMatch(/arb mapping approve m\.yaml ID --reason/);
  });

  it('exits 2 when the file cannot be read or is not a valid mapping, naming the field', async () => {
    const bad = TITLES_ONLY.replace('closeTime: 2028-11-08T00:00:00Z', 'closeTime: next tuesday');
    const cwd = tempDir({ 'bad.yaml': bad });
    const missing = await runCli(['mapping', 'check', 'nope.yaml'], { cwd });
    expect([missing.code, missing.stderr]).toEqual([
      2,
      'arb mapping check: cannot read nope.yaml: file not found\n',
    ]);
    const invalid = await runCli(['mapping', 'check', 'bad.yaml', '--json'], { cwd });
    expect(invalid.code).toBe(2);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toMatch(
      /^ {2}error relations\.0\.a\.evidence\.closeTime: closeTime must be an ISO 8601 time like 2026-01-09T23:00:00Z \(got "next tuesday"\)$/m,
    );
  });

  it('has help with the verdicts, the JSON shape and examples', async () => {
    const run = await runCli(['mapping', 'check', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: arb mapping check \[options\] <file>/);
    expect(run.stdout).toMatch(
      /^ {2}refused {3}the evidence, the titles or the rest of the file contradict it/m,
    );
    expect(run.stdout).toMatch(/Examples:\n {2}arb mapping check mapping\.yaml/);
  });
});

describe('arb mapping approve', () => {
  it('records who, when and why in the file; the relation then trades, until it is edited', async () => {
    const cwd = tempDir({ 'm.yaml': TITLES_ONLY });
    const run = await runCli(
      [
        'mapping',
        'approve',
        'm.yaml',
        'eq:game',
        '--reason',
        'read both rules: same NBA result',
        '--by',
        'alice',
      ],
      { cwd, now: () => NOW },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'arb mapping approve: approved "eq:game" by alice at 2026-01-09T12:00:00.000Z, covering missing-evidence. It trades until the relation is edited.\n',
    );
    const text = readFileSync(join(cwd, 'm.yaml'), 'utf8');
    expect(text).toMatch(/^# titles and close times only\n/);
    expect(text).toMatch(
      /\n {4}approval:\n {6}by: alice\n {6}at: 2026-01-09T12:00:00\.000Z\n {6}reason: "read both rules: same NBA result"\n {6}hash: sha256:[0-9a-f]{64}\n {6}covers:\n {8}- missing-evidence\n/,
    );
    const after = await check(cwd);
    expect(after.relations[1]).toMatchObject({
      id: 'eq:game',
      verdict: 'review',
      trades: true,
      approval: { by: 'alice', at: '2026-01-09T12:00:00.000Z', status: 'valid' },
    });
    expect(after.counts).toMatchObject({ review: 2, approved: 1 });

    // Someone edits the relation afterwards (another Polymarket market): the approval no longer holds.
    writeFileSync(join(cwd, 'm.yaml'), text.replace('market: "0xgame"', 'market: "0xgame2"'));
    const edited = await check(cwd);
    expect(edited.relations[1]).toMatchObject({ trades: false, approval: { status: 'void' } });
    expect(edited.relations[1]!.reasons.map((r) => r.code)).toContain('approval-void');
  });

  it('refuses to approve a refused relation, and leaves the file alone', async () => {
    const cwd = tempDir({ 'm.yaml': TITLES_ONLY });
    const run = await runCli(['mapping', 'approve', 'm.yaml', 'eq:spx', '--reason', 'looks fine'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^arb mapping approve: "eq:spx" is refused, which an approval cannot lift/);
    expect(run.stderr).toMatch(/refused threshold-mismatch: the titles name different thresholds/);
    expect(readFileSync(join(cwd, 'm.yaml'), 'utf8')).toBe(TITLES_ONLY);
  });

  it('has nothing to approve on a tradable relation, and says so for an unknown id', async () => {
    const full = (market: string) => ({ venue: 'kalshi', market, evidence: evidence() });
    const json = JSON.stringify({
      version: 2,
      source: 's',
      relations: [{ kind: 'implies', id: 'i', confidence: 1, a: full('KXA'), b: full('KXB') }],
    });
    const cwd = tempDir({ 'm.json': json });
    const ok = await runCli(['mapping', 'approve', 'm.json', 'i', '--reason', 'x'], { cwd });
    expect([ok.code, ok.stdout]).toEqual([
      0,
      'arb mapping approve: "i" is tradable: nothing to approve, file unchanged\n',
    ]);
    expect(readFileSync(join(cwd, 'm.json'), 'utf8')).toBe(json);
    const unknown = await runCli(['mapping', 'approve', 'm.json', 'nope', '--reason', 'x'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'arb mapping approve: m.json has no relation with id "nope" (run "arb mapping check m.json" for the ids)\n',
    );
  });
});
