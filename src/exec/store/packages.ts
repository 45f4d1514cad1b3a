/**
 * Packages: one row per multi-leg intent, holding its state machine's snapshot (`../lifecycle/package-state.ts`).
 * The snapshot and the event that changed it are written together; a package that ends after one of its fills
 * was reversed is re-evaluated from what its intents hold in the same transaction, and naked contracts left by a
 * reversal raise safe mode in that transaction too.
 */
import type { Outcome, Venue } from '../../core/market.ts';
import { asMicros, asPx } from '../../core/units.ts';
import type { Transition } from '../lifecycle/order-state.ts';
import {
  exposure,
  isTerminalPackage,
  newPackage,
  packageTransition,
  type PackageEvent,
  type PackageState,
} from '../lifecycle/package-state.ts';
import type { StoreDb } from './db.ts';
import type { EventLog } from './event-log.ts';
import type { FillTable } from './fills.ts';
import type { IntentTable } from './intents.ts';
import type { SafeModeTable } from './safe-mode.ts';
import { toPackage, type Row, type StoredLeg, type StoredPackage } from './rows.ts';

/**
 * A package to create. Prices and the edge are checked here (`asPx`, `asMicros`): callers pass plain numbers
 * (tests, tools) as well as the planner's typed values.
 */
export interface NewPackage {
  opportunityId: string;
  lane: string;
  qty: number;
  payoutUnits: number;
  /** Edge after fees proved for `qty`, micros. */
  expectedEdge: number;
  legs: readonly { venue: Venue; market: string; outcome: Outcome; px: number }[];
}

export class PackageTable {
  constructor(
    private readonly db: StoreDb,
    private readonly events: EventLog,
    private readonly intents: IntentTable,
    private readonly fills: FillTable,
    private readonly safeMode: SafeModeTable,
    private readonly storeId: string,
  ) {}

  /** A new package id: this store's id and a sequence number, unique across restarts of the same store. */
  create(nowMs: number, p: NewPackage): StoredPackage {
    const legs: StoredLeg[] = p.legs.map((l) => ({ ...l, px: asPx(l.px) }));
    const expectedEdge = asMicros(p.expectedEdge);
    return this.db.tx(() => {
      const last = this.db.stmt('SELECT MAX(seq) AS s FROM packages').get() as Row;
      const seq = Number(last.s ?? 0) + 1;
      const id = `${this.storeId}-${seq}`;
      const snap = newPackage(p.qty, legs.length);
      this.db
        .stmt(
          `INSERT INTO packages (id, seq, opportunity_id, lane, qty, payout_units, expected_edge, legs_json, state,
               bought_json, sold_json, done_json, created_ms, updated_ms)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          seq,
          p.opportunityId,
          p.lane,
          p.qty,
          p.payoutUnits,
          expectedEdge,
          JSON.stringify(legs),
          snap.state,
          JSON.stringify(snap.bought),
          JSON.stringify(snap.sold),
          JSON.stringify(snap.done),
          nowMs,
          nowMs,
        );
      this.events.log(nowMs, 'package_created', { ...p, legs }, { packageId: id });
      return this.get(id)!;
    });
  }

  get(id: string): StoredPackage | undefined {
    const r = this.db.stmt('SELECT * FROM packages WHERE id = ?').get(id) as Row | undefined;
    return r ? toPackage(r) : undefined;
  }

  packages(options: { states?: readonly PackageState[]; limit?: number } = {}): StoredPackage[] {
    const rows = this.db.stmt('SELECT * FROM packages ORDER BY seq DESC').all() as Row[];
    const out = rows.map(toPackage).filter((p) => !options.states || options.states.includes(p.state));
    return options.limit === undefined ? out : out.slice(0, options.limit);
  }

  /** Apply a package event through the state machine; the snapshot and the event are written together. */
  event(nowMs: number, id: string, e: PackageEvent): Transition<StoredPackage> {
    return this.db.tx(() => {
      const cur = this.get(id);
      if (!cur) throw new Error(`no package ${id}`);
      const t = packageTransition(cur, e);
      const next = { ...cur, ...t.next, updatedMs: nowMs };
      if (t.effect === 'applied') {
        this.db
          .stmt(
            `UPDATE packages SET state = ?, bought_json = ?, sold_json = ?, done_json = ?, applied_json = ?, reason = ?,
               updated_ms = ? WHERE id = ?`,
          )
          .run(
            next.state,
            JSON.stringify(next.bought),
            JSON.stringify(next.sold),
            JSON.stringify(next.done),
            JSON.stringify(next.applied),
            next.reason ?? null,
            nowMs,
            id,
          );
      }
      this.events.log(
        nowMs,
        `package_${e.type}`,
        { event: e, effect: t.effect, state: next.state, ...(t.why ? { why: t.why } : {}) },
        { packageId: id },
      );
      // A reversal that came while the package was in flight was left to its executor: re-check as it ends.
      if (
        t.effect === 'applied' &&
        e.type !== 'reversal' &&
        isTerminalPackage(next.state) &&
        !isTerminalPackage(cur.state) &&
        this.fills.packageHasReversal(id)
      )
        this.reverse(nowMs, id);
      return { ...t, next };
    });
  }

  /**
   * A fill of this package was reversed (a Polymarket trade FAILED): the package is re-evaluated from what its
   * intents now hold (the package machine's `reversal`), and naked contracts left by it raise UNHEDGED_PACKAGE in
   * the same transaction, like any other naked exposure. A package still in flight is left to its executor and
   * re-checked when it finishes. Returns the package before and after.
   */
  reverse(nowMs: number, id: string): { before: StoredPackage; after: StoredPackage } | undefined {
    return this.db.tx(() => {
      const before = this.get(id);
      if (!before) return undefined;
      const t = this.event(nowMs, id, { type: 'reversal', ...this.legQuantities(before) });
      const after = this.get(id)!;
      if (t.effect === 'applied' && after.state === 'unhedged' && before.state !== 'unhedged') {
        const naked = exposure(after).reduce((sum, x) => sum + x, 0);
        this.safeMode.raise(
          nowMs,
          'UNHEDGED_PACKAGE',
          `package ${id}: ${naked / 100} contracts naked after a FAILED trade was reversed`,
        );
      }
      return { before, after };
    });
  }

  /**
   * What each leg of a package holds according to its intents' fills (buys and completions vs unwinds): the
   * truth for a package whose snapshot a crash left behind.
   */
  legQuantities(p: StoredPackage): { bought: number[]; sold: number[] } {
    const bought = Array<number>(p.legs).fill(0);
    const sold = Array<number>(p.legs).fill(0);
    for (const i of this.intents.intents({ packageId: p.id })) {
      // The fills recorded for the intent are the truth even where its state machine refused them (a fill of an
      // order once found "not found", which reached the venue late after all): money moved either way.
      const recorded = this.fills
        .fills({ clientOrderId: i.clientOrderId })
        .filter((f) => f.venue === i.venue && !f.reversed)
        .reduce((sum, f) => sum + f.qty, 0);
      const held = Math.max(i.filled, recorded);
      if (i.side === 'BUY') bought[i.leg]! += held;
      else sold[i.leg]! += held;
    }
    return { bought, sold };
  }

  /** Naked exposure carried by the package, integrated over time (micros × ms). */
  addNakedExposure(id: string, microsMs: number): void {
    this.db.stmt('UPDATE packages SET naked_micros_ms = naked_micros_ms + ? WHERE id = ?').run(microsMs, id);
  }
}
