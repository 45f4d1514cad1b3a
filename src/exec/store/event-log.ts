/**
 * The store's append-only event log: every state change, venue answer and anomaly, numbered in the order it was
 * written (triggers in the schema refuse UPDATE and DELETE). A log line written inside another write's
 * transaction commits with it, so the log never says something happened that the tables do not show.
 */
import type { StoreDb } from './db.ts';
import type { Row, StoreEvent } from './rows.ts';

/** What a log line refers to, when it refers to anything. */
export interface EventRefs {
  packageId?: string;
  clientOrderId?: string;
  venue?: string;
}

export class EventLog {
  constructor(private readonly db: StoreDb) {}

  log(nowMs: number, kind: string, data: Record<string, unknown> = {}, refs: EventRefs = {}): void {
    this.db
      .stmt(
        'INSERT INTO events (ts_ms, kind, package_id, client_order_id, venue, data_json) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        nowMs,
        kind,
        refs.packageId ?? null,
        refs.clientOrderId ?? null,
        refs.venue ?? null,
        JSON.stringify(data),
      );
  }

  events(options: { sinceSeq?: number; packageId?: string; limit?: number } = {}): StoreEvent[] {
    const rows = this.db
      .stmt(`SELECT * FROM events WHERE seq > ? AND (? IS NULL OR package_id = ?) ORDER BY seq LIMIT ?`)
      .all(
        options.sinceSeq ?? 0,
        options.packageId ?? null,
        options.packageId ?? null,
        options.limit ?? 1_000_000,
      ) as Row[];
    return rows.map((r) => ({
      seq: Number(r.seq),
      tsMs: Number(r.ts_ms),
      kind: String(r.kind),
      ...(r.package_id === null ? {} : { packageId: String(r.package_id) }),
      ...(r.client_order_id === null ? {} : { clientOrderId: String(r.client_order_id) }),
      ...(r.venue === null ? {} : { venue: String(r.venue) }),
      data: JSON.parse(String(r.data_json)) as Record<string, unknown>,
    }));
  }
}
