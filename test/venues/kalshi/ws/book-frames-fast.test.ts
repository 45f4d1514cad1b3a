/**
 * The `orderbook_delta` fast path must never disagree with the JSON path: on the venue's own frames it gives
 * the same frame, and on anything else (other field orders, escapes, whitespace, bad numbers, broken text) it
 * steps aside so `parseFrame` answers exactly as `parseFrameJson` does, errors included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itSeeded } from '../../../support/seeds.ts';
import {
  fastDelta,
  type FrameParse,
  parseFrame,
  parseFrameJson,
} from '../../../../src/venues/kalshi/index.ts';

/** A parse result in comparable form (errors by message and what could still be read). */
const view = (p: FrameParse) =>
  p.ok ? p : { ok: false, message: p.error.message, code: p.error.code, sid: p.sid, seq: p.seq };

/** Mostly what the venue sends, sometimes what it must not: the fast path sees both. */
const mostly = <T>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: odd });
const decimal = mostly(
  fc.stringMatching(/^0\.[0-9]{2,4}$/),
  fc.oneof(
    fc.stringMatching(/^-?[0-9]{1,3}(\.[0-9]{1,5})?$/),
    fc.constantFrom('1.0000', '0.0000', '0.00001', '-54.00', '01.5', '.5', '5.', ''),
  ),
);
const delta = fc.record(
  {
    type: fc.constant('orderbook_delta'),
    sid: mostly(fc.nat(1_000), fc.constantFrom(0, 2 ** 53 - 1, 2 ** 53 + 2, -3)),
    seq: mostly(fc.nat(1_000_000), fc.constantFrom(2 ** 60)),
    msg: fc.record(
      {
        market_ticker: mostly(fc.stringMatching(/^[A-Z0-9-]{0,20}$/), fc.string({ maxLength: 8 })),
        // Real traffic carries the market's UUID right after the ticker.
        market_id: mostly(fc.uuid(), fc.oneof(fc.string({ maxLength: 6 }), fc.constant(7))),
        price_dollars: decimal,
        delta_fp: mostly(fc.stringMatching(/^-?[0-9]{1,4}\.[0-9]{2}$/), decimal),
        side: mostly(fc.constantFrom('yes', 'no'), fc.constantFrom('YES', 'maybe')),
        client_order_id: mostly(fc.stringMatching(/^[a-z0-9-]{0,12}$/), fc.string({ maxLength: 6 })),
        ts: mostly(fc.constant('2026-01-01T00:00:00.094Z'), fc.constantFrom('x\u0001y', 'a"b')),
        ts_ms: mostly(fc.nat(), fc.constantFrom(1767225600094, 2 ** 53 + 8)),
      },
      { requiredKeys: ['market_ticker', 'price_dollars', 'delta_fp', 'side'] },
    ),
  },
  { requiredKeys: ['type', 'sid', 'seq', 'msg'] },
);

/** Small edits that keep most of a frame: the cases where a lax reader would go wrong. */
const mutate = (text: string, at: number, what: number): string => {
  const i = at % (text.length + 1);
  const inserts = ['\\', '\u0001', ' ', '"', '-', '0', 'e', '.', '}', ',', '\n', 'é'];
  if (what < inserts.length) return text.slice(0, i) + inserts[what]! + text.slice(i);
  return text.slice(0, i) + text.slice(i + 1);
};

describe('Kalshi orderbook_delta fast path', () => {
  itSeeded("reads the venue's frames as the JSON path does", [6], (seed) => {
    let taken = 0;
    fc.assert(
      fc.property(delta, (d) => {
        const text = JSON.stringify(d);
        const fast = fastDelta(text);
        const json = parseFrameJson(text);
        if (fast !== undefined) {
          taken++;
          expect(fast).toEqual(json);
        }
        expect(view(parseFrame(text))).toEqual(view(json));
      }),
      { seed, numRuns: 2_000 },
    );
    // The property must have compared real fast reads, not only fall-throughs.
    expect(taken).toBeGreaterThan(100);
  });

  it('takes the common frame, in the field order the venue and the simulator send', () => {
    const text =
      '{"type":"orderbook_delta","sid":113,"seq":26,"msg":{"market_ticker":"KXPAIR11-2819",' +
      '"market_id":"0b6c8f3e-2d4a-5e71-9c0b-7a1d2e3f4a5b","price_dollars":"0.2300","delta_fp":"-102.00","side":"no","ts":"2026-01-01T00:00:00.094Z",' +
      '"ts_ms":1767225600094}}';
    expect(fastDelta(text)).toEqual(parseFrameJson(text));
    expect(fastDelta(text)).toMatchObject({ ok: true, frame: { px: 2_300, delta: -10_200, side: 'no' } });
  });

  itSeeded('steps aside for anything else: edited frames get the JSON path’s exact answer', [7], (seed) => {
    fc.assert(
      fc.property(delta, fc.nat(), fc.nat(13), (d, at, what) => {
        const text = mutate(JSON.stringify(d), at, what);
        const fast = fastDelta(text);
        const json = parseFrameJson(text);
        if (fast !== undefined) expect(fast).toEqual(json);
        expect(view(parseFrame(text))).toEqual(view(json));
      }),
      { seed, numRuns: 3_000 },
    );
  });

  it.each([
    ['a control character in an ignored string', '"ts":"2026\u0001"'],
    ['an escape in the ticker', '"market_ticker":"K\\u0058"'],
    ['whitespace between tokens', '"side": "yes"'],
  ])('a frame with %s is not read fast', (_what, part) => {
    const base =
      '{"type":"orderbook_delta","sid":1,"seq":2,"msg":{"market_ticker":"KX","price_dollars":"0.5000",' +
      '"delta_fp":"1.00","side":"yes","ts":"2026"}}';
    const key = part.slice(0, part.indexOf(':') + 1);
    const text = base.replace(new RegExp(`${key.replace(/"/g, '"')}"[^"]*"`), part);
    expect(text).not.toBe(base);
    expect(fastDelta(text)).toBeUndefined();
    expect(view(parseFrame(text))).toEqual(view(parseFrameJson(text)));
  });
});
