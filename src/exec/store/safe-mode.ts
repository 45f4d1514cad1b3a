/**
 * Safe-mode reasons: while any is unacknowledged the engine starts no new package. A reason is raised by the
 * code that finds the danger (naked contracts, a position the store cannot explain) and cleared only by an
 * operator (`arb ack`, another process: the engine re-reads the table).
 */
import type { StoreDb } from './db.ts';
import type { EventLog } from './event-log.ts';
import { toReason, type Row, type SafeModeReason } from './rows.ts';

export class SafeModeTable {
  constructor(
    private readonly db: StoreDb,
    private readonly events: EventLog,
  ) {}

  /** Raise a safe-mode reason (once: the same code and detail, still unacknowledged, is not raised again). */
  raise(nowMs: number, code: string, detail: string): void {
    this.db.tx(() => {
      const open = this.db
        .stmt('SELECT id FROM safe_mode WHERE code = ? AND detail = ? AND acked_ms IS NULL')
        .get(code, detail);
      if (open) return;
      this.db
        .stmt('INSERT INTO safe_mode (code, detail, raised_ms) VALUES (?, ?, ?)')
        .run(code, detail, nowMs);
      this.events.log(nowMs, 'safe_mode_raised', { code, detail });
    });
  }

  /** Unacknowledged reasons: safe mode is on while there are any. */
  reasons(): SafeModeReason[] {
    return (this.db.stmt('SELECT * FROM safe_mode WHERE acked_ms IS NULL ORDER BY id').all() as Row[]).map(
      toReason,
    );
  }

  /** Acknowledge the given reasons (all open ones when `ids` is absent); returns what was acknowledged. */
  ack(nowMs: number, by: string, ids?: readonly number[]): SafeModeReason[] {
    return this.db.tx(() => {
      const open = this.reasons().filter((r) => ids === undefined || ids.includes(r.id));
      for (const r of open)
        this.db.stmt('UPDATE safe_mode SET acked_ms = ?, acked_by = ? WHERE id = ?').run(nowMs, by, r.id);
      if (open.length > 0) this.events.log(nowMs, 'safe_mode_acked', { by, reasons: open });
      return open.map((r) => ({ ...r, ackedMs: nowMs, ackedBy: by }));
    });
  }
}
