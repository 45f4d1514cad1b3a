/**
 * The one door to the official client's V2 order signing (`@polymarket/clob-client-v2`, P3).
 *
 * Our order identity needs the salt under our control (it is derived from the client order id, see
 * orders/build.ts). The only builder in the client that takes a salt is `ExchangeOrderBuilderV2` (its constructor
 * takes a salt generator), and the package's export map does not export it: it is loaded here from the
 * package's own dist by path. That is an internal file, so:
 *   - package.json pins the client to the exact version below (no `^`): an upgrade is a deliberate edit;
 *   - `loadOrderBuilder` fails loudly, naming the package, the installed and expected versions, the file and
 *     the export, when the file or the export is not where this version had it;
 *   - test/venues/polymarket/auth/order-builder.test.ts holds the contract (the export, its methods, our salt
 *     and timestamp in the signed order, the hash and signature) against the installed package.
 * The maintained successor `@polymarket/client` cannot replace it yet (docs/architecture.md, "Polymarket order
 * signing"): its limit orders take neither a salt nor a timestamp.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getContractConfig, orderToJsonV2 } from '@polymarket/clob-client-v2';
import type { Side } from '../../../core/market.ts';
import type { ClientSigner } from './signer.ts';

export const CLOB_CLIENT_PACKAGE = '@polymarket/clob-client-v2';
/** The version this module was written and tested against (package.json pins exactly this one). */
export const CLOB_CLIENT_VERSION = '1.1.0';

/** Where the builder lives in that version: a file under the package's `dist/`, and its export. */
export interface BuilderLocation {
  readonly file: string;
  readonly exportName: string;
}
export const ORDER_BUILDER_LOCATION: BuilderLocation = {
  file: 'order-utils/exchangeOrderBuilderV2.cjs',
  exportName: 'ExchangeOrderBuilderV2',
};

export interface SignedOrderV2 {
  readonly salt: string;
  readonly maker: string;
  readonly signer: string;
  readonly tokenId: string;
  readonly makerAmount: string;
  readonly takerAmount: string;
  readonly side: Side;
  readonly signatureType: number;
  readonly timestamp: string;
  readonly metadata: string;
  readonly builder: string;
  readonly expiration: string;
  readonly signature: string;
}

interface OrderBuilderV2 {
  buildSignedOrder(data: Record<string, unknown>): Promise<SignedOrderV2>;
  buildOrderTypedData(order: SignedOrderV2): unknown;
  buildOrderHash(typedData: unknown): string;
}

export type OrderBuilderV2Ctor = new (
  contract: string,
  chainId: number,
  signer: ClientSigner,
  generateSalt: () => string,
) => OrderBuilderV2;

const require = createRequire(import.meta.url);
/** The package's `dist/` (its `main` lives there). */
const distDir = (): string => dirname(require.resolve(CLOB_CLIENT_PACKAGE));

/** The installed version, read from the package's own package.json (not exported, so read by path). */
export function installedClientVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(distDir(), '..', 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

const cache = new Map<string, OrderBuilderV2Ctor>();

/**
 * The builder class, loaded once. Throws (at adapter construction, never mid-trade) with a message naming the
 * package, the installed and expected versions, the file and the missing export, if the internal has moved.
 */
export function loadOrderBuilder(at: BuilderLocation = ORDER_BUILDER_LOCATION): OrderBuilderV2Ctor {
  const key = `${at.file}#${at.exportName}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const file = join(distDir(), at.file);
  const missing = (why: string): Error =>
    new Error(
      `${CLOB_CLIENT_PACKAGE}@${installedClientVersion()} (expected ${CLOB_CLIENT_VERSION}): ${why}; ` +
        `the adapter signs orders with the internal export ${at.exportName} of dist/${at.file}: ` +
        'see src/venues/polymarket/auth/order-builder.ts before changing the pinned version',
    );
  let mod: Record<string, unknown>;
  try {
    mod = require(file) as Record<string, unknown>;
  } catch (e) {
    throw missing(
      `cannot load dist/${at.file} (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
    );
  }
  const ctor = mod[at.exportName];
  if (typeof ctor !== 'function') throw missing(`dist/${at.file} has no export ${at.exportName}`);
  for (const method of ['buildSignedOrder', 'buildOrderTypedData', 'buildOrderHash'])
    if (typeof (ctor.prototype as Record<string, unknown>)[method] !== 'function')
      throw missing(`${at.exportName} has no method ${method}`);
  cache.set(key, ctor as OrderBuilderV2Ctor);
  return ctor as OrderBuilderV2Ctor;
}

/** The fields of a V2 order as the builder takes them (amounts as 6-decimal integer strings). */
export interface OrderFieldsV2 {
  readonly maker: string;
  readonly tokenId: string;
  readonly makerAmount: string;
  readonly takerAmount: string;
  readonly side: Side;
  /** ms, as signed. */
  readonly timestamp: string;
  /** Unix seconds, in the body (unsigned in V2); "0" for none. */
  readonly expiration: string;
}

/** Sign one EOA order with exactly `salt`; returns the signed order and its EIP-712 hash (the `orderID`). */
export async function signOrderV2(
  signer: ClientSigner,
  chainId: number,
  negRisk: boolean,
  salt: string,
  fields: OrderFieldsV2,
): Promise<{ signed: SignedOrderV2; hash: string }> {
  const cfg = getContractConfig(chainId);
  // One builder per order: its salt generator is fixed to this order's salt, so concurrent builds never mix.
  const Builder = loadOrderBuilder();
  const b = new Builder(negRisk ? cfg.negRiskExchangeV2 : cfg.exchangeV2, chainId, signer, () => salt);
  const signed = await b.buildSignedOrder({ ...fields, signer: fields.maker, signatureType: 0 });
  return { signed, hash: b.buildOrderHash(b.buildOrderTypedData(signed)) };
}

/** The `POST /order` payload for a signed order, as the official client writes it. */
export function orderPayloadV2(
  signed: SignedOrderV2,
  apiKey: string,
  orderType: 'GTC' | 'GTD' | 'FOK' | 'FAK',
  postOnly: boolean,
): unknown {
  return orderToJsonV2(signed as never, apiKey, orderType as never, postOnly, false);
}
