/**
 * Building and signing V2 orders deterministically, with the official client's own builder (through
 * auth/order-builder.ts, the one module that touches its internals).
 *
 * Polymarket has no client order ids, so the order is *derived* from ours: the salt is a hash of the client
 * order id and the signed timestamp is fixed (see `orderTimestampMs`), so the same request always produces the
 * same signed order and the same order hash (`orderID`). A retry after an unknown outcome resends that order
 * (the venue refuses it as a duplicate if it exists), and the outcome is resolved by querying the hash.
 */
import { createHash } from 'node:crypto';
import type { Side } from '../../../core/market.ts';
import type { Px, Qty } from '../../../core/units.ts';
import { loadOrderBuilder, orderPayloadV2, signOrderV2 } from '../auth/order-builder.ts';
import type { ClientSigner } from '../auth/signer.ts';
import { amountsFor } from './amounts.ts';

export type { SignedOrderV2 } from '../auth/order-builder.ts';

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
    // Fail at construction, not at the first order, if the client's internal builder has moved.
    loadOrderBuilder();
  }

  get address(): string {
    return this.signer.account.address;
  }

  async build(spec: OrderSpec, apiKey: string): Promise<BuiltOrder> {
    const { makerAmount, takerAmount } = amountsFor(spec.side, spec.px, spec.qty);
    const { signed, hash } = await signOrderV2(
      this.signer,
      this.chainId,
      spec.negRisk,
      saltFor(spec.clientOrderId),
      {
        maker: this.address,
        tokenId: spec.tokenId,
        makerAmount: makerAmount.toString(),
        takerAmount: takerAmount.toString(),
        side: spec.side,
        timestamp: String(spec.timestampMs),
        expiration: String(spec.expirationSec ?? 0),
      },
    );
    return { hash, body: JSON.stringify(orderPayloadV2(signed, apiKey, spec.orderType, spec.postOnly)) };
  }
}
