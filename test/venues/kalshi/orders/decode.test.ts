/** Kalshi order and fill decoding and V2 order encoding, on the folder's fixtures (K2), and malformed input. */
import { describe, expect, it } from 'vitest';
import type { Px, Qty } from '../../../../src/core/units.ts';
import {
  decodeFill,
  decodeOrder,
  encodeOrder,
  WireFill,
  WireOrder,
} from '../../../../src/venues/kalshi/index.ts';
import FILL from '../../../../src/venues/kalshi/fixtures/rest-fill.json' with { type: 'json' };
import ORDER from '../../../../src/venues/kalshi/fixtures/rest-order.json' with { type: 'json' };

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('Kalshi orders and fills', () => {
  it('orders: V2 book side, or the deprecated side/action when present; statuses; counts', () => {
    expect(ok(decodeOrder(WireOrder.parse(ORDER)))).toEqual({
      id: 'ord-1',
      clientOrderId: 'c-1',
      market: 'T',
      outcome: 'NO',
      side: 'BUY',
      px: 4_000,
      qty: 550,
      filled: 150,
      status: 'open',
      createdMs: Date.parse('2026-01-01T00:00:01.000Z'),
    });
    const legacy = { ...ORDER, side: 'yes', action: 'sell', status: 'canceled', remaining_count_fp: '0.00' };
    expect(ok(decodeOrder(WireOrder.parse(legacy)))).toMatchObject({
      outcome: 'YES',
      side: 'SELL',
      px: 6_000,
      qty: 550,
      status: 'cancelled',
    });
  });

  it('fills', () => {
    expect(ok(decodeFill(WireFill.parse(FILL)))).toEqual({
      id: 'f-1',
      orderId: 'ord-1',
      market: 'T',
      outcome: 'NO',
      side: 'BUY',
      px: 5_000,
      qty: 1_000,
      fee: 175_000,
      liquidity: 'taker',
      tsMs: Date.parse('2026-01-01T00:00:02.500Z'),
      final: true,
    });
  });

  it('encodes V2 orders: buy YES / sell NO bid, sell YES / buy NO ask, at the YES price', () => {
    const base = { clientOrderId: 'c', market: 'T', qty: 250 as Qty, tif: 'GTC' as const };
    const enc = (outcome: 'YES' | 'NO', side: 'BUY' | 'SELL') =>
      encodeOrder({ ...base, outcome, side, px: 3_000 as Px });
    expect(
      [enc('YES', 'BUY'), enc('NO', 'SELL'), enc('YES', 'SELL'), enc('NO', 'BUY')].map((b) => [
        b.side,
        b.price,
      ]),
    ).toEqual([
      ['bid', '0.3000'],
      ['bid', '0.7000'],
      ['ask', '0.3000'],
      ['ask', '0.7000'],
    ]);
    expect(enc('YES', 'BUY')).toEqual({
      ticker: 'T',
      client_order_id: 'c',
      side: 'bid',
      count: '2.50',
      price: '0.3000',
      time_in_force: 'good_till_canceled',
      self_trade_prevention_type: 'taker_at_cross',
    });
    const gtd = encodeOrder({
      ...base,
      outcome: 'YES',
      side: 'BUY',
      px: 3_000 as Px,
      tif: 'GTD',
      expiresAtMs: 1_767_225_600_500,
      postOnly: true,
    });
    expect(gtd).toMatchObject({
      time_in_force: 'good_till_canceled',
      expiration_time: 1_767_225_601,
      post_only: true,
    });
    expect(
      encodeOrder({ ...base, outcome: 'YES', side: 'BUY', px: 3_000 as Px, tif: 'FOK' }).time_in_force,
    ).toBe('fill_or_kill');
  });
});

describe('malformed orders and fills end in a clear error, never a value', () => {
  it('orders and fills with impossible values', () => {
    const bad = (r: { ok: boolean; error?: { message: string } }, m: RegExp) => {
      expect(r.ok).toBe(false);
      expect(r.error?.message).toMatch(m);
    };
    const order = {
      order_id: 'o',
      ticker: 'T',
      status: 'resting',
      yes_price_dollars: '1.5',
      fill_count_fp: '0',
      remaining_count_fp: '1',
    };
    bad(decodeOrder(WireOrder.parse(order)), /order o\.yes_price_dollars/);
    expect(WireOrder.safeParse({ ...order, status: 'pending' }).success).toBe(false);
    bad(
      decodeFill(
        WireFill.parse({
          order_id: 'o',
          ticker: 'T',
          count_fp: 'x',
          yes_price_dollars: '0.5',
          is_taker: false,
          fill_id: 'f',
        }),
      ),
      /count_fp/,
    );
    bad(
      decodeFill(
        WireFill.parse({
          order_id: 'o',
          count_fp: '1',
          yes_price_dollars: '0.5',
          is_taker: false,
          fill_id: 'f',
        }),
      ),
      /no ticker/,
    );
  });
});
