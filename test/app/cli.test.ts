import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.ts';

const COMMANDS = [
  'paper',
  'live',
  'status',
  'ack',
  'debug',
  'replay',
  'kill',
  'gates',
  'sim',
  'report',
  'mapping',
  'config',
];
const BUILT = ['paper', 'live', 'status', 'ack', 'debug', 'gates', 'sim', 'report', 'mapping', 'config'];
const NOT_BUILT = COMMANDS.filter((c) => !BUILT.includes(c));
const BIN = fileURLToPath(new URL('../../bin/arb.mjs', import.meta.url));

const BAD_CONFIG = [
  'risk:',
  '  maxOpenPackages: -1',
  '  dailyLossCapUsd: "1e-3"',
  'lanes:',
  '  cross_venue:',
  '    minEdgeBps: "80"',
  '',
].join('\n');
const BAD_LINES = [
  /^ {2}risk\.maxOpenPackages: .+$/m,
  /^ {2}risk\.dailyLossCapUsd: not an exact dollar amount.+$/m,
  /^ {2}lanes\.cross_venue\.minEdgeBps: .+$/m,
];

describe('arb --help', () => {
  it('lists all twelve commands with a description, examples and exit codes', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const name of COMMANDS)
      expect(run.stdout).toMatch(new RegExp(`^ {2}${name}( \\[\\w+\\])? +\\w.+$`, 'm'));
    expect(run.stdout).toMatch(/Examples:\n {2}arb config check/);
    expect(run.stdout).toMatch(
      /Exit codes:\n {2}0 {2}ok\n {2}1 {2}runtime failure\n {2}2 {2}usage or config error\n {2}3 .*\n {2}4 {2}arb live: crash loop.*\n {2}5 {2}a pre-run gate is red/,
    );
  });

  it('shows help for a single command', async () => {
    const run = await runCli(['config', 'check', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: arb config check \[options\] \[file\]/);
    expect(run.stdout).toMatch(/--json/);
  });
});

describe('commands that are not built yet', () => {
  it.each(NOT_BUILT)('arb %s says so plainly and exits 3', async (name) => {
    const run = await runCli([name]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(`^arb ${name}: not built yet \\(planned in the [a-z-]+ issue\\)\\. `),
    );
    expect(run.stderr).toMatch(
      /Available now: arb paper, arb live, arb status, arb ack, arb debug, arb gates, arb sim, arb report, arb mapping, arb config\.\n$/,
    );
  });

  it('still exits 3 (not a usage error) when given options the finished command will take', async () => {
    const run = await runCli(['replay', '--strict']);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      'arb replay: not built yet (planned in the record-and-replay issue). Available now: arb paper, arb live, arb status, arb ack, arb debug, arb gates, arb sim, arb report, arb mapping, arb config.\n',
    );
  });
});

describe('usage errors exit 2', () => {
  it('rejects an unknown command with a message', async () => {
    const run = await runCli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('rejects an unknown option', async () => {
    const run = await runCli(['config', 'check', '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option '--bogus'/);
  });

  it('treats a bare `arb` as a usage error and shows the help', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Usage: arb/);
  });
});

describe('arb config check', () => {
  it('accepts the defaults when there is no config file', async () => {
    const run = await runCli(['config', 'check']);
    expect(run).toEqual({ code: 0, stdout: 'config OK (defaults)\n', stderr: '' });
  });

  it('picks up ./arb.config.yaml by default', async () => {
    const cwd = tempDir({ 'arb.config.yaml': 'risk:\n  maxOpenPackages: 2\n' });
    const run = await runCli(['config', 'check'], { cwd });
    expect(run).toEqual({ code: 0, stdout: 'config OK (arb.config.yaml)\n', stderr: '' });
    const bad = await runCli(['config', 'check'], { cwd: tempDir({ 'arb.config.yaml': BAD_CONFIG }) });
    expect(bad.code).toBe(2);
  });

  it('exits 2 on a bad file and prints each problem on a path-qualified line', async () => {
    const run = await runCli(['config', 'check', 'bad.yaml'], { cwd: tempDir({ 'bad.yaml': BAD_CONFIG }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^config invalid \(bad\.yaml\): 3 problems\n/);
    for (const line of BAD_LINES) expect(run.stderr).toMatch(line);
  });

  it('includes env problems alongside file problems', async () => {
    const run = await runCli(['config', 'check'], { env: { ARB_RISK__NOPE: '1', ARB_LOG__LEVEL: 'loud' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ {2}env ARB_RISK__NOPE: names no config key/m);
    expect(run.stderr).toMatch(/^ {2}log\.level: .*\(set by ARB_LOG__LEVEL\)$/m);
  });

  it('prints {ok, issues} with --json', async () => {
    const cwd = tempDir({ 'bad.yaml': BAD_CONFIG });
    const bad = await runCli(['config', 'check', 'bad.yaml', '--json'], { cwd });
    expect(bad.code).toBe(2);
    const parsed = JSON.parse(bad.stdout) as { ok: boolean; issues: { path: string; message: string }[] };
    expect(parsed.ok).toBe(false);
    expect(parsed.issues.map((i) => i.path).sort()).toEqual(
      ['lanes.cross_venue.minEdgeBps', 'risk.dailyLossCapUsd', 'risk.maxOpenPackages'].sort(),
    );
    const good = await runCli(['config', 'check', '--json']);
    expect(JSON.parse(good.stdout)).toEqual({ ok: true, source: 'defaults', issues: [] });
  });

  it('works through the real bin as a child process', () => {
    const cwd = tempDir({ 'bad.yaml': BAD_CONFIG });
    const child = spawnSync(process.execPath, [BIN, 'config', 'check', 'bad.yaml'], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(child.status).toBe(2);
    for (const line of BAD_LINES) expect(child.stderr).toMatch(line);
    const ok = spawnSync(process.execPath, [BIN, 'config', 'check'], { cwd, encoding: 'utf8', env: {} });
    expect(ok.stdout).toBe('config OK (defaults)\n');
    expect(ok.status).toBe(0);
  });
});

describe('arb report opportunities', () => {
  it('explains what detection found in a short simulated run (small scenario, seed 4)', async () => {
    const run = await runCli([
      'report',
      'opportunities',
      '--scenario',
      'small',
      '--seed',
      '4',
      '--minutes',
      '60',
      '--limit',
      '2',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Simulator truth: \d+ arbitrage windows; detection saw \d+ of them\./);
    expect(run.stdout).toMatch(/^lane\s+found\s+median edge\s+best edge$/m);
  });

  it('prints machine-readable JSON with money as integer micros', async () => {
    const run = await runCli([
      'report',
      'opportunities',
      '--scenario',
      'small',
      '--seed',
      '4',
      '--minutes',
      '60',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as {
      truth: { windows: number; matched: number };
      opportunities: { edgeMicros: number; detectedAtMs: number }[];
    };
    expect(doc.truth.matched).toBe(doc.truth.windows);
    for (const o of doc.opportunities) {
      expect(Number.isSafeInteger(o.edgeMicros)).toBe(true);
      expect(Number.isInteger(o.detectedAtMs)).toBe(true);
    }
  });

  it('rejects bad options with exit 2', async () => {
    const minutes = await runCli(['report', 'opportunities', '--minutes', '0']);
    expect(minutes.code).toBe(2);
    expect(minutes.stderr).toContain(
      "option '--minutes <m>' argument '0' is invalid. must be an integer from 1 to 1440",
    );
    const lane = await runCli(['report', 'opportunities', '--lane', 'nope']);
    expect(lane.code).toBe(2);
    expect(lane.stderr).toMatch(/--lane must be one of .+, got "nope"/);
  });
});
