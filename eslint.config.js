// Flat ESLint config. typescript-eslint `recommended` without type information keeps `npm run lint` fast;
// the type checker (`npm run typecheck`) catches what type-aware rules would.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node globals for the plain-JS entry points (bin/*.mjs, *.cjs configs); TS files get them from @types/node. */
const nodeGlobals = {
  process: 'readonly',
  console: 'readonly',
  URL: 'readonly',
  Buffer: 'readonly',
  __dirname: 'readonly',
  module: 'writable',
  require: 'readonly',
};

/**
 * Where time and randomness must be injected (Clock, Rng) so runs are deterministic and replayable: the pure
 * layers, the simulators, and the code that trades (engine, order path, adapters), so a SimClock run of the
 * engine and the adapters is replayable too.
 */
const DETERMINISTIC = ['src/core/**', 'src/hot/**', 'src/sim/**', 'src/exec/**', 'src/venues/**'];
const INJECT = 'take the injected Clock/Rng instead (only src/app wires in the real ones)';

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.arb/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: DETERMINISTIC,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: `Date.now reads the wall clock: ${INJECT}.` },
        { object: 'Math', property: 'random', message: `Math.random is unseeded: ${INJECT}.` },
        { object: 'performance', property: 'now', message: `performance.now reads a clock: ${INJECT}.` },
        { object: 'globalThis', property: 'setTimeout', message: `timers: ${INJECT}.` },
        { object: 'globalThis', property: 'setInterval', message: `timers: ${INJECT}.` },
        { object: 'globalThis', property: 'setImmediate', message: `timers: ${INJECT}.` },
        // A hidden wall-clock timer: the signal aborts after real milliseconds, whatever the injected Clock says.
        { object: 'AbortSignal', property: 'timeout', message: `AbortSignal.timeout is a timer: ${INJECT}.` },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: `timers: ${INJECT}.` },
        { name: 'setInterval', message: `timers: ${INJECT}.` },
        { name: 'setImmediate', message: `timers: ${INJECT}.` },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: `new Date() reads the wall clock: ${INJECT}.`,
        },
        {
          selector: "CallExpression[callee.type='Identifier'][callee.name='Date']",
          message: `Date() returns the current time as a string: ${INJECT}.`,
        },
      ],
      // The same timers and clocks reached through an import instead of a global.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'timers',
            'node:timers',
            'timers/promises',
            'node:timers/promises',
            'perf_hooks',
            'node:perf_hooks',
          ].map((name) => ({ name, message: `timers and clocks: ${INJECT}.` })),
        },
      ],
    },
  },
);
