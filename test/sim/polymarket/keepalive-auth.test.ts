/**
 * Every request to the simulated Polymarket is authenticated on its own, even over one keep-alive connection:
 * L1 (`/auth/api-key`, `/auth/derive-api-key`) and L2 headers, signed with the official client's own header
 * functions (`createL1Headers`, `createL2Headers`), so neither the adapter's signer nor the simulator's checker
 * judges itself. A good signature never vouches for the next request on the socket; a bad one never poisons it.
 */
import { createL1Headers, createL2Headers } from '@polymarket/clob-client-v2';
import { createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { SIM_POLYMARKET_PRIVATE_KEY } from '../../../src/sim/credentials.ts';
import { startPolyHost } from '../../venues/polymarket/support.ts';
import { OneSocketClient } from '../support/one-socket.ts';

// Wallet clients are all the official header functions need; they never reach a chain here.
const wallet = (pk: string) =>
  createWalletClient({
    account: privateKeyToAccount(pk as `0x${string}`),
    transport: http('http://127.0.0.1:9'),
  });
const ours = wallet(SIM_POLYMARKET_PRIVATE_KEY);
const theirs = wallet(`0x${'33'.repeat(32)}`);

interface Creds {
  readonly key: string;
  readonly secret: string;
  readonly passphrase: string;
}

async function setup() {
  const h = await startPolyHost();
  const server = h.host.polymarket.server;
  const client = new OneSocketClient();
  const before = server.connectionsAccepted;
  const sec = () => Math.floor(h.clock.now() / 1000);
  const chain = h.conn.chainId as 137;
  const address = ours.account.address;
  /** L1 headers for our wallet: right, or forged (signed by another wallet, claiming to be ours). */
  const l1 = async (right: boolean, nonce = 0) =>
    ({
      ...(await createL1Headers((right ? ours : theirs) as never, chain, nonce, sec())),
      POLY_ADDRESS: address,
    }) as unknown as Record<string, string>;
  /** L2 headers for `creds` (our wallet's): right, or with the wrong secret. */
  const l2 = async (c: Creds, right: boolean, method: string, requestPath: string) =>
    (await createL2Headers(
      ours as never,
      right ? c : { ...c, secret: Buffer.from('not the secret, 32 bytes long!!!').toString('base64url') },
      { method, requestPath },
      sec(),
    )) as unknown as Record<string, string>;
  const send = (method: string, path: string, headers: Record<string, string>) =>
    client.send(`${h.conn.clobUrl}${path}`, { method, headers });
  const oneConnection = () => {
    expect(client.socketCount).toBe(1);
    expect(server.connectionsAccepted - before).toBe(1);
  };
  return { send, l1, l2, oneConnection };
}

const statuses = (rs: readonly { status: number }[]) => rs.map((r) => r.status);

describe('Polymarket simulator: authentication per request on one keep-alive connection', () => {
  it('L1 derive-api-key: right, wrong, right is 200, 401, 200; wrong then right is 401, 200', async () => {
    const { send, l1, oneConnection } = await setup();
    const seen = [];
    for (const right of [true, false, true, false, true])
      seen.push(await send('GET', '/auth/derive-api-key', await l1(right)));
    expect(statuses(seen)).toEqual([200, 401, 200, 401, 200]);
    expect(seen[2]!.body).toEqual(seen[0]!.body);
    expect(new Set(seen.map((r) => r.localPort)).size).toBe(1);
    oneConnection();
  });

  it('L1 api-key: each create is checked on its own, in both orders', async () => {
    const { send, l1, oneConnection } = await setup();
    const seen = [];
    // Fresh nonces, so a second create is not refused for an existing key.
    seen.push(await send('POST', '/auth/api-key', await l1(true, 5)));
    seen.push(await send('POST', '/auth/api-key', await l1(false, 6)));
    seen.push(await send('POST', '/auth/api-key', await l1(true, 6)));
    expect(statuses(seen)).toEqual([200, 401, 200]);
    oneConnection();
  });

  it('L2: right, wrong, right is 200, 401, 200; wrong then right is 401, 200', async () => {
    const { send, l1, l2, oneConnection } = await setup();
    const derived = await send('GET', '/auth/derive-api-key', await l1(true));
    const b = derived.body as { apiKey: string; secret: string; passphrase: string };
    const c: Creds = { key: b.apiKey, secret: b.secret, passphrase: b.passphrase };
    const seen = [];
    for (const right of [true, false, true, false, true])
      seen.push(await send('GET', '/data/orders', await l2(c, right, 'GET', '/data/orders')));
    expect(statuses(seen)).toEqual([200, 401, 200, 401, 200]);
    // A write as well: cancel-all goes through only with the right signature.
    const writes = [];
    for (const right of [false, true])
      writes.push(await send('DELETE', '/cancel-all', await l2(c, right, 'DELETE', '/cancel-all')));
    expect(statuses(writes)).toEqual([401, 200]);
    // L1 headers are not L2 headers: a good L1 signature opens no trading endpoint on the same socket.
    expect((await send('GET', '/data/orders', await l1(true))).status).toBe(401);
    oneConnection();
  });
});
