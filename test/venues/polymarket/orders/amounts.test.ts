/** Signed order amounts (orders/amounts.ts) equal the official builder's, and read back exactly. */
import { OrderBuilder, Side } from '@polymarket/clob-client-v2';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import type { Px, Qty } from '../../../../src/core/units.ts';
import { SIM_POLYMARKET_PRIVATE_KEY } from '../../../../src/sim/credentials.ts';
import { amountsFor, priceSizeFromAmounts, walletSigner } from '../../../../src/venues/polymarket/index.ts';
import { itSeeded } from '../../../support/seeds.ts';

const A = '71321045679252212594626385532706912750332728571942532289631379312455583992563';

describe('order amounts agree with the official client', () => {
  itSeeded('order amounts equal the official builder’s for prices on every tick grid', [11], async (seed) => {
    const signer = walletSigner(SIM_POLYMARKET_PRIVATE_KEY);
    const builder = new OrderBuilder(signer as never, 137);
    const ticks = [
      ['0.1', 1000],
      ['0.01', 100],
      ['0.005', 50],
      ['0.001', 10],
      ['0.0025', 25],
      ['0.0001', 1],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ticks),
        fc.integer({ min: 1, max: 9_999 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom('BUY' as const, 'SELL' as const),
        async ([tick, step], k, q, side) => {
          const p = Math.min(Math.max(step, Math.round(k / step) * step), 10_000 - step);
          const ours = amountsFor(side, p as Px, q as Qty);
          const theirs = await builder.buildOrder(
            { tokenID: A, price: p / 10_000, size: q / 100, side: side === 'BUY' ? Side.BUY : Side.SELL },
            { tickSize: tick, negRisk: false },
            2,
          );
          expect([theirs.makerAmount, theirs.takerAmount]).toEqual([
            ours.makerAmount.toString(),
            ours.takerAmount.toString(),
          ]);
          expect(priceSizeFromAmounts(side, ours.makerAmount, ours.takerAmount)).toEqual({
            ok: true,
            px: p,
            qty: q,
          });
        },
      ),
      { seed, numRuns: 60 },
    );
    expect(priceSizeFromAmounts('BUY', 1_000_001n, 2_000_000n)).toEqual({
      ok: false,
      problem: 'price_precision',
    });
    expect(priceSizeFromAmounts('BUY', 1_000_000n, 2_000_001n)).toEqual({
      ok: false,
      problem: 'size_precision',
    });
    expect(priceSizeFromAmounts('SELL', 0n, 1n)).toEqual({ ok: false, problem: 'zero' });
  });
});
