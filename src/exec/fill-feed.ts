/**
 * A venue's fill feed into the order store: each new fill recorded once (idempotent on its id) and applied to
 * its intent's order state machine in the same commit; a fill no intent explains is adopted and reported.
 *
 * Fills can change after they are reported. A Polymarket trade is matched, then settles on chain: the adapter
 * reports it again when it is final, or with `reversed: true` when it FAILED. A reversal is taken back
 * everywhere in one commit: the fill stops counting for positions (the store), for its intent's filled quantity
 * (the order machine's `reversal`), and for its package (the package machine's `reversal`, which may leave it
 * unhedged: safe mode). Whoever keeps the run report hears of it (`onReversal`) to take it back there too.
 *
 * A fill whose venue-reported fee differs from our fee model is logged as `fee_drift` by the store and counted.
 */
import type { Clock } from '../core/clock.ts';
import type { Venue } from '../core/market.ts';
import type { VenueAdapter, VenueFill } from '../venues/venue.ts';
import type { OrderStore, StoredIntent, StoredPackage } from './store/order-store.ts';

export interface FillFeedDeps {
  readonly venues: Readonly<Partial<Record<Venue, VenueAdapter>>>;
  readonly clock: Clock;
  readonly store: OrderStore;
  /** Something the store cannot explain (a fill of an order we never placed): raise it. */
  readonly onUnexplained?: (code: string, detail: string) => void;
  /** A new fill was recorded for an intent of this package (a closed package's late fill is the caller's news). */
  readonly onPackageFill?: (packageId: string) => void;
}

/** A fill the venue undid, after the store took it back. */
export interface ReversalApplied {
  readonly venue: Venue;
  readonly fill: VenueFill;
  /** The intent it belonged to, as it is now (undefined for an adopted fill). */
  readonly intent: StoredIntent | undefined;
  /** Its package before and after the reversal (a package in flight is re-checked when it finishes). */
  readonly pkg?: { readonly before: StoredPackage; readonly after: StoredPackage };
}

export class FillFeed {
  /** Fills whose venue-reported fee differed from our model's (logged as `fee_drift`), and the sum of the differences. */
  readonly feeDrift = { fills: 0, micros: 0 };
  /** Fills the venues undid, and their quantity (Qty). */
  readonly reversals = { fills: 0, qty: 0 };
  private listener: ((r: ReversalApplied) => void) | undefined;

  constructor(private readonly deps: FillFeedDeps) {}

  onReversal(fn: (r: ReversalApplied) => void): void {
    this.listener = fn;
  }

  private now(): number {
    return Math.floor(this.deps.clock.now());
  }

  /** Does the store hold fills of `venue` that may still change (not final, not reversed)? */
  pending(venue: Venue): boolean {
    return this.deps.store.hasPendingFills(venue);
  }

  /** New fills (and changes to known ones) from `venue`'s feed into the store. Returns how many were new. */
  async sync(venue: Venue): Promise<number> {
    const { store } = this.deps;
    const adapter = this.deps.venues[venue];
    if (!adapter) return 0;
    const key = `fill_cursor:${venue}`;
    let fresh = 0;
    for (;;) {
      const cursor = store.getMeta(key);
      const r = await adapter.fillsSince(cursor);
      if (!r.ok) return fresh;
      for (const f of r.value.fills) {
        const res = this.record(venue, f);
        if (res === 'duplicate' || res === 'updated') continue;
        if (res === 'reversed') continue;
        fresh++;
        const owner = store.intentOf(venue, f.orderId, f.clientOrderId)?.packageId;
        if (owner !== undefined) this.deps.onPackageFill?.(owner);
        if (f.modelFee !== undefined && f.modelFee !== f.fee) {
          this.feeDrift.fills++;
          this.feeDrift.micros += f.fee - f.modelFee;
        }
        if (!store.intentOf(venue, f.orderId, f.clientOrderId)) {
          const o = await adapter.getOrder(f.orderId);
          if (o.ok && o.value) store.upsertOrder(this.now(), venue, o.value, true);
          this.deps.onUnexplained?.(
            'UNEXPLAINED_FILL',
            `${venue} fill ${f.id} of order ${f.orderId} (${f.side} ${f.qty / 100} ${f.outcome} ${f.market}) matches no intent`,
          );
        }
      }
      const next = r.value.cursor;
      if (next !== undefined) store.setMeta(key, next);
      if (r.value.fills.length === 0 || next === cursor) return fresh;
    }
  }

  /** One fill and its effects on intent and package, as one commit. */
  private record(venue: Venue, f: VenueFill): 'new' | 'updated' | 'reversed' | 'duplicate' {
    const { store } = this.deps;
    const intent = store.intentOf(venue, f.orderId, f.clientOrderId);
    let pkg: ReversalApplied['pkg'];
    const res = store.tx(() => {
      const now = this.now();
      const r = store.recordFill(
        now,
        venue,
        intent ? { ...f, clientOrderId: intent.clientOrderId } : f,
        !intent,
      );
      // A fill first seen already reversed never counted: nothing to apply, nothing to take back.
      if (intent && r === 'new' && !f.reversed)
        store.orderEvent(now, intent.clientOrderId, { type: 'fill', fillId: f.id, qty: f.qty });
      if (intent && r === 'reversed') {
        store.orderEvent(now, intent.clientOrderId, { type: 'reversal', fillId: f.id, qty: f.qty });
        if (intent.packageId) pkg = store.reversePackage(now, intent.packageId);
      }
      return r;
    });
    if (res === 'reversed') {
      this.reversals.fills++;
      this.reversals.qty += f.qty;
      const after = intent ? store.intent(intent.clientOrderId) : undefined;
      this.listener?.({ venue, fill: f, intent: after, ...(pkg ? { pkg } : {}) });
    }
    return res;
  }
}
