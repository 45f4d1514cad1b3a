/**
 * What `arb status` shows, read from the order store only (it never talks to a venue, so it works while the
 * engine runs, after it crashed, and with the venues down). Money in integer micros, quantities in contracts.
 */
import type { Venue } from '../../core/market.ts';
import { asPx, asQty, notional } from '../../core/units.ts';
import {
  exposure,
  hedgedQty,
  type OrderStore,
  type SafeModeReason,
  type VenueGateView,
} from '../../exec/index.ts';
import { SAFETY_NET_META, type VenueSafetyNetView } from '../live/venue-safety-net.ts';

export interface UnhedgedExposure {
  readonly packageId: string;
  readonly state: string;
  readonly venue: Venue;
  readonly market: string;
  readonly outcome: 'YES' | 'NO';
  /** Naked contracts. */
  readonly contracts: number;
  /** What they cost at the planned price, micros. */
  readonly costMicros: number;
}

/** The pre-run gates as `arb live` last ran them (store meta `gates`, written at each start). */
export interface LastGates {
  readonly atMs: number;
  readonly pass: boolean;
  readonly gates: readonly { name: string; status: 'green' | 'red' | 'skipped'; reason: string }[];
}

export interface StatusView {
  readonly store: string;
  readonly storeId: string;
  readonly mode: 'live' | 'paper';
  /** running (a heartbeat in the last 5 s), stopped (clean stop recorded), or not running (crashed or killed). */
  readonly engine: {
    readonly state: 'running' | 'stopped' | 'not running';
    readonly pid?: number;
    readonly lastSeenMs?: number;
  };
  readonly tradingState: 'safe_mode' | 'trading' | 'idle';
  readonly safeMode: boolean;
  readonly safeModeReasons: readonly SafeModeReason[];
  readonly packages: {
    readonly byState: Record<string, number>;
    readonly recent: readonly {
      id: string;
      lane: string;
      state: string;
      qty: number;
      hedged: number;
      createdMs: number;
      reason?: string;
    }[];
  };
  readonly openOrders: readonly {
    venue: Venue;
    id: string;
    clientOrderId?: string;
    market: string;
    outcome: string;
    side: string;
    px: number;
    qty: number;
    filled: number;
    adopted: boolean;
  }[];
  readonly unresolvedIntents: readonly { clientOrderId: string; venue: Venue; state: string }[];
  readonly positions: readonly {
    venue: Venue;
    market: string;
    outcome: string;
    contracts: number;
    adjustment: number;
  }[];
  readonly unhedged: readonly UnhedgedExposure[];
  readonly balances: readonly { venue: Venue; micros: number; refreshedMs: number }[];
  /**
   * Venues with a dead-man switch (Polymarket heartbeats) as the engine last wrote them: may they receive new
   * orders (or why not), beats acknowledged and failed. `asOfMs`: when written (stale if the engine is not running).
   */
  readonly heartbeats: { readonly asOfMs: number; readonly venues: readonly VenueGateView[] } | undefined;
  /** Absent until `arb live` has run its gates on this store (or ran with --skip-gates). */
  readonly lastGates: LastGates | undefined;
  /**
   * The venues' own caps as the running engine last wrote them (live/venue-safety-net.ts): the Kalshi order
   * group (id once created, contracts per rolling 15 s, whether the venue refused an order because it was hit).
   */
  readonly venueSafetyNet: VenueSafetyNetView | undefined;
}

const HEARTBEAT_FRESH_MS = 5_000;

export function statusView(store: OrderStore, mode: 'live' | 'paper', nowMs: number): StatusView {
  const reasons = store.safeModeReasons();
  const packages = store.packages();
  const byState: Record<string, number> = {};
  for (const p of packages) byState[p.state] = (byState[p.state] ?? 0) + 1;
  const unhedged: UnhedgedExposure[] = [];
  for (const p of packages) {
    if (p.state === 'hedged' || p.state === 'partial' || p.state === 'unwound' || p.state === 'missed')
      continue;
    // A package a crash interrupted has a stale snapshot: its intents' fills say what it holds.
    const held = p.state === 'unhedged' ? p : store.legQuantities(p);
    exposure(held).forEach((x, i) => {
      if (x <= 0) return;
      const leg = p.legPlan[i]!;
      unhedged.push({
        packageId: p.id,
        state: p.state,
        venue: leg.venue,
        market: leg.market,
        outcome: leg.outcome,
        contracts: x / 100,
        costMicros: notional(asPx(leg.px), asQty(x)),
      });
    });
  }
  const beat = store.getMeta('heartbeat');
  const hb = beat ? (JSON.parse(beat) as { pid: number; ms: number; stopped?: boolean }) : undefined;
  const engine: StatusView['engine'] = !hb
    ? { state: 'not running' }
    : hb.stopped
      ? { state: 'stopped', pid: hb.pid, lastSeenMs: hb.ms }
      : {
          state: nowMs - hb.ms <= HEARTBEAT_FRESH_MS ? 'running' : 'not running',
          pid: hb.pid,
          lastSeenMs: hb.ms,
        };
  return {
    store: store.path,
    storeId: store.storeId,
    mode,
    engine,
    tradingState: reasons.length > 0 ? 'safe_mode' : engine.state === 'running' ? 'trading' : 'idle',
    safeMode: reasons.length > 0,
    safeModeReasons: reasons,
    packages: {
      byState,
      recent: packages.slice(0, 10).map((p) => ({
        id: p.id,
        lane: p.lane,
        state: p.state,
        qty: p.qty / 100,
        hedged: hedgedQty(p) / 100,
        createdMs: p.createdMs,
        ...(p.reason ? { reason: p.reason } : {}),
      })),
    },
    openOrders: store.orders({ open: true }).map((o) => ({
      venue: o.venue,
      id: o.id,
      ...(o.clientOrderId ? { clientOrderId: o.clientOrderId } : {}),
      market: o.market,
      outcome: o.outcome,
      side: o.side,
      px: o.px,
      qty: o.qty / 100,
      filled: o.filled / 100,
      adopted: o.adopted,
    })),
    unresolvedIntents: store
      .intents({ unresolved: true })
      .map((i) => ({ clientOrderId: i.clientOrderId, venue: i.venue, state: i.state })),
    positions: store.positions().map((p) => ({
      venue: p.venue,
      market: p.market,
      outcome: p.outcome,
      contracts: p.qty / 100,
      adjustment: p.adjustment / 100,
    })),
    unhedged,
    balances: store.balances(),
    heartbeats: gates(store),
    lastGates: lastGates(store),
    venueSafetyNet: safetyNet(store),
  };
}

function lastGates(store: OrderStore): LastGates | undefined {
  const raw = store.getMeta('gates');
  return raw === undefined ? undefined : (JSON.parse(raw) as LastGates);
}

function gates(store: OrderStore): StatusView['heartbeats'] {
  const raw = store.getMeta('venue_gates');
  if (raw === undefined) return undefined;
  const v = JSON.parse(raw) as { atMs: number; venues: VenueGateView[] };
  return { asOfMs: v.atMs, venues: v.venues };
}

function safetyNet(store: OrderStore): VenueSafetyNetView | undefined {
  const raw = store.getMeta(SAFETY_NET_META);
  return raw === undefined ? undefined : (JSON.parse(raw) as VenueSafetyNetView);
}

const usd = (micros: number): string => `$${(micros / 1e6).toFixed(2)}`;
const ago = (nowMs: number, ms: number): string => `${Math.max(0, Math.round((nowMs - ms) / 1000))} s ago`;

export function statusText(v: StatusView, nowMs: number): string {
  const lines: string[] = [];
  const engine =
    v.engine.state === 'running'
      ? `running (pid ${v.engine.pid}, heartbeat ${ago(nowMs, v.engine.lastSeenMs!)})`
      : v.engine.lastSeenMs !== undefined
        ? `${v.engine.state} (last seen ${ago(nowMs, v.engine.lastSeenMs)})`
        : v.engine.state;
  lines.push(`arb status — ${v.mode} store ${v.store} (id ${v.storeId})`);
  lines.push(`engine: ${engine}`);
  lines.push(
    v.safeMode
      ? `trading: SAFE MODE — new packages refused until "arb ack"`
      : `trading: ${v.tradingState === 'trading' ? 'normal' : 'idle (engine not running)'}`,
  );
  for (const r of v.safeModeReasons) lines.push(`  [${r.id}] ${r.code}: ${r.detail}`);
  const counts = Object.entries(v.packages.byState)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  lines.push(`packages: ${counts || 'none'}`);
  for (const p of v.packages.recent.slice(0, 5))
    lines.push(
      `  ${p.id} ${p.lane} ${p.state} ${p.hedged}/${p.qty} hedged${p.reason ? ` (${p.reason})` : ''}`,
    );
  lines.push(`unhedged exposure:${v.unhedged.length === 0 ? ' none' : ''}`);
  for (const u of v.unhedged)
    lines.push(
      `  ${u.packageId}: ${u.contracts} × ${u.venue} ${u.market} ${u.outcome} (cost ${usd(u.costMicros)})`,
    );
  lines.push(`open orders: ${v.openOrders.length === 0 ? 'none' : v.openOrders.length}`);
  for (const o of v.openOrders)
    lines.push(
      `  ${o.venue} ${o.id} ${o.side} ${o.qty} ${o.outcome} ${o.market} @ ${o.px} Px, filled ${o.filled}${o.adopted ? ' (adopted: not ours)' : ''}`,
    );
  if (v.unresolvedIntents.length > 0) {
    lines.push(`unresolved intents (resolved on the next start): ${v.unresolvedIntents.length}`);
    for (const i of v.unresolvedIntents) lines.push(`  ${i.clientOrderId} on ${i.venue}: ${i.state}`);
  }
  for (const g of v.heartbeats?.venues ?? [])
    lines.push(
      `heartbeat ${g.venue}: ${g.open ? 'new orders allowed' : `NEW ORDERS STOPPED: ${g.reason}`} (last acknowledged ${g.lastAckMs === undefined ? 'never' : ago(nowMs, g.lastAckMs)}; ${g.beats.acknowledged} acknowledged, ${g.beats.failed} failed; stopped ${g.closures} times; as of ${ago(nowMs, v.heartbeats!.asOfMs)})`,
    );
  if (v.lastGates) {
    const notGreen = v.lastGates.gates.filter((g) => g.status !== 'green');
    lines.push(
      `gates at the last start (${ago(nowMs, v.lastGates.atMs)}): ${notGreen.length === 0 ? 'all green' : notGreen.map((g) => `${g.name} ${g.status.toUpperCase()}: ${g.reason}`).join('; ')}`,
    );
  }
  const og = v.venueSafetyNet?.kalshi;
  if (og)
    lines.push(
      `kalshi order group: ${og.orderGroupId ?? 'not created yet (made before the first order)'}, cap ${og.contractsLimit} contracts per 15 s; ${og.triggered ? `CAP HIT ${ago(nowMs, og.triggeredAtMs!)}: the venue refuses new Kalshi orders, new Kalshi packages halted` : 'accepting orders'}`,
    );
  lines.push(`positions:${v.positions.length === 0 ? ' none' : ''}`);
  for (const p of v.positions)
    lines.push(
      `  ${p.venue} ${p.market} ${p.outcome}: ${p.contracts}${p.adjustment !== 0 ? ` (${p.adjustment} adopted from the venue, unexplained)` : ''}`,
    );
  lines.push(
    `balances: ${v.balances.map((b) => `${b.venue} ${usd(b.micros)} (${ago(nowMs, b.refreshedMs)})`).join(', ') || 'none recorded'}`,
  );
  return `${lines.join('\n')}\n`;
}
