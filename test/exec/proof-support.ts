/** Proofs for executor tests: the relation that makes a hand-written two-leg plan an arbitrage. */
import { NO_FEES, type FeeModel } from '../../src/core/fees.ts';
import {
  MarketIdTable,
  uniformGrid,
  type Outcome,
  type TickGrid,
  type Venue,
} from '../../src/core/market.ts';
import type { Relation } from '../../src/core/portfolio.ts';
import type { Px } from '../../src/core/units.ts';
import type { PackageProof } from '../../src/exec/proof.ts';

export interface ProofLegSpec {
  readonly venue: Venue;
  readonly market: string;
  readonly outcome: Outcome;
  readonly fees?: FeeModel;
  readonly grid?: TickGrid;
}

/**
 * The proof of a package whose first two legs are one proposition listed twice: opposite outcomes of two
 * equivalent markets (YES here + NO there), or the same outcome of two complementary ones. Either way exactly one
 * of them pays $1; any further leg is unrelated (it may pay, it is not counted on).
 */
export function pairProof(
  legs: readonly ProofLegSpec[],
  opts: { minEdgeBps?: number; ids?: MarketIdTable } = {},
): PackageProof {
  if (legs.length < 2) throw new Error('pairProof takes two legs or more');
  const ids = opts.ids ?? new MarketIdTable();
  const m = legs.map((l) => ids.intern(l.venue, l.market));
  const [a, b] = m;
  const relation: Relation =
    legs[0]!.outcome === legs[1]!.outcome
      ? { kind: 'complement', a: a!, b: b! }
      : { kind: 'equivalent', a: a!, b: b! };
  return {
    relations: [relation],
    legs: legs.map((l, i) => ({
      venue: l.venue,
      market: m[i]!,
      outcome: l.outcome,
      fees: l.fees ?? NO_FEES,
      grid: l.grid ?? uniformGrid(100 as Px),
    })),
    minEdgeBps: opts.minEdgeBps ?? 0,
  };
}
