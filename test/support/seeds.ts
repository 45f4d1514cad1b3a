/**
 * Seeds for property and seeded-simulation tests: the fixed regression seeds a test has always run (so a bug
 * once caught stays caught), plus one fresh seed per run, so every run explores new cases instead of the same
 * ones forever. The fresh seed is `ARB_TEST_SEED` when set (to replay a failure), else crypto-random.
 *
 * Every seed is in its test's name, and a failure says which seed failed and the exact command that replays it:
 *
 *   ARB_TEST_SEED=1234567 npx vitest run test/core/fees.test.ts -t '…name… \(seed 1234567[,)]'
 *
 * See test/README.md.
 */
import { randomInt } from 'node:crypto';
import { relative } from 'node:path';
import { expect, it } from 'vitest';

export const SEED_ENV = 'ARB_TEST_SEED';

/** fast-check and `Rng` both take any integer here; 2^31 keeps it positive and 32-bit either way. */
const SEED_LIMIT = 2 ** 31;

export interface TestSeed {
  readonly seed: number;
  /** regression: fixed in the test; fresh: drawn for this run; replay: taken from ARB_TEST_SEED. */
  readonly kind: 'regression' | 'fresh' | 'replay';
}

/** The seed ARB_TEST_SEED names, or undefined when unset; anything but an integer in [0, 2^31) is an error. */
export function parseSeedEnv(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = /^\d{1,10}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n >= SEED_LIMIT)
    throw new Error(`${SEED_ENV} must be an integer in [0, ${SEED_LIMIT}), got ${JSON.stringify(value)}`);
  return n;
}

/** Drawn once per test file (vitest loads each file's modules afresh), so a file's tests share it. */
const replay = parseSeedEnv(process.env[SEED_ENV]);
const fresh: TestSeed =
  replay === undefined ? { seed: randomInt(SEED_LIMIT), kind: 'fresh' } : { seed: replay, kind: 'replay' };

/** The regression seeds (in order, each once), then this run's fresh one (unless it is one of them). */
export function testSeeds(regression: readonly number[], run: TestSeed = fresh): TestSeed[] {
  const fixed = [...new Set(regression)].map((seed): TestSeed => ({ seed, kind: 'regression' }));
  return fixed.some((s) => s.seed === run.seed) ? fixed : [...fixed, run];
}

/** How a seed shows in a test name: `seed 42`, `seed 1234567, fresh`, `seed 1234567, from ARB_TEST_SEED`. */
export function seedLabel(s: TestSeed): string {
  return s.kind === 'regression'
    ? `seed ${s.seed}`
    : `seed ${s.seed}, ${s.kind === 'fresh' ? 'fresh' : `from ${SEED_ENV}`}`;
}

const regexEscape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The command that runs this one case again: the same file, the fresh seed set to `seed`, and a name filter
 * matching `name (seed <seed>` and nothing more (the replayed fresh case, and a regression case of the same seed if any).
 */
export function replayCommand(file: string, name: string, seed: number): string {
  // `[,)]`: seed 98 must not also select seed 987.
  const filter = `${regexEscape(`${name} (seed ${seed}`)}[,)]`;
  return `${SEED_ENV}=${seed} npx vitest run ${file} -t ${shellQuote(filter)}`;
}

/** `err` with the seed and the replay command put first in its message (a non-Error is wrapped). */
export function withReplay(err: unknown, file: string, name: string, s: TestSeed): Error {
  const e = err instanceof Error ? err : new Error(String(err));
  e.message = `failed with ${seedLabel(s)}; replay with:\n  ${replayCommand(file, name, s.seed)}\n${e.message}`;
  return e;
}

/**
 * One `it` per seed (the regression seeds, then the fresh one), named `<name> (<seed label>)`. `body` gets the
 * seed: pass it to fast-check (`{ seed }`) or to an `Rng`. A failure names its seed and how to replay it.
 */
export function itSeeded(
  name: string,
  regression: readonly number[],
  body: (seed: number) => void | Promise<void>,
  timeoutMs?: number,
): void {
  for (const s of testSeeds(regression))
    it(
      `${name} (${seedLabel(s)})`,
      async () => {
        try {
          await body(s.seed);
        } catch (err) {
          const path = expect.getState().testPath ?? 'test';
          throw withReplay(err, relative(process.cwd(), path), name, s);
        }
      },
      timeoutMs,
    );
}
