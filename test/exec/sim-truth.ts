/**
 * The simulators' own record of the bot (their admin API), put side by side with what an order store holds, in
 * the same shapes, so a test can assert they are equal: orders (id, client order id, filled, status), fills
 * (order, size) and positions, per venue. Used by the lifecycle tests and the crash tests.
 */
import type { Venue } from '../../src/core/market.ts';
import { microsFromUsd } from '../../src/core/units.ts';
import type { OrderStore } from '../../src/exec/index.ts';

export interface AdminUrls {
  readonly kalshi: string;
  readonly polymarket: string;
}

interface SimOrder {
  readonly id: string;
  readonly clientOrderId: string | null;
  readonly filled: string;
  readonly status: string;
}
interface SimFill {
  readonly id: string;
  readonly orderId: string;
  readonly size: string;
}
interface SimAccount {
  readonly account: string;
  readonly positions: {
    market: string;
    yes?: string;
    no?: string;
    outcome?: 'YES' | 'NO';
    size?: string;
  }[];
}

export interface Ledger {
  readonly orders: string[];
  readonly fills: string[];
  readonly positions: string[];
}

/** Decimal contracts ("10.00", "10") → Qty (hundredths), exactly. */
const qtyOf = (s: string): number => microsFromUsd(s) / 10_000;

/**
 * Kalshi orders carry the client order id; Polymarket's do not (the adapter derives the order's hash from it, so
 * the order id itself is the link): compared only where the venue has it.
 */
const clientIdOf = (v: Venue, id: string | null): string => (v === 'kalshi' ? String(id) : '-');

/** The venues' words for an order's state, in the adapters' vocabulary. */
const STATUS: Record<string, string> = {
  executed: 'filled',
  canceled: 'cancelled',
  resting: 'open',
  MATCHED: 'filled',
  CANCELED: 'cancelled',
  LIVE: 'open',
};

async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return (await r.json()) as T;
}

/** What the simulators hold for the bot, as sorted lines (one per order, fill and position). */
export async function simLedger(admin: AdminUrls): Promise<Ledger> {
  const orders: string[] = [];
  const fills: string[] = [];
  const positions: string[] = [];
  for (const v of ['kalshi', 'polymarket'] as const) {
    const base = admin[v];
    for (const o of await getJson<SimOrder[]>(`${base}/orders?account=bot`))
      orders.push(
        `${v} ${o.id} ${clientIdOf(v, o.clientOrderId)} ${qtyOf(o.filled)} ${STATUS[o.status] ?? o.status}`,
      );
    for (const f of await getJson<SimFill[]>(`${base}/fills?account=bot`))
      fills.push(`${v} ${f.orderId} ${qtyOf(f.size)}`);
    const bot = (await getJson<SimAccount[]>(`${base}/accounts?account=bot`)).find(
      (a) => a.account === 'bot',
    );
    for (const p of bot?.positions ?? []) {
      if (v === 'kalshi') {
        if (qtyOf(p.yes!) !== 0) positions.push(`${v} ${p.market} YES ${qtyOf(p.yes!)}`);
        if (qtyOf(p.no!) !== 0) positions.push(`${v} ${p.market} NO ${qtyOf(p.no!)}`);
      } else if (qtyOf(p.size!) !== 0) positions.push(`${v} ${p.market} ${p.outcome} ${qtyOf(p.size!)}`);
    }
  }
  return { orders: orders.sort(), fills: fills.sort(), positions: positions.sort() };
}

/** The same lines from an order store. */
export function storeLedger(store: OrderStore): Ledger {
  const venueOf = (v: Venue): string => v;
  return {
    orders: store
      .orders()
      .map(
        (o) =>
          `${venueOf(o.venue)} ${o.id} ${clientIdOf(o.venue, o.clientOrderId ?? null)} ${o.filled} ${o.status}`,
      )
      .sort(),
    fills: store
      .fills()
      .filter((f) => !f.reversed)
      .map((f) => `${f.venue} ${f.orderId} ${f.qty}`)
      .sort(),
    positions: store
      .positions()
      .map((p) => `${p.venue} ${p.market} ${p.outcome} ${p.qty}`)
      .sort(),
  };
}

/** Client order ids that appear on more than one simulator order: must be none. */
export async function duplicateOrders(admin: AdminUrls): Promise<string[]> {
  const seen = new Map<string, number>();
  for (const v of ['kalshi', 'polymarket'] as const)
    for (const o of await getJson<SimOrder[]>(`${admin[v]}/orders?account=bot`))
      if (o.clientOrderId) seen.set(o.clientOrderId, (seen.get(o.clientOrderId) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}
