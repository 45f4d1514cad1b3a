/**
 * Proves the determinism lint (eslint.config.js) fires in src/core, src/hot, src/sim, src/exec and src/venues,
 * and only there: those layers must take time and randomness from the injected Clock/Rng.
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

const OFFENDERS = [
  'export const a = Date.now();',
  'export const b = new Date();',
  'export const c = Math.random();',
  'export const d = performance.now();',
  'setTimeout(() => undefined, 1);',
  'setInterval(() => undefined, 1);',
  'globalThis.setTimeout(() => undefined, 1);',
  "import { setTimeout as later } from 'node:timers/promises';\nexport const e = later;",
  'export const f = AbortSignal.timeout(1_000);',
];
const ALLOWED = ['export const t = new Date(1_700_000_000_000);', 'export const n = Date.UTC(2025, 0, 1);'];

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: `${ROOT}/${filePath}` });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('determinism lint', () => {
  it.each([
    'src/core/x.ts',
    'src/hot/x.ts',
    'src/sim/kalshi/x.ts',
    'src/exec/x.ts',
    'src/exec/store/x.ts',
    'src/venues/x.ts',
    'src/venues/kalshi/x.ts',
    'src/venues/shared/x.ts',
  ])('flags real time and randomness in %s', async (file) => {
    for (const code of OFFENDERS) {
      const ids = await ruleIds(code, file);
      expect(ids, code).toHaveLength(1);
      expect(ids[0], code).toMatch(/^no-restricted-(properties|globals|syntax|imports)$/);
    }
    for (const code of ALLOWED) expect(await ruleIds(code, file), code).toEqual([]);
  });

  it.each([
    'src/app/x.ts',
    'src/app/paper/x.ts',
    'test/core/x.test.ts',
    'test/exec/x.test.ts',
    'src/core/x.test.ts',
  ])('allows them in %s', async (file) => {
    for (const code of OFFENDERS) expect(await ruleIds(code, file), code).toEqual([]);
  });
});
