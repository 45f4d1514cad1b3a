/** Market-level facts in Polymarket's CLOB shapes: status booleans, token prices, fee data. */
import type { Outcome } from '../../core/market.ts';
import { formatScaledMinimal, pxComplement, pxToDecimal, qtyToDecimal } from '../../core/units.ts';
import { bookOf } from './books.ts';
import type { CatalogMarket } from './catalog.ts';
import type { FrontContext } from './context.ts';
import { outcomeLabel } from './wire.ts';
import { isoInstant } from '../../core/time.ts';

export interface MarketFlags {
  readonly active: boolean;
  readonly closed: boolean;
  readonly acceptingOrders: boolean;
  readonly result: Outcome | undefined;
}

export function flags(ctx: FrontContext, cm: CatalogMarket): MarketFlags {
  const s = ctx.ex.market(cm.m.key);
  const status = s?.status ?? 'closed';
  return {
    active: status === 'open' || status === 'paused',
    closed: status === 'closed' || status === 'settled',
    acceptingOrders: status === 'open',
    result: s?.result,
  };
}

/** Midpoint of a token's book as a decimal string, or undefined when a side is empty. */
export function midpoint(ctx: FrontContext, cm: CatalogMarket, outcome: Outcome): string | undefined {
  const b = bookOf(ctx, cm, outcome);
  const bid = b.bids[0];
  const ask = b.asks[0];
  if (!bid || !ask) return undefined;
  // (bid + ask) / 2 in Px is a half unit at worst: work in 1e-6 dollars.
  return formatScaledMinimal((bid.px + ask.px) * 50, 6);
}

/** A token's indicative price: the midpoint, else the last trade, else 0.5. */
export function indicativePrice(ctx: FrontContext, cm: CatalogMarket, outcome: Outcome): string {
  const mid = midpoint(ctx, cm, outcome);
  if (mid !== undefined) return mid;
  const t = ctx.lastTrade.get(cm.m.key);
  if (t) return pxToDecimal(outcome === 'YES' ? t.yesPx : pxComplement(t.yesPx));
  return '0.5';
}

export const tickNumber = (ctx: FrontContext, cm: CatalogMarket): number =>
  Number(pxToDecimal(ctx.catalog.tick(cm)));
export const minSizeNumber = (cm: CatalogMarket): number => Number(qtyToDecimal(cm.m.minSize));

export function feeData(cm: CatalogMarket): { r: number; e: number; to: boolean } {
  const f = cm.m.fees;
  if (f.kind !== 'polymarket') return { r: 0, e: 1, to: true };
  return { r: Number(formatScaledMinimal(f.ratePpm, 6)), e: f.exponent, to: f.takerOnly };
}

/** `GET /markets` / `GET /markets/{condition_id}` market object. */
export function clobMarket(ctx: FrontContext, cm: CatalogMarket): Record<string, unknown> {
  const f = flags(ctx, cm);
  const fd = feeData(cm);
  return {
    enable_order_book: true,
    active: f.active,
    closed: f.closed,
    archived: false,
    accepting_orders: f.acceptingOrders,
    accepting_order_timestamp: isoInstant(cm.m.openTimeMs),
    minimum_order_size: minSizeNumber(cm),
    minimum_tick_size: tickNumber(ctx, cm),
    condition_id: cm.m.key,
    question_id: cm.m.questionId ?? '',
    question: cm.m.title,
    description: cm.m.title,
    market_slug: cm.m.slug ?? '',
    end_date_iso: isoInstant(cm.m.closeTimeMs),
    game_start_time: null,
    seconds_delay: 0,
    fpmm: '',
    maker_base_fee: 0,
    taker_base_fee: Math.round(fd.r * 10_000),
    notifications_enabled: true,
    neg_risk: cm.negRisk,
    neg_risk_market_id: cm.negRisk ? (cm.event?.id ?? '') : '',
    neg_risk_request_id: '',
    icon: '',
    image: '',
    rewards: { rates: null, min_size: 0, max_spread: 0 },
    is_50_50_outcome: false,
    tokens: (['YES', 'NO'] as const).map((o) => ({
      token_id: ctx.catalog.tokenOf(cm, o),
      outcome: outcomeLabel(ctx, cm, o),
      price: Number(indicativePrice(ctx, cm, o)),
      winner: f.result === o,
    })),
    tags: [],
  };
}

/** V2 `GET /clob-markets/{condition_id}`: the compact trading facts. */
export function clobMarketInfo(ctx: FrontContext, cm: CatalogMarket): Record<string, unknown> {
  return {
    c: cm.m.key,
    t: (['YES', 'NO'] as const).map((o) => ({ t: ctx.catalog.tokenOf(cm, o), o: outcomeLabel(ctx, cm, o) })),
    mts: tickNumber(ctx, cm),
    mos: minSizeNumber(cm),
    nr: cm.negRisk,
    fd: feeData(cm),
  };
}
