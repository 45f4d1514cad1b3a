/**
 * Kalshi request signing (K1): base64 RSA-PSS (SHA-256, MGF1-SHA256, salt = digest length) over
 * `timestamp + METHOD + path`, the path being the URL pathname (with `/trade-api/v2`, without the query).
 * The timestamp comes from the injected clock, so a simulated run signs with simulated time.
 */
import { constants, createPrivateKey, type KeyObject, sign } from 'node:crypto';
import type { Clock } from '../../../core/clock.ts';

export const signatureText = (timestampMs: number, method: string, path: string): string =>
  `${Math.floor(timestampMs)}${method.toUpperCase()}${path}`;

export class KalshiSigner {
  private readonly key: KeyObject;

  constructor(
    readonly keyId: string,
    privateKeyPem: string,
    private readonly clock: Clock,
  ) {
    // Fails fast (a fatal configuration error) on a key that cannot sign.
    this.key = createPrivateKey(privateKeyPem);
  }

  /** Auth headers for one request; `path` may carry a query string, which is not signed. */
  headers(method: string, path: string): Record<string, string> {
    const ts = Math.floor(this.clock.now());
    const pathname = path.split('?')[0]!;
    const signature = sign('sha256', Buffer.from(signatureText(ts, method, pathname), 'utf8'), {
      key: this.key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    });
    return {
      'KALSHI-ACCESS-KEY': this.keyId,
      'KALSHI-ACCESS-TIMESTAMP': String(ts),
      'KALSHI-ACCESS-SIGNATURE': signature.toString('base64'),
    };
  }
}
