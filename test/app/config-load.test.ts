import { describe, expect, it } from 'vitest';
import { loadConfig, type Config, type ConfigIssue } from '../../src/app/config/index.ts';
import { tempDir } from './helpers.ts';

function expectOk(result: ReturnType<typeof loadConfig>): Config {
  if (!result.ok) throw new Error(`expected a valid config, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function expectIssues(result: ReturnType<typeof loadConfig>): ConfigIssue[] {
  if (result.ok) throw new Error('expected config issues, got a valid config');
  return result.error;
}

describe('loadConfig defaults', () => {
  it('gives a complete config from nothing', () => {
    const cfg = expectOk(loadConfig({ env: {} }));
    expect(cfg.venues.kalshi).toEqual({ enabled: true, orderGroupContractsLimit: 2000 });
    expect(cfg.venues.polymarket).toEqual({ enabled: true, chainId: 137 });
    expect(cfg.risk).toEqual({
      maxNotionalPerMarketUsd: 100_000_000,
      maxNotionalPerEventUsd: 250_000_000,
      dailyLossCapUsd: 50_000_000,
      maxNakedExposureUsd: 25_000_000,
      maxOpenPackages: 5,
      maxLegGapMs: 2000,
      nakedBudgetUsdSeconds: 50_000_000,
    });
    expect(cfg.execution).toEqual({
      legPriceToleranceCents: 1,
      orderTimeoutMs: 5_000,
      orderPollMs: 100,
      fillWaitMs: 2_000,
      balanceRefreshSeconds: 60,
      unknownRetryMs: 1_000,
    });
    for (const lane of ['intra_venue', 'cross_venue', 'parity', 'event_tree', 'structural'] as const) {
      expect(cfg.lanes[lane]).toEqual({ enabled: true, minEdgeBps: 50, minSizeContracts: 1 });
    }
    expect(cfg.paths).toEqual({ stateDir: '.arb', journalDir: '.arb/journal' });
    expect(cfg.sim).toEqual({ seed: 1, scenario: 'default' });
    expect(cfg.log).toEqual({ level: 'info' });
  });

  it('treats an empty file as all defaults', () => {
    const dir = tempDir({ 'empty.yaml': '' });
    expect(expectOk(loadConfig({ file: 'empty.yaml', cwd: dir, env: {} }))).toEqual(
      expectOk(loadConfig({ env: {} })),
    );
  });
});

describe('loadConfig from a file', () => {
  it('reads a good YAML file and keeps defaults for what it omits', () => {
    const dir = tempDir({
      'arb.config.yaml': [
        'venues:',
        '  kalshi:',
        '    restUrl: https://demo-api.kalshi.co/trade-api/v2',
        '    wsUrl: wss://demo-api.kalshi.co/trade-api/ws/v2',
        '    keyId: "0123"',
        '  polymarket:',
        '    enabled: false',
        'risk:',
        '  maxNotionalPerMarketUsd: "250.00"',
        '  dailyLossCapUsd: 20',
        '  maxOpenPackages: 3',
        'lanes:',
        '  cross_venue: { minEdgeBps: 80, minSizeContracts: 2.5 }',
        'log: { level: debug }',
        '',
      ].join('\n'),
    });
    const cfg = expectOk(loadConfig({ file: 'arb.config.yaml', cwd: dir, env: {} }));
    expect(cfg.venues.kalshi).toEqual({
      enabled: true,
      restUrl: 'https://demo-api.kalshi.co/trade-api/v2',
      wsUrl: 'wss://demo-api.kalshi.co/trade-api/ws/v2',
      keyId: '0123',
      orderGroupContractsLimit: 2000,
    });
    expect(cfg.venues.polymarket.enabled).toBe(false);
    expect(cfg.risk.maxNotionalPerMarketUsd).toBe(250_000_000);
    expect(cfg.risk.dailyLossCapUsd).toBe(20_000_000);
    expect(cfg.risk.maxNotionalPerEventUsd).toBe(250_000_000);
    expect(cfg.risk.maxOpenPackages).toBe(3);
    expect(cfg.lanes.cross_venue).toEqual({ enabled: true, minEdgeBps: 80, minSizeContracts: 2.5 });
    expect(cfg.lanes.parity.minEdgeBps).toBe(50);
    expect(cfg.log.level).toBe('debug');
  });

  it('reads JSON files', () => {
    const dir = tempDir({ 'c.json': JSON.stringify({ sim: { seed: 42, scenario: 'thin-books' } }) });
    const cfg = expectOk(loadConfig({ file: 'c.json', cwd: dir, env: {} }));
    expect(cfg.sim).toEqual({ seed: 42, scenario: 'thin-books' });
  });

  it('refuses a Kalshi order group cap outside the venue range of whole contracts (1–1,000,000)', () => {
    for (const bad of ['0', '2.5', '1000001']) {
      const dir = tempDir({ 'c.yaml': `venues:\n  kalshi:\n    orderGroupContractsLimit: ${bad}\n` });
      const issues = expectIssues(loadConfig({ file: 'c.yaml', cwd: dir, env: {} }));
      expect(issues.map((i) => i.path)).toEqual(['venues.kalshi.orderGroupContractsLimit']);
    }
    const dir = tempDir({ 'c.yaml': 'venues:\n  kalshi:\n    orderGroupContractsLimit: 40\n' });
    expect(
      expectOk(loadConfig({ file: 'c.yaml', cwd: dir, env: {} })).venues.kalshi.orderGroupContractsLimit,
    ).toBe(40);
  });

  it('reports every problem in a bad file, each with its key path', () => {
    const dir = tempDir({
      'bad.yaml': [
        'venues:',
        '  kalshi:',
        '    enabled: "yes"',
        '    wsUrl: https://not-a-websocket',
        'risk:',
        '  maxOpenPackages: 2.5',
        '  max_leg_gap_ms: 100',
        'lanes:',
        '  cross_venue:',
        '    minEdgeBps: -1',
        '    minSizeContracts: 0.001',
        '  parityy: {}',
        'log:',
        '  level: loud',
        'extra: 1',
        '',
      ].join('\n'),
    });
    const issues = expectIssues(loadConfig({ file: 'bad.yaml', cwd: dir, env: {} }));
    const byPath = new Map(issues.map((i) => [i.path, i.message]));
    expect([...byPath.keys()].sort()).toEqual(
      [
        'venues.kalshi.enabled',
        'venues.kalshi.wsUrl',
        'risk.maxOpenPackages',
        'risk.max_leg_gap_ms',
        'lanes.cross_venue.minEdgeBps',
        'lanes.cross_venue.minSizeContracts',
        'lanes.parityy',
        'log.level',
        'extra',
      ].sort(),
    );
    expect(byPath.get('risk.max_leg_gap_ms')).toBe('unknown key (did you mean "maxLegGapMs"?)');
    expect(byPath.get('lanes.parityy')).toBe('unknown key (did you mean "parity"?)');
    expect(byPath.get('extra')).toMatch(
      /unknown key \(expected one of: venues, risk, lanes, paths, sim, detection, sizing, paper, execution, heartbeat, startup, gates, supervision, log\)/,
    );
    expect(byPath.get('venues.kalshi.wsUrl')).toMatch(/ws:\/\/ or wss:\/\//);
  });

  it('rejects both a Kalshi key and a key file, since it could not know which to use', () => {
    const dir = tempDir({
      'k.yaml': 'venues:\n  kalshi:\n    privateKeyPem: "-----BEGIN"\n    privateKeyPath: key.pem\n',
    });
    expect(expectIssues(loadConfig({ file: 'k.yaml', cwd: dir, env: {} }))).toEqual([
      {
        path: 'venues.kalshi.privateKeyPath',
        message: 'set either privateKeyPem or privateKeyPath, not both',
      },
    ]);
  });

  it('reports a missing file as an issue naming the file', () => {
    const issues = expectIssues(loadConfig({ file: 'nope.yaml', cwd: tempDir(), env: {} }));
    expect(issues).toEqual([{ path: 'nope.yaml', message: 'cannot read config: file not found' }]);
  });

  it('gives line and column for YAML syntax errors', () => {
    const dir = tempDir({ 's.yaml': 'risk:\n  maxOpenPackages: 3\n  maxOpenPackages: 4\n' });
    const issues = expectIssues(loadConfig({ file: 's.yaml', cwd: dir, env: {} }));
    expect(issues).toEqual([{ path: 's.yaml:3:3', message: 'YAML: Map keys must be unique' }]);
  });

  it('gives line and column for JSON syntax errors', () => {
    const dir = tempDir({ 's.json': '{\n  "risk": {\n    "maxOpenPackages": 3,\n  }\n}\n' });
    const issues = expectIssues(loadConfig({ file: 's.json', cwd: dir, env: {} }));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('s.json:4:3');
    expect(issues[0]?.message).toMatch(/^JSON: /);
  });

  it('rejects a file whose top level is not a mapping', () => {
    const dir = tempDir({ 'list.yaml': '- 1\n- 2\n' });
    const issues = expectIssues(loadConfig({ file: 'list.yaml', cwd: dir, env: {} }));
    expect(issues[0]?.path).toBe('list.yaml');
    expect(issues[0]?.message).toMatch(/top level must be a mapping/);
  });
});

describe('money fields', () => {
  const dailyCap = (value: unknown) =>
    loadConfig({
      file: 'm.json',
      cwd: tempDir({ 'm.json': JSON.stringify({ risk: { dailyLossCapUsd: value } }) }),
      env: {},
    });

  it.each([
    ['0.10', 100_000],
    ['250.00', 250_000_000],
    ['12.345678', 12_345_678],
    ['0', 0],
    [250, 250_000_000],
    [0.1, 100_000],
  ])('converts %j dollars to exactly %d micros', (input, micros) => {
    expect(expectOk(dailyCap(input)).risk.dailyLossCapUsd).toBe(micros);
  });

  it.each(['1e-3', 'abc', '', '1.2345678', '$5', '-1', ' 5'])('rejects %o with a clear message', (input) => {
    const issues = expectIssues(dailyCap(input));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('risk.dailyLossCapUsd');
    expect(issues[0]?.message).toMatch(/not an exact dollar amount|must not be negative/);
  });

  it('rejects a value that is neither a string nor a number', () => {
    const issues = expectIssues(dailyCap(true));
    expect(issues).toEqual([
      { path: 'risk.dailyLossCapUsd', message: 'expected a dollar amount such as "250.00" or 250' },
    ]);
  });
});
