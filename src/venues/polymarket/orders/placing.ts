/**
 * Placing and cancelling: an `OrderRequest` becomes a deterministic signed V2 order (build.ts), sent with
 * `POST /order`; its reply becomes a `VenueOrder`. A duplicate is our own retry: the existing order is reported.
 * A cancel is checked by reading the order back.
 */
import { err, ok } from '../../../core/errors.ts';
import { pxToDecimal, type Qty, qtyFromDecimal } from '../../../core/units.ts';
import type { OrderRequest, VenueError, VenueOrder, VenueResult } from '../../venue.ts';
import { badResponse, polyError } from '../errors.ts';
import type { PostOrderResponse } from '../rest/decode-orders.ts';
import { DEFAULT_ORDER_TIMESTAMP_MS, type OrderSigner, type WireOrderType } from './build.ts';
import type { OrderLookup } from './lookup.ts';
import type { OrderContext } from './context.ts';

export interface PlacingDeps extends OrderContext {
  readonly lookup: OrderLookup;
  readonly signer: OrderSigner;
  /** The signed timestamp of the order derived from a client order id (default: a fixed epoch). */
  readonly orderTimestampMs?: ((clientOrderId: string) => number) | undefined;
}

/** The statuses a `POST /order` reply may carry (P8); anything else leaves the order's outcome unknown. */
const INSERT_STATUSES: ReadonlySet<string> = new Set(['live', 'delayed', 'matched', 'unmatched']);

export class OrderPlacer {
  constructor(private readonly d: PlacingDeps) {}

  /** The venue order id (EIP-712 hash) the request derives to, without sending anything. */
  async orderIdFor(req: OrderRequest): Promise<VenueResult<string>> {
    const built = await this.build(req);
    return built.ok ? ok(built.value.hash) : built;
  }

  async place(req: OrderRequest): Promise<VenueResult<VenueOrder>> {
    const refused = await this.refusal(req);
    if (refused) return err(refused);
    const built = await this.build(req);
    if (!built.ok) return built;
    const { hash, body } = built.value;
    const r = await this.d.rest.postOrder(body);
    if (!r.ok) {
      // Our own order already exists (a retry after an unknown outcome): report it instead of failing.
      if (r.error.code === 'POLYMARKET.DUPLICATE_ORDER') {
        const existing = await this.d.lookup.get(hash);
        if (existing.ok && existing.value) return ok(existing.value);
      }
      return r;
    }
    return this.placed(req, hash, r.value);
  }

  async cancel(orderId: string): Promise<VenueResult<VenueOrder>> {
    const r = await this.d.rest.cancelOrder(orderId);
    if (!r.ok) return r;
    const after = await this.d.lookup.get(orderId);
    if (!after.ok) return after;
    if (!after.value) return err(polyError('rejected', 'POLYMARKET.NOT_FOUND', `order ${orderId} not found`));
    if (!r.value.canceled.includes(orderId))
      return err(
        polyError(
          'rejected',
          'POLYMARKET.ORDER_NOT_OPEN',
          r.value.notCanceled[orderId] ?? `order ${orderId} was not canceled`,
        ),
      );
    return ok(after.value);
  }

  /**
   * What the venue would refuse anyway, refused here from what the market channel told us (`market_resolved`,
   * `tick_size_change`): only for new orders, since a retry or a lookup must still derive an order placed before.
   */
  private async refusal(req: OrderRequest): Promise<VenueError | undefined> {
    if (this.d.markets.isResolved(req.market))
      return polyError('rejected', 'POLYMARKET.MARKET_RESOLVED', `market ${req.market} is resolved`);
    const info = await this.d.markets.info(req.market);
    if (info.ok && req.px % info.value.tick !== 0)
      return polyError(
        'rejected',
        'POLYMARKET.TICK_SIZE',
        `price ${pxToDecimal(req.px)} is not on the market's tick ${pxToDecimal(info.value.tick)}`,
      );
    return undefined;
  }

  private async build(req: OrderRequest): Promise<VenueResult<{ hash: string; body: string }>> {
    const creds = await this.d.keys.get();
    if (!creds.ok) return creds;
    const info = await this.d.markets.info(req.market);
    if (!info.ok) return info;
    if (req.tif === 'GTD' && req.expiresAtMs === undefined)
      return err(polyError('rejected', 'POLYMARKET.INVALID_EXPIRATION', 'GTD orders need expiresAtMs'));
    const orderType: WireOrderType = req.tif === 'IOC' ? 'FAK' : req.tif;
    const built = await this.d.signer.build(
      {
        clientOrderId: req.clientOrderId,
        tokenId: req.outcome === 'YES' ? info.value.tokens.yes : info.value.tokens.no,
        side: req.side,
        px: req.px,
        qty: req.qty,
        negRisk: info.value.negRisk,
        orderType,
        postOnly: req.postOnly ?? false,
        // P5: a GTD order is kept until 60 s before its signed expiration.
        ...(req.tif === 'GTD' ? { expirationSec: Math.ceil(req.expiresAtMs! / 1000) + 60 } : {}),
        timestampMs: this.d.orderTimestampMs?.(req.clientOrderId) ?? DEFAULT_ORDER_TIMESTAMP_MS,
      },
      creds.value.key,
    );
    this.d.ids.remember(req.clientOrderId, built.hash);
    return ok(built);
  }

  /** The `POST /order` reply → the order as placed. */
  private placed(req: OrderRequest, hash: string, res: PostOrderResponse): VenueResult<VenueOrder> {
    if (!res.success)
      return err(
        polyError('rejected', 'POLYMARKET.EXECUTION_ERROR', res.errorMsg || 'order not accepted', {
          status: 200,
        }),
      );
    const shares = req.side === 'BUY' ? res.takingAmount : res.makingAmount;
    let filled: Qty;
    try {
      filled = qtyFromDecimal(shares);
    } catch {
      // The order was taken but we cannot read how much matched: its state is unknown until it is found.
      return err(badResponse(true, `order ${hash}: bad matched amount ${shares}`));
    }
    // A success whose status is empty or unknown ("Observed in real traffic") says nothing about the order:
    // not "cancelled with 0 filled". Unknown: the engine keeps it in flight until a query or the user stream
    // finds it (its id is remembered, so `findOrder` can).
    if (!INSERT_STATUSES.has(res.status))
      return err(
        polyError(
          'unknown',
          'POLYMARKET.UNKNOWN_STATUS',
          `order ${hash} accepted with status ${JSON.stringify(res.status)}: its outcome is unknown until it is found`,
          { status: 200 },
        ),
      );
    // live: resting (maybe partly matched); matched: fully filled, or an IOC/FAK whose rest was cancelled;
    // unmatched: nothing traded and nothing rests; delayed: still being processed, so still open.
    const status: VenueOrder['status'] =
      res.status === 'live' || res.status === 'delayed'
        ? 'open'
        : res.status === 'matched' && filled >= req.qty
          ? 'filled'
          : 'cancelled';
    return ok({
      id: hash,
      clientOrderId: req.clientOrderId,
      market: req.market,
      outcome: req.outcome,
      side: req.side,
      px: req.px,
      qty: req.qty,
      filled,
      status,
      createdMs: this.d.clock.now(),
    });
  }
}
