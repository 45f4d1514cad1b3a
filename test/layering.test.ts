/**
 * Proves the layering rules in .dependency-cruiser.cjs actually fire, by running dependency-cruiser (the
 * same binary and config as `npm run layering`) on code that breaks them. A rule that silently matched
 * nothing, e.g. because `.ts` imports stopped resolving, would make this fail.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

interface Violation {
  rule: string;
  from: string;
  to: string;
}

function run(cwd: string, args: string[]) {
  return spawnSync(process.execPath, [DEPCRUISE, ...args, '--config', CONFIG], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The violations as data (the JSON reporter always exits 0, so this is for precise assertions only). */
function violationsOf(cwd: string, targets: string[]): Violation[] {
  const json = run(cwd, [...targets, '--output-type', 'json']);
  if (!json.stdout) throw new Error(`depcruise printed nothing (status ${json.status}): ${json.stderr}`);
  const result = JSON.parse(json.stdout) as {
    summary: { violations: { rule: { name: string }; from: string; to: string }[] };
  };
  return result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe('layering rules', () => {
  it('reject src/core importing src/app (probe in the real tree)', () => {
    const probe = join(ROOT, 'src', 'core', '__layering_probe__.ts');
    try {
      writeFileSync(
        probe,
        "// Temporary file written by test/layering.test.ts; safe to delete.\nimport '../app/main.ts';\n",
      );
      // The reporter `npm run layering` uses, so its exit status is the one CI would see.
      const cli = run(ROOT, ['src/core/__layering_probe__.ts']);
      expect(cli.status).not.toBe(0);
      expect(cli.stdout).toMatch(
        /error core-imports-only-core: src\/core\/__layering_probe__\.ts → src\/app\/main\.ts/,
      );
      expect(violationsOf(ROOT, ['src/core/__layering_probe__.ts'])).toContainEqual({
        rule: 'core-imports-only-core',
        from: 'src/core/__layering_probe__.ts',
        to: 'src/app/main.ts',
      });
    } finally {
      rmSync(probe, { force: true });
    }
  });

  it('reject src/sim importing an adapter (probe in the real tree)', () => {
    const probe = join(ROOT, 'src', 'sim', '__layering_probe__.ts');
    try {
      writeFileSync(
        probe,
        "// Temporary file written by test/layering.test.ts; safe to delete.\nimport '../venues/polymarket/sync/book-hash.ts';\n",
      );
      const cli = run(ROOT, ['src/sim/__layering_probe__.ts']);
      expect(cli.status).not.toBe(0);
      expect(cli.stdout).toMatch(
        /error sim-not-venues: src\/sim\/__layering_probe__\.ts → src\/venues\/polymarket\/sync\/book-hash\.ts/,
      );
    } finally {
      rmSync(probe, { force: true });
    }
  });

  it('catch each kind of violation in a fixture tree, and allow what the architecture allows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arb-layering-'));
    const files: Record<string, string> = {
      // allowed
      'src/core/ok.ts': 'export const one = 1;\n',
      'src/hot/detector.ts': "import { one } from '../core/ok.ts';\nexport const two = one + 1;\n",
      'src/venues/kalshi/codec.ts': "import { one } from '../../core/ok.ts';\nexport const k = one;\n",
      'src/venues/polymarket/codec.ts': 'export const p = 1;\n',
      'src/venues/shared.ts': "import { k } from './kalshi/codec.ts';\nexport const s = k;\n",
      'src/venues/shared/http.ts': 'export const send = 1;\n',
      'src/venues/kalshi/rest.ts': "import { send } from '../shared/http.ts';\nexport const r = send;\n",
      'src/sim/engine/book.ts': "import { one } from '../../core/ok.ts';\nexport const book = one;\n",
      'src/sim/kalshi/front.ts': "import { book } from '../engine/book.ts';\nexport const f = book;\n",
      'src/obs/metrics.ts': 'export const m = 1;\n',
      'src/app/main.ts': "import { m } from '../obs/metrics.ts';\nexport const main = m;\n",
      // forbidden
      'src/core/fs.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
      'src/core/up.ts': "import { two } from '../hot/detector.ts';\nexport const u = two;\n",
      'src/hot/io.ts': "import type { k } from '../venues/kalshi/codec.ts';\nexport type K = typeof k;\n",
      'src/venues/shared/leak.ts': "import { k } from '../kalshi/codec.ts';\nexport const l = k;\n",
      'src/venues/kalshi/peek.ts': "import { p } from '../polymarket/codec.ts';\nexport const x = p;\n",
      'src/venues/polymarket/cheat.ts':
        "import { book } from '../../sim/engine/book.ts';\nexport const c = book;\n",
      'src/sim/polymarket/front.ts': "import { f } from '../kalshi/front.ts';\nexport const g = f;\n",
      // the simulator never borrows adapter code, not even a type
      'src/sim/kalshi/borrow.ts': "import { k } from '../../venues/kalshi/codec.ts';\nexport const b = k;\n",
      'src/sim/ports.ts':
        "import type { p } from '../venues/polymarket/codec.ts';\nexport type P = typeof p;\n",
      'src/obs/wire.ts': "import { main } from '../app/main.ts';\nexport const w = main;\n",
      'src/exec/a.ts': "import { b } from './b.ts';\nexport const a = (): number => b();\n",
      'src/exec/b.ts': "import { a } from './a.ts';\nexport const b = (): number => a();\n",
      'src/data/typo.ts': "import { nothing } from './missing.ts';\nexport const t = nothing;\n",
    };
    try {
      for (const [name, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), content);
      }
      const seen = violationsOf(dir, ['src'])
        .map((v) => `${v.rule}: ${v.from} -> ${v.to}`)
        .sort();
      expect(seen).toEqual(
        [
          'core-no-node-builtins: src/core/fs.ts -> fs',
          'core-imports-only-core: src/core/up.ts -> src/hot/detector.ts',
          'hot-imports-only-core-and-hot: src/hot/io.ts -> src/venues/kalshi/codec.ts',
          'venue-not-another-venue: src/venues/kalshi/peek.ts -> src/venues/polymarket/codec.ts',
          'venue-not-another-venue: src/venues/shared/leak.ts -> src/venues/kalshi/codec.ts',
          'venue-not-sim-or-app: src/venues/polymarket/cheat.ts -> src/sim/engine/book.ts',
          'sim-venue-not-another-sim-venue: src/sim/polymarket/front.ts -> src/sim/kalshi/front.ts',
          'sim-not-venues: src/sim/kalshi/borrow.ts -> src/venues/kalshi/codec.ts',
          'sim-not-venues: src/sim/ports.ts -> src/venues/polymarket/codec.ts',
          'only-app-imports-app: src/obs/wire.ts -> src/app/main.ts',
          // A cycle is reported once, at the edge where the cruiser first closes it.
          'no-circular: src/exec/a.ts -> src/exec/b.ts',
          'no-unresolvable: src/data/typo.ts -> ./missing.ts',
        ].sort(),
      );
      expect(run(dir, ['src']).status).toBe(seen.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
