import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/app/main.ts';
import { tempDir } from '../app/helpers.ts';

const BIN = fileURLToPath(new URL('../../bin/arb.mjs', import.meta.url));

/** Runs `arb sim …` in-process with captured output and a stop signal the test fires. */
function runSim(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  let stop: ((signal: string) => void) | undefined;
  let onReady: (() => void) | undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const code = main(['sim', ...argv], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => {
      stderr += t;
      if (stderr.includes('arb sim: ready')) onReady?.();
    },
    env: {},
    cwd,
    onStopSignal: (handler) => {
      stop = handler;
      return () => (stop = undefined);
    },
  });
  return {
    code,
    ready,
    stop: (signal = 'SIGTERM') => stop?.(signal),
    out: () => ({ stdout, stderr }),
  };
}

async function expectClosed(url: string): Promise<void> {
  await expect(fetch(url)).rejects.toThrow();
}

function expectConnectionShape(info: unknown): asserts info is ConnectionFile {
  const host = String.raw`http://127\.0\.0\.1:\d+`;
  const ws = String.raw`ws://127\.0\.0\.1:\d+`;
  expect(info).toEqual({
    kalshi: {
      restUrl: expect.stringMatching(new RegExp(`^${host}/trade-api/v2$`)),
      wsUrl: expect.stringMatching(new RegExp(`^${ws}/trade-api/ws/v2$`)),
      keyId: 'sim-kalshi-key',
      privateKeyPem: expect.stringContaining('-----BEGIN RSA PRIVATE KEY-----'),
    },
    polymarket: {
      clobUrl: expect.stringMatching(new RegExp(`^${host}$`)),
      wsUrl: expect.stringMatching(new RegExp(`^${ws}/ws/market$`)),
      userWsUrl: expect.stringMatching(new RegExp(`^${ws}/ws/user$`)),
      dataUrl: expect.stringMatching(new RegExp(`^${host}/data-api$`)),
      gammaUrl: expect.stringMatching(new RegExp(`^${host}/gamma-api$`)),
      privateKey: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      chainId: 137,
    },
    admin: {
      kalshi: expect.stringMatching(new RegExp(`^${host}/_sim$`)),
      polymarket: expect.stringMatching(new RegExp(`^${host}/_sim$`)),
    },
  });
}

interface ConnectionFile {
  kalshi: { restUrl: string };
  polymarket: { clobUrl: string };
  admin: { kalshi: string; polymarket: string };
}

describe('arb sim option validation (exit 2)', () => {
  const invalid = (flag: string, value: string, rule: string): string =>
    `error: option '${flag}' argument '${value}' is invalid. must be ${rule}\n(run "arb --help" for usage)\n`;
  it.each([
    [
      ['--kalshi-port', '70000'],
      invalid('--kalshi-port <port>', '70000', 'a port number (0 = any free port) from 0 to 65535'),
    ],
    [
      ['--polymarket-port', 'http'],
      invalid('--polymarket-port <port>', 'http', 'a port number (0 = any free port) from 0 to 65535'),
    ],
    [['--seed', '-3'], invalid('--seed <n>', '-3', 'an integer from 0 to 4294967295')],
    [['--seed', '1.5'], invalid('--seed <n>', '1.5', 'an integer from 0 to 4294967295')],
    [
      ['--kalshi-port', '9000', '--polymarket-port', '9000', '--host', ' '],
      'arb sim: --kalshi-port and --polymarket-port must differ (both 9000)\n' +
        'arb sim: --host must not be empty\n',
    ],
  ])('%j', async (argv, message) => {
    const run = runSim(argv, tempDir());
    expect(await run.code).toBe(2);
    expect(run.out()).toEqual({ stdout: '', stderr: message });
  });

  it('lists why a scenario cannot be used: unknown name, bad file', async () => {
    const unknown = runSim(['--scenario', 'nope'], tempDir());
    expect(await unknown.code).toBe(2);
    expect(unknown.out().stderr).toBe(
      'arb sim: scenario "nope" is not usable: 1 problem:\n' +
        '  nope: cannot read scenario: no such file (and not a built-in scenario: default, small)\n',
    );
    const cwd = tempDir({ 'bad.yaml': 'name: x\npropositions: 3\n' });
    const bad = runSim(['--scenario', 'bad.yaml'], cwd);
    expect(await bad.code).toBe(2);
    expect(bad.out().stderr).toMatch(
      /^arb sim: scenario "bad\.yaml" is not usable: \d+ problems?:\n( {2}\S+: .+\n)+$/,
    );
  });

  it('exits 1 when a port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = runSim(
        ['--scenario', 'small', '--kalshi-port', String(port), '--polymarket-port', '0'],
        tempDir(),
      );
      expect(await run.code).toBe(1);
      expect(run.out().stderr).toMatch(/^arb sim: cannot start the simulators on 127\.0\.0\.1: .*EADDRINUSE/);
    } finally {
      blocker.close();
    }
  });
});

describe('arb sim in-process', () => {
  it('writes the connection file (0600) and mapping file, prints --json without secrets, stops on a signal', async () => {
    const cwd = tempDir();
    const run = runSim(
      [
        '--scenario',
        'small',
        '--kalshi-port',
        '0',
        '--polymarket-port',
        '0',
        '--connection-file',
        'state/conn.json',
        '--mapping-file',
        'state/mapping.json',
        '--json',
      ],
      cwd,
    );
    await Promise.race([
      run.ready,
      run.code.then((c) => Promise.reject(new Error(`exited ${c}: ${run.out().stderr}`))),
    ]);
    const file = join(cwd, 'state/conn.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const info = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    expectConnectionShape(info);

    const { stdout, stderr } = run.out();
    expect(stdout.split('\n')).toHaveLength(2);
    const printed = JSON.parse(stdout) as Record<string, Record<string, unknown>>;
    expect(printed.kalshi).toEqual({
      restUrl: info.kalshi.restUrl,
      wsUrl: expect.any(String),
      keyId: 'sim-kalshi-key',
    });
    expect(printed.polymarket!.privateKey).toBeUndefined();
    for (const out of [stdout, stderr]) {
      expect(out).not.toContain('PRIVATE KEY');
      expect(out).not.toContain('ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
    }
    expect(stderr).toContain('scenario small (seed 1)');
    expect(stderr).toContain(info.kalshi.restUrl);
    expect(stderr).toContain(file);
    const mapping = JSON.parse(readFileSync(join(cwd, 'state/mapping.json'), 'utf8')) as { version: number };
    expect(mapping.version).toBe(2);
    expect((await fetch(`${info.admin.kalshi}/status`)).status).toBe(200);

    run.stop('SIGINT');
    expect(await run.code).toBe(0);
    expect(run.out().stderr).toMatch(/arb sim: SIGINT, stopping\n$/);
    expect(existsSync(file)).toBe(false);
    await expectClosed(`${info.admin.kalshi}/status`);
    await expectClosed(`${info.admin.polymarket}/status`);
  });

  it('leaves a connection file alone that another run has replaced', async () => {
    const cwd = tempDir();
    const run = runSim(
      ['--scenario', 'small', '--kalshi-port', '0', '--polymarket-port', '0', '--connection-file', 'c.json'],
      cwd,
    );
    await run.ready;
    writeFileSync(join(cwd, 'c.json'), '{"someone":"else"}');
    run.stop();
    expect(await run.code).toBe(0);
    expect(readFileSync(join(cwd, 'c.json'), 'utf8')).toBe('{"someone":"else"}');
  });
});

describe('arb sim as a child process', () => {
  /** Spawns the real bin; resolves when it prints its ready line (or rejects when it exits first). */
  async function spawnSim(scenario: string) {
    const cwd = tempDir();
    const file = join(cwd, 'f.json');
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
        BIN,
        'sim',
        '--scenario',
        scenario,
        '--connection-file',
        file,
        '--kalshi-port',
        '0',
        '--polymarket-port',
        '0',
      ],
      { cwd, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line after 10 s:\n${stderr}`)), 10_000);
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += String(chunk);
        if (stderr.includes('arb sim: ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then(({ code }) => {
        clearTimeout(timer);
        reject(new Error(`arb sim exited ${code} before it was ready:\n${stderr}`));
      });
    });
    const readyMs = performance.now() - started;
    return { child, exited, file, readyMs, stderr: () => stderr };
  }

  async function checkRun(scenario: string): Promise<number> {
    const sim = await spawnSim(scenario);
    try {
      expect(existsSync(sim.file)).toBe(true);
      const info = JSON.parse(readFileSync(sim.file, 'utf8')) as unknown;
      expectConnectionShape(info);
      for (const url of [info.admin.kalshi, info.admin.polymarket]) {
        expect((await fetch(`${url}/status`)).status).toBe(200);
      }
      sim.child.kill('SIGTERM');
      const result = await sim.exited;
      expect(result).toEqual({ code: 0, signal: null });
      await expectClosed(`${info.admin.kalshi}/status`);
      await expectClosed(`${info.admin.polymarket}/status`);
      return sim.readyMs;
    } finally {
      sim.child.kill('SIGKILL');
    }
  }

  // How fast it gets ready is measured by `npm run bench` (sim.startup.*), not asserted here: a wall-clock
  // budget in a test fails on a loaded machine without anything being wrong.
  it('gets ready with the small scenario, writes the connection file, and stops cleanly on SIGTERM', async () => {
    const ms = await checkRun('small');
    console.info(`arb sim --scenario small: connection file after ${Math.round(ms)} ms`);
  });

  it('gets ready with the default scenario, and stops cleanly on SIGTERM', async () => {
    const ms = await checkRun('default');
    console.info(`arb sim --scenario default: connection file after ${Math.round(ms)} ms`);
  });
});
