/** Raw, signed HTTP calls against the Polymarket front, built with the adapter's helpers (tests of the sim itself). */
import { SIM_POLYMARKET_PRIVATE_KEY } from '../../../src/sim/credentials.ts';
import {
  type ApiCreds,
  l1Headers,
  l2Headers,
  OrderSigner,
  type OrderSpec,
  walletSigner,
} from '../../../src/venues/polymarket/index.ts';
import type { Px, Qty } from '../../../src/core/units.ts';
import type { PolyHost } from '../../venues/polymarket/support.ts';

export const signer = walletSigner(SIM_POLYMARKET_PRIVATE_KEY);
export const orderSigner = new OrderSigner(signer, 137);

export interface Res {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function call(
  h: PolyHost,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string } = {},
): Promise<Res> {
  const res = await fetch(`${h.conn.clobUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...opts.headers },
    ...(opts.body === undefined ? {} : { body: opts.body }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

export async function creds(h: PolyHost): Promise<ApiCreds> {
  const r = await call(h, 'GET', '/auth/derive-api-key', {
    headers: await l1Headers(signer, 137, h.clock.now()),
  });
  if (r.status !== 200) throw new Error(`derive failed: ${JSON.stringify(r.body)}`);
  return { key: r.body.apiKey, secret: r.body.secret, passphrase: r.body.passphrase };
}

/** An L2-signed call; `path` may carry a query string (not signed, as on the venue). */
export async function signed(
  h: PolyHost,
  c: ApiCreds,
  method: string,
  path: string,
  body?: string,
): Promise<Res> {
  const bare = path.split('?')[0]!;
  return call(h, method, path, {
    headers: l2Headers(signer.account.address, c, h.clock.now(), method, bare, body ?? ''),
    ...(body === undefined ? {} : { body }),
  });
}

export async function orderBody(
  c: ApiCreds,
  spec: Partial<OrderSpec> & Pick<OrderSpec, 'tokenId' | 'px' | 'qty'>,
): Promise<{ hash: string; body: string }> {
  return orderSigner.build(
    {
      clientOrderId: `c-${spec.tokenId}-${spec.px}-${spec.qty}-${spec.side ?? 'BUY'}-${spec.orderType ?? 'GTC'}`,
      side: 'BUY',
      negRisk: false,
      orderType: 'GTC',
      postOnly: false,
      timestampMs: 1_767_225_600_000,
      ...spec,
    },
    c.key,
  );
}

export const px = (n: number) => n as Px;
export const qty = (n: number) => n as Qty;
