/**
 * The admin API under `/_sim` on each venue's server: inspect orders, fills, accounts, books and markets in
 * the venue's own units, drive the world (resolve, exchange status, clock, deposits, price process) and manage
 * faults. It is the test bed's back door: never faulted, never part of either venue's real protocol.
 * Every endpoint is documented in docs/sim-admin.md.
 */
import { type Clock, SimClock } from '../../core/clock.ts';
import type { Venue } from '../../core/market.ts';
import { microsFromUsd } from '../../core/units.ts';
import type { Exchange } from '../engine/exchange.ts';
import type { OrderStatus } from '../engine/types.ts';
import { type FaultInjector, FaultSpecError, type FaultStatus } from '../faults/index.ts';
import type { PriceProcessControl } from '../faults/price-process-control.ts';
import { errorReply, json, ok } from '../server/reply.ts';
import type { SimServer } from '../server/sim-server.ts';
import type { Reply, SimRequest } from '../server/types.ts';
import {
  AdvanceBody,
  DepositBody,
  ExchangeStatusBody,
  parseBody,
  ProcessBody,
  ResolveBody,
} from './bodies.ts';
import type { VenuePresenter } from './presenter.ts';
import { isoInstant } from '../../core/time.ts';

/** The price process as the admin sees it; shared by both venues' admin APIs (one process drives both). */
export interface ProcessHandle {
  readonly control: PriceProcessControl | undefined;
  paused: boolean;
}

export interface AdminContext {
  readonly venue: Venue;
  readonly exchange: Exchange;
  readonly injector: FaultInjector;
  readonly clock: Clock;
  readonly presenter: VenuePresenter;
  readonly process: ProcessHandle;
}

export const ADMIN_PREFIX = '/_sim';

const ENDPOINTS = [
  'GET /_sim/status',
  'GET /_sim/orders?account=&market=&status=',
  'GET /_sim/fills?account=&market=&orderId=',
  'GET /_sim/accounts?account=',
  'GET /_sim/markets',
  'GET /_sim/book/:market?depth=',
  'GET /_sim/faults',
  'POST /_sim/faults',
  'DELETE /_sim/faults?id=',
  'POST /_sim/resolve',
  'POST /_sim/exchange-status',
  'POST /_sim/process',
  'POST /_sim/clock/advance',
  'POST /_sim/deposit',
];

export function mountAdmin(server: SimServer, ctx: AdminContext): void {
  const p = ADMIN_PREFIX;
  const { exchange: ex, presenter } = ctx;
  server
    .get(p, () => ok({ venue: ctx.venue, endpoints: ENDPOINTS }))
    .get(`${p}/status`, () => ok(status(ctx)))
    .get(`${p}/orders`, (req) => listOrders(ctx, req))
    .get(`${p}/fills`, (req) =>
      ok(ex.fills(filters(req, ['account', 'market', 'orderId'])).map((f) => presenter.fill(f))),
    )
    .get(`${p}/accounts`, (req) => {
      const only = req.query.get('account');
      return ok(
        ex
          .accounts()
          .filter((a) => only === null || a.id === only)
          .map((a) => presenter.account(a)),
      );
    })
    .get(`${p}/markets`, () => ok(ex.marketKeys().map((key) => presenter.market(key, ex.market(key)!))))
    .get(`${p}/book/:market`, (req) => book(ctx, req))
    .get(`${p}/faults`, () => ok(ctx.injector.list(ctx.venue).map(presentFault)))
    .post(`${p}/faults`, (req) => addFaults(ctx, req))
    .delete(`${p}/faults`, (req) => removeFaults(ctx, req))
    .post(`${p}/resolve`, (req) => resolve(ctx, req))
    .post(`${p}/exchange-status`, (req) => {
      const b = parseBody(ExchangeStatusBody, req.body);
      if (!b.ok) return errorReply(400, b.message);
      ex.setStatus(b.value.status);
      return ok({ venue: ctx.venue, exchangeStatus: ex.status });
    })
    .post(`${p}/process`, (req) => {
      const b = parseBody(ProcessBody, req.body);
      if (!b.ok) return errorReply(400, b.message);
      if (!ctx.process.control) return errorReply(409, 'no price process attached to this simulator');
      ctx.process.control.setPaused(b.value.paused);
      ctx.process.paused = b.value.paused;
      return ok({ paused: ctx.process.paused });
    })
    .post(`${p}/clock/advance`, (req) => {
      const b = parseBody(AdvanceBody, req.body);
      if (!b.ok) return errorReply(400, b.message);
      if (!(ctx.clock instanceof SimClock)) {
        return errorReply(
          409,
          'this simulator runs on the real clock; only a SimClock host can advance time',
        );
      }
      ctx.clock.advance(b.value.ms);
      return ok({ clockMs: ctx.clock.now() });
    })
    .post(`${p}/deposit`, (req) => deposit(ctx, req));
}

function status(ctx: AdminContext) {
  const now = ctx.clock.now();
  return {
    venue: ctx.venue,
    exchangeStatus: ctx.exchange.status,
    seq: ctx.exchange.seq,
    clock: {
      kind: ctx.clock instanceof SimClock ? 'sim' : 'real',
      nowMs: now,
      iso: isoInstant(now),
    },
    priceProcess: ctx.process.control ? (ctx.process.paused ? 'paused' : 'running') : 'none',
    faults: ctx.injector
      .list(ctx.venue)
      .filter((f) => f.state === 'active' || f.state === 'scheduled')
      .map(presentFault),
  };
}

function listOrders(ctx: AdminContext, req: SimRequest): Reply {
  const word = req.query.get('status');
  let statuses: readonly OrderStatus[] | undefined;
  if (word !== null) {
    statuses = ctx.presenter.statusFilter(word);
    if (!statuses) {
      return errorReply(
        400,
        `status: unknown order status ${JSON.stringify(word)}; expected one of ${ctx.presenter.statusWords.join(', ')}`,
      );
    }
  }
  const f = filters(req, ['account', 'market']);
  const orders = ctx.exchange.orders(f).filter((o) => !statuses || statuses.includes(o.status));
  return ok(orders.map((o) => ctx.presenter.order(o)));
}

function book(ctx: AdminContext, req: SimRequest): Reply {
  const market = req.params.market!;
  const depthText = req.query.get('depth');
  const depth = depthText === null ? undefined : Number(depthText);
  if (depth !== undefined && !(Number.isInteger(depth) && depth > 0)) {
    return errorReply(400, `depth: expected a positive integer, got ${JSON.stringify(depthText)}`);
  }
  const view = ctx.exchange.book(market, depth);
  if (!view) return errorReply(404, `unknown market ${JSON.stringify(market)}`);
  return ok(ctx.presenter.book(market, view));
}

function addFaults(ctx: AdminContext, req: SimRequest): Reply {
  if (req.body === undefined) return errorReply(400, 'missing JSON body: a fault spec or a list of them');
  // A spec posted to one venue's admin defaults to that venue.
  const withVenue = (s: unknown): unknown =>
    typeof s === 'object' && s !== null && !Array.isArray(s) && !('venue' in s)
      ? { ...s, venue: ctx.venue }
      : s;
  const input = Array.isArray(req.body) ? req.body.map(withVenue) : withVenue(req.body);
  try {
    return json(201, { ids: ctx.injector.addAll(input) });
  } catch (e) {
    if (e instanceof FaultSpecError) return json(400, { error: e.message, issues: e.issues });
    throw e;
  }
}

function removeFaults(ctx: AdminContext, req: SimRequest): Reply {
  const id = req.query.get('id');
  if (id === null) return ok({ removed: ctx.injector.clear(ctx.venue) });
  return ctx.injector.remove(id)
    ? ok({ removed: [id] })
    : errorReply(404, `no fault with id ${JSON.stringify(id)}`);
}

function resolve(ctx: AdminContext, req: SimRequest): Reply {
  const b = parseBody(ResolveBody, req.body);
  if (!b.ok) return errorReply(400, b.message);
  const m = ctx.exchange.market(b.value.market);
  if (!m) return errorReply(404, `unknown market ${JSON.stringify(b.value.market)}`);
  if (m.status === 'settled')
    return errorReply(409, `market ${b.value.market} is already settled (${m.result})`);
  ctx.exchange.resolve(b.value.market, b.value.result);
  return ok(ctx.presenter.market(b.value.market, ctx.exchange.market(b.value.market)!));
}

function deposit(ctx: AdminContext, req: SimRequest): Reply {
  const b = parseBody(DepositBody, req.body);
  if (!b.ok) return errorReply(400, b.message);
  let micros: number;
  try {
    micros = microsFromUsd(String(b.value.usd));
  } catch (e) {
    return errorReply(400, `usd: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (micros <= 0) return errorReply(400, 'usd: must be positive');
  ctx.exchange.openAccount(b.value.account, micros, { tracked: true });
  return ok(ctx.presenter.account(ctx.exchange.account(b.value.account)!));
}

/** The named query parameters that are present, as an engine filter. */
function filters<K extends string>(req: SimRequest, names: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const n of names) {
    const v = req.query.get(n);
    if (v !== null) out[n] = v;
  }
  return out;
}

export function presentFault(f: FaultStatus): Record<string, unknown> {
  return {
    id: f.id,
    state: f.state,
    applied: f.applied,
    ...(f.note === undefined ? {} : { note: f.note }),
    ...f.spec,
  };
}
