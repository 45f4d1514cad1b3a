/**
 * The venues' view of the orders on the account: ours (linked to an intent by the client order id) and adopted
 * ones no intent explains. A terminal status never goes back to `open`, and `filled` never shrinks, whatever
 * order the venue's answers arrive in.
 */
import type { Venue } from '../../core/market.ts';
import type { VenueOrder } from '../../venues/venue.ts';
import type { StoreDb } from './db.ts';
import { toOrder, type Row, type StoredOrder } from './rows.ts';

export class OrderTable {
  constructor(private readonly db: StoreDb) {}

  /** Record the venue's view of an order (insert or update). `adopted`: no intent of ours explains it. */
  upsert(nowMs: number, venue: Venue, o: VenueOrder, adopted: boolean): void {
    this.db
      .stmt(
        `INSERT INTO orders (venue, id, client_order_id, market, outcome, side, px, qty, filled, status, adopted,
             created_ms, updated_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(venue, id) DO UPDATE SET filled = MAX(orders.filled, excluded.filled),
             status = CASE WHEN orders.status IN ('filled', 'cancelled', 'expired') AND excluded.status = 'open'
                           THEN orders.status ELSE excluded.status END,
             qty = excluded.qty, px = excluded.px, updated_ms = excluded.updated_ms`,
      )
      .run(
        venue,
        o.id,
        o.clientOrderId ?? null,
        o.market,
        o.outcome,
        o.side,
        o.px,
        o.qty,
        o.filled,
        o.status,
        adopted ? 1 : 0,
        o.createdMs,
        nowMs,
      );
  }

  /** A status change the venue pushed (user WebSocket) for an order already recorded: status and filled only. */
  updateStatus(
    nowMs: number,
    venue: Venue,
    orderId: string,
    status: VenueOrder['status'],
    filled: number,
  ): void {
    this.db
      .stmt(
        `UPDATE orders SET filled = MAX(filled, ?),
           status = CASE WHEN status IN ('filled', 'cancelled', 'expired') AND ? = 'open' THEN status ELSE ? END,
           updated_ms = ?
         WHERE venue = ? AND id = ?`,
      )
      .run(filled, status, status, nowMs, venue, orderId);
  }

  orders(options: { venue?: Venue; open?: boolean } = {}): StoredOrder[] {
    const rows = this.db.stmt('SELECT * FROM orders ORDER BY created_ms, rowid').all() as Row[];
    return rows
      .map(toOrder)
      .filter(
        (o) =>
          (options.venue === undefined || o.venue === options.venue) &&
          (!options.open || o.status === 'open'),
      );
  }

  byId(venue: Venue, id: string): StoredOrder | undefined {
    const r = this.db.stmt('SELECT * FROM orders WHERE venue = ? AND id = ?').get(venue, id) as
      Row | undefined;
    return r ? toOrder(r) : undefined;
  }
}
