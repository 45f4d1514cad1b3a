import { describe, expect, it } from 'vitest';
import { runSimDetection } from '../../src/app/detect/sim-detection.ts';
import { MarketIdTable, type MarketId } from '../../src/core/market.ts';
import { type Leg, verify } from '../../src/core/portfolio.ts';
import { coreRelations } from '../../src/mapping/relations.ts';
import { buildDefaultScenario, scenarioMapping } from '../../src/sim/universe/index.ts';

const HOUR = 3_600_000;
const SCAN = 500;

describe('detection against the default simulator scenario (seed 3, one simulated hour)', () => {
  const scenario = buildDefaultScenario(3);
  const marketOf = new Map(scenario.markets.map((m) => [`${m.venue}|${m.key}`, m]));
  const executableProblems: string[] = [];
  const result = runSimDetection({
    scenario,
    seed: 3,
    durationMs: HOUR,
    onOpportunity: (o, exchanges) => {
      // At the moment it is reported, every leg must be buyable at its price on the simulator's true book.
      for (const l of o.legs) {
        const book = exchanges[l.venue].book(l.key)!;
        const levels =
          l.outcome === 'YES'
            ? book.asks.map((x) => [x.yesPx, x.qty])
            : book.bids.map((x) => [10_000 - x.yesPx, x.qty]);
        const available = levels.filter(([px]) => px! <= l.px).reduce((s, [, q]) => s + q!, 0);
        if (available < l.qty)
          executableProblems.push(
            `${o.id} ${l.venue}:${l.key} ${l.outcome} ${l.qty}@${l.px} only ${available}`,
          );
      }
    },
  });

  it('finds every arbitrage window the simulator knows it created', () => {
    expect(result.windows.length).toBeGreaterThan(20);
    const missed = result.windows.filter((w) => {
      const spans = result.sightings.get(w.relationId) ?? [];
      const end = w.closedMs ?? result.endMs;
      return !spans.some(([first, last]) => first <= end && last >= w.openedMs - SCAN);
    });
    expect(missed.map((w) => `${w.lane} ${w.relationId} @${w.openedMs}`)).toEqual([]);
  });

  it('reports no opportunity the verifier rejects, and each is executable on the true book when reported', () => {
    expect(result.opportunities.length).toBeGreaterThan(20);
    const ids = new MarketIdTable();
    const relations = coreRelations(scenarioMapping(scenario), ids);
    for (const o of result.opportunities) {
      const legs: Leg[] = o.legs.map((l) => ({
        venue: l.venue,
        market: ids.intern(l.venue, l.key) as MarketId,
        outcome: l.outcome,
        side: 'BUY',
        px: l.px,
        qty: l.qty,
        fees: marketOf.get(`${l.venue}|${l.key}`)!.fees,
      }));
      const v = verify(legs, relations);
      expect(v.ok).toBe(true);
      // With every true relation known, the guarantee can only be at least what detection claimed.
      if (v.ok) expect(v.value.edge).toBeGreaterThanOrEqual(o.edge);
      expect(o.edge).toBeGreaterThan(0);
    }
    expect(executableProblems).toEqual([]);
  });

  it('covers the lanes the simulator produces', () => {
    const lanes = new Set(result.opportunities.map((o) => o.lane));
    for (const lane of new Set(result.windows.map((w) => w.lane))) expect(lanes).toContain(lane);
  });
});
