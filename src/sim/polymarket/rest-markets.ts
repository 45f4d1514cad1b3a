/**
 * Public CLOB market data (P2): `/time`, `/version`, `/ok`, `/markets` (cursor paged), `/markets/{id}`,
 * `/clob-markets/{id}`, `/markets-by-token/{token}`, `/book`, `/books`, `/tick-size`, `/neg-risk`,
 * `/fee-rate`, `/midpoint`, `/price`, `/spread`, `/last-trade-price`. No auth.
 */
import { asPx, pxToDecimal } from '../../core/units.ts';
import { errorReply, json, ok } from '../server/reply.ts';
import type { Reply, SimRequest } from '../server/types.ts';
import { bookOf, restSummary } from './books.ts';
import type { TokenRef } from './catalog.ts';
import type { FrontContext } from './context.ts';
import { paginate } from './cursor.ts';
import { clobMarket, clobMarketInfo, feeData, midpoint, tickNumber } from './market-view.ts';

export const NO_BOOK = 'No orderbook exists for the requested token id';

function withToken(ctx: FrontContext, req: SimRequest, fn: (ref: TokenRef) => Reply): Reply {
  const id = req.query.get('token_id');
  if (!id) return errorReply(400, 'Invalid payload: token_id is required');
  const ref = ctx.catalog.token(id);
  return ref ? fn(ref) : errorReply(404, NO_BOOK);
}

export function mountMarkets(ctx: FrontContext): void {
  const { server } = ctx.rt;
  const { catalog } = ctx;
  server
    .get('/', () => ok('OK'))
    .get('/ok', () => ok('OK'))
    .get('/time', () => json(200, Math.floor(ctx.clock.now() / 1000)))
    .get('/version', () => ok({ version: 2 }))
    .get('/markets', (req) => {
      const page = paginate(catalog.markets, req.query.get('next_cursor'), ctx.opts.pageSize);
      if (!page.ok) return errorReply(400, page.message);
      return ok({ ...page.body, data: page.body.data.map((cm) => clobMarket(ctx, cm)) });
    })
    .get('/markets/:id', (req) => {
      const cm = catalog.market(req.params.id!);
      return cm ? ok(clobMarket(ctx, cm)) : errorReply(404, 'market not found');
    })
    .get('/clob-markets/:id', (req) => {
      const cm = catalog.market(req.params.id!);
      return cm ? ok(clobMarketInfo(ctx, cm)) : errorReply(404, 'market not found');
    })
    .get('/markets-by-token/:token', (req) => {
      const ref = catalog.token(req.params.token!);
      return ref
        ? ok({
            condition_id: ref.market.m.key,
            primary_token_id: ref.market.tokens.yes,
            secondary_token_id: ref.market.tokens.no,
          })
        : errorReply(404, 'market not found');
    })
    .get('/book', (req) => withToken(ctx, req, (r) => ok(restSummary(ctx, r.market, r.outcome))))
    .post('/books', (req) => {
      if (!Array.isArray(req.body)) return errorReply(400, 'Invalid payload: expected [{"token_id": "..."}]');
      const out: Record<string, unknown>[] = [];
      for (const item of req.body as unknown[]) {
        const id =
          typeof item === 'object' && item !== null ? (item as { token_id?: unknown }).token_id : undefined;
        if (typeof id !== 'string') return errorReply(400, 'Invalid payload: every entry needs a token_id');
        const ref = catalog.token(id);
        if (!ref) return errorReply(404, `${NO_BOOK}: ${id}`);
        out.push(restSummary(ctx, ref.market, ref.outcome));
      }
      return ok(out);
    })
    .get('/tick-size', (req) =>
      withToken(ctx, req, (r) => ok({ minimum_tick_size: tickNumber(ctx, r.market) })),
    )
    .get('/neg-risk', (req) => withToken(ctx, req, (r) => ok({ neg_risk: r.market.negRisk })))
    .get('/fee-rate', (req) =>
      withToken(ctx, req, (r) => ok({ base_fee: Math.round(feeData(r.market).r * 10_000) })),
    )
    .get('/midpoint', (req) =>
      withToken(ctx, req, (r) => {
        const mid = midpoint(ctx, r.market, r.outcome);
        return mid === undefined ? errorReply(404, NO_BOOK) : ok({ mid });
      }),
    )
    .get('/price', (req) =>
      withToken(ctx, req, (r) => {
        const side = (req.query.get('side') ?? '').toUpperCase();
        if (side !== 'BUY' && side !== 'SELL') return errorReply(400, 'Invalid side: BUY or SELL');
        // `side` names the book side: BUY is the best bid, SELL the best ask.
        const b = bookOf(ctx, r.market, r.outcome);
        const l = side === 'BUY' ? b.bids[0] : b.asks[0];
        return l ? ok({ price: pxToDecimal(l.px) }) : errorReply(404, NO_BOOK);
      }),
    )
    .get('/spread', (req) =>
      withToken(ctx, req, (r) => {
        const b = bookOf(ctx, r.market, r.outcome);
        const bid = b.bids[0];
        const ask = b.asks[0];
        return bid && ask ? ok({ spread: pxToDecimal(asPx(ask.px - bid.px)) }) : errorReply(404, NO_BOOK);
      }),
    )
    .get('/last-trade-price', (req) =>
      withToken(ctx, req, (r) => {
        const t = ctx.lastTrade.get(r.market.m.key);
        if (!t) return ok({ price: '0', side: '' });
        const px = r.outcome === 'YES' ? t.yesPx : 10_000 - t.yesPx;
        // The taker's side in this token's terms: a YES-book bid taker bought YES (= sold NO).
        const buy = (t.takerSide === 'bid') === (r.outcome === 'YES');
        return ok({ price: pxToDecimal(asPx(px)), side: buy ? 'BUY' : 'SELL' });
      }),
    );
}
