/**
 * Every Polymarket REST response the adapter reads (CLOB V2, Data API, Gamma; P2 and the reference's "Observed
 * in real traffic"), as zod schemas. Only the fields the adapter reads are declared; unknown fields pass
 * through (`looseObject`), because the venue adds fields often. Prices, sizes and times stay as the venue sent
 * them (string or JSON number): the `decode-*.ts` files turn them into exact integers with errors that name the
 * field. Fields the adapter reads tolerantly (statuses, outcome labels, fee hints) are `unknown` here and
 * judged where they are read. These types never leave `src/venues/polymarket/`.
 */
import { z } from 'zod';

const str = z.string();
/** A decimal as the venue sends it: text ("0.51") or, from Gamma and `/clob-markets`, a JSON number. */
export const Decimal = z.union([z.string(), z.number()], { error: 'expected a decimal' });

export const WireLevel = z.looseObject({ price: Decimal, size: Decimal });

/** `GET /book`: the summary, levels best last (the decoder sorts), with the venue's hash of it. */
export const WireBookSummary = z.looseObject({
  market: str,
  asset_id: str,
  timestamp: Decimal,
  bids: z.array(WireLevel),
  asks: z.array(WireLevel),
  hash: str,
});
export type WireBookSummary = z.infer<typeof WireBookSummary>;

/** V2 `GET /clob-markets/{id}`: `{c, t: [{t, o}], mts, mos, nr, fd: {r, e, to}}`. */
export const WireClobMarket = z.looseObject({
  c: str,
  t: z.array(z.looseObject({ t: str, o: str })),
  mts: Decimal,
  mos: Decimal,
  nr: z.boolean().optional(),
  fd: z.looseObject({ r: Decimal.nullish(), e: Decimal.optional(), to: z.unknown().optional() }).nullish(),
});
export type WireClobMarket = z.infer<typeof WireClobMarket>;

/** `GET /fee-rate`: `{base_fee}` in bps. */
export const WireFeeRate = z.looseObject({ base_fee: Decimal.nullish(), fee_rate_bps: Decimal.nullish() });

/** A Gamma market: lists (`outcomes`, `clobTokenIds`) arrive JSON-encoded inside strings. */
export const WireGammaMarket = z.looseObject({
  conditionId: str,
  question: str,
  groupItemTitle: str.nullish(),
  outcomes: str,
  clobTokenIds: str,
  endDate: str,
  active: z.boolean().optional(),
  closed: z.boolean().optional(),
  acceptingOrders: z.boolean().optional(),
  negRiskOther: z.boolean().optional(),
  // Fee hints are read tolerantly: one odd market must not stop discovery (decode-markets.ts).
  feesEnabled: z.unknown().optional(),
  feeType: z.unknown().optional(),
  feeSchedule: z.unknown().optional(),
});
export type WireGammaMarket = z.infer<typeof WireGammaMarket>;

/** Gamma's `feeSchedule {rate, exponent, takerOnly, rebateRate}`, checked on its own (see above). */
export const WireFeeSchedule = z.looseObject({
  rate: Decimal,
  exponent: Decimal.nullish(),
  takerOnly: z.unknown().optional(),
  rebateRate: Decimal.nullish(),
});

export const WireGammaEvent = z.looseObject({
  id: str,
  slug: str,
  title: str,
  negRisk: z.boolean().optional(),
  negRiskAugmented: z.boolean().optional(),
  // Each market is checked on its own (decode-gamma.ts): one odd market must not cost its event.
  markets: z.array(z.unknown()).nullish(),
});
export type WireGammaEvent = z.infer<typeof WireGammaEvent>;
// Each event is checked on its own, too.
export const WireGammaEvents = z.array(z.unknown());

/** A cursor-paged CLOB list: `{data, next_cursor}` (`LTE=` ends it). */
export const wirePage = <T extends z.ZodType>(item: T) =>
  z.looseObject({ data: z.array(item), next_cursor: str });

const WireSide = z.enum(['BUY', 'SELL'], { error: 'expected BUY or SELL' });

/** `GET /data/order/{id}` and the items of `GET /data/orders`. */
export const WireOpenOrder = z.looseObject({
  id: str,
  status: z.unknown().optional(),
  market: str,
  asset_id: str,
  side: WireSide,
  price: Decimal,
  original_size: Decimal,
  size_matched: Decimal,
  outcome: z.unknown().optional(),
  created_at: Decimal.optional(),
});
export type WireOpenOrder = z.infer<typeof WireOpenOrder>;

const FeeRateBps = z.union([z.string(), z.number()]).nullish();

export const WireMakerOrder = z.looseObject({
  order_id: str,
  asset_id: str,
  side: WireSide,
  price: Decimal,
  matched_amount: Decimal,
  maker_address: str,
  fee_rate_bps: FeeRateBps,
});

/** The items of `GET /data/trades`: our leg is the taker's (top level) or one of `maker_orders`. */
export const WireTrade = z.looseObject({
  id: str,
  market: str,
  status: z.unknown().optional(),
  match_time: Decimal,
  trader_side: z.enum(['TAKER', 'MAKER'], { error: 'expected TAKER or MAKER' }),
  taker_order_id: str,
  asset_id: str,
  side: WireSide,
  price: Decimal,
  size: Decimal,
  maker_address: z.unknown().optional(),
  fee_rate_bps: FeeRateBps,
  maker_orders: z.array(WireMakerOrder).nullish(),
});
export type WireTrade = z.infer<typeof WireTrade>;

/** `POST /order`: read tolerantly (a success may come with an empty `status`; see decode-orders.ts). */
export const WirePostOrderResponse = z.looseObject({
  success: z.unknown().optional(),
  orderID: z.unknown().optional(),
  errorMsg: z.unknown().optional(),
  status: z.unknown().optional(),
  makingAmount: z.unknown().optional(),
  takingAmount: z.unknown().optional(),
});

/** `DELETE /order`: `{canceled: [ids], not_canceled: {id: reason}}`. */
export const WireCancelResponse = z.looseObject({
  canceled: z.array(z.unknown()).nullish(),
  not_canceled: z.record(z.string(), z.unknown()).nullish(),
});

/** `GET /balance-allowance`: `balance` as a 6-decimal integer string. */
export const WireBalance = z.looseObject({ balance: str });

/** Data API `GET /positions`: sizes are JSON numbers with up to 6 decimals. */
export const WirePosition = z.looseObject({
  conditionId: str,
  asset: str,
  size: Decimal,
  outcome: z.unknown().optional(),
  outcomeIndex: z.unknown().optional(),
});
export const WirePositions = z.array(WirePosition);

/** `POST /auth/api-key` and `GET /auth/derive-api-key`. */
export const WireApiKey = z.looseObject({ apiKey: str, secret: str, passphrase: str });

/** `POST /v1/heartbeats`: the id to send next (a 400 names the one expected). */
export const WireHeartbeat = z.looseObject({ heartbeat_id: str.optional() });
