/**
 * Intents: one row per order we meant to place, written (and synced) before the request leaves, keyed by the
 * client order id. An intent's order state machine lives in its row plus the fills recorded for it; every
 * event goes through the machine (`../lifecycle/order-state.ts`), so the row only ever holds a state the machine
 * can reach, and anomalies are logged, never applied.
 */
import type { Venue } from '../../core/market.ts';
import type { OrderRequest, VenueOrder } from '../../venues/venue.ts';
import {
  isTerminalOrder,
  newOrder,
  orderTransition,
  type OrderEvent,
  type OrderSnapshot,
  type OrderState,
  type Transition,
} from '../lifecycle/order-state.ts';
import type { StoreDb } from './db.ts';
import type { EventLog } from './event-log.ts';
import type { FillTable } from './fills.ts';
import type { OrderTable } from './orders.ts';
import { str, toIntent, type IntentRole, type Row, type StoredIntent } from './rows.ts';

export interface NewIntent {
  request: OrderRequest;
  venue: Venue;
  packageId?: string;
  role: IntentRole;
  leg: number;
}

export class IntentTable {
  constructor(
    private readonly db: StoreDb,
    private readonly events: EventLog,
    private readonly orders: OrderTable,
    private readonly fills: FillTable,
  ) {}

  /** Record an order we are about to place. Committed (synced) when this returns: only then may it be sent. */
  write(nowMs: number, i: NewIntent): StoredIntent {
    return this.db.tx(() => {
      const r = i.request;
      this.db
        .stmt(
          `INSERT INTO intents (client_order_id, package_id, role, leg, venue, market, outcome, side, px, qty, tif,
               state, created_ms, updated_ms)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
        )
        .run(
          r.clientOrderId,
          i.packageId ?? null,
          i.role,
          i.leg,
          i.venue,
          r.market,
          r.outcome,
          r.side,
          r.px,
          r.qty,
          r.tif,
          nowMs,
          nowMs,
        );
      this.events.log(
        nowMs,
        'intent',
        {
          role: i.role,
          leg: i.leg,
          market: r.market,
          outcome: r.outcome,
          side: r.side,
          px: r.px,
          qty: r.qty,
        },
        {
          clientOrderId: r.clientOrderId,
          venue: i.venue,
          ...(i.packageId ? { packageId: i.packageId } : {}),
        },
      );
      return this.intent(r.clientOrderId)!;
    });
  }

  intent(clientOrderId: string): StoredIntent | undefined {
    const r = this.row(clientOrderId);
    return r ? toIntent(r) : undefined;
  }

  intents(options: { packageId?: string; unresolved?: boolean } = {}): StoredIntent[] {
    const rows = (
      options.packageId === undefined
        ? this.db.stmt('SELECT * FROM intents ORDER BY created_ms, rowid').all()
        : this.db.stmt('SELECT * FROM intents WHERE package_id = ? ORDER BY rowid').all(options.packageId)
    ) as Row[];
    const all = rows.map(toIntent);
    return options.unresolved ? all.filter((i) => !isTerminalOrder(i.state)) : all;
  }

  /**
   * The intent that placed this venue order, if it is ours: by the client order id the venue echoed, else by
   * the order id (the orders table, or an intent already linked to it).
   */
  intentOf(venue: Venue, orderId: string, clientOrderId?: string): StoredIntent | undefined {
    const echoed = clientOrderId === undefined ? undefined : this.intent(clientOrderId);
    if (echoed?.venue === venue) return echoed;
    const id = this.orders.byId(venue, orderId)?.clientOrderId ?? this.byVenueOrder(venue, orderId);
    const linked = id === undefined ? undefined : this.intent(id);
    return linked?.venue === venue ? linked : undefined;
  }

  /**
   * Apply an order event to an intent through the state machine and persist the result. A `report` may carry
   * the venue's order, which is recorded too (and links the intent to the venue's order id).
   */
  orderEvent(
    nowMs: number,
    clientOrderId: string,
    e: OrderEvent,
    extra: { order?: VenueOrder; error?: string } = {},
  ): Transition<OrderSnapshot> {
    return this.db.tx(() => {
      const cur = this.snapshot(clientOrderId);
      if (!cur) throw new Error(`no intent ${clientOrderId}`);
      const intent = this.intent(clientOrderId)!;
      const t = orderTransition(cur, e);
      if (t.effect === 'applied' || extra.order) {
        this.db
          .stmt(
            `UPDATE intents SET state = ?, filled = ?, fill_sum = ?, reported_filled = ?, reversed_sum = ?,
                 closed_status = ?, venue_order_id = COALESCE(?, venue_order_id), error = COALESCE(?, error),
                 updated_ms = ?
               WHERE client_order_id = ?`,
          )
          .run(
            t.next.state,
            t.next.filled,
            t.next.fillSum,
            t.next.reportedFilled,
            t.next.reversedSum,
            t.next.closedStatus ?? null,
            extra.order?.id ?? null,
            extra.error ?? null,
            nowMs,
            clientOrderId,
          );
      }
      if (extra.order) this.orders.upsert(nowMs, intent.venue, extra.order, false);
      if (t.effect === 'applied' && (e.type === 'fill' || e.type === 'reversal'))
        this.fills.markApplied(intent.venue, e.fillId, e.type);
      this.events.log(
        nowMs,
        `order_${e.type}`,
        {
          event: e,
          effect: t.effect,
          state: t.next.state,
          filled: t.next.filled,
          ...(t.why ? { why: t.why } : {}),
          ...(extra.error ? { error: extra.error } : {}),
        },
        { clientOrderId, venue: intent.venue, ...(intent.packageId ? { packageId: intent.packageId } : {}) },
      );
      return t;
    });
  }

  private row(clientOrderId: string): Row | undefined {
    return this.db.stmt('SELECT * FROM intents WHERE client_order_id = ?').get(clientOrderId) as
      Row | undefined;
  }

  /** The intent's order state machine, rebuilt from its row and the fills recorded for it. */
  private snapshot(clientOrderId: string): OrderSnapshot | undefined {
    const r = this.row(clientOrderId);
    if (!r) return undefined;
    // The fills the machine has seen, not every fill recorded: the fill being applied is already in the table.
    const seen = this.fills.seenBy(clientOrderId, r.venue as Venue);
    const closed = str(r.closed_status) as OrderSnapshot['closedStatus'];
    return {
      ...newOrder(Number(r.qty)),
      state: r.state as OrderState,
      filled: Number(r.filled),
      fillSum: Number(r.fill_sum),
      reportedFilled: Number(r.reported_filled),
      reversedSum: Number(r.reversed_sum),
      reversedIds: new Set(seen.reversedIds),
      fillIds: new Set(seen.appliedIds),
      known: r.venue_order_id !== null,
      ...(closed ? { closedStatus: closed } : {}),
    };
  }

  private byVenueOrder(venue: Venue, orderId: string): string | undefined {
    const r = this.db
      .stmt('SELECT client_order_id FROM intents WHERE venue = ? AND venue_order_id = ?')
      .get(venue, orderId) as Row | undefined;
    return str(r?.client_order_id);
  }
}
