/** Public trades on the book connection: subscribed on request, handed out in core units, never a book doubt. */
import { describe, expect, it } from 'vitest';
import { KalshiBookSync } from '../../../../src/venues/kalshi/index.ts';
import TRADE from '../../../../src/venues/kalshi/fixtures/ws-trade.json' with { type: 'json' };

const T0 = 5_000;
const M = TRADE.msg.market_ticker;

/** A sync for M (and another market) with books live on sid 1 and trades on sid 2. */
function live(trades: boolean) {
  // A copy of the ticker: the trade must come out under the caller's own string.
  const key = [...M].join('');
  const s = new KalshiBookSync([key, 'OTHER'], { trades });
  const sent = s.open(T0).map((c) => JSON.parse(c) as { id: number; params: { channels: string[] } });
  s.frame(
    JSON.stringify({ id: sent[0]!.id, type: 'subscribed', msg: { channel: 'orderbook_delta', sid: 1 } }),
    T0,
  );
  s.frame(JSON.stringify({ type: 'orderbook_snapshot', sid: 1, seq: 1, msg: { market_ticker: M } }), T0);
  s.frame(
    JSON.stringify({ type: 'orderbook_snapshot', sid: 1, seq: 2, msg: { market_ticker: 'OTHER' } }),
    T0,
  );
  if (trades)
    s.frame(JSON.stringify({ id: sent[1]!.id, type: 'subscribed', msg: { channel: 'trade', sid: 2 } }), T0);
  return { s, key, sent };
}

describe('KalshiBookSync: public trades', () => {
  it('subscribes the trade channel when asked, and hands out each trade in core units', () => {
    const { s, key, sent } = live(true);
    expect(sent.map((c) => c.params.channels)).toEqual([['orderbook_delta'], ['trade']]);
    const out = s.frame(JSON.stringify(TRADE), T0 + 7);
    expect(out.trades).toEqual([
      {
        tradeId: TRADE.msg.trade_id,
        market: M,
        yesPx: 3_600,
        qty: 1_250,
        takerSide: 'no',
        venueTimeMs: 1767225600123,
        receiveTimeMs: T0 + 7,
      },
    ]);
    expect(out.trades[0]!.market).toBe(key);
    expect(out.events).toEqual([]);
    expect(s.tradeCount).toBe(1);
    // Not one of ours: dropped.
    const other = { ...TRADE, msg: { ...TRADE.msg, market_ticker: 'ELSEWHERE' } };
    expect(s.frame(JSON.stringify(other), T0).trades).toEqual([]);
  });

  it('a broken trade is counted as malformed and leaves every book live', () => {
    const { s } = live(true);
    const bad = s.frame(JSON.stringify({ ...TRADE, msg: { ...TRADE.msg, count_fp: 'ten' } }), T0);
    const cut = s.frame(JSON.stringify({ ...TRADE, sid: 9 }).slice(0, 30), T0);
    expect([...bad.events, ...cut.events, ...bad.commands, ...cut.commands]).toEqual([]);
    expect(s.stats()).toMatchObject({ malformed: 2, gaps: 0, resyncs: 0 });
    expect(s.book(M)).toBeDefined();
    expect(s.book('OTHER')).toBeDefined();
  });

  it('without the option, the trade channel is not subscribed and stray trades are ignored', () => {
    const { s, sent } = live(false);
    expect(sent.map((c) => c.params.channels)).toEqual([['orderbook_delta']]);
    expect(s.frame(JSON.stringify(TRADE), T0).trades).toEqual([]);
  });
});
