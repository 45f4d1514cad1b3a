import { describe, expect, it } from 'vitest';
import { loadConfig, SECRET_PATHS } from '../../src/app/config/index.ts';
import { createLogger, SECRET_FIELD_NAMES } from '../../src/obs/index.ts';

function capture(level: Parameters<typeof createLogger>[0]['level'] = 'info') {
  const lines: string[] = [];
  const logger = createLogger({ level, destination: { write: (s: string) => void lines.push(s) } });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const SECRETS = {
  ARB_VENUES__KALSHI__PRIVATE_KEY_PEM:
    '-----BEGIN PRIVATE KEY-----\nsecret-kalshi-pem\n-----END PRIVATE KEY-----',
  ARB_VENUES__POLYMARKET__PRIVATE_KEY: '0xsecret-poly-wallet',
  ARB_VENUES__POLYMARKET__API_KEY: 'secret-poly-api-key',
  ARB_VENUES__POLYMARKET__API_SECRET: 'secret-poly-api-secret',
  ARB_VENUES__POLYMARKET__API_PASSPHRASE: 'secret-poly-passphrase',
};
const SECRET_TEXT = /secret-/;

describe('createLogger', () => {
  it('writes structured JSON lines with a level label, time and message', () => {
    const { logger, records } = capture();
    logger.info({ market: 'KXBTC-25' }, 'book snapshot');
    logger.debug('below the level, not written');
    expect(records()).toHaveLength(1);
    expect(records()[0]).toMatchObject({ level: 'info', market: 'KXBTC-25', msg: 'book snapshot' });
    expect(typeof records()[0]?.time).toBe('string');
  });

  it('covers every secret the config schema declares', () => {
    const names = new Set<string>(SECRET_FIELD_NAMES);
    for (const path of SECRET_PATHS) expect(names).toContain(path[path.length - 1]);
  });

  it('never emits config secrets, however the config is nested in the log line', () => {
    const result = loadConfig({ env: SECRETS });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const cfg = result.value;
    const { logger, lines } = capture();
    logger.info(cfg, 'config at top level');
    logger.info({ config: cfg }, 'config one level down');
    logger.info({ app: { startup: { config: cfg } } }, 'config three levels down');
    logger.info({ kalshi: cfg.venues.kalshi, polymarket: cfg.venues.polymarket }, 'venue sections');
    logger.child({ venues: cfg.venues }).warn('child bindings');
    const out = lines.join('');
    expect(lines).toHaveLength(5);
    expect(out).not.toMatch(SECRET_TEXT);
    // Redacted, not dropped: the operator can still see that a credential is configured.
    expect(out.match(/"privateKeyPem":"\[redacted\]"/g)).toHaveLength(5);
    expect(out.match(/"apiPassphrase":"\[redacted\]"/g)).toHaveLength(5);
    // Non-secret fields next to them survive.
    expect(out).toMatch(/"chainId":137/);
  });

  it('redacts venue auth headers on requests', () => {
    const { logger, lines } = capture();
    logger.info({
      req: {
        method: 'POST',
        headers: {
          'KALSHI-ACCESS-KEY': 'key-id-is-not-secret',
          'KALSHI-ACCESS-SIGNATURE': 'secret-sig',
          POLY_API_KEY: 'secret-api-key',
          POLY_PASSPHRASE: 'secret-pass',
          POLY_SIGNATURE: 'secret-hmac',
        },
      },
    });
    logger.info({ headers: { 'kalshi-access-signature': 'secret-lower', authorization: 'Bearer secret-x' } });
    const out = lines.join('');
    expect(out).not.toMatch(SECRET_TEXT);
    expect(out).toMatch(/"KALSHI-ACCESS-KEY":"key-id-is-not-secret"/);
    expect(out).toMatch(/"POLY_SIGNATURE":"\[redacted\]"/);
  });

  it('writes nothing at level silent', () => {
    const { logger, lines } = capture('silent');
    logger.fatal('nope');
    expect(lines).toEqual([]);
  });
});
