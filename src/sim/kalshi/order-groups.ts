/**
 * Kalshi order groups (docs.kalshi.com "Order Groups"; `kalshi-typescript` OrderGroupsApi): a group has a
 * contracts limit over a rolling 15-second window. Every contract an order of the group matches counts; when
 * the window's total EXCEEDS the limit the group is triggered: its resting orders are cancelled and new orders
 * naming it are refused until a reset (which also clears the window). A manual trigger, or a limit update below
 * the window's total, triggers it too; delete cancels its resting orders and forgets it.
 *
 * Fills reach the group two ways: an order's own taker fills are counted by the order route right after
 * placing it (the order is not attached yet while it matches), and later maker fills through the engine's
 * event stream. Cancelling from inside an engine event would re-enter the matching loop, so a trigger found
 * there is settled on a microtask, before any other request is served; the order route settles synchronously
 * so its own response already shows the cancellation.
 */
import type { Clock } from '../../core/clock.ts';
import { asQty, type Qty } from '../../core/units.ts';
import type { Exchange } from '../engine/exchange.ts';
import type { SimFill } from '../engine/types.ts';

/** The venue's rolling window. */
export const ORDER_GROUP_WINDOW_MS = 15_000;
/** The venue's range for a contracts limit (whole contracts); in Qty. */
export const MIN_GROUP_LIMIT = asQty(100);
export const MAX_GROUP_LIMIT = asQty(1_000_000 * 100);

export interface OrderGroupState {
  readonly id: string;
  readonly account: string;
  limit: Qty;
  triggered: boolean;
  /** Every order placed in the group, oldest first. */
  readonly orders: string[];
  /** Matched contracts with their time, oldest first (pruned to the window). */
  readonly matched: { tsMs: number; qty: number }[];
}

export type GroupAdmission =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'not_found' | 'triggered'; readonly message: string };

export class KalshiOrderGroups {
  private readonly groups = new Map<string, OrderGroupState>();
  /** order id → group id */
  private readonly groupOfOrder = new Map<string, string>();
  private readonly pending = new Set<string>();
  private next = 1;
  private settleQueued = false;
  private readonly stop: () => void;

  constructor(
    private readonly exchange: Exchange,
    private readonly clock: Clock,
  ) {
    this.stop = exchange.subscribe((e) => {
      if (e.type === 'fill') this.onFill(e.fill);
    });
  }

  create(account: string, limit: Qty): OrderGroupState {
    // Deterministic ids in the UUID layout the venue uses.
    const id = `00000000-0000-4000-8000-${(this.next++).toString(16).padStart(12, '0')}`;
    const g: OrderGroupState = { id, account, limit, triggered: false, orders: [], matched: [] };
    this.groups.set(id, g);
    return g;
  }

  /** The account's group, or undefined (another account's group is not found either). */
  get(account: string, id: string): OrderGroupState | undefined {
    const g = this.groups.get(id);
    return g && g.account === account ? g : undefined;
  }

  list(account: string): OrderGroupState[] {
    return [...this.groups.values()].filter((g) => g.account === account);
  }

  groupOf(orderId: string): string | undefined {
    return this.groupOfOrder.get(orderId);
  }

  /** May an order of `account` go into group `id`? */
  admit(account: string, id: string): GroupAdmission {
    const g = this.get(account, id);
    if (!g) return { ok: false, reason: 'not_found', message: `order group ${id} not found` };
    if (g.triggered) {
      return {
        ok: false,
        reason: 'triggered',
        message: `order group ${id} is triggered (contracts limit hit or manual trigger): no new orders until it is reset`,
      };
    }
    return { ok: true };
  }

  /** A placed order joins its group; its own taker fills count now. Settles any trigger before returning. */
  attach(orderId: string, groupId: string, fills: readonly SimFill[]): void {
    const g = this.groups.get(groupId);
    if (!g) return;
    g.orders.push(orderId);
    this.groupOfOrder.set(orderId, groupId);
    for (const f of fills) if (f.orderId === orderId) this.count(g, f.qty, f.tsMs);
    this.settle();
  }

  /** Manual trigger: cancel every resting order, refuse new ones until reset. Returns what was cancelled. */
  trigger(g: OrderGroupState): number {
    g.triggered = true;
    this.pending.delete(g.id);
    const ids = new Set(g.orders);
    return this.exchange
      .orders({ account: g.account, status: 'resting' })
      .filter((o) => ids.has(o.id))
      .reduce((n, o) => n + (this.exchange.cancel(g.account, o.id, 'order_group').ok ? 1 : 0), 0);
  }

  reset(g: OrderGroupState): void {
    g.triggered = false;
    g.matched.length = 0;
    this.pending.delete(g.id);
  }

  /** A new limit; below what the window already matched, the group triggers (as the venue documents). */
  updateLimit(g: OrderGroupState, limit: Qty): void {
    g.limit = limit;
    if (!g.triggered && this.windowTotal(g) > limit) this.trigger(g);
  }

  delete(g: OrderGroupState): number {
    const cancelled = this.trigger(g);
    this.groups.delete(g.id);
    return cancelled;
  }

  /** Matched contracts in the rolling window now. */
  windowTotal(g: OrderGroupState): number {
    const from = this.clock.now() - ORDER_GROUP_WINDOW_MS;
    while (g.matched.length > 0 && g.matched[0]!.tsMs <= from) g.matched.shift();
    return g.matched.reduce((n, m) => n + m.qty, 0);
  }

  /** Trigger every group whose window went over its limit. */
  settle(): void {
    for (const id of [...this.pending]) {
      const g = this.groups.get(id);
      this.pending.delete(id);
      if (g && !g.triggered) this.trigger(g);
    }
  }

  dispose(): void {
    this.stop();
  }

  private onFill(f: SimFill): void {
    const id = this.groupOfOrder.get(f.orderId);
    const g = id === undefined ? undefined : this.groups.get(id);
    if (!g) return; // not attached yet (its own taker fills are counted by `attach`) or in no group
    this.count(g, f.qty, f.tsMs);
    if (this.pending.size > 0 && !this.settleQueued) {
      this.settleQueued = true;
      queueMicrotask(() => {
        this.settleQueued = false;
        this.settle();
      });
    }
  }

  private count(g: OrderGroupState, qty: number, tsMs: number): void {
    if (g.triggered) return;
    g.matched.push({ tsMs, qty });
    if (this.windowTotal(g) > g.limit) this.pending.add(g.id);
  }
}
