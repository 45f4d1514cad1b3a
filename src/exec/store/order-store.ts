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
 * This class is the one entry point; each table's logic is its own module (`packages.ts`, `intents.ts`,
 * `orders.ts`, `fills.ts`, `safe-mode.ts`, `meta.ts`, `event-log.ts`) over one shared connection (`db.ts`), so a
 * method that writes several tables still commits once, exactly where it did when this was one file.
 *
 * Synchronous on purpose: better-sqlite3's calls are microseconds, and a write that has returned is on disk.
 */
import { randomBytes } from 'node:crypto';
import type { Venue } from '../../core/market.ts';
import type { Micros } from '../../core/units.ts';
import type { VenueFill, VenueOrder, VenuePosition } from '../../venues/venue.ts';
import type { OrderEvent, OrderSnapshot, Transition } from '../lifecycle/order-state.ts';
import type { PackageEvent, PackageState } from '../lifecycle/package-state.ts';
import { StoreDb } from './db.ts';
import { EventLog, type EventRefs } from './event-log.ts';
import { FillTable, type RecordedFill } from './fills.ts';
import { IntentTable, type NewIntent } from './intents.ts';
import { MetaTable } from './meta.ts';
import { OrderTable } from './orders.ts';
import { PackageTable, type NewPackage } from './packages.ts';
import type {
  SafeModeReason,
  StoreEvent,
  StoredBalance,
  StoredFill,
  StoredIntent,
  StoredOrder,
  StoredPackage,
  StoredPosition,
} from './rows.ts';
import { SafeModeTable } from './safe-mode.ts';

export { StoreVersionError } from './db.ts';
export type {
  IntentRole,
  SafeModeReason,
  StoreEvent,
  StoredBalance,
  StoredFill,
  StoredIntent,
  StoredLeg,
  StoredOrder,
  StoredPackage,
  StoredPosition,
} from './rows.ts';

export class OrderStore {
  private readonly db: StoreDb;
  private readonly eventLog: EventLog;
  private readonly meta: MetaTable;
  private readonly safe: SafeModeTable;
  private readonly orderTable: OrderTable;
  private readonly fillTable: FillTable;
  private readonly intentTable: IntentTable;
  private readonly packageTable: PackageTable;
  /** A short random id fixed when the store is created: client order ids carry it, so two stores never collide. */
  readonly storeId: string;

  private constructor(
    readonly path: string,
    options: { readonly: boolean; storeId?: string; durable?: boolean },
  ) {
    this.db = new StoreDb(path, {
      readonly: options.readonly,
      ...(options.durable === undefined ? {} : { durable: options.durable }),
    });
    this.eventLog = new EventLog(this.db);
    this.meta = new MetaTable(this.db);
    this.safe = new SafeModeTable(this.db, this.eventLog);
    this.orderTable = new OrderTable(this.db);
    // Fills find their intent through the intents table, which in turn marks the fills its machine applied.
    this.fillTable = new FillTable(this.db, this.eventLog, (v, o, c) => this.intentTable.intentOf(v, o, c));
    this.intentTable = new IntentTable(this.db, this.eventLog, this.orderTable, this.fillTable);
    let id = this.meta.getMeta('store_id');
    if (id === undefined) {
      if (options.readonly) id = '????';
      else {
        id = options.storeId ?? randomBytes(3).toString('hex');
        this.meta.setMeta('store_id', id);
      }
    }
    this.storeId = id;
    this.packageTable = new PackageTable(
      this.db,
      this.eventLog,
      this.intentTable,
      this.fillTable,
      this.safe,
      this.storeId,
    );
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

  /** Run `fn` in one transaction: all of it is on disk, or none of it. */
  tx<T>(fn: () => T): T {
    return this.db.tx(fn);
  }

  // ---- meta and balances (meta.ts) ---------------------------------------------------------------------

  getMeta(key: string): string | undefined {
    return this.meta.getMeta(key);
  }

  setMeta(key: string, value: string): void {
    this.meta.setMeta(key, value);
  }

  setBalance(nowMs: number, venue: Venue, micros: Micros): void {
    this.meta.setBalance(nowMs, venue, micros);
  }

  balances(): StoredBalance[] {
    return this.meta.balances();
  }

  // ---- event log (event-log.ts) ------------------------------------------------------------------------

  log(nowMs: number, kind: string, data: Record<string, unknown> = {}, refs: EventRefs = {}): void {
    this.eventLog.log(nowMs, kind, data, refs);
  }

  events(options: { sinceSeq?: number; packageId?: string; limit?: number } = {}): StoreEvent[] {
    return this.eventLog.events(options);
  }

  // ---- packages (packages.ts) --------------------------------------------------------------------------

  /** A new package id: this store's id and a sequence number, unique across restarts of the same store. */
  createPackage(nowMs: number, p: NewPackage): StoredPackage {
    return this.packageTable.create(nowMs, p);
  }

  getPackage(id: string): StoredPackage | undefined {
    return this.packageTable.get(id);
  }

  packages(options: { states?: readonly PackageState[]; limit?: number } = {}): StoredPackage[] {
    return this.packageTable.packages(options);
  }

  /** Apply a package event through the state machine; the snapshot and the event are written together. */
  packageEvent(nowMs: number, id: string, e: PackageEvent): Transition<StoredPackage> {
    return this.packageTable.event(nowMs, id, e);
  }

  /** A fill of this package was reversed: re-evaluate it (and raise safe mode if it is left naked). */
  reversePackage(nowMs: number, id: string): { before: StoredPackage; after: StoredPackage } | undefined {
    return this.packageTable.reverse(nowMs, id);
  }

  /** What each leg of a package holds according to its intents' fills. */
  legQuantities(p: StoredPackage): { bought: number[]; sold: number[] } {
    return this.packageTable.legQuantities(p);
  }

  /** Naked exposure carried by the package, integrated over time (micros × ms). */
  addNakedExposure(id: string, microsMs: number): void {
    this.packageTable.addNakedExposure(id, microsMs);
  }

  // ---- intents (intents.ts) and orders (orders.ts) -------------------------------------------------------

  /** Record an order we are about to place. Committed (synced) when this returns: only then may it be sent. */
  writeIntent(nowMs: number, i: NewIntent): StoredIntent {
    return this.intentTable.write(nowMs, i);
  }

  intent(clientOrderId: string): StoredIntent | undefined {
    return this.intentTable.intent(clientOrderId);
  }

  intents(options: { packageId?: string; unresolved?: boolean } = {}): StoredIntent[] {
    return this.intentTable.intents(options);
  }

  /** The intent that placed this venue order, if it is ours. */
  intentOf(venue: Venue, orderId: string, clientOrderId?: string): StoredIntent | undefined {
    return this.intentTable.intentOf(venue, orderId, clientOrderId);
  }

  /** Apply an order event to an intent through the state machine and persist the result. */
  orderEvent(
    nowMs: number,
    clientOrderId: string,
    e: OrderEvent,
    extra: { order?: VenueOrder; error?: string } = {},
  ): Transition<OrderSnapshot> {
    return this.intentTable.orderEvent(nowMs, clientOrderId, e, extra);
  }

  /** Record the venue's view of an order (insert or update). `adopted`: no intent of ours explains it. */
  upsertOrder(nowMs: number, venue: Venue, o: VenueOrder, adopted: boolean): void {
    this.orderTable.upsert(nowMs, venue, o, adopted);
  }

  /** A status change the venue pushed (user WebSocket) for an order already recorded: status and filled only. */
  updateOrderStatus(
    nowMs: number,
    venue: Venue,
    orderId: string,
    status: VenueOrder['status'],
    filled: number,
  ): void {
    this.orderTable.updateStatus(nowMs, venue, orderId, status, filled);
  }

  orders(options: { venue?: Venue; open?: boolean } = {}): StoredOrder[] {
    return this.orderTable.orders(options);
  }

  orderById(venue: Venue, id: string): StoredOrder | undefined {
    return this.orderTable.byId(venue, id);
  }

  // ---- fills and positions (fills.ts) ---------------------------------------------------------------------

  /** Record a fill (idempotent on the venue's fill id) and update the market's position, in one transaction. */
  recordFill(nowMs: number, venue: Venue, f: VenueFill, adopted: boolean): RecordedFill {
    return this.fillTable.record(nowMs, venue, f, adopted);
  }

  /** Are there fills of `venue` the venue may still confirm or reverse (not final, not reversed)? */
  hasPendingFills(venue: Venue): boolean {
    return this.fillTable.hasPending(venue);
  }

  fills(options: { venue?: Venue; clientOrderId?: string } = {}): StoredFill[] {
    return this.fillTable.fills(options);
  }

  /** Held positions (non-zero only), fills plus adopted adjustments. */
  positions(venue?: Venue): StoredPosition[] {
    return this.fillTable.positions(venue);
  }

  /** Make the store's positions on `venue` equal the venue's (the difference kept as an adjustment). */
  adoptPositions(nowMs: number, venue: Venue, venuePositions: readonly VenuePosition[]): void {
    this.fillTable.adoptPositions(nowMs, venue, venuePositions);
  }

  // ---- safe mode (safe-mode.ts) --------------------------------------------------------------------------

  /** Raise a safe-mode reason (once: the same code and detail, still unacknowledged, is not raised again). */
  raiseSafeMode(nowMs: number, code: string, detail: string): void {
    this.safe.raise(nowMs, code, detail);
  }

  /** Unacknowledged reasons: safe mode is on while there are any. */
  safeModeReasons(): SafeModeReason[] {
    return this.safe.reasons();
  }

  /** Acknowledge the given reasons (all open ones when `ids` is absent); returns what was acknowledged. */
  ack(nowMs: number, by: string, ids?: readonly number[]): SafeModeReason[] {
    return this.safe.ack(nowMs, by, ids);
  }
}
