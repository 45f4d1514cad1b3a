import { describe, expect, it } from 'vitest';
import { Ring } from '../../../src/sim/engine/ring.ts';
import { makeExchange, order, px, qty } from './helpers.ts';

describe('Ring', () => {
  it('keeps the last `capacity` items, oldest first, across many wraps', () => {
    const r = new Ring<number>(3);
    expect(r.toArray()).toEqual([]);
    r.push(1);
    r.push(2);
    expect(r.toArray()).toEqual([1, 2]);
    for (let i = 3; i <= 11; i++) {
      r.push(i);
      expect(r.toArray()).toEqual([Math.max(1, i - 2), Math.max(2, i - 1), i].slice(-Math.min(i, 3)));
    }
    expect(r.size).toBe(3);
    expect(r.filter((n) => n % 2 === 1)).toEqual([9, 11]);
  });

  it('refuses a capacity that cannot hold anything', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => new Ring(bad)).toThrow(RangeError);
  });
});

describe('the exchange keeps the newest 10,000 public trades', () => {
  it('after 10,050 trades: the last 10,000, oldest first, by market too', () => {
    const { ex } = makeExchange({ markets: ['M', 'N'], cash: 1e13 });
    for (let i = 0; i < 10_050; i++) {
      const market = i % 10 === 0 ? 'N' : 'M';
      ex.place(order({ market, account: 'alice', side: 'BUY', px: px(5_000), qty: qty(100) }));
      ex.place(
        order({
          market,
          account: 'bob',
          outcome: 'NO',
          side: 'BUY',
          px: px(5_000),
          qty: qty(100),
          tif: 'IOC',
        }),
      );
    }
    const all = ex.trades();
    expect(all).toHaveLength(10_000);
    const seq = all.map((t) => Number(t.id.replace(/^\D+/, '')));
    expect(seq[0]).toBe(51);
    expect(seq.every((n, i) => i === 0 || n === seq[i - 1]! + 1)).toBe(true);
    const n = ex.trades({ market: 'N' });
    expect(n).toHaveLength(1_000);
    expect(n.every((t) => t.market === 'N')).toBe(true);
    expect(n.map((t) => t.id)).toEqual(all.filter((t) => t.market === 'N').map((t) => t.id));
  });
});
