/**
 * Key-value facts about the store itself (its id) and the venues' cash as last read. Neither is part of a
 * package's history, so neither is logged: the balance is re-read on every refresh, the id written once.
 */
import type { Venue } from '../../core/market.ts';
import { asMicros, type Micros } from '../../core/units.ts';
import type { StoreDb } from './db.ts';
import { str, type Row, type StoredBalance } from './rows.ts';

export class MetaTable {
  constructor(private readonly db: StoreDb) {}

  getMeta(key: string): string | undefined {
    const r = this.db.stmt('SELECT value FROM meta WHERE key = ?').get(key) as Row | undefined;
    return str(r?.value);
  }

  setMeta(key: string, value: string): void {
    this.db
      .stmt(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  setBalance(nowMs: number, venue: Venue, micros: Micros): void {
    this.db
      .stmt(
        `INSERT INTO balances (venue, micros, refreshed_ms) VALUES (?, ?, ?)
           ON CONFLICT(venue) DO UPDATE SET micros = excluded.micros, refreshed_ms = excluded.refreshed_ms`,
      )
      .run(venue, micros, nowMs);
  }

  balances(): StoredBalance[] {
    return (this.db.stmt('SELECT * FROM balances ORDER BY venue').all() as Row[]).map((r) => ({
      venue: r.venue as Venue,
      micros: asMicros(Number(r.micros)),
      refreshedMs: Number(r.refreshed_ms),
    }));
  }
}
