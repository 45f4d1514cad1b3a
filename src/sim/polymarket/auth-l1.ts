/**
 * L1 authentication (P1): an EIP-712 `ClobAuth` signature by the wallet, used only to create or derive API
 * keys. The recovered signer must be `POLY_ADDRESS`; the key is deterministic per (address, nonce).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { errorReply, ok } from '../server/reply.ts';
import type { Reply, SimRequest } from '../server/types.ts';
import type { FrontContext } from './context.ts';
import type { ApiKeyRecord } from './keys.ts';

export const CLOB_AUTH_MESSAGE = 'This message attests that I control the given wallet';

const CLOB_AUTH_TYPES = {
  ClobAuth: [
    { name: 'address', type: 'address' },
    { name: 'timestamp', type: 'string' },
    { name: 'nonce', type: 'uint256' },
    { name: 'message', type: 'string' },
  ],
} as const;

const header = (h: IncomingHttpHeaders, name: string): string | undefined => {
  const v = h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

export type L1Check = { ok: true; address: string; nonce: string } | { ok: false; reply: Reply };

const unauthorized = (why: string): L1Check => ({
  ok: false,
  reply: errorReply(401, `Invalid L1 Request headers: ${why}`),
});

export async function verifyL1(ctx: FrontContext, req: SimRequest): Promise<L1Check> {
  const address = header(req.headers, 'POLY_ADDRESS');
  const signature = header(req.headers, 'POLY_SIGNATURE');
  const timestamp = header(req.headers, 'POLY_TIMESTAMP');
  const nonce = header(req.headers, 'POLY_NONCE') ?? '0';
  if (!address || !signature || !timestamp)
    return unauthorized('POLY_ADDRESS, POLY_SIGNATURE and POLY_TIMESTAMP are required');
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return unauthorized('POLY_ADDRESS is not an address');
  if (!/^\d{1,15}$/.test(timestamp)) return unauthorized('POLY_TIMESTAMP must be unix seconds');
  if (!/^\d{1,30}$/.test(nonce)) return unauthorized('POLY_NONCE must be a non-negative integer');
  if (!/^0x[0-9a-fA-F]{130}$/.test(signature))
    return unauthorized('POLY_SIGNATURE is not a 65-byte signature');
  const skew = skewProblem(ctx, timestamp);
  if (skew) return unauthorized(skew);
  let recovered: string;
  try {
    // viem is loaded on first use: it is heavy, and `arb sim` should start fast.
    const { recoverTypedDataAddress } = await import('viem');
    recovered = await recoverTypedDataAddress({
      domain: { name: 'ClobAuthDomain', version: '1', chainId: ctx.chainId },
      types: CLOB_AUTH_TYPES,
      primaryType: 'ClobAuth',
      message: {
        address: address as `0x${string}`,
        timestamp,
        nonce: BigInt(nonce),
        message: CLOB_AUTH_MESSAGE,
      },
      signature: signature as `0x${string}`,
    });
  } catch {
    return unauthorized('signature does not recover');
  }
  if (recovered.toLowerCase() !== address.toLowerCase())
    return unauthorized('signature was not made by POLY_ADDRESS');
  return { ok: true, address, nonce };
}

/** When the front checks clock skew, how a timestamp (unix seconds) fails it. */
export function skewProblem(ctx: FrontContext, timestamp: string): string | undefined {
  const max = ctx.opts.maxClockSkewSec;
  if (max === undefined) return undefined;
  const off = Math.abs(Number(timestamp) - Math.floor(ctx.clock.now() / 1000));
  return off > max ? `POLY_TIMESTAMP is ${off} s away from server time (max ${max} s)` : undefined;
}

const credsBody = (rec: ApiKeyRecord) => ({
  apiKey: rec.creds.apiKey,
  secret: rec.creds.secret,
  passphrase: rec.creds.passphrase,
});

export function mountAuthL1(ctx: FrontContext): void {
  ctx.rt.server
    .post('/auth/api-key', async (req) => {
      const c = await verifyL1(ctx, req);
      if (!c.ok) return c.reply;
      const rec = ctx.keys.create(c.address, c.nonce);
      // The venue refuses a second key for the same nonce; the client then derives it.
      return rec ? ok(credsBody(rec)) : errorReply(400, 'Could not create api key');
    })
    .get('/auth/derive-api-key', async (req) => {
      const c = await verifyL1(ctx, req);
      if (!c.ok) return c.reply;
      return ok(credsBody(ctx.keys.derive(c.address, c.nonce)));
    });
}
