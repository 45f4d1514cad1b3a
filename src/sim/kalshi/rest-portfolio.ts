/**
 * The member's portfolio (K2): balance, fills, positions, settlements, and the account's API limits. All need
 * a signed request and act for the signing key's account.
 */
import { KALSHI_API_BASE } from '../connection.ts';
import type { SimFill } from '../engine/types.ts';
import { ok } from '../server/reply.ts';
import type { SimServer } from '../server/sim-server.ts';
import type { Reply, SimRequest } from '../server/types.ts';
import { type FrontContext, type SignedHandler, signedOnly } from './context.ts';
import { badRequest } from './errors.ts';
import {
  presentBalance,
  presentEventPosition,
  presentFill,
  presentMarketPosition,
  presentSettlement,
} from './present-portfolio.ts';
import { summarizeFills, type PositionSummary } from './positions.ts';
import { intParam, listParam, optionalString, page, pageRequest } from './query.ts';
import { DEFAULT_COST, ENDPOINT_COSTS } from './rate-limit.ts';

export function mountPortfolioRoutes(server: SimServer, ctx: FrontContext): void {
  const b = KALSHI_API_BASE;
  const s = (h: SignedHandler) => signedOnly(ctx, h);
  server
    .get(
      `${b}/portfolio/balance`,
      s((c, _req, account) => ok(presentBalance(c.exchange, account, c.clock.now()))),
    )
    .get(`${b}/portfolio/fills`, s(listFills))
    .get(`${b}/portfolio/positions`, s(listPositions))
    .get(`${b}/portfolio/settlements`, s(listSettlements))
    .get(`${b}/account/limits`, s(accountLimits))
    .get(
      `${b}/account/endpoint_costs`,
      s(() =>
        ok({
          default_cost: DEFAULT_COST,
          endpoint_costs: ENDPOINT_COSTS.map((e) => ({
            method: e.method,
            path: `${KALSHI_API_BASE}${e.path}`,
            cost: e.cost,
          })),
        }),
      ),
    );
}

function accountLimits(ctx: FrontContext): Reply {
  const limits = ctx.options.rateLimits;
  const bucket = (kind: 'read' | 'write') =>
    limits === 'off'
      ? { refill_rate: 0, bucket_capacity: 0 }
      : { refill_rate: limits[kind].refillRate, bucket_capacity: limits[kind].capacity };
  return ok({ usage_tier: ctx.options.tier, read: bucket('read'), write: bucket('write'), grants: [] });
}

function timeRange(
  req: SimRequest,
): { ok: true; min?: number; max?: number } | { ok: false; message: string } {
  const min = intParam(req.query, 'min_ts', { min: 0, max: 1e13 });
  if (!min.ok) return min;
  const max = intParam(req.query, 'max_ts', { min: 0, max: 1e13 });
  if (!max.ok) return max;
  return {
    ok: true,
    ...(min.value === undefined ? {} : { min: min.value * 1000 }),
    ...(max.value === undefined ? {} : { max: max.value * 1000 }),
  };
}

function listFills(ctx: FrontContext, req: SimRequest, account: string): Reply {
  const pr = pageRequest(req.query, 100, 1000);
  if (!pr.ok) return badRequest(pr.message);
  const range = timeRange(req);
  if (!range.ok) return badRequest(range.message);
  const ticker = optionalString(req.query, 'ticker');
  const orderId = optionalString(req.query, 'order_id');
  // Fills are append-only: the position in the account's history is a stable key. Newest first.
  const rows = ctx.exchange
    .fills({ account })
    .map((f, key) => ({ key, item: f }))
    .filter(
      ({ item: f }) =>
        (ticker === undefined || f.market === ticker) &&
        (orderId === undefined || f.orderId === orderId) &&
        (range.min === undefined || f.tsMs >= range.min) &&
        (range.max === undefined || f.tsMs <= range.max),
    )
    .reverse();
  const p = page(rows, 'desc', pr.value);
  return ok({ fills: p.items.map(presentFill), cursor: p.cursor });
}

function fillsByMarket(fills: readonly SimFill[]): Map<string, SimFill[]> {
  const out = new Map<string, SimFill[]>();
  for (const f of fills) {
    const list = out.get(f.market) ?? [];
    list.push(f);
    out.set(f.market, list);
  }
  return out;
}

function listPositions(ctx: FrontContext, req: SimRequest, account: string): Reply {
  const pr = pageRequest(req.query, 100, 1000);
  if (!pr.ok) return badRequest(pr.message);
  const ticker = optionalString(req.query, 'ticker');
  const event = optionalString(req.query, 'event_ticker');
  const countFilter = new Set(listParam(req.query, 'count_filter'));
  const unknownFilter = [...countFilter].find((f) => f !== 'position' && f !== 'total_traded');
  if (unknownFilter !== undefined)
    return badRequest(`count_filter: unknown value ${JSON.stringify(unknownFilter)}`);
  const view = ctx.exchange.account(account);
  const byMarket = fillsByMarket(ctx.exchange.fills({ account }));
  const markets = new Set([...byMarket.keys(), ...(view?.positions.keys() ?? [])]);
  const index = new Map(ctx.catalog.markets.map((m, i) => [m.key, i]));
  const rows: { key: number; item: { market: string; position: number; s: PositionSummary } }[] = [];
  for (const market of markets) {
    const pos = view?.positions.get(market);
    const position = (pos?.yes ?? 0) - (pos?.no ?? 0);
    const s = summarizeFills(byMarket.get(market) ?? []);
    if (ticker !== undefined && market !== ticker) continue;
    if (event !== undefined && ctx.catalog.market.get(market)?.eventKey !== event) continue;
    if (countFilter.has('position') && position === 0) continue;
    if (countFilter.has('total_traded') && s.traded === 0) continue;
    rows.push({ key: index.get(market) ?? Number.MAX_SAFE_INTEGER, item: { market, position, s } });
  }
  rows.sort((a, b) => a.key - b.key);
  const p = page(rows, 'asc', pr.value);
  const now = ctx.clock.now();
  const byEvent = new Map<string, { position: number; s: PositionSummary }[]>();
  for (const r of p.items) {
    const ev = ctx.catalog.market.get(r.market)?.eventKey ?? r.market;
    byEvent.set(ev, [...(byEvent.get(ev) ?? []), r]);
  }
  return ok({
    market_positions: p.items.map((r) => presentMarketPosition(r.market, r.position, r.s, now)),
    event_positions: [...byEvent].map(([ev, list]) => presentEventPosition(ev, list)),
    cursor: p.cursor,
  });
}

function listSettlements(ctx: FrontContext, req: SimRequest, account: string): Reply {
  const pr = pageRequest(req.query, 100, 1000);
  if (!pr.ok) return badRequest(pr.message);
  const range = timeRange(req);
  if (!range.ok) return badRequest(range.message);
  const ticker = optionalString(req.query, 'ticker');
  const event = optionalString(req.query, 'event_ticker');
  const byMarket = fillsByMarket(ctx.exchange.fills({ account }));
  const rows = ctx.activity
    .settlements(account)
    .map((s, key) => ({ key, item: s }))
    .filter(
      ({ item: s }) =>
        (ticker === undefined || s.market === ticker) &&
        (event === undefined || ctx.catalog.market.get(s.market)?.eventKey === event) &&
        (range.min === undefined || s.tsMs >= range.min) &&
        (range.max === undefined || s.tsMs <= range.max),
    )
    .reverse();
  const p = page(rows, 'desc', pr.value);
  return ok({
    settlements: p.items.map((s) => {
      const summary = summarizeFills(byMarket.get(s.market) ?? []);
      const cost = summary.position === 0 ? 0 : summary.exposure;
      return presentSettlement(
        s,
        ctx.catalog,
        summary.position > 0 ? { yes: cost, no: 0 } : { yes: 0, no: cost },
      );
    }),
    cursor: p.cursor,
  });
}
