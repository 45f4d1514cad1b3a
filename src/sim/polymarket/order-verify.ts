/**
 * Reads a posted V2 order (P3): checks its shape, that `owner` is the caller's API key, that the EIP-712
 * signature (domain "Polymarket CTF Exchange" version "2", the negRisk exchange for negRisk markets) was made
 * by the key's wallet, and turns maker/taker amounts back into a token price and size on the market's grid.
 * The order hash (the venue's `orderID`) is the EIP-712 hash of the signed struct.
 */
import { isOnGrid, type Side, uniformGrid } from '../../core/market.ts';
import { type Px, pxToDecimal, type Qty, qtyToDecimal } from '../../core/units.ts';
import type { Tif } from '../engine/types.ts';
import { readAmounts } from './amounts.ts';
import type { TokenRef } from './catalog.ts';
import type { FrontContext } from './context.ts';
import type { ApiKeyRecord } from './keys.ts';

/** V2 exchange contracts (the same on Polygon and Amoy). */
export const EXCHANGE_V2 = '0xE111180000d2663C0091e4f400237545B87B996B';
export const NEG_RISK_EXCHANGE_V2 = '0xe2222d279d744050d28e00520010520000310F59';

const ORDER_TYPES = {
  Order: [
    { name: 'salt', type: 'uint256' },
    { name: 'maker', type: 'address' },
    { name: 'signer', type: 'address' },
    { name: 'tokenId', type: 'uint256' },
    { name: 'makerAmount', type: 'uint256' },
    { name: 'takerAmount', type: 'uint256' },
    { name: 'side', type: 'uint8' },
    { name: 'signatureType', type: 'uint8' },
    { name: 'timestamp', type: 'uint256' },
    { name: 'metadata', type: 'bytes32' },
    { name: 'builder', type: 'bytes32' },
  ],
} as const;

export type OrderType = 'GTC' | 'GTD' | 'FOK' | 'FAK';

export interface VerifiedOrder {
  readonly hash: string;
  readonly ref: TokenRef;
  readonly side: Side;
  readonly px: Px;
  readonly qty: Qty;
  readonly tif: Tif;
  readonly orderType: OrderType;
  readonly postOnly: boolean;
  /** GTD only: when the engine expires it (the signed expiration minus the 60 s security threshold). */
  readonly expiresAtMs?: number;
}

/** A refusal: HTTP status plus the venue's `errorMsg` code when it has one. */
export interface Refusal {
  readonly status: number;
  readonly error: string;
  readonly errorMsg?: string;
  readonly orderID?: string;
}

export type Verified = { ok: true; order: VerifiedOrder } | { ok: false; refusal: Refusal };

const bad = (error: string, errorMsg?: string, orderID?: string): Verified => ({
  ok: false,
  refusal: {
    status: 400,
    error,
    ...(errorMsg === undefined ? {} : { errorMsg }),
    ...(orderID === undefined ? {} : { orderID }),
  },
});

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const UINT = /^\d{1,78}$/;

function uintField(o: Record<string, unknown>, name: string): bigint | undefined {
  const v = o[name];
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === 'string' && UINT.test(v)) return BigInt(v);
  return undefined;
}

export async function verifyOrder(ctx: FrontContext, body: unknown, key: ApiKeyRecord): Promise<Verified> {
  if (!isObj(body) || !isObj(body.order))
    return bad('Invalid order payload: expected {order, owner, orderType}');
  const o = body.order;
  if (!('timestamp' in o) && ('nonce' in o || 'feeRateBps' in o))
    return bad('order_version_mismatch: V1 orders are not accepted; sign for exchange version 2');
  const orderType = body.orderType ?? 'GTC';
  if (orderType !== 'GTC' && orderType !== 'GTD' && orderType !== 'FOK' && orderType !== 'FAK')
    return bad(
      `Invalid order payload: orderType must be GTC, GTD, FOK or FAK, got ${JSON.stringify(orderType)}`,
    );
  const postOnly = body.postOnly === true;
  if (body.owner !== key.creds.apiKey) return bad('the order owner has to be the owner of the API KEY');

  const salt = uintField(o, 'salt');
  const tokenId = typeof o.tokenId === 'string' && UINT.test(o.tokenId) ? o.tokenId : undefined;
  const makerAmount = uintField(o, 'makerAmount');
  const takerAmount = uintField(o, 'takerAmount');
  const timestamp = uintField(o, 'timestamp');
  const expiration = uintField(o, 'expiration') ?? 0n;
  const side =
    o.side === 'BUY' || o.side === 0 ? 'BUY' : o.side === 'SELL' || o.side === 1 ? 'SELL' : undefined;
  const signatureType = o.signatureType ?? 0;
  const problems: string[] = [];
  if (salt === undefined) problems.push('salt');
  if (typeof o.maker !== 'string' || !ADDRESS.test(o.maker)) problems.push('maker');
  if (typeof o.signer !== 'string' || !ADDRESS.test(o.signer)) problems.push('signer');
  if (tokenId === undefined) problems.push('tokenId');
  if (makerAmount === undefined) problems.push('makerAmount');
  if (takerAmount === undefined) problems.push('takerAmount');
  if (side === undefined) problems.push('side');
  if (timestamp === undefined) problems.push('timestamp');
  if (typeof o.metadata !== 'string' || !BYTES32.test(o.metadata)) problems.push('metadata');
  if (typeof o.builder !== 'string' || !BYTES32.test(o.builder)) problems.push('builder');
  if (typeof signatureType !== 'number' || ![0, 1, 2, 3].includes(signatureType))
    problems.push('signatureType');
  if (typeof o.signature !== 'string' || !/^0x[0-9a-fA-F]+$/.test(o.signature)) problems.push('signature');
  if (problems.length > 0) return bad(`Invalid order payload: bad ${problems.join(', ')}`);

  const ref = ctx.catalog.token(tokenId!);
  if (!ref) return bad(`market not found for token id ${tokenId}`, 'MARKET_NOT_READY');
  const typed = {
    domain: {
      name: 'Polymarket CTF Exchange',
      version: '2',
      chainId: ctx.chainId,
      verifyingContract: (ref.market.negRisk ? NEG_RISK_EXCHANGE_V2 : EXCHANGE_V2) as `0x${string}`,
    },
    types: ORDER_TYPES,
    primaryType: 'Order' as const,
    message: {
      salt: salt!,
      maker: o.maker as `0x${string}`,
      signer: o.signer as `0x${string}`,
      tokenId: BigInt(tokenId!),
      makerAmount: makerAmount!,
      takerAmount: takerAmount!,
      side: side === 'BUY' ? 0 : 1,
      signatureType: signatureType as number,
      timestamp: timestamp!,
      metadata: o.metadata as `0x${string}`,
      builder: o.builder as `0x${string}`,
    },
  };
  // viem is loaded on first use: it is heavy, and `arb sim` should start fast.
  const { hashTypedData, recoverTypedDataAddress } = await import('viem');
  const hash = hashTypedData(typed);
  let recovered: string;
  try {
    recovered = await recoverTypedDataAddress({ ...typed, signature: o.signature as `0x${string}` });
  } catch {
    return bad('invalid signature', undefined, hash);
  }
  const signer = (o.signer as string).toLowerCase();
  if (recovered.toLowerCase() !== signer || signer !== key.address)
    return bad('invalid signature: not signed by the API key owner for this exchange', undefined, hash);

  const ps = readAmounts(side!, makerAmount!, takerAmount!);
  const cm = ref.market;
  const tick = ctx.catalog.tick(cm);
  if (!ps.ok) {
    return ps.why === 'price'
      ? bad(
          `order ${hash} is invalid. Price breaks minimum tick size rule: ${pxToDecimal(tick)}`,
          'INVALID_ORDER_MIN_TICK_SIZE',
          hash,
        )
      : bad(
          `order ${hash} is invalid. Size must be a positive multiple of 0.01`,
          'INVALID_ORDER_MIN_SIZE',
          hash,
        );
  }
  if (!isOnGrid(uniformGrid(tick), ps.px))
    return bad(
      `order ${hash} is invalid. Price (${pxToDecimal(ps.px)}) breaks minimum tick size rule: ${pxToDecimal(tick)}`,
      'INVALID_ORDER_MIN_TICK_SIZE',
      hash,
    );
  if (ps.qty < cm.m.minSize)
    return bad(
      `Size (${qtyToDecimal(ps.qty)}) lower than the minimum: ${qtyToDecimal(cm.m.minSize)}`,
      'INVALID_ORDER_MIN_SIZE',
      hash,
    );
  if (postOnly && (orderType === 'FOK' || orderType === 'FAK'))
    return bad(
      'invalid post-only order: post-only is only for GTC and GTD orders',
      'INVALID_POST_ONLY_ORDER',
      hash,
    );
  let expiresAtMs: number | undefined;
  if (orderType === 'GTD') {
    // P5: a one-minute security threshold; the order lives until expiration − 60 s.
    const nowSec = Math.floor(ctx.clock.now() / 1000);
    if (expiration <= BigInt(nowSec + 60))
      return bad(`invalid expiration: must be at least 60 s in the future`, 'INVALID_ORDER_EXPIRATION', hash);
    expiresAtMs = (Number(expiration) - 60) * 1000;
  } else if (expiration !== 0n) {
    return bad('invalid expiration: only GTD orders expire', 'INVALID_ORDER_EXPIRATION', hash);
  }
  const tif: Tif = orderType === 'FAK' ? 'IOC' : orderType;
  return {
    ok: true,
    order: {
      hash,
      ref,
      side: side!,
      px: ps.px,
      qty: ps.qty,
      tif,
      orderType,
      postOnly,
      ...(expiresAtMs === undefined ? {} : { expiresAtMs }),
    },
  };
}
