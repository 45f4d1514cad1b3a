import { describe, expect, it } from 'vitest';
import { UnitError } from '../../src/core/errors.ts';
import { asMicros as m, type Micros } from '../../src/core/units.ts';
import { describeDenial, RiskBook, type Denial, type Plan, type RiskLimits } from '../../src/risk/index.ts';

const limits: RiskLimits = {
  maxNotionalPerMarket: m(100_000_000),
  maxNotionalPerEvent: m(150_000_000),
  maxOpenPackages: 2,
  minEdgeBps: 50,
};
const plan = (id: string, over: Partial<Plan> = {}): Plan => ({
  id,
  legs: [
    { venue: 'kalshi', market: 'K1', eventKey: 'E1', cash: m(40_000_000), notional: m(40_000_000) },
    { venue: 'polymarket', market: 'P1', eventKey: undefined, cash: m(55_000_000), notional: m(55_000_000) },
  ],
  edge: m(5_000_000),
  cost: m(95_000_000),
  ...over,
});

describe('risk precheck (each cap denies with a reason)', () => {
  it('allows a plan inside every limit and locks its cash', () => {
    const r = new RiskBook(limits, { kalshi: m(200_000_000), polymarket: m(200_000_000) });
    expect(r.precheck(plan('a'))).toEqual({ ok: true });
    r.commit(plan('a'));
    expect(r.freeCash('kalshi')).toBe(160_000_000);
    expect(r.lockedCash('polymarket')).toBe(55_000_000);
    expect(r.openCount).toBe(1);
  });

  it('denies cash, duplicate, market, event, open-package and minimum-edge violations, all at once', () => {
    const r = new RiskBook(limits, { kalshi: m(50_000_000), polymarket: m(30_000_000) });
    r.commit(plan('x', { legs: [] }));
    r.commit(plan('y', { legs: [] }));
    r.recordFill({ venue: 'kalshi', market: 'K1', eventKey: 'E1' }, m(70_000_000), m(0));
    r.recordFill({ venue: 'kalshi', market: 'K2', eventKey: 'E1' }, m(60_000_000), m(0));
    const res = r.precheck(plan('x', { edge: m(100_000) }));
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const codes = res.denials.map((d) => d.code).sort();
    expect(codes).toEqual(['CASH', 'DUPLICATE', 'EVENT_CAP', 'MARKET_CAP', 'MAX_OPEN_PACKAGES', 'MIN_EDGE']);
    const text = res.denials.map(describeDenial);
    expect(text).toContain('not enough cash on polymarket: need $55.00, free $30.00');
    expect(text).toContain('market kalshi:K1 would hold $110.00, over its $100.00 cap');
    expect(text).toContain('event kalshi:E1 would hold $170.00, over its $150.00 cap');
    expect(text).toContain('2 packages already open (max 2)');
    expect(text).toContain('edge 10 bps is under the 50 bps minimum');
  });

  it('frees unused cash when a package closes and follows balance refreshes', () => {
    const r = new RiskBook(limits, { kalshi: m(100_000_000), polymarket: m(100_000_000) });
    r.commit(plan('a'));
    r.recordFill({ venue: 'kalshi', market: 'K1', eventKey: 'E1' }, m(20_000_000), m(20_100_000));
    r.closePackage('a', { kalshi: m(19_900_000), polymarket: m(55_000_000) });
    expect(r.freeCash('kalshi')).toBe(60_000_000 + 19_900_000);
    expect(r.lockedCash('kalshi')).toBe(0);
    expect(r.freeCash('polymarket')).toBe(100_000_000);
    expect(r.openCount).toBe(0);
    expect(r.marketRoom('kalshi', 'K1')).toBe(80_000_000);
    r.setFreeCash('kalshi', m(1));
    expect(r.precheck(plan('b')).ok).toBe(false);
  });

  // One cap at a time: each denies on its own, with exactly one reason, and says why in words.
  const CASES: [Denial['code'], (r: RiskBook) => Plan, string][] = [
    [
      'CASH',
      (r) => {
        r.setFreeCash('kalshi', m(39_999_999));
        return plan('a');
      },
      'not enough cash on kalshi: need $40.00, free $40.00',
    ],
    [
      'MARKET_CAP',
      (r) => {
        r.recordFill({ venue: 'polymarket', market: 'P1', eventKey: undefined }, m(50_000_000), m(0));
        return plan('a');
      },
      'market polymarket:P1 would hold $105.00, over its $100.00 cap',
    ],
    [
      'EVENT_CAP',
      (r) => {
        r.recordFill({ venue: 'kalshi', market: 'K9', eventKey: 'E1' }, m(120_000_000), m(0));
        return plan('a');
      },
      'event kalshi:E1 would hold $160.00, over its $150.00 cap',
    ],
    [
      'MAX_OPEN_PACKAGES',
      (r) => {
        r.commit(plan('x', { legs: [] }));
        r.commit(plan('y', { legs: [] }));
        return plan('a');
      },
      '2 packages already open (max 2)',
    ],
    ['MIN_EDGE', () => plan('a', { edge: m(474_999) }), 'edge 49 bps is under the 50 bps minimum'],
    [
      'DUPLICATE',
      (r) => {
        r.commit(plan('a'));
        r.closePackage('a', { kalshi: m(40_000_000), polymarket: m(55_000_000) });
        return plan('a');
      },
      'opportunity a was already planned',
    ],
    ['EMPTY', () => plan('a', { legs: [] }), 'the plan has no legs'],
  ];

  it.each(CASES)('%s alone denies with one reason', (code, arrange, text) => {
    const r = new RiskBook(limits, { kalshi: m(200_000_000), polymarket: m(200_000_000) });
    const res = r.precheck(arrange(r));
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.denials.map((d) => d.code)).toEqual([code]);
    expect(describeDenial(res.denials[0]!)).toBe(text);
  });

  it('the edge floor is inclusive: exactly the minimum passes', () => {
    const r = new RiskBook(limits, { kalshi: m(200_000_000), polymarket: m(200_000_000) });
    expect(r.precheck(plan('a', { edge: m(475_000) }))).toEqual({ ok: true });
  });

  it('a sum that is not a safe integer stops at the book instead of making a cap comparison false', () => {
    const r = new RiskBook(limits, { kalshi: m(200_000_000), polymarket: m(200_000_000) });
    // NaN > cap is false: unchecked, a NaN notional would let every later plan through the market cap.
    const bad = Number.NaN as Micros;
    expect(() => r.addHeld({ venue: 'kalshi', market: 'K1', eventKey: 'E1' }, bad)).toThrow(UnitError);
    expect(() => r.recordFill({ venue: 'kalshi', market: 'K1', eventKey: 'E1' }, m(1), bad)).toThrow(
      UnitError,
    );
    expect(r.marketRoom('kalshi', 'K1')).toBe(100_000_000);
    expect(r.lockedCash('kalshi')).toBe(0);
  });
});
