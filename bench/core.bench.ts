/** Core domain costs: the codecs on every venue message, the fee models, and the payout verifier. */
import { kalshiFeeCents, kalshiFeeModel, polymarketFee, polymarketFeeModel } from '../src/core/fees.ts';
import type { MarketId } from '../src/core/market.ts';
import { type Leg, type Relation, verify } from '../src/core/portfolio.ts';
import { asPx, asQty, type Px, pxFromDollars, type Qty, qtyFromDecimal } from '../src/core/units.ts';
import { type BenchResult, timeNsPerCall } from './harness.ts';

const prices = Array.from({ length: 1024 }, (_, i) => `0.${String(1 + (i % 98)).padStart(2, '0')}00`);
const sizes = Array.from(
  { length: 1024 },
  (_, i) => `${(i * 37) % 5000}.${String(i % 100).padStart(2, '0')}`,
);

function legs(n: number): Leg[] {
  return Array.from({ length: n }, (_, i) => ({
    venue: 'kalshi' as const,
    market: i as MarketId,
    outcome: 'YES' as const,
    side: 'BUY' as const,
    px: asPx(Math.floor(9_000 / n)),
    qty: asQty(1_000),
    fees: kalshiFeeModel(),
  }));
}

export function coreBenches(): BenchResult[] {
  const K = kalshiFeeModel();
  const PM = polymarketFeeModel(40_000);
  const cross = [
    { ...legs(1)[0]!, market: 0 as MarketId },
    { ...legs(1)[0]!, market: 1 as MarketId, outcome: 'NO' as const, venue: 'polymarket' as const, fees: PM },
  ];
  const crossRel: Relation[] = [{ kind: 'equivalent', a: 0 as MarketId, b: 1 as MarketId }];
  const tree = legs(12);
  const treeRel: Relation[] = [{ kind: 'exactlyOne', markets: tree.map((l) => l.market) }];
  return [
    timeNsPerCall('core.codec.px_from_dollars', (i) => pxFromDollars(prices[i & 1023]!)),
    timeNsPerCall('core.codec.qty_from_decimal', (i) => qtyFromDecimal(sizes[i & 1023]!)),
    timeNsPerCall('core.fees.kalshi', (i) =>
      // Casts, not asPx/asQty: these run inside the timed loop, and a check would be timed with the fee.
      kalshiFeeCents(K, 'taker', (100 + (i % 9800)) as Px, (100 + (i & 4095)) as Qty),
    ),
    timeNsPerCall('core.fees.polymarket', (i) =>
      // In range by construction (100…9899 Px, 100…4195 Qty); cast for the same reason as above.
      polymarketFee(PM, 'taker', (100 + (i % 9800)) as Px, (100 + (i & 4095)) as Qty),
    ),
    timeNsPerCall('core.verify.cross_venue_pair', () => verify(cross, crossRel), { batch: 200 }),
    timeNsPerCall('core.verify.exclusive_12_outcomes', () => verify(tree, treeRel), { batch: 20 }),
  ];
}
