/**
 * Polymarket-only admin routes under `/_sim/polymarket` (never faulted, never part of the venue):
 *   POST /_sim/polymarket/fail-trade {"tradeId"}      settle a not-yet-CONFIRMED trade as FAILED
 *   POST /_sim/polymarket/tick-size {"market", "tickSize"}   announce a new minimum tick (tick_size_change)
 *   POST /_sim/polymarket/new-market {"market"}          announce a market as new (new_market, custom features)
 *   POST /_sim/polymarket/order-status {"status", "count"}   the next `count` accepted orders' replies carry
 *                                                        `status` (the venue sometimes answers "")
 *   GET  /_sim/polymarket/trades?account=             tracked trades with their settlement status
 */
import { z } from 'zod';
import { pxFromDollars, type Px, pxToDecimal } from '../../core/units.ts';
import { parseBody } from '../admin/bodies.ts';
import { errorReply, ok } from '../server/reply.ts';
import type { FrontContext } from './context.ts';
import type { TradeRecord } from './trades.ts';
import type { MarketChannel } from './ws-market.ts';

export const POLY_ADMIN_PREFIX = '/_sim/polymarket';

const FailTradeBody = z.strictObject({ tradeId: z.string().min(1) });
const MarketBody = z.strictObject({ market: z.string().min(1) });
const OrderStatusBody = z.strictObject({
  status: z.string(),
  count: z.int().min(0).max(1_000_000).default(1),
});
const TickSizeBody = z.strictObject({
  market: z.string().min(1),
  tickSize: z.enum(['0.1', '0.01', '0.005', '0.001', '0.0025', '0.0001']),
});

const present = (r: TradeRecord) => ({
  id: r.trade.id,
  market: r.trade.market,
  status: r.status,
  taker: r.taker.account,
  maker: r.maker.account,
  matchMs: r.trade.tsMs,
  updatedMs: r.updatedMs,
});

export function mountPolymarketAdmin(ctx: FrontContext, market: MarketChannel): void {
  const p = POLY_ADMIN_PREFIX;
  ctx.rt.server
    .post(`${p}/fail-trade`, (req) => {
      const b = parseBody(FailTradeBody, req.body);
      if (!b.ok) return errorReply(400, b.message);
      const r = ctx.trades.fail(b.value.tradeId);
      return r.ok ? ok(present(r.record)) : errorReply(r.status, r.message);
    })
    .post(`${p}/tick-size`, (req) => {
      const b = parseBody(TickSizeBody, req.body);
      if (!b.ok) return errorReply(400, b.message);
      const cm = ctx.catalog.market(b.value.market);
      if (!cm) return errorReply(404, `unknown market ${JSON.stringify(b.value.market)}`);
      const old: Px = ctx.catalog.tick(cm);
      const next = pxFromDollars(b.value.tickSize);
      ctx.catalog.setTick(cm, next);
      market.tickSizeChange(cm, old, next);
      return ok({ market: cm.m.key, old_tick_size: pxToDecimal(old), new_tick_size: pxToDecimal(next) });
    })
    .post(`${p}/new-market`, (req) => {
      const b = parseBody(MarketBody, req.body);
      if (!b.ok) return errorReply(400, b.message);
      const cm = ctx.catalog.market(b.value.market);
      if (!cm) return errorReply(404, `unknown market ${JSON.stringify(b.value.market)}`);
      market.announce(cm);
      return ok({ market: cm.m.key, announced: true });
    })
    .post(`${p}/order-status`, (req) => {
      const b = parseBody(OrderStatusBody, req.body);
      if (!b.ok) return errorReply(400, b.message);
      ctx.switches.orderStatus = { status: b.value.status, left: b.value.count };
      return ok({ status: b.value.status, count: b.value.count });
    })
    .get(`${p}/trades`, (req) => {
      const account = req.query.get('account') ?? 'bot';
      return ok(ctx.trades.forAccount(account).map(present));
    });
}
