/**
 * L2 authentication (P1): every trading call carries the API key, its passphrase and an HMAC-SHA256 keyed by
 * the base64-decoded secret over `timestamp + METHOD + path + body` (path without the query string, body
 * exactly as sent), URL-safe base64. Anything wrong is a 401 `{"error": ...}`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { errorReply } from '../server/reply.ts';
import type { Handler, Reply, SimRequest } from '../server/types.ts';
import { skewProblem } from './auth-l1.ts';
import type { FrontContext } from './context.ts';
import type { ApiKeyRecord } from './keys.ts';

const header = (req: SimRequest, name: string): string | undefined => {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

/** URL-safe base64 of the HMAC, as the official client sends it. */
export function l2Signature(secret: string, message: string): string {
  const key = Buffer.from(secret.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return createHmac('sha256', key).update(message).digest('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

export type L2Check = { ok: true; key: ApiKeyRecord } | { ok: false; reply: Reply };

const unauthorized = (why: string): L2Check => ({
  ok: false,
  reply: errorReply(401, `Unauthorized/Invalid api key: ${why}`),
});

export function verifyL2(ctx: FrontContext, req: SimRequest): L2Check {
  const apiKey = header(req, 'POLY_API_KEY');
  const passphrase = header(req, 'POLY_PASSPHRASE');
  const address = header(req, 'POLY_ADDRESS');
  const signature = header(req, 'POLY_SIGNATURE');
  const timestamp = header(req, 'POLY_TIMESTAMP');
  if (!apiKey || !passphrase || !address || !signature || !timestamp)
    return unauthorized(
      'POLY_API_KEY, POLY_PASSPHRASE, POLY_ADDRESS, POLY_SIGNATURE and POLY_TIMESTAMP are required',
    );
  const rec = ctx.keys.byApiKey(apiKey);
  if (!rec) return unauthorized('unknown api key');
  if (!safeEqual(passphrase, rec.creds.passphrase)) return unauthorized('wrong passphrase');
  if (address.toLowerCase() !== rec.address) return unauthorized('POLY_ADDRESS is not the key owner');
  if (!/^\d{1,15}$/.test(timestamp)) return unauthorized('POLY_TIMESTAMP must be unix seconds');
  const skew = skewProblem(ctx, timestamp);
  if (skew) return unauthorized(skew);
  const expected = l2Signature(rec.creds.secret, `${timestamp}${req.method}${req.path}${req.rawBody}`);
  // Accept standard base64 too: only the alphabet differs.
  const given = signature.replace(/\+/g, '-').replace(/\//g, '_');
  if (!safeEqual(given, expected)) return unauthorized('bad signature');
  return { ok: true, key: rec };
}

/** Wrap a handler so it runs only for a correctly signed request, with the caller's key. */
export function l2(
  ctx: FrontContext,
  handler: (req: SimRequest, key: ApiKeyRecord) => Reply | Promise<Reply>,
): Handler {
  return (req) => {
    const c = verifyL2(ctx, req);
    return c.ok ? handler(req, c.key) : c.reply;
  };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
