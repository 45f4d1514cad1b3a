/**
 * Polymarket credentials. L1 (wallet EIP-712, only to create/derive API keys) uses the official client's
 * `createL1Headers`; L2 headers (every trading call) are computed here with node:crypto, synchronously, so the
 * hot path does no async WebCrypto round trip: HMAC-SHA256 keyed by the base64-decoded secret over
 * `timestamp + METHOD + path + body`, URL-safe base64. The wallet is a viem local account wrapped in the
 * signer shape the official client accepts (`{account, signTypedData}`).
 */
import { createHmac } from 'node:crypto';
import { createL1Headers } from '@polymarket/clob-client-v2';
import { privateKeyToAccount } from 'viem/accounts';

export interface ApiCreds {
  readonly key: string;
  readonly secret: string;
  readonly passphrase: string;
}

/** What the official client's builders and header helpers accept as a signer. */
export interface ClientSigner {
  readonly account: { readonly address: `0x${string}` };
  signTypedData(args: Record<string, unknown>): Promise<`0x${string}`>;
}

export function walletSigner(privateKey: string): ClientSigner {
  if (!/^0x[0-9a-fA-F]{64}$/.test(privateKey))
    throw new Error('polymarket privateKey must be 0x + 64 hex digits');
  const account = privateKeyToAccount(privateKey as `0x${string}`);
  return {
    account,
    signTypedData: (args) => account.signTypedData(args as Parameters<typeof account.signTypedData>[0]),
  };
}

export function l2Signature(secret: string, message: string): string {
  const key = Buffer.from(secret.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return createHmac('sha256', key).update(message).digest('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** L2 headers for one request; `path` is the request path without the query string, `body` exactly as sent. */
export function l2Headers(
  address: string,
  creds: ApiCreds,
  nowMs: number,
  method: string,
  path: string,
  body = '',
): Record<string, string> {
  const ts = String(Math.floor(nowMs / 1000));
  return {
    POLY_ADDRESS: address,
    POLY_SIGNATURE: l2Signature(creds.secret, `${ts}${method}${path}${body}`),
    POLY_TIMESTAMP: ts,
    POLY_API_KEY: creds.key,
    POLY_PASSPHRASE: creds.passphrase,
  };
}

/** L1 headers (EIP-712 ClobAuth) from the official client, stamped with our clock. */
export async function l1Headers(
  signer: ClientSigner,
  chainId: number,
  nowMs: number,
  nonce = 0,
): Promise<Record<string, string>> {
  const h = await createL1Headers(signer as never, chainId, nonce, Math.floor(nowMs / 1000));
  return {
    POLY_ADDRESS: h.POLY_ADDRESS,
    POLY_SIGNATURE: h.POLY_SIGNATURE,
    POLY_TIMESTAMP: h.POLY_TIMESTAMP,
    POLY_NONCE: h.POLY_NONCE,
  };
}
