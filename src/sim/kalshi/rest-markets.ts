/**
 * Public market data under `/trade-api/v2` (K2): markets, events, series, order books, public trades and the
 * exchange status. None needs a signature.
 */
import { KALSHI_API_BASE } from '../connection.ts';
import type { MarketStatus } from '../engine/types.ts';
import { ok } from '../server/reply.ts';
import type { SimServer } from '../server/sim-server.ts';
import type { Reply, SimRequest } from '../server/types.ts';
import type { ScenarioEvent } from '../universe/types.ts';
import { seriesOf } from './catalog.ts';
import type { FrontContext } from './context.ts';
import { badRequest, notFound } from './errors.ts';
import {
  eventMarkets,
  presentEvent,
  presentMarket,
  presentOrderbook,
  presentSeries,
  presentTrade,
  STATUS_FILTER,
} from './present-market.ts';
import { boolParam, intParam, listParam, optionalString, page, pageRequest } from './query.ts';

export function mountMarketRoutes(server: SimServer, ctx: FrontContext): void {
  const b = KALSHI_API_BASE;
  server
    .get(`${b}/markets`, (req) => listMarkets(ctx, req))
    .get(`${b}/markets/trades`, (req) => listTrades(ctx, req))
    .get(`${b}/markets/orderbooks`, (req) => manyOrderbooks(ctx, req))
    .get(`${b}/markets/:ticker`, (req) => {
      const m = ctx.catalog.market.get(req.params.ticker!);
      if (!m) return marketNotFound(req.params.ticker!);
      return ok({ market: presentMarket(ctx, m) });
    })
    .get(`${b}/markets/:ticker/orderbook`, (req) => orderbook(ctx, req))
    .get(`${b}/events`, (req) => listEvents(ctx, req))
    .get(`${b}/events/:event_ticker`, (req) => {
      const e = ctx.catalog.event.get(req.params.event_ticker!);
      if (!e) return notFound(`no event ${JSON.stringify(req.params.event_ticker)}`);
      const nested = boolParam(req.query, 'with_nested_markets');
      if (!nested.ok) return badRequest(nested.message);
      return ok({
        event: presentEvent(ctx, e, nested.value),
        // Deprecated top-level copy of the event's markets, still sent by the venue.
        markets: eventMarkets(ctx, e).map((m) => presentMarket(ctx, m)),
      });
    })
    .get(`${b}/series`, () => ok({ series: [...ctx.catalog.series.values()].map(presentSeries) }))
    .get(`${b}/series/:series_ticker`, (req) => {
      const s = ctx.catalog.series.get(req.params.series_ticker!);
      if (!s) return notFound(`no series ${JSON.stringify(req.params.series_ticker)}`);
      return ok({ series: presentSeries(s) });
    })
    .get(`${b}/exchange/status`, () => {
      const s = ctx.exchange.status;
      return ok({
        exchange_active: s !== 'halted',
        trading_active: s === 'open',
        intra_exchange_transfers_active: s !== 'halted',
        exchange_estimated_resume_time: null,
      });
    });
}

const marketNotFound = (ticker: string): Reply => notFound(`no market ${JSON.stringify(ticker)}`);

function statusesParam(
  req: SimRequest,
): { ok: true; value: readonly MarketStatus[] | undefined } | { ok: false; message: string } {
  const word = optionalString(req.query, 'status');
  if (word === undefined) return { ok: true, value: undefined };
  const statuses = STATUS_FILTER[word];
  if (!statuses) {
    return {
      ok: false,
      message: `status: expected one of ${Object.keys(STATUS_FILTER).join(', ')}, got ${JSON.stringify(word)}`,
    };
  }
  return { ok: true, value: statuses };
}

function listMarkets(ctx: FrontContext, req: SimRequest): Reply {
  const q = req.query;
  const pr = pageRequest(q, 100, 1000);
  if (!pr.ok) return badRequest(pr.message);
  const statuses = statusesParam(req);
  if (!statuses.ok) return badRequest(statuses.message);
  const minClose = intParam(q, 'min_close_ts', { min: 0, max: 1e13 });
  if (!minClose.ok) return badRequest(minClose.message);
  const maxClose = intParam(q, 'max_close_ts', { min: 0, max: 1e13 });
  if (!maxClose.ok) return badRequest(maxClose.message);
  const events = new Set(listParam(q, 'event_ticker'));
  const series = optionalString(q, 'series_ticker');
  const tickers = new Set(listParam(q, 'tickers'));
  const rows = ctx.catalog.markets
    .map((m, key) => ({ key, item: m }))
    .filter(({ item: m }) => {
      if (events.size > 0 && !events.has(m.eventKey)) return false;
      if (series !== undefined && seriesOf(m) !== series) return false;
      if (tickers.size > 0 && !tickers.has(m.key)) return false;
      if (statuses.value && !statuses.value.includes(ctx.exchange.market(m.key)!.status)) return false;
      if (minClose.value !== undefined && m.closeTimeMs < minClose.value * 1000) return false;
      if (maxClose.value !== undefined && m.closeTimeMs > maxClose.value * 1000) return false;
      return true;
    });
  const p = page(rows, 'asc', pr.value);
  return ok({ markets: p.items.map((m) => presentMarket(ctx, m)), cursor: p.cursor });
}

/** An event is open while any of its markets is open, settled once all are, else closed. */
function eventStatus(ctx: FrontContext, e: ScenarioEvent): 'open' | 'closed' | 'settled' {
  const statuses = eventMarkets(ctx, e).map((m) => ctx.exchange.market(m.key)!.status);
  if (statuses.some((s) => s === 'open' || s === 'paused')) return 'open';
  return statuses.length > 0 && statuses.every((s) => s === 'settled') ? 'settled' : 'closed';
}

function listEvents(ctx: FrontContext, req: SimRequest): Reply {
  const q = req.query;
  const pr = pageRequest(q, 100, 200);
  if (!pr.ok) return badRequest(pr.message);
  const nested = boolParam(q, 'with_nested_markets');
  if (!nested.ok) return badRequest(nested.message);
  const status = optionalString(q, 'status');
  if (status !== undefined && !['unopened', 'open', 'closed', 'settled'].includes(status)) {
    return badRequest(
      `status: expected one of unopened, open, closed, settled, got ${JSON.stringify(status)}`,
    );
  }
  const series = optionalString(q, 'series_ticker');
  const rows = ctx.catalog.events
    .map((e, key) => ({ key, item: e }))
    .filter(({ item: e }) => {
      if (series !== undefined && (e.seriesKey ?? seriesOf({ eventKey: e.key })) !== series) return false;
      if (status !== undefined && eventStatus(ctx, e) !== status) return false;
      return true;
    });
  const p = page(rows, 'asc', pr.value);
  return ok({ events: p.items.map((e) => presentEvent(ctx, e, nested.value)), cursor: p.cursor });
}

function orderbook(ctx: FrontContext, req: SimRequest): Reply {
  const ticker = req.params.ticker!;
  const depth = intParam(req.query, 'depth', { min: 0, max: 100 });
  if (!depth.ok) return badRequest(depth.message);
  const view = ctx.exchange.book(ticker, depth.value ? depth.value : undefined);
  if (!view || !ctx.catalog.market.has(ticker)) return marketNotFound(ticker);
  return ok({ orderbook_fp: presentOrderbook(view) });
}

function manyOrderbooks(ctx: FrontContext, req: SimRequest): Reply {
  const tickers = listParam(req.query, 'tickers');
  if (tickers.length === 0) return badRequest('tickers: at least one market ticker is required');
  if (tickers.length > 100) return badRequest('tickers: at most 100 markets per request');
  const books = [];
  for (const ticker of tickers) {
    const view = ctx.exchange.book(ticker);
    if (!view || !ctx.catalog.market.has(ticker)) return marketNotFound(ticker);
    books.push({ ticker, orderbook_fp: presentOrderbook(view) });
  }
  return ok({ orderbooks: books });
}

/** Trade ids are `Kt<n>`, numbered in order: that number is the stable pagination key. */
const tradeKey = (id: string): number => Number(/(\d+)$/.exec(id)?.[1] ?? 0);

function listTrades(ctx: FrontContext, req: SimRequest): Reply {
  const q = req.query;
  const pr = pageRequest(q, 100, 1000);
  if (!pr.ok) return badRequest(pr.message);
  const minTs = intParam(q, 'min_ts', { min: 0, max: 1e13 });
  if (!minTs.ok) return badRequest(minTs.message);
  const maxTs = intParam(q, 'max_ts', { min: 0, max: 1e13 });
  if (!maxTs.ok) return badRequest(maxTs.message);
  const ticker = optionalString(q, 'ticker');
  const trades = ctx.exchange
    .trades(ticker === undefined ? {} : { market: ticker })
    .filter(
      (t) =>
        (minTs.value === undefined || t.tsMs >= minTs.value * 1000) &&
        (maxTs.value === undefined || t.tsMs <= maxTs.value * 1000),
    )
    .map((t) => ({ key: tradeKey(t.id), item: t }))
    .reverse();
  const p = page(trades, 'desc', pr.value);
  return ok({ trades: p.items.map(presentTrade), cursor: p.cursor });
}
