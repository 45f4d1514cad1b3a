// Layering rules from the architecture ("inner never imports outer"), checked by `npm run layering`.
// Paths are matched relative to the repo root, so run dependency-cruiser from there.
// test/layering.test.ts proves on every test run that these rules actually fire.
const fs = require('node:fs');
const path = require('node:path');

// Venue folder names. Every folder under src/venues/ is a venue, so adding a venue there also covers its sim
// front without editing this file; the known two are listed so the sim rule holds before src/venues exists.
function venueNames() {
  const known = new Set(['kalshi', 'polymarket']);
  const dir = path.join(__dirname, 'src', 'venues');
  if (fs.existsSync(dir)) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'shared') known.add(entry.name);
    }
  }
  return [...known].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}
const VENUES = `(${venueNames().join('|')})`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-only-core',
      severity: 'error',
      comment: 'src/core is pure domain code: it may import only other src/core files (no packages).',
      from: { path: '^src/core/' },
      to: { pathNot: '^src/core/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'core-no-node-builtins',
      severity: 'error',
      comment: 'src/core does no I/O, so it has no reason to import a Node builtin.',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'hot-imports-only-core-and-hot',
      severity: 'error',
      comment: 'The hot path is pure and allocation-light: it builds on src/core and nothing else.',
      from: { path: '^src/hot/' },
      to: { pathNot: '^src/(core|hot)/' },
    },
    {
      name: 'risk-imports-only-core-and-hot',
      severity: 'error',
      comment: 'Risk checks are pure decisions over state they are given: no venues, no I/O, no app.',
      from: { path: '^src/risk/' },
      to: { pathNot: '^src/(core|hot|risk)/' },
    },
    {
      name: 'venue-not-another-venue',
      severity: 'error',
      comment: "A venue's raw types stay in its own folder; venues never reach into each other.",
      from: { path: '^src/venues/([^/]+)/' },
      // src/venues/shared/ is the transport every adapter builds on (HTTP, classification, WebSocket), not a venue.
      to: { path: '^src/venues/[^/]+/', pathNot: ['^src/venues/$1/', '^src/venues/shared/'] },
    },
    {
      name: 'venue-not-sim-or-app',
      severity: 'error',
      comment:
        'Adapters must work against the real venues, so they cannot depend on the simulators or the app.',
      from: { path: '^src/venues/' },
      to: { path: '^src/(sim|app)/' },
    },
    {
      name: 'sim-not-venues',
      severity: 'error',
      comment:
        "The simulators implement the venues from their documentation, never with the adapters' code: a shared " +
        'misreading would pass on both sides. Code both need that is venue-neutral belongs in src/core.',
      from: { path: '^src/sim/' },
      to: { path: '^src/venues/' },
    },
    {
      name: 'sim-venue-not-another-sim-venue',
      severity: 'error',
      comment: "A venue's simulator front shares only the common engine, never another venue's front.",
      from: { path: `^src/sim/${VENUES}/` },
      to: { path: `^src/sim/${VENUES}/`, pathNot: '^src/sim/$1/' },
    },
    {
      name: 'only-app-imports-app',
      severity: 'error',
      comment: 'src/app is the composition root: only it, bin/ and tests may import it.',
      from: { pathNot: '^(src/app|bin|test|bench)/' },
      to: { path: '^src/app/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Cycles hide the real layering and make initialisation order fragile.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import the cruiser cannot resolve would silently escape every rule above.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Count `import type` too: a type-only import still couples the layers.
    tsPreCompilationDeps: true,
    // Imports carry explicit `.ts` extensions; the extension list covers any that don't.
    enhancedResolveOptions: {
      extensions: ['.ts', '.mts', '.js', '.mjs', '.cjs', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    exclude: { path: '(^|/)node_modules/' },
  },
};
