/**
 * Point 12 of issue 21: every timestamp form a field is seen in (reference, "Observed in real traffic": trade
 * `match_time` as unix seconds and ISO 8601; Gamma's `gameStartTime` as `2026-01-05 02:30:00+00`; the WebSocket
 * `timestamp` in ms) is read, to the same instant; anything else is an error naming the field.
 */
import { describe, expect, it } from 'vitest';
import gammaEvent from '../../../../src/venues/polymarket/fixtures/gamma-event.json' with { type: 'json' };
import order from '../../../../src/venues/polymarket/fixtures/rest-open-order.json' with { type: 'json' };
import trade from '../../../../src/venues/polymarket/fixtures/rest-trade.json' with { type: 'json' };
import {
  decodeGammaEvent,
  decodeOpenOrder,
  decodeTrade,
  timeMsOf,
} from '../../../../src/venues/polymarket/index.ts';

const T = Date.UTC(2023, 0, 5, 5, 11, 41); // 1672895501 s

describe('timestamps in every form the venue uses', () => {
  it('a trade’s match_time: unix seconds, milliseconds, ISO 8601, as a string or a number', () => {
    for (const match_time of [
      '1672895501',
      1672895501,
      '1672895501000',
      1672895501000,
      '2023-01-05T05:11:41Z',
      '2023-01-05T05:11:41.000Z',
      '2023-01-05 05:11:41+00',
      '2023-01-05T00:11:41-05:00',
    ]) {
      const r = decodeTrade({ ...trade, match_time });
      expect(r.ok ? r.value.matchTimeMs : r.error.message).toBe(T);
    }
  });

  it('an order’s created_at in ISO 8601; a Gamma endDate without a zone is UTC, not the machine’s zone', () => {
    const o = decodeOpenOrder({ ...order, created_at: '2023-01-05T05:11:41Z' });
    expect(o.ok && o.value.createdMs).toBe(T);
    const m = gammaEvent.markets[0]!;
    const e = decodeGammaEvent({ ...gammaEvent, markets: [{ ...m, endDate: '2025-12-10 00:00:00' }] });
    expect(e.ok && e.value.markets[0]!.endDateMs).toBe(Date.UTC(2025, 11, 10));
    const d = decodeGammaEvent({ ...gammaEvent, markets: [{ ...m, endDate: '2025-12-10' }] });
    expect(d.ok && d.value.markets[0]!.endDateMs).toBe(Date.UTC(2025, 11, 10));
  });

  it('fractions of a second, and `ms` fields reading bare digits as milliseconds', () => {
    expect(timeMsOf('1672895501.25', 't')).toBe(T + 250);
    expect(timeMsOf('2023-01-05T05:11:41.123456Z', 't')).toBe(T + 123);
    expect(timeMsOf('1000', 't', 'ms')).toBe(1000);
    expect(timeMsOf('1000', 't')).toBe(1_000_000);
  });

  it.each([['soon'], ['2023-13-01T00:00:00Z'], ['2023-02-30'], ['2023-01-05T25:00:00Z'], ['1e12'], ['-5']])(
    'refuses %s naming the field',
    (v) => {
      expect(() => timeMsOf(v, 'trade.match_time')).toThrow(/trade\.match_time \(expected unix seconds/);
      const r = decodeTrade({ ...trade, match_time: v });
      expect(r.ok ? 'decoded' : r.error.message).toMatch(/trade\.match_time/);
    },
  );
});
