/**
 * The simulator and the adapter implement Polymarket's book hashes and order amounts separately (the simulator
 * may not import adapter code: .dependency-cruiser.cjs `sim-not-venues`). Two independent implementations of one
 * venue rule must agree on every input; a disagreement means one of them misreads the venue.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Level } from '../../../src/core/market.ts';
import type { Px, Qty } from '../../../src/core/units.ts';
import { readAmounts } from '../../../src/sim/polymarket/amounts.ts';
import { feedBookHash, summaryHash, toWire } from '../../../src/sim/polymarket/book-hash.ts';
import {
  amountsFor,
  hashWithBlankHash,
  priceSizeFromAmounts,
  wireLevelsBestLast,
  wsBookHash,
} from '../../../src/venues/polymarket/index.ts';

const RUNS = { numRuns: 2_000, seed: 14 };

const level = fc.record({
  px: fc.integer({ min: 1, max: 9_999 }).map((n) => n as Px),
  qty: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 1e12 })).map((n) => n as Qty),
});
const levels = fc.array(level, { maxLength: 30 });
const id = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'0123456789abcdefx'), minLength: 1, maxLength: 66 }),
  fc.string(),
  fc.constant('0x"quoted"\\'),
);
const side = fc.constantFrom('BUY' as const, 'SELL' as const);

describe('simulator and adapter agree on Polymarket rules (seed 14)', () => {
  it('wire levels: best last, same strings', () => {
    fc.assert(
      fc.property(levels, (ls: Level[]) => {
        expect(toWire(ls)).toEqual(wireLevelsBestLast(ls));
      }),
      RUNS,
    );
  });

  it('WebSocket book hash over the same book and summary fields', () => {
    const decimal = fc.oneof(fc.constant(''), fc.stringMatching(/^[0-9]{1,3}(\.[0-9]{1,4})?$/));
    const fields = fc.record({
      min_order_size: decimal,
      tick_size: decimal,
      neg_risk: fc.boolean(),
      last_trade_price: decimal,
    });
    fc.assert(
      fc.property(
        id,
        id,
        fc.integer({ min: 0, max: 4e12 }),
        levels,
        levels,
        fields,
        (market, asset, ms, bids: Level[], asks: Level[], f) => {
          const ts = String(ms);
          const meta = {
            minOrderSize: f.min_order_size,
            tickSize: f.tick_size,
            negRisk: f.neg_risk,
            lastTradePrice: f.last_trade_price,
          };
          expect(feedBookHash(market, asset, ts, toWire(bids), toWire(asks), f)).toBe(
            wsBookHash(market, asset, ts, bids, asks, meta),
          );
        },
      ),
      RUNS,
    );
  });

  it('REST summary hash, whatever the keys and their order', () => {
    const value = fc.oneof(fc.string(), fc.boolean(), fc.integer(), levels.map(toWire), fc.constant(null));
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), value, { maxKeys: 12 }),
        fc.option(fc.string(), { nil: undefined }),
        (fields, hash) => {
          const summary: Record<string, unknown> = { ...fields };
          if (hash !== undefined) summary.hash = hash;
          expect(summaryHash(summary)).toBe(hashWithBlankHash(summary));
        },
      ),
      RUNS,
    );
  });

  it('amounts the adapter signs read back to the same price and size', () => {
    fc.assert(
      fc.property(
        side,
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 1e13 }),
        (s, px, qty) => {
          const a = amountsFor(s, px as Px, qty as Qty);
          expect(readAmounts(s, a.makerAmount, a.takerAmount)).toEqual({ ok: true, px, qty });
        },
      ),
      RUNS,
    );
  });

  it('any amounts: both accept the same orders with the same price and size, and refuse the same', () => {
    // Near-valid amounts (exact, off by one, scaled) reach every branch; raw ones cover the rest.
    const near = fc
      .tuple(
        fc.integer({ min: 0, max: 10_001 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: -2, max: 2 }),
        fc.integer({ min: -2, max: 2 }),
      )
      .map(([px, qty, dShares, dCollateral]) => {
        const shares = BigInt(qty) * 10_000n + BigInt(dShares);
        const collateral = BigInt(px) * BigInt(qty) + BigInt(dCollateral);
        return [shares < 0n ? 0n : shares, collateral < 0n ? 0n : collateral] as const;
      });
    const raw = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.bigInt({ min: 0n, max: 10n ** 24n }));
    fc.assert(
      fc.property(side, fc.oneof(near, raw), (s, [shares, collateral]) => {
        const [maker, taker] = s === 'BUY' ? [collateral, shares] : [shares, collateral];
        const sim = readAmounts(s, maker, taker);
        const adapter = priceSizeFromAmounts(s, maker, taker);
        expect(sim.ok).toBe(adapter.ok);
        if (sim.ok && adapter.ok) expect([sim.px, sim.qty]).toEqual([adapter.px, adapter.qty]);
      }),
      RUNS,
    );
  });
});
