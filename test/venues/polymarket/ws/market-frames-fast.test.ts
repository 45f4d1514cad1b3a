/**
 * The `price_change` fast path must never disagree with the JSON path: on the venue's frames (one change or
 * several, in the venue's field order or the documentation's) it gives the same events, and on anything else
 * it steps aside so `parseMarketFrame` answers, or throws, exactly as `parseMarketFrameJson` does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itSeeded } from '../../../support/seeds.ts';
import {
  fastPriceChange,
  parseMarketFrame,
  parseMarketFrameJson,
} from '../../../../src/venues/polymarket/index.ts';

/** The outcome of a parse in comparable form: the events, or the error's message. */
function outcome(parse: (t: string) => unknown, text: string): unknown {
  try {
    return { events: parse(text) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Mostly what the venue sends, sometimes what it must not: the fast path sees both. */
const mostly = <T>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: odd });
const price = mostly(
  fc.stringMatching(/^0\.[0-9]{1,3}$/),
  fc.constantFrom('0.5', '1', '0', '-0.5', '0.00005', '12.345', 'x', ''),
);
const size = mostly(
  fc.stringMatching(/^[0-9]{1,5}(\.[0-9]{1,2})?$/),
  fc.constantFrom('1.001', '-1', 'x', ''),
);
const change = fc.record({
  asset_id: mostly(fc.stringMatching(/^[0-9]{1,77}$/), fc.string({ maxLength: 6 })),
  price,
  size,
  side: mostly(fc.constantFrom('BUY', 'SELL'), fc.constant('buy')),
  hash: fc.stringMatching(/^[0-9a-f]{0,40}$/),
  best_bid: price,
  best_ask: price,
});
const timestamp = mostly(fc.stringMatching(/^[0-9]{1,15}$/), fc.constantFrom('', '1e3', '1234567890123456'));
const venueOrder = fc.record({
  event_type: fc.constant('price_change'),
  market: fc.stringMatching(/^0x[0-9a-f]{0,64}$/),
  price_changes: fc.array(change, { minLength: 1, maxLength: 3 }),
  timestamp,
});
const docOrder = venueOrder.map(({ event_type, ...rest }) => ({ ...rest, event_type }));
const frame = fc.oneof(venueOrder, docOrder);

const mutate = (text: string, at: number, what: number): string => {
  const i = at % (text.length + 1);
  const inserts = ['\\', '\u0001', ' ', '"', '-', '0', 'e', '.', '}', ',', ']', '\n'];
  if (what < inserts.length) return text.slice(0, i) + inserts[what]! + text.slice(i);
  return text.slice(0, i) + text.slice(i + 1);
};

describe('Polymarket price_change fast path', () => {
  itSeeded("reads the venue's frames as the JSON path does", [8], (seed) => {
    let taken = 0;
    fc.assert(
      fc.property(frame, (f) => {
        const text = JSON.stringify(f);
        const fast = fastPriceChange(text);
        if (fast !== undefined) {
          taken++;
          expect(fast).toEqual(parseMarketFrameJson(text));
        }
        expect(outcome(parseMarketFrame, text)).toEqual(outcome(parseMarketFrameJson, text));
      }),
      { seed, numRuns: 2_000 },
    );
    expect(taken).toBeGreaterThan(100);
  });

  it('takes the common one-change frame, and several changes in the documentation’s order', () => {
    const one = JSON.stringify({
      event_type: 'price_change',
      market: '0xe39f',
      price_changes: [
        {
          asset_id: '2266',
          price: '0.658',
          size: '11.24',
          side: 'SELL',
          hash: '19b76daa870',
          best_bid: '0.649',
          best_ask: '0.654',
        },
      ],
      timestamp: '1767225600112',
    });
    expect(fastPriceChange(one)).toEqual(parseMarketFrameJson(one));
    expect(fastPriceChange(one)?.[0]).toMatchObject({ changes: [{ px: 6_580, qty: 1_124, side: 'SELL' }] });
    const two = JSON.stringify({
      market: '0x5f',
      price_changes: [
        { asset_id: '7', price: '0.5', size: '200', side: 'BUY', hash: 'a', best_bid: '0.5', best_ask: '1' },
        { asset_id: '5', price: '0.5', size: '0', side: 'SELL', hash: 'b', best_bid: '0', best_ask: '0.5' },
      ],
      timestamp: '1757908892351',
      event_type: 'price_change',
    });
    expect(fastPriceChange(two)).toEqual(parseMarketFrameJson(two));
    expect(fastPriceChange(two)?.[0]).toMatchObject({ changes: [{ qty: 20_000 }, { qty: 0 }] });
  });

  itSeeded('steps aside for anything else: edited frames get the JSON path’s exact answer', [9], (seed) => {
    fc.assert(
      fc.property(frame, fc.nat(), fc.nat(12), (f, at, what) => {
        const text = mutate(JSON.stringify(f), at, what);
        const fast = fastPriceChange(text);
        if (fast !== undefined) expect(fast).toEqual(parseMarketFrameJson(text));
        expect(outcome(parseMarketFrame, text)).toEqual(outcome(parseMarketFrameJson, text));
      }),
      { seed, numRuns: 3_000 },
    );
  });
});
