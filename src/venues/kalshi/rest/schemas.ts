/**
 * Every Kalshi REST response the adapter reads (K1–K3, shapes of the `kalshi-typescript` models), as zod
 * schemas. Only the fields the adapter reads are declared; unknown fields pass through, because the venue adds
 * fields often. Money and counts stay strings here: the `decode*.ts` files (and `orders/decode.ts`) turn them
 * into exact integers with errors that name the field. These types never leave `src/venues/kalshi/`.
 */
import { z } from 'zod';

const str = z.string();
const opt = <T extends z.ZodType>(t: T) => t.nullish();

/** `[price_dollars, count_fp]`. */
export const WireLevel = z.tuple([str, str]);

export const WireOrderbookFp = z.looseObject({
  yes_dollars: opt(z.array(WireLevel)),
  no_dollars: opt(z.array(WireLevel)),
});
export const WireOrderbookResponse = z.looseObject({ orderbook_fp: WireOrderbookFp });
export type WireOrderbookResponse = z.infer<typeof WireOrderbookResponse>;

export const WirePriceRange = z.looseObject({ start: str, end: str, step: str });

export const WireMarket = z.looseObject({
  ticker: str.min(1),
  event_ticker: str,
  status: str,
  title: opt(str),
  subtitle: opt(str),
  yes_sub_title: opt(str),
  close_time: opt(str),
  price_level_structure: opt(str),
  price_ranges: opt(z.array(WirePriceRange)),
});
export type WireMarket = z.infer<typeof WireMarket>;
export const WireMarketsPage = z.looseObject({ markets: z.array(WireMarket), cursor: opt(str) });

export const WireEvent = z.looseObject({
  event_ticker: str.min(1),
  series_ticker: opt(str),
  title: str,
  mutually_exclusive: z.boolean(),
  fee_type_override: opt(str),
  fee_multiplier_override: opt(z.number()),
  markets: opt(z.array(WireMarket)),
});
export type WireEvent = z.infer<typeof WireEvent>;
export const WireEventsPage = z.looseObject({ events: z.array(WireEvent), cursor: opt(str) });

export const WireSeries = z.looseObject({ ticker: str, fee_type: str, fee_multiplier: z.number() });
export type WireSeries = z.infer<typeof WireSeries>;
export const WireSeriesList = z.looseObject({ series: z.array(WireSeries) });
export type WireSeriesList = z.infer<typeof WireSeriesList>;

export const WireCreateOrderResponse = z.looseObject({
  order_id: str.min(1),
  client_order_id: opt(str),
  fill_count: str,
  remaining_count: str,
  ts_ms: opt(z.number()),
});
export type WireCreateOrderResponse = z.infer<typeof WireCreateOrderResponse>;

/** `POST /portfolio/order_groups/create` (CreateOrderGroupResponse). */
export const WireCreateOrderGroupResponse = z.looseObject({ order_group_id: str.min(1) });
export type WireCreateOrderGroupResponse = z.infer<typeof WireCreateOrderGroupResponse>;

export const WireOrder = z.looseObject({
  order_id: str.min(1),
  client_order_id: opt(str),
  ticker: str,
  side: opt(z.enum(['yes', 'no'])),
  action: opt(z.enum(['buy', 'sell'])),
  book_side: opt(z.enum(['bid', 'ask'])),
  status: z.enum(['resting', 'canceled', 'executed']),
  yes_price_dollars: str,
  no_price_dollars: opt(str),
  fill_count_fp: str,
  remaining_count_fp: str,
  initial_count_fp: opt(str),
  created_time: opt(str),
});
export type WireOrder = z.infer<typeof WireOrder>;
export const WireOrderResponse = z.looseObject({ order: WireOrder });
export const WireOrdersPage = z.looseObject({ orders: z.array(WireOrder), cursor: opt(str) });

export const WireFill = z.looseObject({
  fill_id: opt(str),
  trade_id: opt(str),
  order_id: str,
  ticker: opt(str),
  market_ticker: opt(str),
  side: opt(z.enum(['yes', 'no'])),
  action: opt(z.enum(['buy', 'sell'])),
  book_side: opt(z.enum(['bid', 'ask'])),
  outcome_side: opt(z.enum(['yes', 'no'])),
  count_fp: str,
  yes_price_dollars: str,
  no_price_dollars: opt(str),
  is_taker: z.boolean(),
  created_time: opt(str),
  fee_cost: opt(str),
  ts: opt(z.number()),
});
export type WireFill = z.infer<typeof WireFill>;
export const WireFillsPage = z.looseObject({ fills: z.array(WireFill), cursor: opt(str) });

export const WirePosition = z.looseObject({ ticker: str, position_fp: str });
export type WirePosition = z.infer<typeof WirePosition>;
export const WirePositionsPage = z.looseObject({ market_positions: z.array(WirePosition), cursor: opt(str) });

export const WireBalance = z.looseObject({ balance: opt(z.number()), balance_dollars: opt(str) });
export type WireBalance = z.infer<typeof WireBalance>;

/** Error bodies: `{"error": {code?, message?, details?}}`, bare `{code, message, details}` (an unparseable request), or the rate limiter's `{"error": "..."}`. */
export const WireError = z.union([
  z.looseObject({ error: z.looseObject({ code: opt(str), message: opt(str), details: opt(str) }) }),
  z.looseObject({ error: str }),
  z.looseObject({ code: str, message: opt(str) }),
]);
