/** L2 request signing (auth/signer.ts) agrees with the official client. */
import { createL2Headers } from '@polymarket/clob-client-v2';
import { describe, expect, it } from 'vitest';
import { SIM_POLYMARKET_PRIVATE_KEY } from '../../../../src/sim/credentials.ts';
import { l2Signature, walletSigner } from '../../../../src/venues/polymarket/index.ts';

describe('L2 headers', () => {
  it('L2 signatures equal the client’s createL2Headers', async () => {
    const signer = walletSigner(SIM_POLYMARKET_PRIVATE_KEY);
    const creds = {
      key: 'k',
      secret: Buffer.from('0123456789abcdef0123456789abcdef').toString('base64url'),
      passphrase: 'p',
    };
    const body = '{"orderID":"0xabc"}';
    const theirs = await createL2Headers(
      signer as never,
      creds,
      { method: 'DELETE', requestPath: '/order', body },
      1767225600,
    );
    expect(l2Signature(creds.secret, `1767225600DELETE/order${body}`)).toBe(theirs.POLY_SIGNATURE);
  });
});
