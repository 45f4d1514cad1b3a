import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { l1Headers, l2Headers, walletSigner } from '../../../src/venues/polymarket/index.ts';
import { startPolyHost } from '../../venues/polymarket/support.ts';
import { call, creds, signed, signer } from './support.ts';

describe('Polymarket front: L1 and L2 authentication', () => {
  it('L1: create, refuse a second create, derive the same key; bad signatures are 401', async () => {
    const h = await startPolyHost();
    const headers = await l1Headers(signer, 137, h.clock.now());
    const created = await call(h, 'POST', '/auth/api-key', { headers });
    expect(created.status).toBe(200);
    expect(Object.keys(created.body)).toEqual(['apiKey', 'secret', 'passphrase']);
    expect(await call(h, 'POST', '/auth/api-key', { headers })).toEqual({
      status: 400,
      body: { error: 'Could not create api key' },
    });
    expect((await call(h, 'GET', '/auth/derive-api-key', { headers })).body).toEqual(created.body);
    // Another nonce is another key.
    const n1 = await call(h, 'GET', '/auth/derive-api-key', {
      headers: await l1Headers(signer, 137, h.clock.now(), 1),
    });
    expect(n1.body.apiKey).not.toBe(created.body.apiKey);

    const other = walletSigner(`0x${'11'.repeat(32)}`);
    const forged = { ...(await l1Headers(other, 137, h.clock.now())), POLY_ADDRESS: signer.account.address };
    expect(await call(h, 'GET', '/auth/derive-api-key', { headers: forged })).toMatchObject({
      status: 401,
      body: { error: expect.stringContaining('not made by POLY_ADDRESS') },
    });
    const wrongChain = await l1Headers(signer, 80002, h.clock.now());
    expect((await call(h, 'GET', '/auth/derive-api-key', { headers: wrongChain })).status).toBe(401);
    expect((await call(h, 'GET', '/auth/derive-api-key')).status).toBe(401);
    // Any wallet may have a key; it trades from its own (empty) account.
    const theirs = await call(h, 'GET', '/auth/derive-api-key', {
      headers: await l1Headers(other, 137, h.clock.now()),
    });
    expect(theirs.status).toBe(200);
    expect(h.ex.account(privateKeyToAccount(`0x${'11'.repeat(32)}`).address.toLowerCase())).toBeDefined();
  });

  it('L2: path without query, exact body; unknown key, wrong passphrase, wrong address and bad signature are 401', async () => {
    const h = await startPolyHost();
    const c = await creds(h);
    expect((await signed(h, c, 'GET', '/data/orders?next_cursor=MA==')).status).toBe(200);
    expect((await signed(h, c, 'DELETE', '/cancel-all')).status).toBe(200);
    const addr = signer.account.address;
    const base = (m: string, p: string, b = '') => l2Headers(addr, c, h.clock.now(), m, p, b);
    const cases: [string, Record<string, string>, string?][] = [
      [
        'unknown api key',
        { ...base('GET', '/data/orders'), POLY_API_KEY: '00000000-0000-4000-a000-000000000000' },
      ],
      ['wrong passphrase', { ...base('GET', '/data/orders'), POLY_PASSPHRASE: 'x' }],
      [
        'POLY_ADDRESS is not the key owner',
        { ...base('GET', '/data/orders'), POLY_ADDRESS: `0x${'22'.repeat(20)}` },
      ],
      ['bad signature', base('GET', '/data/orders?next_cursor=MA==')], // the query must not be signed
      ['bad signature', base('DELETE', '/order', '{"orderID":"a"}'), '{"orderID": "a"}'], // body not byte-exact
      ['bad signature', base('POST', '/data/orders')], // method is signed
      ['are required', { POLY_API_KEY: c.key }],
    ];
    for (const [why, headers, body] of cases) {
      const method = body === undefined ? 'GET' : 'DELETE';
      const path = body === undefined ? '/data/orders' : '/order';
      const r = await call(h, method, path, { headers, ...(body === undefined ? {} : { body }) });
      expect(r, why).toMatchObject({ status: 401, body: { error: expect.stringContaining(why) } });
    }
  });

  it('checks clock skew when configured (maxClockSkewSec)', async () => {
    const h = await startPolyHost({ front: { maxClockSkewSec: 30 } });
    const c = await creds(h);
    const stale = l2Headers(signer.account.address, c, h.clock.now() - 120_000, 'GET', '/data/orders');
    expect(await call(h, 'GET', '/data/orders', { headers: stale })).toMatchObject({
      status: 401,
      body: { error: expect.stringContaining('away from server time') },
    });
    expect((await signed(h, c, 'GET', '/data/orders')).status).toBe(200);
  });
});
