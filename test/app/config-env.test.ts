import { describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/app/config/index.ts';
import { tempDir } from './helpers.ts';

const load = (env: Record<string, string>, file?: Record<string, string>) =>
  file ? loadConfig({ env, file: Object.keys(file)[0], cwd: tempDir(file) }) : loadConfig({ env });

function ok(result: ReturnType<typeof loadConfig>): Config {
  if (!result.ok) throw new Error(`expected a valid config, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('ARB_* environment overrides', () => {
  it('sets a camelCase key from SCREAMING_SNAKE segments', () => {
    expect(ok(load({ ARB_RISK__MAX_OPEN_PACKAGES: '3' })).risk.maxOpenPackages).toBe(3);
  });

  it('sets nested lane keys whose own names contain underscores', () => {
    const cfg = ok(
      load({
        ARB_LANES__CROSS_VENUE__MIN_EDGE_BPS: '80',
        ARB_LANES__EVENT_TREE__ENABLED: 'false',
        ARB_LANES__INTRA_VENUE__MIN_SIZE_CONTRACTS: '0.5',
      }),
    );
    expect(cfg.lanes.cross_venue.minEdgeBps).toBe(80);
    expect(cfg.lanes.event_tree.enabled).toBe(false);
    expect(cfg.lanes.intra_venue.minSizeContracts).toBe(0.5);
    expect(cfg.lanes.parity.minEdgeBps).toBe(50);
  });

  it('overrides the file and leaves the file’s sibling keys alone', () => {
    const cfg = ok(
      load(
        { ARB_RISK__MAX_OPEN_PACKAGES: '7' },
        { 'c.yaml': 'risk:\n  maxOpenPackages: 2\n  maxLegGapMs: 900\n' },
      ),
    );
    expect(cfg.risk.maxOpenPackages).toBe(7);
    expect(cfg.risk.maxLegGapMs).toBe(900);
  });

  it('passes string fields through verbatim (secrets with newlines, numeric-looking ids)', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';
    const cfg = ok(load({ ARB_VENUES__KALSHI__PRIVATE_KEY_PEM: pem, ARB_VENUES__KALSHI__KEY_ID: '12345' }));
    expect(cfg.venues.kalshi.privateKeyPem).toBe(pem);
    expect(cfg.venues.kalshi.keyId).toBe('12345');
  });

  it('converts dollar amounts exactly from the env text', () => {
    expect(ok(load({ ARB_RISK__DAILY_LOSS_CAP_USD: '0.10' })).risk.dailyLossCapUsd).toBe(100_000);
    const bad = load({ ARB_RISK__DAILY_LOSS_CAP_USD: '1e-3' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toHaveLength(1);
      expect(bad.error[0]?.path).toBe('risk.dailyLossCapUsd');
      expect(bad.error[0]?.message).toMatch(
        /not an exact dollar amount.*\(set by ARB_RISK__DAILY_LOSS_CAP_USD\)$/,
      );
    }
  });

  it('JSON-parses non-string fields and reports a bad value with the variable that set it', () => {
    expect(ok(load({ ARB_VENUES__POLYMARKET__ENABLED: 'false' })).venues.polymarket.enabled).toBe(false);
    expect(ok(load({ ARB_SIM__SEED: '42' })).sim.seed).toBe(42);
    const bad = load({ ARB_RISK__MAX_LEG_GAP_MS: 'soon' });
    expect(bad.ok ? [] : bad.error).toEqual([
      {
        path: 'risk.maxLegGapMs',
        message: 'Invalid input: expected number, received string (set by ARB_RISK__MAX_LEG_GAP_MS)',
      },
    ]);
  });

  it('accepts camelCase segments too', () => {
    expect(ok(load({ ARB_risk__maxOpenPackages: '4' })).risk.maxOpenPackages).toBe(4);
  });

  it('reports an ARB_ variable that names no config key, with a suggestion', () => {
    const result = load({ ARB_RISK__MAX_OPEN_PACKAGEZ: '3', ARB_NOPE__X: '1', ARB_SIM__SEED__X: '1' });
    expect(result.ok ? [] : result.error).toEqual([
      {
        path: 'env ARB_NOPE__X',
        message:
          'names no config key: the config has no "NOPE" (expected one of: venues, risk, lanes, paths, sim, detection, sizing, paper, execution, heartbeat, startup, gates, supervision, log)',
      },
      {
        path: 'env ARB_RISK__MAX_OPEN_PACKAGEZ',
        message: 'names no config key: risk has no "MAX_OPEN_PACKAGEZ" (did you mean "maxOpenPackages"?)',
      },
      { path: 'env ARB_SIM__SEED__X', message: 'names no config key: sim.seed is a value, not a section' },
    ]);
  });

  it('reports two variables that set the same key', () => {
    const result = load({ ARB_RISK__MAX_OPEN_PACKAGES: '3', ARB_RISK__MAXOPENPACKAGES: '4' });
    expect(result.ok ? [] : result.error).toEqual([
      {
        path: 'env ARB_RISK__MAX_OPEN_PACKAGES',
        message: 'sets risk.maxOpenPackages, which ARB_RISK__MAXOPENPACKAGES already sets',
      },
    ]);
  });

  it('ignores ARB_ variables without "__" and everything not prefixed ARB_', () => {
    const cfg = ok(load({ ARB_CRASH_AT: 'after-intent', HOME: '/root', XARB_RISK__MAX_OPEN_PACKAGES: '1' }));
    expect(cfg).toEqual(ok(load({})));
  });

  it('reports env problems even when the file cannot be read', () => {
    const result = loadConfig({ file: 'missing.yaml', cwd: tempDir(), env: { ARB_RISK__NOPE: '1' } });
    expect(result.ok ? [] : result.error.map((i) => i.path)).toEqual(['missing.yaml', 'env ARB_RISK__NOPE']);
  });
});
