/** The Kalshi book channel decoder on the folder's fixtures (K3), and malformed frames. */
import { describe, expect, it } from 'vitest';
import { parseFrame } from '../../../../src/venues/kalshi/index.ts';
import DELTA from '../../../../src/venues/kalshi/fixtures/ws-orderbook-delta.json' with { type: 'json' };
import SNAPSHOT from '../../../../src/venues/kalshi/fixtures/ws-orderbook-snapshot.json' with { type: 'json' };
import ERROR from '../../../../src/venues/kalshi/fixtures/ws-error.json' with { type: 'json' };
import SUBSCRIBED from '../../../../src/venues/kalshi/fixtures/ws-subscribed.json' with { type: 'json' };

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

  it('reads a delta carrying market_id beside market_ticker (seen in real traffic) as the same frame', () => {
    const { market_ticker, ...rest } = DELTA.msg;
    const observed = {
      ...DELTA,
      msg: { market_ticker, market_id: '5b1c3d6e-0f4a-4c2b-9a77-2f0e8d1c4b3a', ...rest },
    };
    expect(parseFrame(JSON.stringify(observed))).toEqual({ ok: true, frame: DELTA_FRAME });
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
