/** Order building: requests refused before sending, amend bodies in the order's own direction, the placed order. */
import { describe, expect, it } from 'vitest';
import { asPx, asQty } from '../../../../src/core/units.ts';
import { checkOrderRequest, decodePlaced, encodeAmend } from '../../../../src/venues/kalshi/index.ts';
import type { OrderRequest, VenueOrder } from '../../../../src/venues/venue.ts';

const REQ: OrderRequest = {
  clientOrderId: 'c-1',
  market: 'T',
  outcome: 'NO',
  side: 'BUY',
  px: asPx(3_000),
  qty: asQty(500),
  tif: 'GTC',
};

describe('Kalshi order building', () => {
  it('refuses what the venue would refuse, before sending, as a definitive rejection', () => {
    const why = (change: Partial<OrderRequest>) => checkOrderRequest({ ...REQ, ...change })?.message;
    expect(checkOrderRequest(REQ)).toBeUndefined();
    expect(why({ clientOrderId: '' })).toBe('clientOrderId is required');
    expect(why({ px: asPx(0) })).toBe('price 0 Px is not inside (0, 1)');
    expect(why({ px: asPx(10_000) })).toBe('price 10000 Px is not inside (0, 1)');
    expect(why({ qty: asQty(0) })).toBe('size must be positive');
    expect(why({ tif: 'GTD' })).toBe('GTD needs expiresAtMs');
    expect(checkOrderRequest({ ...REQ, tif: 'GTD', expiresAtMs: 1 })).toBeUndefined();
    expect(checkOrderRequest({ ...REQ, qty: asQty(0) })).toMatchObject({
      kind: 'rejected',
      code: 'KALSHI.INVALID_REQUEST',
    });
  });

  it('amends in the order’s own direction: a NO buy is an ask at the YES price 1 − px', () => {
    const order: VenueOrder = { ...REQ, id: 'o-1', filled: asQty(0), status: 'open', createdMs: 0 };
    expect(encodeAmend(order, { px: asPx(3_100) })).toEqual({
      ticker: 'T',
      side: 'ask',
      price: '0.6900',
      count: '5.00',
    });
    expect(encodeAmend({ ...order, outcome: 'YES' }, { qty: asQty(800) })).toEqual({
      ticker: 'T',
      side: 'bid',
      price: '0.3000',
      count: '8.00',
    });
  });

  it('the placed order: open while some rests, filled when all filled at once, else cancelled', () => {
    const placed = (fill: string, remaining: string, ts?: number) =>
      decodePlaced(
        REQ,
        { order_id: 'o-1', fill_count: fill, remaining_count: remaining, ...(ts ? { ts_ms: ts } : {}) },
        77,
      );
    expect(placed('1.00', '4.00', 1_000)).toEqual({
      ok: true,
      value: {
        id: 'o-1',
        clientOrderId: 'c-1',
        market: 'T',
        outcome: 'NO',
        side: 'BUY',
        px: 3_000,
        qty: 500,
        filled: 100,
        status: 'open',
        createdMs: 1_000,
      },
    });
    expect(placed('5.00', '0.00')).toMatchObject({ ok: true, value: { status: 'filled', createdMs: 77 } });
    expect(placed('2.00', '0.00')).toMatchObject({ ok: true, value: { status: 'cancelled', filled: 200 } });
    const bad = placed('1.00', '-1');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/^create order response: remaining_count: /);
  });
});
