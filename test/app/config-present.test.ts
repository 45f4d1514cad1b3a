import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  loadConfig,
  presentConfig,
  redactConfig,
  SECRET_PATHS,
  type Config,
} from '../../src/app/config/index.ts';
import { runCli, tempDir } from './helpers.ts';

const SECRETS = {
  ARB_VENUES__KALSHI__PRIVATE_KEY_PEM: 'kalshi-pem-SECRET-1',
  ARB_VENUES__POLYMARKET__PRIVATE_KEY: '0xpoly-key-SECRET-2',
  ARB_VENUES__POLYMARKET__API_KEY: 'poly-api-key-SECRET-3',
  ARB_VENUES__POLYMARKET__API_SECRET: 'poly-api-secret-SECRET-4',
  ARB_VENUES__POLYMARKET__API_PASSPHRASE: 'poly-passphrase-SECRET-5',
};

function withSecrets(): Config {
  const result = loadConfig({ env: SECRETS });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe('redactConfig', () => {
  it('knows every secret in the schema', () => {
    expect(SECRET_PATHS.map((p) => p.join('.'))).toEqual([
      'venues.kalshi.privateKeyPem',
      'venues.polymarket.privateKey',
      'venues.polymarket.apiKey',
      'venues.polymarket.apiSecret',
      'venues.polymarket.apiPassphrase',
    ]);
  });

  it('replaces every set secret and leaves the original untouched', () => {
    const cfg = withSecrets();
    const redacted = redactConfig(cfg);
    expect(redacted.venues.kalshi.privateKeyPem).toBe('[redacted]');
    expect(redacted.venues.polymarket).toMatchObject({
      privateKey: '[redacted]',
      apiKey: '[redacted]',
      apiSecret: '[redacted]',
      apiPassphrase: '[redacted]',
    });
    expect(JSON.stringify(redacted)).not.toMatch(/SECRET/);
    expect(cfg.venues.kalshi.privateKeyPem).toBe('kalshi-pem-SECRET-1');
  });

  it('does not invent secrets that are not set', () => {
    const redacted = redactConfig(withSecrets());
    expect('privateKeyPath' in redacted.venues.kalshi).toBe(false);
    const plain = loadConfig({ env: {} });
    if (!plain.ok) throw new Error('defaults must load');
    expect(redactConfig(plain.value)).toEqual(plain.value);
  });
});

describe('arb config show', () => {
  it('prints YAML with every secret redacted and money in dollars', async () => {
    const run = await runCli(['config', 'show'], { env: SECRETS });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/SECRET/);
    const shown = parse(run.stdout) as Record<string, Record<string, Record<string, unknown>>>;
    expect(shown.venues?.kalshi?.privateKeyPem).toBe('[redacted]');
    expect(shown.venues?.polymarket?.apiPassphrase).toBe('[redacted]');
    expect(shown.risk).toMatchObject({ maxNotionalPerMarketUsd: '100.00', dailyLossCapUsd: '50.00' });
  });

  it('prints JSON with --json, also redacted', async () => {
    const run = await runCli(['config', 'show', '--json'], { env: SECRETS });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/SECRET/);
    expect(JSON.parse(run.stdout)).toMatchObject({ venues: { kalshi: { privateKeyPem: '[redacted]' } } });
  });

  it('output is itself a valid config file that loads to the same config', async () => {
    const env = { ARB_RISK__DAILY_LOSS_CAP_USD: '12.345', ARB_LANES__PARITY__MIN_EDGE_BPS: '75' };
    const run = await runCli(['config', 'show'], { env });
    const original = loadConfig({ env });
    const reloaded = loadConfig({ file: 'shown.yaml', cwd: tempDir({ 'shown.yaml': run.stdout }), env: {} });
    expect(reloaded).toEqual(original);
    if (original.ok)
      expect(presentConfig(original.value)).toMatchObject({ risk: { dailyLossCapUsd: '12.345' } });
  });

  it('refuses to show an invalid config and lists its problems', async () => {
    const run = await runCli(['config', 'show'], { env: { ARB_LOG__LEVEL: 'loud' } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^ {2}log\.level: /m);
  });
});
