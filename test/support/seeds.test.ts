import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  itSeeded,
  parseSeedEnv,
  replayCommand,
  seedLabel,
  testSeeds,
  withReplay,
  type TestSeed,
} from './seeds.ts';

const fresh: TestSeed = { seed: 987_654, kind: 'fresh' };

describe('test seeds', () => {
  it('are the regression seeds in order, each once, then the run’s fresh one', () => {
    expect(testSeeds([42, 7, 42], fresh)).toEqual([
      { seed: 42, kind: 'regression' },
      { seed: 7, kind: 'regression' },
      fresh,
    ]);
    expect(testSeeds([], fresh)).toEqual([fresh]);
    // A fresh seed equal to a regression seed would only run the same case twice.
    expect(testSeeds([987_654], fresh)).toEqual([{ seed: 987_654, kind: 'regression' }]);
  });

  it('ARB_TEST_SEED: unset is random, an integer in [0, 2^31) replays, anything else is refused', () => {
    expect(parseSeedEnv(undefined)).toBeUndefined();
    expect(parseSeedEnv('')).toBeUndefined();
    expect(parseSeedEnv('0')).toBe(0);
    expect(parseSeedEnv(' 2147483647 ')).toBe(2_147_483_647);
    for (const bad of ['2147483648', '-1', '1.5', '1e3', 'abc', '0x10'])
      expect(() => parseSeedEnv(bad), bad).toThrow(
        `ARB_TEST_SEED must be an integer in [0, 2147483648), got ${JSON.stringify(bad)}`,
      );
  });

  it('labels say which seed and where it came from', () => {
    expect(seedLabel({ seed: 42, kind: 'regression' })).toBe('seed 42');
    expect(seedLabel(fresh)).toBe('seed 987654, fresh');
    expect(seedLabel({ seed: 5, kind: 'replay' })).toBe('seed 5, from ARB_TEST_SEED');
  });

  it('the replay command selects the failed case by name, both as fresh and as replayed, through the shell', () => {
    const name = "keeps (a) [weird] name's $HOME intact? +*.|^";
    const cmd = replayCommand('test/x.test.ts', name, 987_654);
    expect(cmd).toMatch(/^ARB_TEST_SEED=987654 npx vitest run test\/x\.test\.ts -t '/);
    // What the shell hands vitest as the -t pattern, exactly.
    const pattern = execFileSync('sh', ['-c', `printf %s ${cmd.slice(cmd.indexOf(' -t ') + 4)}`], {
      encoding: 'utf8',
    });
    const re = new RegExp(pattern);
    expect(re.test(`some describe ${name} (${seedLabel(fresh)})`)).toBe(true);
    expect(re.test(`${name} (${seedLabel({ seed: 987_654, kind: 'replay' })})`)).toBe(true);
    expect(re.test(`${name} (seed 42)`)).toBe(false);
    expect(re.test(`${name} (seed 9876543, fresh)`)).toBe(false);
  });

  it('a failure names its seed and the command first, keeping the original message', () => {
    const e = withReplay(new Error('Property failed after 3 tests'), 'test/x.test.ts', 'holds', fresh);
    expect(e.message).toBe(
      "failed with seed 987654, fresh; replay with:\n  ARB_TEST_SEED=987654 npx vitest run test/x.test.ts -t 'holds \\(seed 987654[,)]'\n" +
        'Property failed after 3 tests',
    );
    expect(withReplay('thrown string', 'f', 'n', fresh).message).toMatch(/\nthrown string$/);
  });
});

describe('itSeeded', () => {
  const seen: number[] = [];
  itSeeded('hands each case its seed, named in the test', [3, 4], (seed) => {
    seen.push(seed);
    expect(expect.getState().currentTestName).toContain(
      `hands each case its seed, named in the test (seed ${seed}`,
    );
  });
  it('ran the regression seeds and one fresh seed', () => {
    expect(seen.slice(0, 2)).toEqual([3, 4]);
    expect(seen).toHaveLength(3);
    expect(Number.isSafeInteger(seen[2]) && seen[2]! >= 0 && seen[2]! < 2 ** 31).toBe(true);
  });
});
