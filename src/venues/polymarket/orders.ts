/**
 * Building and signing V2 orders with the official client's own order builder, deterministically.
 *
 * Polymarket has no client order ids, so the order is *derived* from ours: the salt is a hash of the client
 * order id and the signed timestamp is fixed (see `orderTimestampMs`), so the same request always produces the
 * same signed order and the same order hash (`orderID`). A retry after an unknown outcome resends that order
 * (the venue refuses it as a duplicate if it exists), and the outcome is resolved by querying the hash.
 *
 * The builder with an injectable salt (`ExchangeOrderBuilderV2`) is not in the package's export map, so it is
 * loaded from the package's own dist by path; `loadOrderBuilder` fails loudly if a client upgrade moves it.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getContractConfig, orderToJsonV2 } from '@polymarket/clob-client-v2';
import type { Side } from '../../core/market.ts';
import type { Px, Qty } from '../../core/units.ts';
import { amountsFor } from './amounts.ts';
import type { ClientSigner } from './auth.ts';

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

type OrderBuilderV2Ctor = new (
  contract: string,
  chainId: number,
  signer: ClientSigner,
  generateSalt: () => string,
) => OrderBuilderV2;

let builderCtor: OrderBuilderV2Ctor | undefined;

export function loadOrderBuilder(): OrderBuilderV2Ctor {
  if (builderCtor) return builderCtor;
  const require = createRequire(import.meta.url);
  const main = require.resolve('@polymarket/clob-client-v2');
  const file = join(dirname(main), 'order-utils', 'exchangeOrderBuilderV2.cjs');
  const mod = require(file) as { ExchangeOrderBuilderV2?: OrderBuilderV2Ctor };
  if (typeof mod.ExchangeOrderBuilderV2 !== 'function')
    throw new Error(`@polymarket/clob-client-v2: ExchangeOrderBuilderV2 not found in ${file}`);
  builderCtor = mod.ExchangeOrderBuilderV2;
  return builderCtor;
}

/** The signed timestamp of every derived order by default: fixed, so derivation depends on the request alone. */
export const DEFAULT_ORDER_TIMESTAMP_MS = Date.UTC(2026, 0, 1);

/** Salt from the client order id: 48 bits, so it survives the wire's JSON number (`parseInt`) exactly. */
export function saltFor(clientOrderId: string): string {
  const h = createHash('sha256').update(`arb-polymarket-order:${clientOrderId}`).digest();
  return String(h.readUIntBE(0, 6));
}

export type WireOrderType = 'GTC' | 'GTD' | 'FOK' | 'FAK';

export interface OrderSpec {
  readonly clientOrderId: string;
  readonly tokenId: string;
  readonly side: Side;
  readonly px: Px;
  readonly qty: Qty;
  readonly negRisk: boolean;
  readonly orderType: WireOrderType;
  readonly postOnly: boolean;
  /** GTD: unix seconds as signed (the venue keeps it until 60 s before). */
  readonly expirationSec?: number;
  readonly timestampMs: number;
}

export interface BuiltOrder {
  /** The EIP-712 order hash: the venue's `orderID`. */
  readonly hash: string;
  /** The exact `POST /order` body. */
  readonly body: string;
}

export class OrderSigner {
  constructor(
    private readonly signer: ClientSigner,
    private readonly chainId: number,
  ) {
    loadOrderBuilder();
  }

  get address(): string {
    return this.signer.account.address;
  }

  async build(spec: OrderSpec, apiKey: string): Promise<BuiltOrder> {
    const cfg = getContractConfig(this.chainId);
    const salt = saltFor(spec.clientOrderId);
    // One builder per order: its salt generator is fixed to this order's salt, so concurrent builds never mix.
    const Ctor = loadOrderBuilder();
    const b = new Ctor(
      spec.negRisk ? cfg.negRiskExchangeV2 : cfg.exchangeV2,
      this.chainId,
      this.signer,
      () => salt,
    );
    const { makerAmount, takerAmount } = amountsFor(spec.side, spec.px, spec.qty);
    const signed = await b.buildSignedOrder({
      maker: this.address,
      signer: this.address,
      tokenId: spec.tokenId,
      makerAmount: makerAmount.toString(),
      takerAmount: takerAmount.toString(),
      side: spec.side,
      signatureType: 0,
      timestamp: String(spec.timestampMs),
      expiration: String(spec.expirationSec ?? 0),
    });
    const hash = b.buildOrderHash(b.buildOrderTypedData(signed));
    const payload = orderToJsonV2(signed as never, apiKey, spec.orderType as never, spec.postOnly, false);
    return { hash, body: JSON.stringify(payload) };
  }
}
