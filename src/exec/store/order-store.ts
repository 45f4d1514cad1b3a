/**
 * The order store: SQLite (better-sqlite3), WAL, `synchronous=FULL`, so every committed write, an intent above
 * all, survives a crash of the process or the machine before the next line of code runs.
 *
 * Everything the engine needs to rebuild itself after a crash lives here: packages (with their state
 * machine's snapshot), intents (one per order we meant to place, written before the request leaves, keyed by
 * the client order id), the venues' view of the orders, fills (idempotent on the venue's fill id), positions,
 * balances, safe-mode reasons and an append-only event log. State transitions go through the state machines
 * (`../lifecycle`), so the store can only hold states the machines can reach; anomalies are logged, not applied.
 *
 * Synchronous on purpose: better-sqlite3's calls are microseconds, and a write that has returned is on disk.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Outcome, Side, Venue } from '../../core/market.ts';
import type { OrderRequest, VenueFill, VenueOrder, VenuePosition } from '../../venues/venue.ts';
import {
  isTerminalOrder,
  newOrder,
  orderTransition,
  type OrderEvent,
  type OrderSnapshot,
  type OrderState,
  type Transition,
} from '../lifecycle/order-state.ts';
import {
  exposure,
  isTerminalPackage,
  newPackage,
  packageTransition,
  type PackageEvent,
  type PackageSnapshot,
  type PackageState,
} from '../lifecycle/package-state.ts';
import { positionsFromFills } from './positions.ts';
import { MIGRATIONS } from './schema.ts';

export type IntentRole = 'leg' | 'complete' | 'unwind' | 'replace' | 'manual';

export interface StoredLeg {
  readonly venue: Venue;
  readonly market: string;
  readonly outcome: Outcome;
  readonly px: number;
}

export interface StoredPackage extends PackageSnapshot {
  readonly id: string;
  readonly opportunityId: string;
  readonly lane: string;
  readonly payoutUnits: number;
  readonly expectedEdge: number;
  readonly legPlan: readonly StoredLeg[];
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
  readonly px: number;
  readonly qty: number;
  readonly tif: string;
  readonly state: OrderState;
  readonly filled: number;
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

export class StoreVersionError extends Error {}

type Row = Record<string, unknown>;
const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

export class OrderStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** A short random id fixed when the store is created: client order ids carry it, so two stores never collide. */
  readonly storeId: string;

  private constructor(
    readonly path: string,
    options: { readonly: boolean; storeId?: string; durable?: boolean },
  ) {
    if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { readonly: options.readonly, fileMustExist: options.readonly });
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      // FULL: a commit is on disk before it returns (intents must be). A throwaway paper store skips the syncs.
      this.db.pragma(options.durable === false ? 'synchronous = OFF' : 'synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('busy_timeout = 5000');
      this.migrate();
    } else {
      this.db.pragma('busy_timeout = 5000');
      const version = this.db.pragma('user_version', { simple: true }) as number;
      if (version > MIGRATIONS.length)
        throw new StoreVersionError(
          `${path} was written by a newer arb (schema ${version}, this build knows ${MIGRATIONS.length})`,
        );
    }
    let id = this.getMeta('store_id');
    if (id === undefined) {
      if (options.readonly) id = '????';
      else {
        id = options.storeId ?? randomBytes(3).toString('hex');
        this.setMeta('store_id', id);
      }
    }
    this.storeId = id;
  }

  /**
   * Open (creating and migrating as needed) a store for writing. `:memory:` for a throwaway store. `storeId`
   * fixes a new store's id (deterministic runs); otherwise it is random. `durable: false` (paper) skips fsyncs.
   */
  static open(path: string, options: { storeId?: string; durable?: boolean } = {}): OrderStore {
    return new OrderStore(path, { readonly: false, ...options });
  }

  /** Open an existing store to read it (`arb status`), alongside a running engine that writes it. */
  static openReadOnly(path: string): OrderStore {
    return new OrderStore(path, { readonly: true });
  }

  close(): void {
    this.db.close();
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length)
      throw new StoreVersionError(
        `${this.path} was written by a newer arb (schema ${version}, this build knows ${MIGRATIONS.length})`,
      );
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  /** Prepared once per store: preparing costs more than running. */
  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Run `fn` in one transaction: all of it is on disk, or none of it. */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ---- meta ------------------------------------------------------------------------------------------

  getMeta(key: string): string | undefined {
    const r = this.stmt('SELECT value FROM meta WHERE key = ?').get(key) as Row | undefined;
    return str(r?.value);
  }

  setMeta(key: string, value: string): void {
    this.stmt(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  }

  // ---- event log -------------------------------------------------------------------------------------

  log(
    nowMs: number,
    kind: string,
    data: Record<string, unknown> = {},
    refs: { packageId?: string; clientOrderId?: string; venue?: string } = {},
  ): void {
    this.stmt(
      'INSERT INTO events (ts_ms, kind, package_id, client_order_id, venue, data_json) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      nowMs,
      kind,
      refs.packageId ?? null,
      refs.clientOrderId ?? null,
      refs.venue ?? null,
      JSON.stringify(data),
    );
  }

  events(options: { sinceSeq?: number; packageId?: string; limit?: number } = {}): StoreEvent[] {
    const rows = this.stmt(
      `SELECT * FROM events WHERE seq > ? AND (? IS NULL OR package_id = ?) ORDER BY seq LIMIT ?`,
    ).all(
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

  // ---- packages --------------------------------------------------------------------------------------

  /** A new package id: this store's id and a sequence number, unique across restarts of the same store. */
  createPackage(
    nowMs: number,
    p: {
      opportunityId: string;
      lane: string;
      qty: number;
      payoutUnits: number;
      expectedEdge: number;
      legs: readonly StoredLeg[];
    },
  ): StoredPackage {
    return this.tx(() => {
      const last = this.stmt('SELECT MAX(seq) AS s FROM packages').get() as Row;
      const seq = Number(last.s ?? 0) + 1;
      const id = `${this.storeId}-${seq}`;
      const snap = newPackage(p.qty, p.legs.length);
      this.stmt(
        `INSERT INTO packages (id, seq, opportunity_id, lane, qty, payout_units, expected_edge, legs_json, state,
             bought_json, sold_json, done_json, created_ms, updated_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        seq,
        p.opportunityId,
        p.lane,
        p.qty,
        p.payoutUnits,
        p.expectedEdge,
        JSON.stringify(p.legs),
        snap.state,
        JSON.stringify(snap.bought),
        JSON.stringify(snap.sold),
        JSON.stringify(snap.done),
        nowMs,
        nowMs,
      );
      this.log(nowMs, 'package_created', { ...p, legs: p.legs }, { packageId: id });
      return this.getPackage(id)!;
    });
  }

  getPackage(id: string): StoredPackage | undefined {
    const r = this.stmt('SELECT * FROM packages WHERE id = ?').get(id) as Row | undefined;
    return r ? toPackage(r) : undefined;
  }

  packages(options: { states?: readonly PackageState[]; limit?: number } = {}): StoredPackage[] {
    const rows = this.stmt('SELECT * FROM packages ORDER BY seq DESC').all() as Row[];
    const out = rows.map(toPackage).filter((p) => !options.states || options.states.includes(p.state));
    return options.limit === undefined ? out : out.slice(0, options.limit);
  }

  /** Apply a package event through the state machine; the snapshot and the event are written together. */
  packageEvent(nowMs: number, id: string, e: PackageEvent): Transition<StoredPackage> {
    return this.tx(() => {
      const cur = this.getPackage(id);
      if (!cur) throw new Error(`no package ${id}`);
      const t = packageTransition(cur, e);
      const next = { ...cur, ...t.next, updatedMs: nowMs };
      if (t.effect === 'applied') {
        this.stmt(
          `UPDATE packages SET state = ?, bought_json = ?, sold_json = ?, done_json = ?, applied_json = ?, reason = ?,
             updated_ms = ? WHERE id = ?`,
        ).run(
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
      this.log(
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
        this.stmt(
          `SELECT 1 FROM fills f JOIN intents i ON i.client_order_id = f.client_order_id
             WHERE i.package_id = ? AND f.reversal_applied = 1 LIMIT 1`,
        ).get(id) !== undefined
      )
        this.reversePackage(nowMs, id);
      return { ...t, next };
    });
  }

  /**
   * A fill of this package was reversed (a Polymarket trade FAILED): the package is re-evaluated from what its
   * intents now hold (the package machine's `reversal`), and naked contracts left by it raise UNHEDGED_PACKAGE in
   * the same transaction, like any other naked exposure. A package still in flight is left to its executor and
   * re-checked when it finishes. Returns the package before and after.
   */
  reversePackage(nowMs: number, id: string): { before: StoredPackage; after: StoredPackage } | undefined {
    return this.tx(() => {
      const before = this.getPackage(id);
      if (!before) return undefined;
      const t = this.packageEvent(nowMs, id, { type: 'reversal', ...this.legQuantities(before) });
      const after = this.getPackage(id)!;
      if (t.effect === 'applied' && after.state === 'unhedged' && before.state !== 'unhedged') {
        const naked = exposure(after).reduce((sum, x) => sum + x, 0);
        this.raiseSafeMode(
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
    for (const i of this.intents({ packageId: p.id })) {
      // The fills recorded for the intent are the truth even where its state machine refused them (a fill of an
      // order once found "not found", which reached the venue late after all): money moved either way.
      const recorded = this.fills({ clientOrderId: i.clientOrderId })
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
    this.stmt('UPDATE packages SET naked_micros_ms = naked_micros_ms + ? WHERE id = ?').run(microsMs, id);
  }

  // ---- intents and orders ----------------------------------------------------------------------------

  /** Record an order we are about to place. Committed (synced) when this returns: only then may it be sent. */
  writeIntent(
    nowMs: number,
    i: {
      request: OrderRequest;
      venue: Venue;
      packageId?: string;
      role: IntentRole;
      leg: number;
    },
  ): StoredIntent {
    return this.tx(() => {
      const r = i.request;
      this.stmt(
        `INSERT INTO intents (client_order_id, package_id, role, leg, venue, market, outcome, side, px, qty, tif,
             state, created_ms, updated_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      ).run(
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
      this.log(
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
    const r = this.stmt('SELECT * FROM intents WHERE client_order_id = ?').get(clientOrderId) as
      Row | undefined;
    return r ? toIntent(r) : undefined;
  }

  intents(options: { packageId?: string; unresolved?: boolean } = {}): StoredIntent[] {
    const rows = (
      options.packageId === undefined
        ? this.stmt('SELECT * FROM intents ORDER BY created_ms, rowid').all()
        : this.stmt('SELECT * FROM intents WHERE package_id = ? ORDER BY rowid').all(options.packageId)
    ) as Row[];
    const all = rows.map(toIntent);
    return options.unresolved ? all.filter((i) => !isTerminalOrder(i.state)) : all;
  }

  /** The intent's order state machine, rebuilt from its row and the fills recorded for it. */
  private snapshot(clientOrderId: string): OrderSnapshot | undefined {
    const r = this.stmt('SELECT * FROM intents WHERE client_order_id = ?').get(clientOrderId) as
      Row | undefined;
    if (!r) return undefined;
    // The fills the machine has seen, not every fill recorded: the fill being applied is already in the table.
    const rows = this.stmt(
      'SELECT id, applied, reversal_applied FROM fills WHERE client_order_id = ? AND venue = ?',
    ).all(clientOrderId, r.venue) as Row[];
    const ids = rows.filter((x) => Number(x.applied) === 1).map((x) => String(x.id));
    const reversedIds = rows.filter((x) => Number(x.reversal_applied) === 1).map((x) => String(x.id));
    const closed = str(r.closed_status) as OrderSnapshot['closedStatus'];
    return {
      ...newOrder(Number(r.qty)),
      state: r.state as OrderState,
      filled: Number(r.filled),
      fillSum: Number(r.fill_sum),
      reportedFilled: Number(r.reported_filled),
      reversedSum: Number(r.reversed_sum),
      reversedIds: new Set(reversedIds),
      fillIds: new Set(ids),
      known: r.venue_order_id !== null,
      ...(closed ? { closedStatus: closed } : {}),
    };
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
    return this.tx(() => {
      const cur = this.snapshot(clientOrderId);
      if (!cur) throw new Error(`no intent ${clientOrderId}`);
      const intent = this.intent(clientOrderId)!;
      const t = orderTransition(cur, e);
      if (t.effect === 'applied' || extra.order) {
        this.stmt(
          `UPDATE intents SET state = ?, filled = ?, fill_sum = ?, reported_filled = ?, reversed_sum = ?,
               closed_status = ?, venue_order_id = COALESCE(?, venue_order_id), error = COALESCE(?, error),
               updated_ms = ?
             WHERE client_order_id = ?`,
        ).run(
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
      if (extra.order) this.upsertOrder(nowMs, intent.venue, extra.order, false);
      if (t.effect === 'applied' && (e.type === 'fill' || e.type === 'reversal'))
        this.stmt(
          `UPDATE fills SET ${e.type === 'fill' ? 'applied' : 'reversal_applied'} = 1 WHERE venue = ? AND id = ?`,
        ).run(intent.venue, e.fillId);
      this.log(
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

  /** Record the venue's view of an order (insert or update). `adopted`: no intent of ours explains it. */
  upsertOrder(nowMs: number, venue: Venue, o: VenueOrder, adopted: boolean): void {
    this.stmt(
      `INSERT INTO orders (venue, id, client_order_id, market, outcome, side, px, qty, filled, status, adopted,
           created_ms, updated_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(venue, id) DO UPDATE SET filled = MAX(orders.filled, excluded.filled),
           status = CASE WHEN orders.status IN ('filled', 'cancelled', 'expired') AND excluded.status = 'open'
                         THEN orders.status ELSE excluded.status END,
           qty = excluded.qty, px = excluded.px, updated_ms = excluded.updated_ms`,
    ).run(
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

  orders(options: { venue?: Venue; open?: boolean } = {}): StoredOrder[] {
    const rows = this.stmt('SELECT * FROM orders ORDER BY created_ms, rowid').all() as Row[];
    return rows
      .map(toOrder)
      .filter(
        (o) =>
          (options.venue === undefined || o.venue === options.venue) &&
          (!options.open || o.status === 'open'),
      );
  }

  orderById(venue: Venue, id: string): StoredOrder | undefined {
    const r = this.stmt('SELECT * FROM orders WHERE venue = ? AND id = ?').get(venue, id) as Row | undefined;
    return r ? toOrder(r) : undefined;
  }

  // ---- fills and positions ---------------------------------------------------------------------------

  /**
   * Record a fill (idempotent on the venue's fill id) and update the market's position, in one transaction.
   * Returns 'duplicate' for a fill already recorded as is, 'reversed' when the venue has just undone it (a
   * Polymarket trade FAILED: the caller takes it back from its intent), 'updated' when only its finality changed,
   * 'new' otherwise. The fill is linked to our intent through
   * the order it belongs to, when we know that order.
   */
  recordFill(
    nowMs: number,
    venue: Venue,
    f: VenueFill,
    adopted: boolean,
  ): 'new' | 'updated' | 'reversed' | 'duplicate' {
    return this.tx(() => {
      const prev = this.stmt('SELECT final, reversed FROM fills WHERE venue = ? AND id = ?').get(
        venue,
        f.id,
      ) as Row | undefined;
      const reversed = f.reversed ? 1 : 0;
      if (prev) {
        if (Number(prev.final) === (f.final ? 1 : 0) && Number(prev.reversed) === reversed)
          return 'duplicate';
        this.stmt('UPDATE fills SET final = ?, reversed = MAX(reversed, ?) WHERE venue = ? AND id = ?').run(
          f.final ? 1 : 0,
          reversed,
          venue,
          f.id,
        );
        this.refreshPosition(nowMs, venue, f.market);
        this.log(
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
      this.stmt(
        `INSERT INTO fills (venue, id, order_id, client_order_id, market, outcome, side, px, qty, fee, liquidity,
             ts_ms, final, reversed, adopted, recorded_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
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
      this.log(
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
        {
          venue,
          ...(clientOrderId ? { clientOrderId } : {}),
          ...(packageId ? { packageId } : {}),
        },
      );
      // The venue charged something else than our model said: the model (what sizing and the verifier use) is off.
      if (f.modelFee !== undefined && f.modelFee !== f.fee)
        this.log(
          nowMs,
          'fee_drift',
          { id: f.id, market: f.market, fee: f.fee, modelFee: f.modelFee, diffMicros: f.fee - f.modelFee },
          { venue, ...(clientOrderId ? { clientOrderId } : {}), ...(packageId ? { packageId } : {}) },
        );
      return 'new';
    });
  }

  /**
   * The intent that placed this venue order, if it is ours: by the client order id the venue echoed, else by
   * the order id (the orders table, or an intent already linked to it).
   */
  intentOf(venue: Venue, orderId: string, clientOrderId?: string): StoredIntent | undefined {
    const echoed = clientOrderId === undefined ? undefined : this.intent(clientOrderId);
    if (echoed?.venue === venue) return echoed;
    const id = this.orderById(venue, orderId)?.clientOrderId ?? this.intentByVenueOrder(venue, orderId);
    const linked = id === undefined ? undefined : this.intent(id);
    return linked?.venue === venue ? linked : undefined;
  }

  /** A status change the venue pushed (user WebSocket) for an order already recorded: status and filled only. */
  updateOrderStatus(
    nowMs: number,
    venue: Venue,
    orderId: string,
    status: VenueOrder['status'],
    filled: number,
  ): void {
    this.stmt(
      `UPDATE orders SET filled = MAX(filled, ?),
         status = CASE WHEN status IN ('filled', 'cancelled', 'expired') AND ? = 'open' THEN status ELSE ? END,
         updated_ms = ?
       WHERE venue = ? AND id = ?`,
    ).run(filled, status, status, nowMs, venue, orderId);
  }

  private intentByVenueOrder(venue: Venue, orderId: string): string | undefined {
    const r = this.stmt('SELECT client_order_id FROM intents WHERE venue = ? AND venue_order_id = ?').get(
      venue,
      orderId,
    ) as Row | undefined;
    return str(r?.client_order_id);
  }

  /** Are there fills of `venue` the venue may still confirm or reverse (not final, not reversed)? */
  hasPendingFills(venue: Venue): boolean {
    return (
      this.stmt('SELECT 1 FROM fills WHERE venue = ? AND final = 0 AND reversed = 0 LIMIT 1').get(venue) !==
      undefined
    );
  }

  fills(options: { venue?: Venue; clientOrderId?: string } = {}): StoredFill[] {
    // Filtered in SQL (indexed): the order path asks for one order's fills on every order.
    const rows = this.stmt(
      `SELECT * FROM fills WHERE (? IS NULL OR venue = ?) AND (? IS NULL OR client_order_id = ?)
       ORDER BY ts_ms, rowid`,
    ).all(
      options.venue ?? null,
      options.venue ?? null,
      options.clientOrderId ?? null,
      options.clientOrderId ?? null,
    ) as Row[];
    return rows.map(toFill);
  }

  /** Recompute one market's position from its fills (keeping any adopted adjustment). */
  private refreshPosition(nowMs: number, venue: Venue, market: string): void {
    const fills = (
      this.stmt('SELECT outcome, side, qty, reversed FROM fills WHERE venue = ? AND market = ?').all(
        venue,
        market,
      ) as Row[]
    ).map((r) => ({
      outcome: r.outcome as Outcome,
      side: r.side as Side,
      qty: Number(r.qty),
      reversed: Number(r.reversed) === 1,
    }));
    const held = new Map(positionsFromFills(venue, fills).map((h) => [h.outcome, h.qty]));
    for (const outcome of ['YES', 'NO'] as const) {
      this.stmt(
        `INSERT INTO positions (venue, market, outcome, from_fills, updated_ms) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(venue, market, outcome) DO UPDATE SET from_fills = excluded.from_fills, updated_ms = excluded.updated_ms`,
      ).run(venue, market, outcome, held.get(outcome) ?? 0, nowMs);
    }
  }

  /** Held positions (non-zero only), fills plus adopted adjustments. */
  positions(venue?: Venue): StoredPosition[] {
    const rows = this.stmt(
      'SELECT * FROM positions WHERE from_fills + adjustment != 0 ORDER BY venue, market, outcome',
    ).all() as Row[];
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
    this.tx(() => {
      const want = new Map(venuePositions.map((p) => [`${p.market}\u0000${p.outcome}`, p.qty]));
      const rows = this.stmt('SELECT * FROM positions WHERE venue = ?').all(venue) as Row[];
      const seen = new Set<string>();
      for (const r of rows) {
        const k = `${String(r.market)}\u0000${String(r.outcome)}`;
        seen.add(k);
        const adjustment = (want.get(k) ?? 0) - Number(r.from_fills);
        this.stmt(
          'UPDATE positions SET adjustment = ?, updated_ms = ? WHERE venue = ? AND market = ? AND outcome = ?',
        ).run(adjustment, nowMs, venue, r.market, r.outcome);
      }
      for (const p of venuePositions) {
        const k = `${p.market}\u0000${p.outcome}`;
        if (seen.has(k)) continue;
        this.stmt(
          'INSERT INTO positions (venue, market, outcome, from_fills, adjustment, updated_ms) VALUES (?, ?, ?, 0, ?, ?)',
        ).run(venue, p.market, p.outcome, p.qty, nowMs);
      }
      this.log(nowMs, 'positions_adopted', { positions: venuePositions }, { venue });
    });
  }

  // ---- balances --------------------------------------------------------------------------------------

  setBalance(nowMs: number, venue: Venue, micros: number): void {
    this.stmt(
      `INSERT INTO balances (venue, micros, refreshed_ms) VALUES (?, ?, ?)
         ON CONFLICT(venue) DO UPDATE SET micros = excluded.micros, refreshed_ms = excluded.refreshed_ms`,
    ).run(venue, micros, nowMs);
  }

  balances(): { venue: Venue; micros: number; refreshedMs: number }[] {
    return (this.stmt('SELECT * FROM balances ORDER BY venue').all() as Row[]).map((r) => ({
      venue: r.venue as Venue,
      micros: Number(r.micros),
      refreshedMs: Number(r.refreshed_ms),
    }));
  }

  // ---- safe mode -------------------------------------------------------------------------------------

  /** Raise a safe-mode reason (once: the same code and detail, still unacknowledged, is not raised again). */
  raiseSafeMode(nowMs: number, code: string, detail: string): void {
    this.tx(() => {
      const open = this.stmt(
        'SELECT id FROM safe_mode WHERE code = ? AND detail = ? AND acked_ms IS NULL',
      ).get(code, detail);
      if (open) return;
      this.stmt('INSERT INTO safe_mode (code, detail, raised_ms) VALUES (?, ?, ?)').run(code, detail, nowMs);
      this.log(nowMs, 'safe_mode_raised', { code, detail });
    });
  }

  /** Unacknowledged reasons: safe mode is on while there are any. */
  safeModeReasons(): SafeModeReason[] {
    return (this.stmt('SELECT * FROM safe_mode WHERE acked_ms IS NULL ORDER BY id').all() as Row[]).map(
      toReason,
    );
  }

  /** Acknowledge the given reasons (all open ones when `ids` is absent); returns what was acknowledged. */
  ack(nowMs: number, by: string, ids?: readonly number[]): SafeModeReason[] {
    return this.tx(() => {
      const open = this.safeModeReasons().filter((r) => ids === undefined || ids.includes(r.id));
      for (const r of open)
        this.stmt('UPDATE safe_mode SET acked_ms = ?, acked_by = ? WHERE id = ?').run(nowMs, by, r.id);
      if (open.length > 0) this.log(nowMs, 'safe_mode_acked', { by, reasons: open });
      return open.map((r) => ({ ...r, ackedMs: nowMs, ackedBy: by }));
    });
  }
}

function toPackage(r: Row): StoredPackage {
  return {
    id: String(r.id),
    opportunityId: String(r.opportunity_id),
    lane: String(r.lane),
    qty: Number(r.qty),
    payoutUnits: Number(r.payout_units),
    expectedEdge: Number(r.expected_edge),
    legPlan: JSON.parse(String(r.legs_json)) as StoredLeg[],
    legs: (JSON.parse(String(r.legs_json)) as unknown[]).length,
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

function toIntent(r: Row): StoredIntent {
  return {
    clientOrderId: String(r.client_order_id),
    packageId: str(r.package_id),
    role: r.role as IntentRole,
    leg: Number(r.leg),
    venue: r.venue as Venue,
    market: String(r.market),
    outcome: r.outcome as Outcome,
    side: r.side as Side,
    px: Number(r.px),
    qty: Number(r.qty),
    tif: String(r.tif),
    state: r.state as OrderState,
    filled: Number(r.filled),
    venueOrderId: str(r.venue_order_id),
    error: str(r.error),
    createdMs: Number(r.created_ms),
    updatedMs: Number(r.updated_ms),
  };
}

function toOrder(r: Row): StoredOrder {
  return {
    venue: r.venue as Venue,
    id: String(r.id),
    ...(r.client_order_id === null ? {} : { clientOrderId: String(r.client_order_id) }),
    market: String(r.market),
    outcome: r.outcome as Outcome,
    side: r.side as Side,
    px: Number(r.px) as VenueOrder['px'],
    qty: Number(r.qty) as VenueOrder['qty'],
    filled: Number(r.filled) as VenueOrder['filled'],
    status: r.status as VenueOrder['status'],
    createdMs: Number(r.created_ms),
    adopted: Number(r.adopted) === 1,
  };
}

function toFill(r: Row): StoredFill {
  return {
    venue: r.venue as Venue,
    id: String(r.id),
    orderId: String(r.order_id),
    ...(r.client_order_id === null ? {} : { clientOrderId: String(r.client_order_id) }),
    market: String(r.market),
    outcome: r.outcome as Outcome,
    side: r.side as Side,
    px: Number(r.px) as VenueFill['px'],
    qty: Number(r.qty) as VenueFill['qty'],
    fee: Number(r.fee) as VenueFill['fee'],
    liquidity: r.liquidity as VenueFill['liquidity'],
    tsMs: Number(r.ts_ms),
    final: Number(r.final) === 1,
    ...(Number(r.reversed) === 1 ? { reversed: true } : {}),
    adopted: Number(r.adopted) === 1,
  };
}

function toReason(r: Row): SafeModeReason {
  return {
    id: Number(r.id),
    code: String(r.code),
    detail: String(r.detail),
    raisedMs: Number(r.raised_ms),
    ...(r.acked_ms === null ? {} : { ackedMs: Number(r.acked_ms) }),
    ...(r.acked_by === null ? {} : { ackedBy: String(r.acked_by) }),
  };
}
