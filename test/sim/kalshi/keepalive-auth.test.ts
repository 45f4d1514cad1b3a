/**
 * Every request to the simulated Kalshi is authenticated on its own, even when clients reuse one keep-alive
 * connection (as the official client and our adapter do): a good signature must not vouch for the next request
 * on the same socket, a bad one must not poison it, and two keys on one socket each act for their own account.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SIM_KALSHI_KEY_ID, SIM_KALSHI_PUBLIC_KEY_PEM } from '../../../src/sim/credentials.ts';
import { BOT_ACCOUNT } from '../../../src/sim/venue-exchanges.ts';
import { startKalshiSim } from '../../venues/kalshi/support.ts';
import { OneSocketClient } from '../support/one-socket.ts';
import { type SignOptions, signedHeaders } from './support.ts';

// Another RSA key: the wrong key for the simulator's key id, and the right one for ALICE_KEY.
const other = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const ALICE_KEY = 'alice-key';
const RIGHT: SignOptions = {};
const WRONG: SignOptions = { privateKeyPem: other.privateKey }; // the bot's key id, signed with another key
const ALICE: SignOptions = { keyId: ALICE_KEY, privateKeyPem: other.privateKey };

async function setup(seed: number) {
  const sim = await startKalshiSim({
    seed,
    front: {
      keys: [
        { keyId: SIM_KALSHI_KEY_ID, publicKeyPem: SIM_KALSHI_PUBLIC_KEY_PEM, account: BOT_ACCOUNT },
        { keyId: ALICE_KEY, publicKeyPem: other.publicKey, account: 'alice' },
      ],
    },
  });
  sim.ex.openAccount('alice', 123_450_000, { tracked: true });
  const server = sim.host.kalshi.server;
  const client = new OneSocketClient();
  const before = server.connectionsAccepted;
  /** One request over the shared connection, signed as `auth` (false: unsigned). */
  const send = async (method: string, rel: string, auth: SignOptions | false) => {
    const url = `${sim.kalshi.restUrl}${rel}`;
    const headers = auth === false ? {} : signedHeaders(method, new URL(url).pathname, auth);
    return client.send(url, { method, headers });
  };
  /** Every request so far went over one connection: one socket at the client, one accept at the server. */
  const oneConnection = () => {
    expect(client.socketCount).toBe(1);
    expect(server.connectionsAccepted - before).toBe(1);
  };
  return { send, oneConnection };
}

const status = async (p: Promise<{ status: number }>) => (await p).status;

describe('Kalshi simulator: authentication per request on one keep-alive connection (seeds 141–144)', () => {
  it('right key, then wrong key, then right key again: 200, 401, 200', async () => {
    const { send, oneConnection } = await setup(141);
    const seen = [];
    for (const auth of [RIGHT, WRONG, RIGHT]) seen.push(await send('GET', '/portfolio/balance', auth));
    expect(seen.map((r) => r.status)).toEqual([200, 401, 200]);
    expect(new Set(seen.map((r) => r.localPort)).size).toBe(1);
    // A write too: cancel-all answers 204 for the right key only.
    const writes = [];
    for (const auth of [RIGHT, WRONG])
      writes.push(await status(send('DELETE', '/portfolio/events/orders', auth)));
    expect(writes).toEqual([204, 401]);
    oneConnection();
  });

  it('wrong key first, then the right key: 401, 200', async () => {
    const { send, oneConnection } = await setup(142);
    const seen = [];
    for (const auth of [WRONG, RIGHT]) seen.push(await status(send('GET', '/portfolio/balance', auth)));
    expect(seen).toEqual([401, 200]);
    oneConnection();
  });

  it('a signed request does not vouch for the unsigned one after it on the same socket', async () => {
    const { send, oneConnection } = await setup(143);
    expect(await status(send('GET', '/portfolio/balance', RIGHT))).toBe(200);
    expect(await status(send('GET', '/portfolio/balance', false))).toBe(401);
    // Public data still needs no signature.
    expect(await status(send('GET', '/markets?limit=1', false))).toBe(200);
    oneConnection();
  });

  it('two keys alternating on one socket each read their own account', async () => {
    const { send, oneConnection } = await setup(144);
    const balances: unknown[] = [];
    for (const auth of [RIGHT, ALICE, RIGHT, ALICE]) {
      const r = await send('GET', '/portfolio/balance', auth);
      expect(r.status).toBe(200);
      balances.push((r.body as { balance_dollars: string }).balance_dollars);
    }
    expect(balances[1]).toBe('123.4500');
    expect(balances[0]).not.toBe(balances[1]);
    expect(balances).toEqual([balances[0], balances[1], balances[0], balances[1]]);
    oneConnection();
  });
});
