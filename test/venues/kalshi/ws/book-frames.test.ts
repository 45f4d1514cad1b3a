/** The Kalshi book channel decoder on the folder's fixtures (K3), and malformed frames. */
import { describe, expect, it } from 'vitest';
import { fastDelta, parseFrame, parseFrameJson } from '../../../../src/venues/kalshi/index.ts';
import DELTA from '../../../../src/venues/kalshi/fixtures/ws-orderbook-delta.json' with { type: 'json' };
import SNAPSHOT from '../../../../src/venues/kalshi/fixtures/ws-orderbook-snapshot.json' with { type: 'json' };
import ERROR from '../../../../src/venues/kalshi/fixtures/ws-error.json' with { type: 'json' };
import SUBSCRIBED from '../../../../src/venues/kalshi/fixtures/ws-subscribed.json' with { type: 'json' };
import OK from '../../../../src/venues/kalshi/fixtures/ws-ok.json' with { type: 'json' };
import TRADE from '../../../../src/venues/kalshi/fixtures/ws-trade.json' with { type: 'json' };

const DELTA_FRAME = {
  type: 'orderbook_delta',
  sid: 2,
  seq: 3,
  market: 'T',
  side: 'yes',
  px: 9_600,
  delta: -5_400,
  tsMs: 1767225600000,
};

describe('Kalshi WebSocket frames', () => {
  it('parses the reference snapshot and delta shapes', () => {
    expect(parseFrame(JSON.stringify(SNAPSHOT))).toEqual({
      ok: true,
      frame: {
        type: 'orderbook_snapshot',
        sid: 2,
        seq: 2,
        market: 'T',
        yes: [{ px: 800, qty: 30_000 }],
        no: [{ px: 9_000, qty: 500 }],
      },
    });
    expect(parseFrame(JSON.stringify(DELTA))).toEqual({ ok: true, frame: DELTA_FRAME });
    expect(parseFrame(JSON.stringify(SUBSCRIBED))).toEqual({
      ok: true,
      frame: { type: 'subscribed', id: 1, sid: 1, channel: 'orderbook_delta' },
    });
    expect(parseFrame(JSON.stringify(ERROR))).toEqual({
      ok: true,
      frame: { type: 'error', id: 3, code: 6, message: 'Already subscribed' },
    });
    expect(parseFrame('{"type":"ticker","sid":5,"msg":{}}')).toEqual({
      ok: true,
      frame: { type: 'other', kind: 'ticker', id: undefined, sid: 5 },
    });
  });

  it('reads a delta carrying market_id (real traffic) on the fast path, as the JSON path does', () => {
    const text = JSON.stringify(DELTA);
    expect(DELTA.msg.market_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(fastDelta(text)).toEqual({ ok: true, frame: DELTA_FRAME });
    expect(parseFrameJson(text)).toEqual({ ok: true, frame: DELTA_FRAME });
    // The documentation's form without market_id, and with the ISO `ts` too, take the fast path as well.
    const { market_id: _id, ...documented } = DELTA.msg;
    expect(fastDelta(JSON.stringify({ ...DELTA, msg: documented }))).toEqual({
      ok: true,
      frame: DELTA_FRAME,
    });
    const { ts_ms, ...rest } = DELTA.msg;
    const withTs = { ...DELTA, msg: { ...rest, ts: '2026-01-01T00:00:00Z', ts_ms } };
    expect(fastDelta(JSON.stringify(withTs))).toEqual({ ok: true, frame: DELTA_FRAME });
    // Strict: market_id anywhere else, or not a plain string, is left to the JSON path.
    const { market_ticker, market_id, ...tail } = DELTA.msg;
    const moved = { ...DELTA, msg: { market_id, market_ticker, ...tail } };
    expect(fastDelta(JSON.stringify(moved))).toBeUndefined();
    expect(parseFrame(JSON.stringify(moved))).toEqual({ ok: true, frame: DELTA_FRAME });
    expect(
      fastDelta(JSON.stringify({ ...DELTA, msg: { market_ticker, market_id: 7, ...tail } })),
    ).toBeUndefined();
  });

  it('reads an ok reply with its sid, seq and market set (real traffic), and one without (older docs)', () => {
    expect(parseFrame(JSON.stringify(OK))).toEqual({
      ok: true,
      frame: {
        type: 'ok',
        id: 2,
        sid: 1,
        seq: 2,
        markets: ['KXFED-26DEC-T4.25', 'KXFED-26DEC-T4.50'],
      },
    });
    expect(parseFrame('{"id":4,"sid":1,"type":"ok","msg":{}}')).toEqual({
      ok: true,
      frame: { type: 'ok', id: 4, sid: 1, seq: undefined, markets: undefined },
    });
    // `list_subscriptions` answers `ok` with a list: no sid, nothing to bind.
    expect(parseFrame('{"id":5,"type":"ok","msg":[{"channel":"trade","sid":3}]}')).toMatchObject({
      ok: true,
      frame: { type: 'ok', sid: undefined, markets: undefined },
    });
  });

  it('decodes a public trade into core units; a broken one is an error naming the field', () => {
    expect(parseFrame(JSON.stringify(TRADE))).toEqual({
      ok: true,
      frame: {
        type: 'trade',
        sid: 3,
        trade: {
          tradeId: 'b8f3c2d1-4e5a-4f6b-9c7d-0e1f2a3b4c5d',
          market: 'KXFED-26DEC-T4.25',
          yesPx: 3_600,
          qty: 1_250,
          takerSide: 'no',
          venueTimeMs: 1767225600123,
        },
      },
    });
    const { ts_ms: _ms, ...noMs } = TRADE.msg;
    expect(parseFrame(JSON.stringify({ ...TRADE, msg: noMs }))).toMatchObject({
      ok: true,
      frame: { trade: { venueTimeMs: 1767225600000 } },
    });
    const broken = (msg: object) => {
      const r = parseFrame(JSON.stringify({ ...TRADE, msg: { ...TRADE.msg, ...msg } }));
      return r.ok ? 'decoded' : { message: r.error.message, sid: r.sid, kind: r.kind };
    };
    expect(broken({ no_price_dollars: '0.6500' })).toEqual({
      message: expect.stringContaining('trade.msg.no_price_dollars'),
      sid: 3,
      kind: 'trade',
    });
    expect(broken({ count_fp: '1.234' })).toMatchObject({
      message: expect.stringContaining('trade.msg.count_fp'),
    });
    expect(broken({ taker_side: 'maybe' })).toMatchObject({ message: expect.stringContaining('taker_side') });
    expect(broken({ yes_price_dollars: '1.0000' })).toMatchObject({
      message: expect.stringContaining('trade.msg.yes_price_dollars'),
    });
    // Cut short, it still shows that it was a trade (so no book is put in doubt by it).
    const cut = parseFrame(JSON.stringify(TRADE).slice(0, 40));
    expect(cut.ok ? undefined : cut.kind).toBe('trade');
  });
});

describe('malformed frames end in a clear error, never a value', () => {
  it.each([
    ['not JSON', '{"type":"orderbook_delta",', {}],
    ['no seq', '{"type":"orderbook_delta","sid":1,"msg":{}}', { sid: 1 }],
    [
      'price above 1',
      '{"type":"orderbook_delta","sid":1,"seq":4,"msg":{"market_ticker":"T","price_dollars":"1.5","delta_fp":"1.00","side":"yes"}}',
      { sid: 1, seq: 4 },
    ],
    [
      'delta not a number',
      '{"type":"orderbook_delta","sid":1,"seq":4,"msg":{"market_ticker":"T","price_dollars":"0.5","delta_fp":"abc","side":"yes"}}',
      { sid: 1, seq: 4 },
    ],
    [
      'unknown side',
      '{"type":"orderbook_delta","sid":1,"seq":4,"msg":{"market_ticker":"T","price_dollars":"0.5","delta_fp":"1","side":"maybe"}}',
      { sid: 1, seq: 4 },
    ],
    ['missing market', '{"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{}}', { sid: 1, seq: 1 }],
    [
      'bad snapshot level',
      '{"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"T","yes_dollars_fp":[["0.5"]]}}',
      { sid: 1, seq: 1 },
    ],
  ])('WS frame: %s', (_what, text, where) => {
    const r = parseFrame(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('KALSHI.BAD_PAYLOAD');
      expect({ sid: r.sid, seq: r.seq }).toEqual({ sid: undefined, seq: undefined, ...where });
    }
  });
});
