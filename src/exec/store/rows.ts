/**
 * What the order store gives back: one type per table row, and the functions that read a SQLite row into it.
 * Prices, sizes and money come back as `Px`, `Qty` and `Micros` through the checked constructors, so a row the
 * store could not have written (a price above $1, a fractional size) is an error where it is read, not a wrong
 * number further on.
 */
import type { Outcome, Side, Venue } from '../../core/market.ts';
import { asMicros, asPx, asQty, type Micros, type Px, type Qty } from '../../core/units.ts';
import type { VenueFill, VenueOrder } from '../../venues/venue.ts';
import type { OrderState } from '../lifecycle/order-state.ts';
import type { PackageSnapshot, PackageState } from '../lifecycle/package-state.ts';

export type IntentRole = 'leg' | 'complete' | 'unwind' | 'replace' | 'manual';

export interface StoredLeg {
  readonly venue: Venue;
  readonly market: string;
  readonly outcome: Outcome;
  readonly px: Px;
}

export interface StoredPackage extends PackageSnapshot {
  readonly id: string;
  readonly opportunityId: string;
  readonly lane: string;
  readonly payoutUnits: number;
  /** Edge after fees the verifier proved for the planned size. */
  readonly expectedEdge: Micros;
  readonly legPlan: readonly StoredLeg[];
  /** Naked exposure carried, integrated over time: micros × ms (not a sum of money, so not `Micros`). */
  readonly nakedMicrosMs: number;
  readonly createdMs: number;
  readonly updatedMs: number;
}

export interface StoredIntent {
  readonly clientOrderId: string;
  readonly packageId: string | undefined;
  readonly role: IntentRole;
  readonly leg: number;
  readonly venue: Venue;
  readonly market: string;
  readonly outcome: Outcome;
  readonly side: Side;
  readonly px: Px;
  readonly qty: Qty;
  readonly tif: string;
  readonly state: OrderState;
  readonly filled: Qty;
  readonly venueOrderId: string | undefined;
  readonly error: string | undefined;
  readonly createdMs: number;
  readonly updatedMs: number;
}

export interface StoredOrder extends VenueOrder {
  readonly venue: Venue;
  readonly adopted: boolean;
}

export interface StoredFill extends VenueFill {
  readonly venue: Venue;
  readonly adopted: boolean;
}

export interface StoredPosition {
  readonly venue: Venue;
  readonly market: string;
  readonly outcome: Outcome;
  readonly qty: number;
  /** Part of `qty` adopted from the venue (no fill in the store explains it). */
  readonly adjustment: number;
}

export interface StoredBalance {
  readonly venue: Venue;
  readonly micros: Micros;
  readonly refreshedMs: number;
}

export interface SafeModeReason {
  readonly id: number;
  readonly code: string;
  readonly detail: string;
  readonly raisedMs: number;
  readonly ackedMs?: number;
  readonly ackedBy?: string;
}

export interface StoreEvent {
  readonly seq: number;
  readonly tsMs: number;
  readonly kind: string;
  readonly packageId?: string;
  readonly clientOrderId?: string;
  readonly venue?: string;
  readonly data: Record<string, unknown>;
}

export type Row = Record<string, unknown>;

/** A nullable text column. */
export const str = (v: unknown): string | undefined =>
  v === null || v === undefined ? undefined : String(v);

export function toPackage(r: Row): StoredPackage {
  const legPlan = (JSON.parse(String(r.legs_json)) as StoredLeg[]).map((l) => ({ ...l, px: asPx(l.px) }));
  return {
    id: String(r.id),
    opportunityId: String(r.opportunity_id),
    lane: String(r.lane),
    qty: Number(r.qty),
    payoutUnits: Number(r.payout_units),
    expectedEdge: asMicros(Number(r.expected_edge)),
    legPlan,
    legs: legPlan.length,
    state: r.state as PackageState,
    bought: JSON.parse(String(r.bought_json)) as number[],
    sold: JSON.parse(String(r.sold_json)) as number[],
    done: JSON.parse(String(r.done_json)) as boolean[],
    applied: JSON.parse(String(r.applied_json)) as string[],
    ...(r.reason === null ? {} : { reason: String(r.reason) }),
    nakedMicrosMs: Number(r.naked_micros_ms),
    createdMs: Number(r.created_ms),
    updatedMs: Number(r.updated_ms),
  };
}

export function toIntent(r: Row): StoredIntent {
  return {
    clientOrderId: String(r.client_order_id),
    packageId: str(r.package_id),
    role: r.role as IntentRole,
    leg: Number(r.leg),
    venue: r.venue as Venue,
    market: String(r.market),
    outcome: r.outcome as Outcome,
    side: r.side as Side,
    px: asPx(Number(r.px)),
    qty: asQty(Number(r.qty)),
    tif: String(r.tif),
    state: r.state as OrderState,
    filled: asQty(Number(r.filled)),
    venueOrderId: str(r.venue_order_id),
    error: str(r.error),
    createdMs: Number(r.created_ms),
    updatedMs: Number(r.updated_ms),
  };
}

/** The columns an order row and a fill row share: which venue's, which order, what was traded at what price. */
function tradeTerms(r: Row) {
  return {
    venue: r.venue as Venue,
    id: String(r.id),
    ...(r.client_order_id === null ? {} : { clientOrderId: String(r.client_order_id) }),
    market: String(r.market),
    outcome: r.outcome as Outcome,
    side: r.side as Side,
    px: asPx(Number(r.px)),
    qty: asQty(Number(r.qty)),
  };
}

export function toOrder(r: Row): StoredOrder {
  return {
    ...tradeTerms(r),
    filled: asQty(Number(r.filled)),
    status: r.status as VenueOrder['status'],
    createdMs: Number(r.created_ms),
    adopted: Number(r.adopted) === 1,
  };
}

export function toFill(r: Row): StoredFill {
  return {
    ...tradeTerms(r),
    orderId: String(r.order_id),
    fee: asMicros(Number(r.fee)),
    liquidity: r.liquidity as VenueFill['liquidity'],
    tsMs: Number(r.ts_ms),
    final: Number(r.final) === 1,
    ...(Number(r.reversed) === 1 ? { reversed: true } : {}),
    adopted: Number(r.adopted) === 1,
  };
}

export function toReason(r: Row): SafeModeReason {
  return {
    id: Number(r.id),
    code: String(r.code),
    detail: String(r.detail),
    raisedMs: Number(r.raised_ms),
    ...(r.acked_ms === null ? {} : { ackedMs: Number(r.acked_ms) }),
    ...(r.acked_by === null ? {} : { ackedBy: String(r.acked_by) }),
  };
}
