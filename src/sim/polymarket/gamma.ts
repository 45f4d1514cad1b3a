/**
 * A Gamma-shaped discovery API under `/gamma-api` (`/events`, `/markets`), in the shapes of the real data
 * (`shared/data/*`): ids as strings, `outcomes`, `outcomePrices` and `clobTokenIds` as JSON-encoded strings,
 * `orderPriceMinTickSize`/`orderMinSize` as numbers, negRisk flags on events and markets, `negRiskOther` on the
 * placeholder outcome of an augmented negRisk event. Paged with `limit`/`offset` like Gamma.
 */
import { POLYMARKET_GAMMA_API_BASE } from '../connection.ts';
import { errorReply, ok } from '../server/reply.ts';
import type { SimRequest } from '../server/types.ts';
import type { ScenarioEvent } from '../universe/types.ts';
import type { CatalogMarket } from './catalog.ts';
import type { FrontContext } from './context.ts';
import { feeData, flags, indicativePrice, minSizeNumber, midpoint, tickNumber } from './market-view.ts';
import { isoDate, isoInstant } from '../../core/time.ts';

function gammaMarket(ctx: FrontContext, cm: CatalogMarket, withEvent: boolean): Record<string, unknown> {
  const f = flags(ctx, cm);
  const yes = indicativePrice(ctx, cm, 'YES');
  const no = indicativePrice(ctx, cm, 'NO');
  const fd = feeData(cm);
  const m: Record<string, unknown> = {
    id: cm.gammaId,
    question: cm.m.title,
    conditionId: cm.m.key,
    slug: cm.m.slug ?? '',
    endDate: isoInstant(cm.m.closeTimeMs),
    startDate: isoInstant(cm.m.openTimeMs),
    outcomes: JSON.stringify([ctx.catalog.label(cm, 'YES'), ctx.catalog.label(cm, 'NO')]),
    outcomePrices: JSON.stringify([yes, no]),
    active: f.active,
    closed: f.closed,
    archived: false,
    restricted: false,
    ...(cm.m.subtitle === undefined ? {} : { groupItemTitle: cm.m.subtitle }),
    questionID: cm.m.questionId ?? '',
    enableOrderBook: true,
    orderPriceMinTickSize: tickNumber(ctx, cm),
    orderMinSize: minSizeNumber(cm),
    endDateIso: isoDate(cm.m.closeTimeMs),
    startDateIso: isoDate(cm.m.openTimeMs),
    clobTokenIds: JSON.stringify([cm.tokens.yes, cm.tokens.no]),
    acceptingOrders: f.acceptingOrders,
    negRisk: cm.negRisk,
    negRiskOther: cm.m.placeholder === true,
    ...(midpoint(ctx, cm, 'YES') === undefined ? {} : { lastTradePrice: Number(yes) }),
    feesEnabled: fd.r > 0,
    // The fee fields Gamma markets carry ("Observed in real traffic"), from the same model as `/clob-markets`' fd.
    ...(fd.r > 0
      ? {
          feeType: `${(cm.event?.category ?? 'default').toLowerCase()}_fees`,
          feeSchedule: { rate: fd.r, exponent: fd.e, takerOnly: fd.to, rebateRate: 0 },
        }
      : {}),
  };
  if (withEvent && cm.event) m.events = [gammaEventHeader(cm.event)];
  return m;
}

function gammaEventHeader(e: ScenarioEvent): Record<string, unknown> {
  return {
    id: e.id ?? '',
    ticker: e.key,
    slug: e.key,
    title: e.title,
    ...(e.subtitle === undefined ? {} : { subtitle: e.subtitle }),
    enableOrderBook: true,
    negRisk: e.negRisk ?? false,
    enableNegRisk: e.negRisk ?? false,
    negRiskAugmented: e.negRiskAugmented ?? false,
  };
}

function gammaEvent(ctx: FrontContext, e: ScenarioEvent): Record<string, unknown> {
  const markets = e.markets.flatMap((k) => {
    const cm = ctx.catalog.market(k);
    return cm ? [cm] : [];
  });
  const closed = markets.length > 0 && markets.every((cm) => flags(ctx, cm).closed);
  const times = markets.map((cm) => cm.m.closeTimeMs);
  return {
    ...gammaEventHeader(e),
    description: e.title,
    startDate: isoInstant(Math.min(...markets.map((cm) => cm.m.openTimeMs), ctx.clock.now())),
    endDate: isoInstant(times.length > 0 ? Math.max(...times) : ctx.clock.now()),
    active: !closed,
    closed,
    archived: false,
    new: false,
    featured: false,
    restricted: false,
    markets: markets.map((cm) => gammaMarket(ctx, cm, false)),
  };
}

type Paging = { ok: true; limit: number; offset: number } | { ok: false; message: string };

function paging(req: SimRequest): Paging {
  const limit = Number(req.query.get('limit') ?? '100');
  const offset = Number(req.query.get('offset') ?? '0');
  if (!Number.isInteger(limit) || limit < 0 || limit > 1000) return { ok: false, message: 'limit: 0–1000' };
  if (!Number.isInteger(offset) || offset < 0)
    return { ok: false, message: 'offset: a non-negative integer' };
  return { ok: true, limit, offset };
}

/** `closed=true|false` filters; absent keeps everything. */
function closedFilter(req: SimRequest): boolean | undefined {
  const v = req.query.get('closed');
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

export function mountGamma(ctx: FrontContext): void {
  const base = POLYMARKET_GAMMA_API_BASE;
  ctx.rt.server
    .get(`${base}/events`, (req) => {
      const p = paging(req);
      if (!p.ok) return errorReply(400, p.message);
      const slugs = req.query.getAll('slug');
      const ids = req.query.getAll('id');
      const closed = closedFilter(req);
      const events = ctx.catalog.events
        .filter(
          (e) =>
            (slugs.length === 0 || slugs.includes(e.key)) && (ids.length === 0 || ids.includes(e.id ?? '')),
        )
        .map((e) => gammaEvent(ctx, e))
        .filter((e) => closed === undefined || e.closed === closed);
      return ok(events.slice(p.offset, p.offset + p.limit));
    })
    .get(`${base}/events/:id`, (req) => {
      const e = ctx.catalog.events.find((x) => x.id === req.params.id);
      return e ? ok(gammaEvent(ctx, e)) : errorReply(404, 'event not found');
    })
    .get(`${base}/markets`, (req) => {
      const p = paging(req);
      if (!p.ok) return errorReply(400, p.message);
      const conditions = req.query.getAll('condition_ids').flatMap((c) => c.toLowerCase().split(','));
      const slugs = req.query.getAll('slug');
      const ids = req.query.getAll('id');
      const tokens = req.query.getAll('clob_token_ids').flatMap((c) => c.split(','));
      const closed = closedFilter(req);
      const markets = ctx.catalog.markets
        .filter(
          (cm) =>
            (conditions.length === 0 || conditions.includes(cm.m.key.toLowerCase())) &&
            (slugs.length === 0 || slugs.includes(cm.m.slug ?? '')) &&
            (ids.length === 0 || ids.includes(cm.gammaId)) &&
            (tokens.length === 0 || tokens.includes(cm.tokens.yes) || tokens.includes(cm.tokens.no)) &&
            (closed === undefined || flags(ctx, cm).closed === closed),
        )
        .map((cm) => gammaMarket(ctx, cm, true));
      return ok(markets.slice(p.offset, p.offset + p.limit));
    });
}
