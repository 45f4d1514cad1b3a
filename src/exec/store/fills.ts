/**
 * Fills, idempotent on the venue's fill id, and the positions they make. A fill and its market's position are
 * written in one transaction, so the positions table never disagrees with the fills it is computed from. A
 * position may also carry an adjustment adopted from the venue (what no fill in the store explains).
 */
import type { Outcome, Side, Venue } from '../../core/market.ts';
import type { VenueFill, VenuePosition } from '../../venues/venue.ts';
import type { StoreDb } from './db.ts';
import type { EventLog } from './event-log.ts';
import { positionsFromFills } from './positions.ts';
import { toFill, type Row, type StoredFill, type StoredIntent, type StoredPosition } from './rows.ts';

/** Finds the intent that placed a venue order (the intents table's `intentOf`). */
export type IntentResolver = (
  venue: Venue,
  orderId: string,
  clientOrderId?: string,
) => StoredIntent | undefined;

export type RecordedFill = 'new' | 'updated' | 'reversed' | 'duplicate';

export class FillTable {
  constructor(
    private readonly db: StoreDb,
    private readonly events: EventLog,
    private readonly intentOf: IntentResolver,
  ) {}

  /**
   * Record a fill (idempotent on the venue's fill id) and update the market's position, in one transaction.
   * Returns 'duplicate' for a fill already recorded as is, 'reversed' when the venue has just undone it (a
   * Polymarket trade FAILED: the caller takes it back from its intent), 'updated' when only its finality changed,
   * 'new' otherwise. The fill is linked to our intent through the order it belongs to, when we know that order.
   */
  record(nowMs: number, venue: Venue, f: VenueFill, adopted: boolean): RecordedFill {
    return this.db.tx(() => {
      const prev = this.db
        .stmt('SELECT final, reversed FROM fills WHERE venue = ? AND id = ?')
        .get(venue, f.id) as Row | undefined;
      const reversed = f.reversed ? 1 : 0;
      if (prev) {
        if (Number(prev.final) === (f.final ? 1 : 0) && Number(prev.reversed) === reversed)
          return 'duplicate';
        this.db
          .stmt('UPDATE fills SET final = ?, reversed = MAX(reversed, ?) WHERE venue = ? AND id = ?')
          .run(f.final ? 1 : 0, reversed, venue, f.id);
        this.refreshPosition(nowMs, venue, f.market);
        this.events.log(
          nowMs,
          'fill_updated',
          { id: f.id, final: f.final, reversed: f.reversed ?? false },
          { venue },
        );
        return Number(prev.reversed) === 0 && reversed === 1 ? 'reversed' : 'updated';
      }
      const intent = this.intentOf(venue, f.orderId, f.clientOrderId);
      const clientOrderId = intent?.clientOrderId ?? f.clientOrderId;
      const packageId = intent?.packageId;
      this.db
        .stmt(
          `INSERT INTO fills (venue, id, order_id, client_order_id, market, outcome, side, px, qty, fee, liquidity,
               ts_ms, final, reversed, adopted, recorded_ms)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          venue,
          f.id,
          f.orderId,
          clientOrderId ?? null,
          f.market,
          f.outcome,
          f.side,
          f.px,
          f.qty,
          f.fee,
          f.liquidity,
          f.tsMs,
          f.final ? 1 : 0,
          reversed,
          adopted ? 1 : 0,
          nowMs,
        );
      this.refreshPosition(nowMs, venue, f.market);
      const refs = {
        venue,
        ...(clientOrderId ? { clientOrderId } : {}),
        ...(packageId ? { packageId } : {}),
      };
      this.events.log(
        nowMs,
        'fill',
        {
          id: f.id,
          orderId: f.orderId,
          market: f.market,
          outcome: f.outcome,
          side: f.side,
          px: f.px,
          qty: f.qty,
          fee: f.fee,
          adopted,
        },
        refs,
      );
      // The venue charged something else than our model said: the model (what sizing and the verifier use) is off.
      if (f.modelFee !== undefined && f.modelFee !== f.fee)
        this.events.log(
          nowMs,
          'fee_drift',
          { id: f.id, market: f.market, fee: f.fee, modelFee: f.modelFee, diffMicros: f.fee - f.modelFee },
          refs,
        );
      return 'new';
    });
  }

  fills(options: { venue?: Venue; clientOrderId?: string } = {}): StoredFill[] {
    // Filtered in SQL (indexed): the order path asks for one order's fills on every order.
    const rows = this.db
      .stmt(
        `SELECT * FROM fills WHERE (? IS NULL OR venue = ?) AND (? IS NULL OR client_order_id = ?)
         ORDER BY ts_ms, rowid`,
      )
      .all(
        options.venue ?? null,
        options.venue ?? null,
        options.clientOrderId ?? null,
        options.clientOrderId ?? null,
      ) as Row[];
    return rows.map(toFill);
  }

  /** Are there fills of `venue` the venue may still confirm or reverse (not final, not reversed)? */
  hasPending(venue: Venue): boolean {
    return (
      this.db
        .stmt('SELECT 1 FROM fills WHERE venue = ? AND final = 0 AND reversed = 0 LIMIT 1')
        .get(venue) !== undefined
    );
  }

  /** The ids of an intent's fills its order machine has taken in (`applied`) and taken back (`reversal`). */
  seenBy(clientOrderId: string, venue: Venue): { appliedIds: string[]; reversedIds: string[] } {
    const rows = this.db
      .stmt('SELECT id, applied, reversal_applied FROM fills WHERE client_order_id = ? AND venue = ?')
      .all(clientOrderId, venue) as Row[];
    return {
      appliedIds: rows.filter((x) => Number(x.applied) === 1).map((x) => String(x.id)),
      reversedIds: rows.filter((x) => Number(x.reversal_applied) === 1).map((x) => String(x.id)),
    };
  }

  /** The intent's order machine took this fill in (`fill`) or took its reversal back out (`reversal`). */
  markApplied(venue: Venue, fillId: string, as: 'fill' | 'reversal'): void {
    this.db
      .stmt(
        `UPDATE fills SET ${as === 'fill' ? 'applied' : 'reversal_applied'} = 1 WHERE venue = ? AND id = ?`,
      )
      .run(venue, fillId);
  }

  /** Has a reversal of one of this package's fills been taken back from its intent? */
  packageHasReversal(packageId: string): boolean {
    return (
      this.db
        .stmt(
          `SELECT 1 FROM fills f JOIN intents i ON i.client_order_id = f.client_order_id
             WHERE i.package_id = ? AND f.reversal_applied = 1 LIMIT 1`,
        )
        .get(packageId) !== undefined
    );
  }

  /** Held positions (non-zero only), fills plus adopted adjustments. */
  positions(venue?: Venue): StoredPosition[] {
    const rows = this.db
      .stmt('SELECT * FROM positions WHERE from_fills + adjustment != 0 ORDER BY venue, market, outcome')
      .all() as Row[];
    return rows
      .map((r) => ({
        venue: r.venue as Venue,
        market: String(r.market),
        outcome: r.outcome as Outcome,
        qty: Number(r.from_fills) + Number(r.adjustment),
        adjustment: Number(r.adjustment),
      }))
      .filter((p) => venue === undefined || p.venue === venue);
  }

  /**
   * Make the store's positions on `venue` equal the venue's: the difference from what the fills explain is kept
   * as an adjustment (and reported by the caller as unexplained).
   */
  adoptPositions(nowMs: number, venue: Venue, venuePositions: readonly VenuePosition[]): void {
    this.db.tx(() => {
      const want = new Map(venuePositions.map((p) => [`${p.market}\u0000${p.outcome}`, p.qty]));
      const rows = this.db.stmt('SELECT * FROM positions WHERE venue = ?').all(venue) as Row[];
      const seen = new Set<string>();
      for (const r of rows) {
        const k = `${String(r.market)}\u0000${String(r.outcome)}`;
        seen.add(k);
        const adjustment = (want.get(k) ?? 0) - Number(r.from_fills);
        this.db
          .stmt(
            'UPDATE positions SET adjustment = ?, updated_ms = ? WHERE venue = ? AND market = ? AND outcome = ?',
          )
          .run(adjustment, nowMs, venue, r.market, r.outcome);
      }
      for (const p of venuePositions) {
        const k = `${p.market}\u0000${p.outcome}`;
        if (seen.has(k)) continue;
        this.db
          .stmt(
            'INSERT INTO positions (venue, market, outcome, from_fills, adjustment, updated_ms) VALUES (?, ?, ?, 0, ?, ?)',
          )
          .run(venue, p.market, p.outcome, p.qty, nowMs);
      }
      this.events.log(nowMs, 'positions_adopted', { positions: venuePositions }, { venue });
    });
  }

  /** Recompute one market's position from its fills (keeping any adopted adjustment). */
  private refreshPosition(nowMs: number, venue: Venue, market: string): void {
    const fills = (
      this.db
        .stmt('SELECT outcome, side, qty, reversed FROM fills WHERE venue = ? AND market = ?')
        .all(venue, market) as Row[]
    ).map((r) => ({
      outcome: r.outcome as Outcome,
      side: r.side as Side,
      qty: Number(r.qty),
      reversed: Number(r.reversed) === 1,
    }));
    const held = new Map(positionsFromFills(venue, fills).map((h) => [h.outcome, h.qty]));
    for (const outcome of ['YES', 'NO'] as const) {
      this.db
        .stmt(
          `INSERT INTO positions (venue, market, outcome, from_fills, updated_ms) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT(venue, market, outcome) DO UPDATE SET from_fills = excluded.from_fills, updated_ms = excluded.updated_ms`,
        )
        .run(venue, market, outcome, held.get(outcome) ?? 0, nowMs);
    }
  }
}
