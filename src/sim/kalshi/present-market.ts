/**
 * Market data in the SDK's shapes (`Market`, `EventData`, `Series`, `OrderbookCountFp`, `Trade`): engine books
 * and the scenario's listings turned into Kalshi's fixed-point strings. Books are **bids only, ascending, best
 * last** on each side: YES bids are the YES book's bids, NO bids are its asks at 1 − price.
 */
import type { BookView, MarketStatus, SimTrade } from '../engine/types.ts';
import type { Exchange } from '../engine/exchange.ts';
import type { ScenarioEvent, ScenarioMarket } from '../universe/types.ts';
import type { KalshiActivity } from './activity.ts';
import { type KalshiCatalog, seriesOf, type SeriesInfo } from './catalog.ts';
import { complement, dollars, fp } from './format.ts';
import { isoInstant } from '../../core/time.ts';

export interface MarketReadContext {
  readonly exchange: Exchange;
  readonly activity: KalshiActivity;
  readonly catalog: KalshiCatalog;
}

/** Engine status → the market object's lifecycle status. */
const LIFECYCLE: Record<MarketStatus, string> = {
  open: 'active',
  paused: 'inactive',
  closed: 'closed',
  settled: 'finalized',
};

/** The list filter's words (`GET /markets?status=`) → engine statuses. */
export const STATUS_FILTER: Readonly<Record<string, readonly MarketStatus[]>> = {
  unopened: [],
  open: ['open'],
  paused: ['paused'],
  closed: ['closed'],
  settled: ['settled'],
};

export function presentMarket(ctx: MarketReadContext, m: ScenarioMarket): Record<string, unknown> {
  const state = ctx.exchange.market(m.key)!;
  const top = ctx.exchange.book(m.key, 1)!;
  const bid = top.bids[0];
  const ask = top.asks[0];
  const last = ctx.activity.lastPriceOf(m.key);
  const volume = fp(ctx.activity.volumeOf(m.key));
  const yesBid = bid ? dollars(bid.yesPx) : '0.0000';
  const yesAsk = ask ? dollars(ask.yesPx) : '1.0000';
  const lastPrice = last === undefined ? '0.0000' : dollars(last);
  const opened = isoInstant(m.openTimeMs);
  const closes = isoInstant(m.closeTimeMs);
  return {
    ticker: m.key,
    event_ticker: m.eventKey,
    market_type: 'binary',
    title: m.title,
    subtitle: m.subtitle ?? '',
    yes_sub_title: m.subtitle ?? m.title,
    no_sub_title: m.subtitle ?? m.title,
    created_time: opened,
    updated_time: opened,
    open_time: opened,
    close_time: closes,
    expected_expiration_time: closes,
    latest_expiration_time: closes,
    settlement_timer_seconds: 60,
    status: LIFECYCLE[state.status],
    yes_bid_dollars: yesBid,
    yes_bid_size_fp: fp(bid?.qty ?? 0),
    yes_ask_dollars: yesAsk,
    yes_ask_size_fp: fp(ask?.qty ?? 0),
    no_bid_dollars: ask ? dollars(complement(ask.yesPx)) : '0.0000',
    no_ask_dollars: bid ? dollars(complement(bid.yesPx)) : '1.0000',
    last_price_dollars: lastPrice,
    volume_fp: volume,
    // The simulator keeps no daily history: 24 h figures and "previous" prices repeat the current ones.
    volume_24h_fp: volume,
    result: state.result === undefined ? '' : state.result.toLowerCase(),
    can_close_early: false,
    // One minted YES/NO pair holds $1 of escrow: open interest in contracts is escrow / $1.
    open_interest_fp: fp(ctx.exchange.escrowOf(m.key) / 10_000),
    notional_value_dollars: '1.0000',
    previous_yes_bid_dollars: yesBid,
    previous_yes_ask_dollars: yesAsk,
    previous_price_dollars: lastPrice,
    expiration_value: '',
    rules_primary: `If ${m.title.replace(/\?$/, '')}, then the market resolves to Yes.`,
    rules_secondary: '',
    price_level_structure: m.priceLevelStructure ?? 'linear_cent',
    price_ranges: m.grid.ranges.map((r) => ({
      start: dollars(r.start),
      end: dollars(r.end),
      step: dollars(r.step),
    })),
    exchange_index: 0,
  };
}

export function presentEvent(
  ctx: MarketReadContext,
  e: ScenarioEvent,
  nested: boolean,
): Record<string, unknown> {
  const markets = nested ? { markets: eventMarkets(ctx, e).map((m) => presentMarket(ctx, m)) } : {};
  return {
    event_ticker: e.key,
    series_ticker: e.seriesKey ?? seriesOf({ eventKey: e.key }),
    sub_title: e.subtitle ?? '',
    title: e.title,
    collateral_return_type: e.mutuallyExclusive ? 'MECNET' : 'DIRECNET',
    mutually_exclusive: e.mutuallyExclusive,
    category: e.category,
    strike_date: null,
    strike_period: null,
    settlement_sources: [],
    fee_type_override: null,
    fee_multiplier_override: null,
    exchange_index: 0,
    ...markets,
  };
}

export const eventMarkets = (ctx: MarketReadContext, e: ScenarioEvent): ScenarioMarket[] =>
  e.markets.map((k) => ctx.catalog.market.get(k)).filter((m): m is ScenarioMarket => m !== undefined);

export function presentSeries(s: SeriesInfo): Record<string, unknown> {
  return {
    ticker: s.ticker,
    frequency: 'custom',
    title: s.title,
    category: s.category,
    categories: s.category === '' ? [] : [s.category],
    tags: [],
    settlement_sources: [],
    contract_url: '',
    contract_terms_url: '',
    fee_type: s.feeType,
    fee_multiplier: s.feeMultiplier,
    additional_prohibitions: [],
  };
}

/** Both sides as bids, ascending, best last; `depth` keeps the best N of each. */
export function presentOrderbook(view: BookView): { yes_dollars: string[][]; no_dollars: string[][] } {
  return {
    yes_dollars: view.bids.map((l) => [dollars(l.yesPx), fp(l.qty)]).reverse(),
    // An ask at YES p is a NO bid at 1 − p; the best (lowest) ask is the best (highest) NO bid.
    no_dollars: view.asks.map((l) => [dollars(complement(l.yesPx)), fp(l.qty)]).reverse(),
  };
}

export function presentTrade(t: SimTrade): Record<string, unknown> {
  const takerOutcome = t.takerSide === 'bid' ? 'yes' : 'no';
  return {
    trade_id: t.id,
    ticker: t.market,
    count_fp: fp(t.qty),
    yes_price_dollars: dollars(t.yesPx),
    no_price_dollars: dollars(complement(t.yesPx)),
    taker_side: takerOutcome,
    taker_outcome_side: takerOutcome,
    taker_book_side: t.takerSide,
    created_time: isoInstant(t.tsMs),
    is_block_trade: false,
  };
}
