import { describe, expect, it } from 'vitest';
import { kalshiFeeModel, NO_FEES } from '../../src/core/fees.ts';
import { kalshiGrid, uniformGrid } from '../../src/core/market.ts';
import type { Micros, Px, Qty } from '../../src/core/units.ts';
import { proveAt, worstClearingPrice, type HeldFill } from '../../src/exec/proof.ts';
import { pairProof } from './proof-support.ts';

const fill = (px: number, qty: number, fee = 0): HeldFill => ({
  px: px as Px,
  qty: qty as Qty,
  fee: fee as Micros,
});

describe('proveAt: the package as it will stand', () => {
  const proof = pairProof(
    [
      { venue: 'kalshi', market: 'K', outcome: 'NO' },
      { venue: 'polymarket', market: 'P', outcome: 'YES' },
    ],
    { minEdgeBps: 100 },
  );

  it('prices unfilled legs at their limit and filled ones at what they really cost', () => {
    // 10 @ $0.40 + 10 @ $0.55 = $9.50 for $10: edge $0.50, 526 bps.
    expect(proveAt(proof, 1_000, [4_000 as Px, 5_500 as Px])).toMatchObject({ ok: true, edge: 500_000 });
    // Leg 0 already bought 10 at $0.38 with a $0.10 fee: $3.90 for it, so the edge is $0.60.
    const r = proveAt(proof, 1_000, [undefined, 5_500 as Px], [[fill(3_800, 1_000, 100_000)]]);
    expect(r).toMatchObject({ ok: true, edge: 600_000, fees: 100_000 });
  });

  it('counts the most expensive fills first when a leg holds more than the size, with their fee pro rata (up)', () => {
    // Leg 0 holds 15: 5 @ $0.36 and 10 @ $0.40 ($0.07 fee on the 10). For a size of 8 it counts 8 of the $0.40 fill
    // at ceil(0.07 × 8 / 10) = $0.056 of fee.
    const held = [[fill(3_600, 500), fill(4_000, 1_000, 70_000)]];
    const r = proveAt(proof, 800, [undefined, 5_500 as Px], held);
    expect(r).toMatchObject({ ok: true, cost: 8 * 400_000 + 8 * 550_000, fees: 56_000 });
  });

  it('refuses what does not clear: not positive, or under the minimum', () => {
    expect(proveAt(proof, 1_000, [4_000 as Px, 6_000 as Px])).toMatchObject({ ok: false, edge: 0 });
    // $0.40 + $0.59: 1¢ on 99¢, 101 bps → clears 100; $0.595 is off any cent grid but the verifier does not care.
    expect(proveAt(proof, 1_000, [4_000 as Px, 5_900 as Px])).toMatchObject({ ok: true, edgeBps: 101 });
    expect(proveAt(proof, 1_000, [4_000 as Px, 5_950 as Px])).toMatchObject({ ok: false, edgeBps: 50 });
    expect(proveAt(proof, 0, [4_000 as Px, 5_500 as Px])).toMatchObject({ ok: false });
    expect(proveAt(proof, 1_000, [4_000 as Px, undefined])).toMatchObject({
      ok: false,
      why: 'leg 1 has 1000 Qty to buy and no price',
    });
  });
});

describe('worstClearingPrice: the highest price on the leg’s grid at which the package still clears', () => {
  it('finds the boundary exactly, and respects the cap', () => {
    const proof = pairProof(
      [
        { venue: 'kalshi', market: 'K', outcome: 'NO', fees: NO_FEES },
        { venue: 'polymarket', market: 'P', outcome: 'YES', fees: NO_FEES, grid: uniformGrid(10 as Px) },
      ],
      { minEdgeBps: 300 },
    );
    const held = [[fill(4_000, 1_000)], []];
    // edge = $6 − 10p on $4 + 10p ≥ 3%: p ≤ 5.88 / 10.3 = $0.57087 → on a 0.001 grid, $0.570 ($0.571 earns 298).
    expect(worstClearingPrice(proof, 1, 1_000, [undefined, 5_500 as Px], held, 9_990 as Px)).toBe(5_700);
    expect(proveAt(proof, 1_000, [undefined, 5_710 as Px], held)).toMatchObject({ ok: false, edgeBps: 298 });
    expect(worstClearingPrice(proof, 1, 1_000, [undefined, 5_500 as Px], held, 5_650 as Px)).toBe(5_650);
    // Leg 0 paid $0.99: even leg 1 at $0.001 leaves 90 bps, under 300: nothing on the grid clears.
    expect(
      worstClearingPrice(proof, 1, 1_000, [undefined, 5_500 as Px], [[fill(9_900, 1_000)], []], 9_990 as Px),
    ).toBeUndefined();
  });

  it('walks a tapered Kalshi grid with its fees (cent steps in the middle, tenths at the ends)', () => {
    const proof = pairProof([
      { venue: 'polymarket', market: 'P', outcome: 'YES', fees: NO_FEES },
      {
        venue: 'kalshi',
        market: 'K',
        outcome: 'NO',
        fees: kalshiFeeModel(),
        grid: kalshiGrid('tapered_deci_cent'),
      },
    ]);
    // Leg 0 bought 10 YES at $0.05. Leg 1 (NO) may cost up to $0.95 minus its fee, on a grid with 0.001 steps above
    // $0.90: the answer is the last such price whose fee still leaves a positive edge.
    const px = worstClearingPrice(
      proof,
      1,
      1_000,
      [undefined, 9_000 as Px],
      [[fill(500, 1_000)], []],
      9_990 as Px,
    )!;
    expect(px % 10).toBe(0);
    expect(proveAt(proof, 1_000, [undefined, px], [[fill(500, 1_000)], []]).ok).toBe(true);
    expect(proveAt(proof, 1_000, [undefined, (px + 10) as Px], [[fill(500, 1_000)], []]).ok).toBe(false);
    expect(px).toBeGreaterThan(9_000);
    expect(px).toBeLessThan(9_500);
  });
});
