import { describe, expect, it } from 'vitest';
import { kalshiFeeModel, polymarketFeeModel } from '../../src/core/fees.ts';
import { verify } from '../../src/core/portfolio.ts';
import type { Opportunity } from '../../src/hot/opportunity.ts';
import { id, lv, world } from './support.ts';

const only = (opps: ReadonlyMap<number, Opportunity>, lane: string): Opportunity[] =>
  [...opps.values()].filter((o) => o.lane === lane);

describe('cross_venue', () => {
  const rel = [{ kind: 'equivalent' as const, id: 'eq', a: id(0), b: id(1), polarity: 'same' as const }];

  it('buys YES on one venue and NO on the other: 10 contracts of YES 0.40 + NO 0.55, no fees → edge $0.50', () => {
    const w = world([{ venue: 'kalshi' }, { venue: 'polymarket' }], rel);
    w.book(0, [lv(3800, 50)], [lv(4000, 10)]);
    w.book(1, [lv(4500, 10)], [lv(4700, 50)]); // NO ask = 1 − 0.45 = 0.55
    const [o] = only(w.detector.opportunities(), 'cross_venue');
    expect(o).toMatchObject({
      style: 'YES_A+NO_B',
      qty: 1000,
      guaranteedPayout: 10_000_000,
      cost: 9_500_000,
      fees: 0,
      edge: 500_000,
      edgeBps: 526,
    });
    expect(o!.legs.map((l) => [l.key, l.outcome, l.px])).toEqual([
      ['KX0', 'YES', 4000],
      ['0x1', 'NO', 5500],
    ]);
  });

  it('charges each venue its own fee, and fees can turn a gross edge negative', () => {
    const fees = [
      { venue: 'kalshi' as const, fees: kalshiFeeModel() },
      { venue: 'polymarket' as const, fees: polymarketFeeModel(40_000) },
    ];
    const w = world(fees, rel);
    w.book(0, [], [lv(4000, 10)]);
    w.book(1, [lv(4500, 10)], []);
    const [o] = only(w.detector.opportunities(), 'cross_venue');
    // Kalshi: 0.07 × 10 × 0.4 × 0.6 = 0.168 → $0.17; Polymarket: 10 × 0.04 × 0.55 × 0.45 = 0.099
    expect(o).toMatchObject({ cost: 9_500_000, fees: 170_000 + 99_000, edge: 500_000 - 269_000 });
    // YES 0.48 + NO 0.50: gross $0.20 on 10 contracts, fees 0.18 + 0.10 = $0.28 → not an opportunity
    w.book(0, [], [lv(4800, 10)]);
    w.book(1, [lv(5000, 10)], []);
    expect(only(w.detector.opportunities(), 'cross_venue')).toEqual([]);
  });

  it('inverts polarity: "A wins" on Kalshi vs "B wins" (= not A) on Polymarket trades YES + YES', () => {
    const w = world(
      [{ venue: 'kalshi' }, { venue: 'polymarket' }],
      [{ kind: 'equivalent', id: 'inv', a: id(0), b: id(1), polarity: 'inverted' }],
    );
    w.book(0, [lv(5000, 20)], [lv(5200, 20)]); // A wins ask 0.52
    w.book(1, [lv(4200, 20)], [lv(4400, 20)]); // B wins ask 0.44 → 0.96 for a sure $1
    const [o] = only(w.detector.opportunities(), 'cross_venue');
    expect(o!.style).toBe('YES_A+YES_B');
    expect(o!.edge).toBe(800_000); // $0.04 × 20 contracts
    // Read with the wrong polarity, the same books mean something else entirely: NO A (0.50) + YES B (0.44).
    const same = world(
      [{ venue: 'kalshi' }, { venue: 'polymarket' }],
      [{ kind: 'equivalent', id: 'eq', a: id(0), b: id(1), polarity: 'same' }],
    );
    same.book(0, [lv(5000, 20)], [lv(5200, 20)]);
    same.book(1, [lv(4200, 20)], [lv(4400, 20)]);
    expect(only(same.detector.opportunities(), 'cross_venue').map((x) => [x.style, x.edge])).toEqual([
      ['NO_A+YES_B', 1_200_000],
    ]);
  });

  it('walks depth: takes a second level while it still pays, and prices every leg at its worst level', () => {
    const w = world([{ venue: 'kalshi' }, { venue: 'polymarket' }], rel);
    w.book(0, [], [lv(4000, 10), lv(4200, 30), lv(4600, 100)]);
    w.book(1, [lv(5000, 25), lv(4000, 100)], []); // NO asks 0.50 ×25, 0.60 ×100
    const [o] = only(w.detector.opportunities(), 'cross_venue');
    // level 1: 10 @ (0.40 + 0.50) → +0.10; level 2: 15 more @ (0.42 + 0.50) → +0.08 each; then 0.42 + 0.60 > 1
    // priced conservatively at worst levels: 25 × (1 − 0.42 − 0.50) = $2.00 beats 10 × 0.10 = $1.00
    expect(o).toMatchObject({ qty: 2500, edge: 2_000_000 });
    expect(o!.legs.map((l) => l.px)).toEqual([4200, 5000]);
  });

  it('respects minimum sizes and minimum edge', () => {
    const w = world([{ venue: 'kalshi' }, { venue: 'polymarket', minContracts: 5 }], rel, {
      limits: { cross_venue: { minEdgeBps: 600 } },
    });
    w.book(0, [], [lv(4000, 3)]);
    w.book(1, [lv(4500, 3)], []);
    expect(only(w.detector.opportunities(), 'cross_venue')).toEqual([]); // 3 < Polymarket's 5-share minimum
    w.book(0, [], [lv(4000, 10)]);
    w.book(1, [lv(4500, 10)], []);
    expect(only(w.detector.opportunities(), 'cross_venue')).toEqual([]); // 526 bps < 600 bps
  });
});

describe('event_tree', () => {
  it('3-outcome exclusive set with YES asks 0.30/0.30/0.35 → buy all three for $0.95', () => {
    const w = world(
      [{ venue: 'kalshi' }, { venue: 'kalshi' }, { venue: 'kalshi' }],
      [{ kind: 'exclusive', id: 'ev', markets: [id(0), id(1), id(2)], exhaustive: true }],
    );
    w.book(0, [lv(2800, 10)], [lv(3000, 10)]);
    w.book(1, [lv(2800, 10)], [lv(3000, 10)]);
    w.book(2, [lv(3300, 10)], [lv(3500, 10)]);
    const [o] = only(w.detector.opportunities(), 'event_tree');
    expect(o).toMatchObject({
      style: 'YES-basket',
      qty: 1000,
      guaranteedPayout: 10_000_000,
      cost: 9_500_000,
      edge: 500_000,
    });
  });

  it('a negRisk event with a placeholder outcome is not exhaustive: no YES basket, only the NO basket', () => {
    const rel = [
      { kind: 'exclusive' as const, id: 'neg', markets: [id(0), id(1), id(2)], exhaustive: false },
    ];
    const w = world([{ venue: 'polymarket' }, { venue: 'polymarket' }, { venue: 'polymarket' }], rel);
    w.book(0, [lv(2800, 10)], [lv(3000, 10)]);
    w.book(1, [lv(2800, 10)], [lv(3000, 10)]);
    w.book(2, [lv(3300, 10)], [lv(3500, 10)]);
    expect(w.shapes.filter((s) => s.lane === 'event_tree').map((s) => s.style)).toEqual(['NO-basket']);
    expect(only(w.detector.opportunities(), 'event_tree')).toEqual([]);
    // NO asks 0.72 + 0.72 + 0.67 = 2.11 > the guaranteed 2: still nothing. Bids of 0.36 each make NO asks 0.64:
    w.book(0, [lv(3600, 10)], [lv(3800, 10)]);
    w.book(1, [lv(3600, 10)], [lv(3800, 10)]);
    w.book(2, [lv(3600, 10)], [lv(3800, 10)]);
    const [o] = only(w.detector.opportunities(), 'event_tree');
    expect(o).toMatchObject({
      style: 'NO-basket',
      guaranteedPayout: 20_000_000,
      cost: 19_200_000,
      edge: 800_000,
    });
  });

  it('buys each member on whichever venue is cheaper (cross-venue basket)', () => {
    const w = world(
      [{ venue: 'kalshi' }, { venue: 'kalshi' }, { venue: 'polymarket' }],
      [
        { kind: 'exclusive', id: 'ev', markets: [id(0), id(1)], exhaustive: true },
        { kind: 'equivalent', id: 'eq', a: id(1), b: id(2), polarity: 'same' },
      ],
    );
    w.book(0, [], [lv(4500, 10)]);
    w.book(1, [], [lv(5800, 10)]); // too dear on Kalshi…
    w.book(2, [], [lv(5300, 10)]); // …but cheap on Polymarket: 0.45 + 0.53 = 0.98
    const [o] = only(w.detector.opportunities(), 'event_tree');
    expect(o!.legs.map((l) => [l.venue, l.key, l.outcome])).toEqual([
      ['kalshi', 'KX0', 'YES'],
      ['polymarket', '0x2', 'YES'],
    ]);
    expect(o!.edge).toBe(200_000);
  });
});

describe('structural, parity and intra_venue', () => {
  it('implication A ⇒ B violated: NO of A 0.40 + YES of B 0.50 pays $1 for $0.90', () => {
    const w = world(
      [{ venue: 'kalshi' }, { venue: 'kalshi' }],
      [{ kind: 'implies', id: 'imp', a: id(0), b: id(1) }],
    );
    w.book(0, [lv(6000, 10)], [lv(6200, 10)]); // P(A) bid 0.60 → NO ask 0.40
    w.book(1, [lv(4800, 10)], [lv(5000, 10)]); // P(B) ask 0.50 < P(A): violated
    const [o] = only(w.detector.opportunities(), 'structural');
    expect(o).toMatchObject({ style: 'NO_A+YES_B', cost: 9_000_000, edge: 1_000_000 });
  });

  it('parity on one venue: "X wins" and "X loses" both cheap', () => {
    const w = world(
      [{ venue: 'polymarket' }, { venue: 'polymarket' }],
      [{ kind: 'equivalent', id: 'par', a: id(0), b: id(1), polarity: 'inverted' }],
    );
    w.book(0, [], [lv(4800, 10)]);
    w.book(1, [], [lv(4900, 10)]);
    expect(only(w.detector.opportunities(), 'parity')[0]).toMatchObject({ edge: 300_000 });
  });

  it('intra_venue: a crossed book buys YES and NO of the same market', () => {
    const w = world([{ venue: 'polymarket' }], []);
    w.book(0, [lv(5200, 10)], [lv(5000, 10)]); // bid 0.52 ≥ ask 0.50: YES 0.50 + NO 0.48
    expect(only(w.detector.opportunities(), 'intra_venue')[0]).toMatchObject({
      style: 'YES+NO',
      edge: 200_000,
    });
    w.book(0, [lv(4900, 10)], [lv(5000, 10)]);
    expect(w.detector.opportunities().size).toBe(0);
  });

  it('ignores untrusted books and disabled lanes', () => {
    const rel = [{ kind: 'equivalent' as const, id: 'eq', a: id(0), b: id(1), polarity: 'same' as const }];
    const w = world([{ venue: 'kalshi' }, { venue: 'polymarket' }], rel);
    w.book(0, [], [lv(4000, 10)]);
    w.book(1, [lv(4500, 10)], []);
    expect(w.detector.opportunities().size).toBe(1);
    w.books.invalidate(id(1));
    w.detector.onBookChange(id(1), 2_000);
    expect(w.detector.opportunities().size).toBe(0);
    const off = world([{ venue: 'kalshi' }, { venue: 'polymarket' }], rel, {
      limits: { cross_venue: { enabled: false } },
    });
    off.book(0, [], [lv(4000, 10)]);
    off.book(1, [lv(4500, 10)], []);
    expect(off.detector.opportunities().size).toBe(0);
  });

  it('every opportunity re-verifies independently, and its id is stable within a time bucket', () => {
    const w = world(
      [{ venue: 'kalshi' }, { venue: 'polymarket' }],
      [{ kind: 'equivalent', id: 'eq', a: id(0), b: id(1), polarity: 'same' }],
      { realFees: true },
    );
    w.book(0, [], [lv(4000, 10)], 5_000);
    w.book(1, [lv(4500, 10)], [], 5_000);
    const [o] = [...w.detector.opportunities().values()];
    const v = verify(
      o!.legs.map((l) => ({
        venue: l.venue,
        market: l.market,
        outcome: l.outcome,
        side: 'BUY' as const,
        px: l.px,
        qty: l.qty,
        fees: w.table.get(l.market).fees,
      })),
      w.shapes[o!.shape]!.proof,
    );
    expect(v.ok && v.value.edge).toBe(o!.edge);
    const again = w.detector.rescan(59_999).get(o!.shape)!;
    expect(again.id).toBe(o!.id);
    expect(w.detector.rescan(60_000).get(o!.shape)!.id).not.toBe(o!.id);
  });
});
