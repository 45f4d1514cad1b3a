import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/exec/index.ts';
import { main } from '../../src/app/main.ts';
import { SIM_KALSHI_PRIVATE_KEY_PEM, SIM_POLYMARKET_PRIVATE_KEY } from '../../src/sim/credentials.ts';
import { crossListedKalshiMarkets, parseProgress, postJson } from '../e2e/support.ts';
import { expectConsistentWithFills, loggedPackages } from '../support/paper-ledger.ts';
import { runCli, tempDir } from './helpers.ts';

/** Every money amount in a report: fields named …Micros (and the per-venue maps under them, and fees.byVenue). */
function moneyFields(s: RunSummary): [string, unknown][] {
  const out: [string, unknown][] = [];
  const walk = (v: unknown, path: string, money: boolean): void => {
    if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`, money || k.endsWith('Micros'));
    } else if (money) out.push([path, v]);
  };
  walk({ fees: s.fees, pnl: s.pnl, capital: s.capital }, 's', false);
  for (const [v, n] of Object.entries(s.fees.byVenue)) out.push([`s.fees.byVenue.${v}`, n]);
  return out;
}

async function simClockSummary(seed: number, seconds = 60): Promise<{ text: string; json: RunSummary }> {
  const cwd = tempDir();
  const run = await runCli(
    [
      'paper',
      '--sim-clock',
      '--duration',
      String(seconds),
      '--seed',
      String(seed),
      '--summary',
      'out.json',
      '--quiet',
    ],
    { cwd },
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(
    new RegExp(`^Run report \\(paper, data sim, sim clock, seed ${seed}\\): ${seconds}\\.\\d s\\n`),
  );
  const text = readFileSync(join(cwd, 'out.json'), 'utf8');
  return { text, json: JSON.parse(text) as RunSummary };
}

describe('arb paper --sim-clock: the same seed gives the same report', () => {
  it('seed 7 twice: identical JSON, to the micro; seed 8 differs; money is integer micros', async () => {
    const a = await simClockSummary(7);
    const b = await simClockSummary(7);
    expect(b.text).toBe(a.text);
    const s = a.json;
    expect(s).toMatchObject({ mode: 'paper', data: 'sim', clock: 'sim', seed: 7, durationMs: 60_000 });
    // The fields the issue names, present and of the right kind.
    expect(s.opportunities.byLane).toEqual(expect.any(Object));
    for (const n of [
      s.orders.count,
      s.fills.count,
      s.pnl.expectedMicros,
      s.pnl.realizedMicros,
      s.fees.totalMicros,
    ])
      expect(Number.isSafeInteger(n)).toBe(true);
    // A minute of the default scenario at 180 news shocks an hour trades (seed 7: a few hedged packages). On the
    // simulated clock a seed is one fixed run (the same JSON every time, checked above), so this is guaranteed.
    expect(s.opportunities.total).toBeGreaterThan(0);
    expect(s.orders.count).toBeGreaterThan(0);
    expect(s.fills.count).toBeGreaterThan(0);
    expect(s.packages.hedged).toBeGreaterThan(0);
    const money = moneyFields(s);
    expect(money.length).toBeGreaterThan(8);
    for (const [path, v] of money)
      expect({ path, safe: Number.isSafeInteger(v) }).toEqual({ path, safe: true });
    expect(s.fees.totalMicros).toBe(Object.values(s.fees.byVenue).reduce((x, y) => x + y, 0));

    const c = await simClockSummary(8);
    expect(c.json.seed).toBe(8);
    expect(c.text).not.toBe(a.text);
    expect({ ...c.json, seed: 7 }).not.toEqual(s);
  }, 60_000);

  it('finishes a package still in flight when the duration ends instead of hanging (seed 7, 87 s)', async () => {
    // At 87 s of seed 7 a package's orders are on their way; the session must run the clock until they arrive.
    const { json } = await simClockSummary(7, 87);
    expect(json.durationMs).toBeGreaterThan(87_000);
    expect(json.durationMs).toBeLessThan(88_000);
    const p = json.packages;
    expect(p.hedged + p.partial + p.unwound + p.unhedged + p.missed).toBe(json.plans.executed);
    // The package that was in flight at 87 s finished and is in the report (seed 7 on the simulated clock is one
    // fixed run: it always has packages by then, one of them mid-flight).
    expect(json.plans.executed).toBeGreaterThan(0);
    expect(json.orders.count).toBeGreaterThanOrEqual(2 * json.plans.executed);
    expect(json.fills.count).toBeGreaterThan(0);
  }, 30_000);

  it('logs every opportunity and package as JSON lines under .arb/logs/paper.jsonl', async () => {
    const cwd = tempDir();
    const run = await runCli(['paper', '--sim-clock', '--duration', '60', '--seed', '7', '--json'], { cwd });
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as RunSummary;
    const lines = readFileSync(join(cwd, '.arb/logs/paper.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event?: string; seed?: number });
    expect(lines.every((l) => l.seed === 7)).toBe(true);
    // Seed 7 on the simulated clock is one fixed run, and it trades (see the determinism test above).
    expect(summary.opportunities.total).toBeGreaterThan(0);
    expect(lines.filter((l) => l.event === 'opportunity')).toHaveLength(summary.opportunities.total);
    const packages = loggedPackages(join(cwd, '.arb/logs/paper.jsonl'));
    expect(packages.length).toBeGreaterThan(0);
    expect(summary.packages.hedged).toBeGreaterThan(0);
    // The report's orders, fees, PnL and cash follow from the packages' fills.
    expectConsistentWithFills(summary, packages);
  }, 30_000);
});

describe('arb paper: options (exit 2, every problem listed)', () => {
  it('lists each bad option at once (numbers are checked by the option parsers first)', async () => {
    const run = await runCli(['paper', '--data', 'nope', '--connection-file', ' ', '--sim-clock']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--data must be sim or live, got "nope"');
    expect(run.stderr).toContain('--sim-clock needs --duration');
    expect(run.stderr).toContain('--connection-file must not be empty');
    expect(run.stderr).toMatch(/\(run "arb paper --help" for usage\)\n$/);
    const bad = await runCli(['paper', '--duration', '0', '--seed', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      "option '--duration <seconds>' argument '0' is invalid. must be a whole number of seconds from 1 to 2592000",
    );
  });

  it('--sim-clock needs --duration, and the embedded simulators', async () => {
    const run = await runCli(['paper', '--sim-clock']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--sim-clock needs --duration (a simulated clock never waits for Ctrl-C)');
    const live = await runCli(['paper', '--sim-clock', '--duration', '10', '--data', 'live']);
    expect(live.code).toBe(2);
    expect(live.stderr).toContain('--sim-clock works only with --data sim');
  });

  it('--connection-file only for the embedded simulators on the real clock', async () => {
    const run = await runCli(['paper', '--sim-clock', '--duration', '10', '--connection-file', 'c.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--connection-file needs the embedded simulators on the real clock');
  });

  it('a bad config is a config error', async () => {
    const run = await runCli(['paper', '--sim-clock', '--duration', '10'], {
      env: { ARB_RISK__MAX_OPEN_PACKAGES: '-1' },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/risk\.maxOpenPackages/);
  });
});

describe('arb paper --data live without the network', () => {
  it('says so in one sentence and exits 1 (no stack trace)', async () => {
    const run = await runCli(['paper', '--data', 'live'], {
      env: {
        ARB_VENUES__KALSHI__REST_URL: 'http://127.0.0.1:1/trade-api/v2',
        ARB_VENUES__POLYMARKET__CLOB_URL: 'http://127.0.0.1:1',
      },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^arb paper --data live: cannot reach the venues' public market data \(/);
    expect(lines[0]).toContain('Kalshi at http://127.0.0.1:1/trade-api/v2/exchange/status: ECONNREFUSED');
    expect(lines[0]).toContain('Polymarket at http://127.0.0.1:1/time: ECONNREFUSED');
    expect(lines[0]).toMatch(/use --data sim \(the default\) to paper-trade the embedded simulators\.$/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(lines[0]!.match(/\. /g)).toBeNull();
  });
});

describe('arb paper in-process on the real clock (scenario small, seed 3)', () => {
  it('trades; a stop signal ends the run with the report and exit 0; the connection file lives exactly as long', async () => {
    const cwd = tempDir();
    let stderr = '';
    let stdout = '';
    let stop: ((signal: string) => void) | undefined;
    const waiters = new Set<() => void>();
    const code = main(
      [
        'paper',
        '--scenario',
        'small',
        '--seed',
        '3',
        '--connection-file',
        'state/conn.json',
        '--summary',
        'out.json',
      ],
      {
        stdout: (t) => void (stdout += t),
        stderr: (t) => {
          stderr += t;
          for (const w of waiters) w();
        },
        env: {},
        cwd,
        onStopSignal: (handler) => {
          stop = handler;
          return () => (stop = undefined);
        },
      },
    );
    /** The first stderr line `test` accepts, as soon as it is written; fails on timeout or an early exit. */
    const untilLine = <T>(test: (line: string) => T | undefined, what: string, ms: number): Promise<T> =>
      Promise.race([
        new Promise<T>((resolve, reject) => {
          const check = (): void => {
            for (const line of stderr.split('\n')) {
              const v = test(line);
              if (v !== undefined) {
                finish();
                resolve(v);
                return;
              }
            }
          };
          const timer = setTimeout(() => {
            finish();
            reject(new Error(`no ${what} after ${ms} ms:\n${stderr}`));
          }, ms);
          const finish = (): void => {
            clearTimeout(timer);
            waiters.delete(check);
          };
          waiters.add(check);
          check();
        }),
        code.then((c) => Promise.reject(new Error(`exited ${c} before ${what}:\n${stderr}`))),
      ]);
    await untilLine(
      (l) => (/^arb paper: trading \d+ markets$/.test(l) ? true : undefined),
      'trading',
      20_000,
    );
    const file = join(cwd, 'state/conn.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const info = JSON.parse(readFileSync(file, 'utf8')) as { admin: { kalshi: string; polymarket: string } };
    const status = (await (await fetch(`${info.admin.kalshi}/status`)).json()) as { venue: string };
    expect(status.venue).toBe('kalshi');
    expect(stderr).toContain(`arb paper: connection file (URLs, admin API, test keys): ${file}\n`);
    // Make a trade certain: freeze the price processes, then move the Kalshi side of two cross-listed propositions
    // 8 points (news on one venue). The windows stay open until the bot takes them.
    await postJson(`${info.admin.kalshi}/process`, { paused: true });
    for (const market of crossListedKalshiMarkets('small', 3, 2))
      await postJson(`${info.admin.kalshi}/faults`, {
        kind: 'price_jump',
        params: { market, yesDelta: 0.08 },
      });
    // Progress lines come every 5 s.
    const busy = await untilLine(
      (l) => {
        const pr = parseProgress(l);
        return pr && pr.hedged >= 1 && pr.fills >= 2 ? pr : undefined;
      },
      'a progress line with a hedged package',
      20_000,
    );
    expect(stop).toBeDefined();
    stop!('SIGINT');
    expect(await code).toBe(0);
    expect(stderr).toMatch(/arb paper: SIGINT, stopped\n$/);
    expect(stdout).toMatch(
      /^Run report \(paper, data sim, real clock, seed 3\): \d+\.\d s\n {2}markets {7}kalshi \d+/,
    );
    expect(stdout).toMatch(/^ {2}PnL {11}expected \$/m);
    // The report counts at least what the progress line had shown.
    const row = (name: string): number => Number(stdout.match(new RegExp(`^ {2}${name} +(\\d+)`, 'm'))![1]);
    expect(row('orders')).toBeGreaterThanOrEqual(busy.orders);
    expect(row('fills')).toBeGreaterThanOrEqual(busy.fills);
    expect(row('packages')).toBeGreaterThanOrEqual(busy.hedged);
    const summary = JSON.parse(readFileSync(join(cwd, 'out.json'), 'utf8')) as RunSummary;
    expectConsistentWithFills(summary, loggedPackages(join(cwd, '.arb/logs/paper.jsonl')));
    expect(existsSync(file)).toBe(false);
    await expect(fetch(`${info.admin.kalshi}/status`)).rejects.toThrow();
    expect(stop).toBeUndefined();
  }, 30_000);
});

describe('arb live: what it refuses', () => {
  const connection = (
    host: string,
    keys = { kalshi: SIM_KALSHI_PRIVATE_KEY_PEM, polymarket: SIM_POLYMARKET_PRIVATE_KEY },
  ) =>
    JSON.stringify({
      kalshi: {
        restUrl: `http://${host}/trade-api/v2`,
        wsUrl: `ws://${host}/trade-api/ws/v2`,
        keyId: 'k',
        privateKeyPem: keys.kalshi,
      },
      polymarket: {
        clobUrl: `http://${host}`,
        wsUrl: `ws://${host}/ws/market`,
        userWsUrl: `ws://${host}/ws/user`,
        dataUrl: `http://${host}/data-api`,
        gammaUrl: `http://${host}/gamma-api`,
        privateKey: keys.polymarket,
        chainId: 137,
      },
    });

  it('venues off this machine are no longer refused as such: the gates decide (unroutable TEST-NET host → "reachable" red, exit 5)', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never routed, so the probe times out; no real venue is contacted.
    const cwd = tempDir({ 'remote.json': connection('192.0.2.1') });
    const run = await runCli(['live', '--venues', 'remote.json', '--duration', '5', '--state-dir', 'st'], {
      cwd,
      env: { ARB_GATES__PROBE_TIMEOUT_MS: '300' },
    });
    expect(run.code).toBe(5);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toMatch(/refusing non-loopback/);
    expect(run.stderr).toMatch(
      /^arb live: not starting: gate "reachable" is red: kalshi: GET http:\/\/192\.0\.2\.1\/trade-api\/v2\/exchange\/status: .*; polymarket: GET http:\/\/192\.0\.2\.1\/time: /m,
    );
  });

  it('--skip-gates is refused for anything not on this machine (exit 2)', async () => {
    const file = JSON.parse(connection('127.0.0.1:7702')) as { polymarket: { dataUrl: string } };
    file.polymarket.dataUrl = 'https://data-api.polymarket.com';
    const cwd = tempDir({ 'mixed.json': JSON.stringify(file) });
    const run = await runCli(['live', '--venues', 'mixed.json', '--skip-gates', '--state-dir', 'st'], {
      cwd,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'arb live: --skip-gates is for the simulators on this machine only; not loopback: https://data-api.polymarket.com\n',
    );
  });

  it('a missing or malformed connection file, and bad numbers (exit 2)', async () => {
    const cwd = tempDir({ 'bad.json': '{"kalshi": {}}' });
    const numbers = await runCli(['live', '--venues', 'bad.json', '--seed', '-1'], { cwd });
    expect(numbers.code).toBe(2);
    expect(numbers.stderr).toContain("option '--seed <n>' argument '-1' is invalid.");
    const run = await runCli(['live', '--venues', 'bad.json'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad.json: kalshi.restUrl:');
    expect(run.stderr).toContain('bad.json: polymarket:');
    const keys = tempDir({
      'keys.json': connection('127.0.0.1:1', { kalshi: 'not a pem', polymarket: '0x01' }),
    });
    const badKeys = await runCli(['live', '--venues', 'keys.json'], { cwd: keys });
    expect(badKeys.code).toBe(2);
    expect(badKeys.stderr).toContain('keys.json: kalshi.privateKeyPem: not a usable private key (');
    expect(badKeys.stderr).toContain('keys.json: polymarket.privateKey: expected 0x and 64 hex digits');
    const missing = await runCli(['live', '--venues', 'nope.json'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^arb live: cannot read connection file nope\.json: /);
    const none = await runCli(['live']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/required option '--venues <file>' not specified/);
  });

  it('a mapping file it cannot read or use (exit 2, no stack trace)', async () => {
    const cwd = tempDir({ 'c.json': connection('127.0.0.1:1'), 'bad-map.json': '{"version": 2}' });
    const missing = await runCli(['live', '--venues', 'c.json', '--mapping', 'nope.json'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^arb live: cannot read mapping file nope\.json: ENOENT/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const bad = await runCli(['live', '--venues', 'c.json', '--mapping', 'bad-map.json'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^arb live: mapping file bad-map\.json is not usable:\n {2}\S/);
  });

  it('a loopback connection file where nothing listens: the "reachable" gate stops it (exit 5)', async () => {
    // A port that was free a moment ago (fetch refuses port 1 outright as a "bad port").
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const cwd = tempDir({ 'dead.json': connection(`127.0.0.1:${port}`) });
    const run = await runCli(['live', '--venues', 'dead.json', '--duration', '5', '--quiet'], { cwd });
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/^arb live: gate RED +reachable +kalshi: GET .*ECONNREFUSED/m);
    expect(run.stderr).toMatch(/^arb live: not starting: gate "reachable" is red: kalshi: .*ECONNREFUSED/m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('with --skip-gates (loopback only), nothing listening fails at start-up: one line, exit 1', async () => {
    const cwd = tempDir({ 'dead.json': connection('127.0.0.1:1') });
    const run = await runCli(
      ['live', '--venues', 'dead.json', '--duration', '5', '--quiet', '--skip-gates'],
      {
        cwd,
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^arb live: STARTUP\.DISCOVERY_FAILED: kalshi: market discovery failed: KALSHI\.NETWORK: .*ECONNREFUSED.*\n$/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
