import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crashLoopVerdict, StartLedger } from '../../../src/app/supervision/crash-loop.ts';
import { tempDir } from '../helpers.ts';

const MIN = 60_000;
const POLICY = { maxStarts: 3, windowMs: 10 * MIN };

describe('crash-loop verdict', () => {
  it('N unclean starts within M minutes is a loop; fewer, older or one clean stop is not', () => {
    const t0 = 1_000_000_000_000;
    const unclean = [0, 1, 2].map((i) => ({ atMs: t0 + i * MIN, pid: 10 + i }));
    const v = crashLoopVerdict(unclean, t0 + 3 * MIN, POLICY);
    expect(v.loop).toBe(true);
    expect(v.loop && v.reason).toMatch(
      /^the last 3 starts \(since 2001-09-09T01:46:40\.000Z\) all ended without a clean stop, within 10 min$/,
    );
    expect(crashLoopVerdict(unclean.slice(1), t0 + 3 * MIN, POLICY).loop).toBe(false);
    // The oldest of the last three is more than ten minutes ago.
    expect(crashLoopVerdict(unclean, t0 + 10 * MIN + 1, POLICY).loop).toBe(false);
    const oneClean = [unclean[0]!, { ...unclean[1]!, clean: true }, unclean[2]!];
    expect(crashLoopVerdict(oneClean, t0 + 3 * MIN, POLICY).loop).toBe(false);
    // Only the last N count: an old clean stop before three fresh failures does not help.
    expect(
      crashLoopVerdict([{ atMs: t0 - MIN, pid: 1, clean: true }, ...unclean], t0 + 3 * MIN, POLICY).loop,
    ).toBe(true);
  });
});

describe('start ledger file', () => {
  it('records starts, marks this process clean, survives reopening, and clears', () => {
    const dir = tempDir();
    const a = StartLedger.open(dir);
    a.recordStart(1_000, 41);
    a.recordStart(2_000, 42);
    a.markClean(42);
    const b = StartLedger.open(dir);
    expect(b.problem).toBeUndefined();
    expect(b.records()).toEqual([
      { atMs: 1_000, pid: 41 },
      { atMs: 2_000, pid: 42, clean: true },
    ]);
    b.clear();
    expect(StartLedger.open(dir).records()).toEqual([]);
  });

  it('keeps at most 50 starts', () => {
    const dir = tempDir();
    const l = StartLedger.open(dir);
    for (let i = 0; i < 60; i++) l.recordStart(i, i);
    const kept = (JSON.parse(readFileSync(join(dir, 'starts.json'), 'utf8')) as { starts: unknown[] }).starts;
    expect(kept).toHaveLength(50);
    expect(StartLedger.open(dir).records()[0]).toEqual({ atMs: 10, pid: 10 });
  });

  it('an unreadable file is said and started afresh, not a crash', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'starts.json'), '{not json');
    const l = StartLedger.open(dir);
    expect(l.problem).toMatch(/starts\.json unreadable \(.*\); starting it afresh$/);
    expect(l.records()).toEqual([]);
  });
});
