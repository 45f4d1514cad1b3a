/**
 * Kalshi request signing, verified (K1): `KALSHI-ACCESS-SIGNATURE` is base64 RSA-PSS (SHA-256, MGF1-SHA256,
 * salt = digest length) over `timestamp + METHOD + path`, where path is the URL pathname including
 * `/trade-api/v2` and without the query string; `KALSHI-ACCESS-TIMESTAMP` is milliseconds since the epoch and
 * must be close to the simulator's clock. The WebSocket handshake is signed the same way over
 * `timestamp + "GET" + "/trade-api/ws/v2"`.
 */
import { constants, createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { KalshiApiKey } from './options.ts';

export interface KeyRing {
  readonly byId: ReadonlyMap<string, { readonly publicKey: KeyObject; readonly account: string }>;
}

export function keyRing(keys: readonly KalshiApiKey[]): KeyRing {
  return {
    byId: new Map(
      keys.map((k) => [k.keyId, { publicKey: createPublicKey(k.publicKeyPem), account: k.account }]),
    ),
  };
}

export type AuthResult =
  /** No auth headers at all: fine for public endpoints. */
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'ok'; readonly account: string; readonly keyId: string }
  | { readonly kind: 'denied'; readonly message: string };

const header = (h: IncomingHttpHeaders, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

export function authenticate(
  headers: IncomingHttpHeaders,
  method: string,
  path: string,
  ring: KeyRing,
  nowMs: number,
  toleranceMs: number | 'any',
): AuthResult {
  const keyId = header(headers, 'kalshi-access-key');
  const ts = header(headers, 'kalshi-access-timestamp');
  const sig = header(headers, 'kalshi-access-signature');
  if (keyId === undefined && ts === undefined && sig === undefined) return { kind: 'anonymous' };
  if (keyId === undefined || ts === undefined || sig === undefined) {
    return {
      kind: 'denied',
      message: 'KALSHI-ACCESS-KEY, KALSHI-ACCESS-TIMESTAMP and KALSHI-ACCESS-SIGNATURE are all required',
    };
  }
  const key = ring.byId.get(keyId);
  if (!key) return { kind: 'denied', message: `unknown API key ${JSON.stringify(keyId)}` };
  if (!/^\d{1,16}$/.test(ts)) {
    return { kind: 'denied', message: 'KALSHI-ACCESS-TIMESTAMP must be milliseconds since the epoch' };
  }
  if (toleranceMs !== 'any' && Math.abs(Number(ts) - nowMs) > toleranceMs) {
    return {
      kind: 'denied',
      message: `KALSHI-ACCESS-TIMESTAMP ${ts} is more than ${toleranceMs} ms away from the server time ${Math.round(nowMs)}`,
    };
  }
  let valid = false;
  try {
    valid = verify(
      'sha256',
      Buffer.from(`${ts}${method.toUpperCase()}${path}`, 'utf8'),
      {
        key: key.publicKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
      },
      Buffer.from(sig, 'base64'),
    );
  } catch {
    valid = false;
  }
  if (!valid) return { kind: 'denied', message: 'invalid KALSHI-ACCESS-SIGNATURE' };
  return { kind: 'ok', account: key.account, keyId };
}
