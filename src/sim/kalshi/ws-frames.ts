/**
 * Outgoing WebSocket messages of the simulated Kalshi feed (K3), built from engine state and events. A YES-book
 * bid at p is a `yes` level at p; a YES-book ask at p is a `no` level at 1 − p. Book deltas carry the **signed**
 * change of the level (`delta_fp`), never its new size. An empty side's key is left out of a snapshot. Book
 * messages carry `market_id` (the market's UUID) right after `market_ticker`, and deltas `ts_ms`, as real
 * traffic does (reference, "Observed in real traffic").
 */
import type { BookView, SimEvent, SimFill, SimTrade } from '../engine/types.ts';
import { complement, dollars, fp, marketUuid, money, unixSeconds } from './format.ts';
import { presentTrade } from './present-market.ts';
import { isoInstant } from '../../core/time.ts';

type BookEvent = Extract<SimEvent, { type: 'book' }>;

export function snapshotMsg(market: string, view: BookView): Record<string, unknown> {
  const yes = view.bids.map((l) => [dollars(l.yesPx), fp(l.qty)]).reverse();
  const no = view.asks.map((l) => [dollars(complement(l.yesPx)), fp(l.qty)]).reverse();
  return {
    market_ticker: market,
    market_id: marketUuid(market),
    ...(yes.length > 0 ? { yes_dollars_fp: yes } : {}),
    ...(no.length > 0 ? { no_dollars_fp: no } : {}),
  };
}

export function deltaMsg(e: BookEvent): Record<string, unknown> {
  const yes = e.side === 'bid';
  return {
    market_ticker: e.market,
    market_id: marketUuid(e.market),
    price_dollars: dollars(yes ? e.yesPx : complement(e.yesPx)),
    delta_fp: fp(e.delta),
    side: yes ? 'yes' : 'no',
    ts: isoInstant(e.tsMs),
    ts_ms: e.tsMs,
  };
}

export interface TickerState {
  readonly bid: BookView['bids'][number] | undefined;
  readonly ask: BookView['asks'][number] | undefined;
  readonly lastPx: number | undefined;
  readonly volume: number;
  readonly openInterest: number;
}

export function tickerMsg(market: string, s: TickerState, tsMs: number): Record<string, unknown> {
  return {
    market_ticker: market,
    price_dollars: s.lastPx === undefined ? '0.0000' : dollars(s.lastPx),
    yes_bid_dollars: s.bid ? dollars(s.bid.yesPx) : '0.0000',
    yes_ask_dollars: s.ask ? dollars(s.ask.yesPx) : '1.0000',
    yes_bid_size_fp: fp(s.bid?.qty ?? 0),
    yes_ask_size_fp: fp(s.ask?.qty ?? 0),
    volume_fp: fp(s.volume),
    open_interest_fp: fp(s.openInterest),
    ts: unixSeconds(tsMs),
    ts_ms: tsMs,
  };
}

export function tradeMsg(t: SimTrade): Record<string, unknown> {
  const p = presentTrade(t);
  return {
    trade_id: t.id,
    market_ticker: t.market,
    yes_price_dollars: p.yes_price_dollars,
    no_price_dollars: p.no_price_dollars,
    count_fp: p.count_fp,
    taker_side: p.taker_side,
    taker_outcome_side: p.taker_outcome_side,
    taker_book_side: p.taker_book_side,
    ts: unixSeconds(t.tsMs),
    ts_ms: t.tsMs,
  };
}

export function fillMsg(f: SimFill, postPosition: number): Record<string, unknown> {
  const yesPx = f.outcome === 'YES' ? f.px : complement(f.px);
  return {
    trade_id: f.tradeId,
    fill_id: f.id,
    order_id: f.orderId,
    market_ticker: f.market,
    is_taker: f.liquidity === 'taker',
    side: f.outcome.toLowerCase(),
    action: f.side.toLowerCase(),
    yes_price_dollars: dollars(yesPx),
    no_price_dollars: dollars(complement(yesPx)),
    count_fp: fp(f.qty),
    fee_cost: money(f.fee),
    ...(f.clientOrderId === undefined ? {} : { client_order_id: f.clientOrderId }),
    post_position_fp: fp(postPosition),
    ts: unixSeconds(f.tsMs),
    ts_ms: f.tsMs,
  };
}

/** Engine market status changes as `market_lifecycle_v2` event types. */
export function lifecycleMsgs(e: Extract<SimEvent, { type: 'market' }>): Record<string, unknown>[] {
  const base = { market_ticker: e.market };
  switch (e.status) {
    case 'open':
      return [{ ...base, event_type: 'activated', ts: unixSeconds(e.tsMs) }];
    case 'paused':
    case 'closed':
      return [{ ...base, event_type: 'deactivated', is_deactivated: true, ts: unixSeconds(e.tsMs) }];
    case 'settled': {
      const result = e.result === undefined ? '' : e.result.toLowerCase();
      const ts = unixSeconds(e.tsMs);
      return [
        { ...base, event_type: 'determined', result, determination_ts: ts },
        { ...base, event_type: 'settled', result, settled_ts: ts },
      ];
    }
  }
}
