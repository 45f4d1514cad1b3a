/**
 * The market channel's market events for clients with custom features (P4, "Observed in real traffic"):
 * `market_resolved` when a market settles and `new_market` when one is announced, in the documented shapes
 * (`assets_ids` and `outcomes` in outcome order, the event as `event_message`), with the extra fields captured
 * `new_market` frames carry (`order_price_min_tick_size`, `fees_enabled`, `fee_schedule`).
 */
import type { Outcome } from '../../core/market.ts';
import { pxToDecimal } from '../../core/units.ts';
import type { CatalogMarket } from './catalog.ts';
import type { FrontContext } from './context.ts';
import { feeData } from './market-view.ts';

const OUTCOMES = ['YES', 'NO'] as const;

function marketFields(ctx: FrontContext, cm: CatalogMarket): Record<string, unknown> {
  const e = cm.event;
  return {
    id: cm.gammaId,
    question: cm.m.title,
    market: cm.m.key,
    slug: cm.m.slug ?? '',
    description: cm.m.title,
    assets_ids: OUTCOMES.map((o) => ctx.catalog.tokenOf(cm, o)),
    outcomes: OUTCOMES.map((o) => ctx.catalog.label(cm, o)),
    event_message: {
      id: e?.id ?? '',
      ticker: e?.key ?? '',
      slug: e?.key ?? '',
      title: e?.title ?? cm.m.title,
      description: e?.title ?? cm.m.title,
    },
  };
}

export function resolvedEvent(
  ctx: FrontContext,
  cm: CatalogMarket,
  result: Outcome | undefined,
): Record<string, unknown> {
  return {
    ...marketFields(ctx, cm),
    ...(result === undefined
      ? {}
      : {
          winning_asset_id: ctx.catalog.tokenOf(cm, result),
          winning_outcome: ctx.catalog.label(cm, result),
        }),
    timestamp: String(ctx.clock.now()),
    event_type: 'market_resolved',
  };
}

export function newMarketEvent(ctx: FrontContext, cm: CatalogMarket): Record<string, unknown> {
  const fd = feeData(cm);
  return {
    ...marketFields(ctx, cm),
    order_price_min_tick_size: pxToDecimal(ctx.catalog.tick(cm)),
    fees_enabled: fd.r > 0,
    fee_schedule: { rate: fd.r, exponent: fd.e, takerOnly: fd.to, rebateRate: 0 },
    timestamp: String(ctx.clock.now()),
    event_type: 'new_market',
  };
}
