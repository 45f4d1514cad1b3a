/**
 * Test helper: draws world states consistent with a scenario's groups (a winner per exclusive group by p0, a
 * level per ladder, a coin per independent proposition) and evaluates markets and mapping relations on them.
 */
import type { Rng } from '../../../src/core/rng.ts';
import type { MappingRelation, MarketRef } from '../../../src/mapping/types.ts';
import type { Scenario, ScenarioMarket } from '../../../src/sim/universe/types.ts';

export type Truth = ReadonlyMap<string, boolean>;

export function sampleTruth(s: Scenario, rng: Rng): Truth {
  const p0 = new Map(s.propositions.map((p) => [p.id, p.p0]));
  const truth = new Map<string, boolean>();
  for (const g of s.groups) {
    if (g.kind === 'exclusive') {
      // Cumulative draw: past the last outcome (a non-exhaustive group) nobody wins.
      let r = rng.float();
      let winner: string | undefined;
      for (const p of g.props) {
        r -= p0.get(p)!;
        if (r < 0) {
          winner = p;
          break;
        }
      }
      for (const p of g.props) truth.set(p, p === winner);
    } else if (g.kind === 'ladder') {
      // One quantile for the whole ladder: "above K_i" holds exactly for the rungs whose p0 exceeds it.
      const u = rng.float();
      for (const p of g.props) truth.set(p, u < p0.get(p)!);
    } else {
      for (const p of g.props) truth.set(p, rng.float() < p0.get(p)!);
    }
  }
  for (const p of s.propositions) if (!truth.has(p.id)) truth.set(p.id, rng.bool());
  return truth;
}

export function yesPays(m: ScenarioMarket, truth: Truth): boolean {
  const t = truth.get(m.prop);
  if (t === undefined) throw new Error(`no truth for ${m.prop}`);
  return t !== m.inverted;
}

/** Whether the relation holds in this world; `payout(ref)` is the named market's YES outcome. */
export function relationHolds(r: MappingRelation, payout: (m: MarketRef) => boolean): boolean {
  switch (r.kind) {
    case 'equivalent':
      return r.polarity === 'same' ? payout(r.a) === payout(r.b) : payout(r.a) !== payout(r.b);
    case 'exclusive': {
      const yes = r.markets.filter(payout).length;
      return r.exhaustive ? yes === 1 : yes <= 1;
    }
    case 'implies':
      return !payout(r.a) || payout(r.b);
  }
}
