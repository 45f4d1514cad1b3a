/**
 * The consistency checks against brute force over every world state (each market YES or NO).
 */
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { itSeeded } from '../support/seeds.ts';
import { checkMapping, type MappingIssue, type MappingRelation } from '../../src/mapping/index.ts';
import { eq, exclusive, implies, kalshi, mappingOf, market } from './support.ts';

const names = (n: number) => Array.from({ length: n }, (_, i) => `M${i}`);
const universeOf = (n: number) => names(n).map((k) => market(kalshi(k)));
const isPolarity = (i: MappingIssue) => i.message.startsWith('polarity conflict');
const isContradiction = (i: MappingIssue) =>
  i.severity === 'error' && (isPolarity(i) || i.message.startsWith('contradiction'));

/** Does `world` (bit i = market Mi resolves YES) satisfy `r`? */
function holds(r: MappingRelation, world: number): boolean {
  const v = (m: { market: string }) => ((world >> Number(m.market.slice(1))) & 1) === 1;
  switch (r.kind) {
    case 'equivalent':
      return r.polarity === 'same' ? v(r.a) === v(r.b) : v(r.a) !== v(r.b);
    case 'implies':
      return !v(r.a) || v(r.b);
    case 'exclusive': {
      const yes = r.markets.filter(v).length;
      return r.exhaustive ? yes === 1 : yes <= 1;
    }
  }
}

const worlds = (n: number, relations: readonly MappingRelation[]): number[] =>
  Array.from({ length: 1 << n }, (_, w) => w).filter((w) => relations.every((r) => holds(r, w)));

const equivalence = (n: number) =>
  fc.record({
    a: fc.nat(n - 1),
    b: fc.nat(n - 1),
    polarity: fc.constantFrom('same' as const, 'inverted' as const),
  });

describe('polarity conflicts', () => {
  itSeeded('are reported iff the equivalence graph has no consistent 2-colouring', [], (seed) => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 7 })
          .chain((n) => fc.tuple(fc.constant(n), fc.array(equivalence(n), { maxLength: 12 }))),
        ([n, edges]) => {
          const relations = edges.map((e, i) =>
            eq(`e${i}`, kalshi(`M${e.a}`), kalshi(`M${e.b}`), e.polarity),
          );
          const issues = checkMapping(mappingOf(relations), universeOf(n));
          const colourable = worlds(n, relations).length > 0;
          expect(issues.some(isPolarity)).toBe(!colourable);
          // Equivalences alone can only ever produce polarity conflicts (and a == b cardinality errors).
          for (const i of issues) expect(isPolarity(i) || i.message.includes('related to itself')).toBe(true);
          // Every conflict names only equivalences of the file.
          for (const i of issues.filter(isPolarity))
            for (const id of i.message.match(/"e\d+"/g) ?? [])
              expect(relations.some((r) => `"${r.id}"` === id)).toBe(true);
        },
      ),
      { seed, numRuns: 500 },
    );
  });
});

const relation = (n: number): fc.Arbitrary<MappingRelation> =>
  fc.oneof(
    equivalence(n).map((e) => eq('', kalshi(`M${e.a}`), kalshi(`M${e.b}`), e.polarity)),
    fc
      .record({ a: fc.nat(n - 1), b: fc.nat(n - 1) })
      .map((e) => implies('', kalshi(`M${e.a}`), kalshi(`M${e.b}`))),
    // Exhaustive only for pairs: a longer "at least one" is not 2-SAT, so the check is complete only without them.
    fc.uniqueArray(fc.nat(n - 1), { minLength: 2, maxLength: Math.min(3, n) }).chain((ms) =>
      fc.boolean().map((ex) =>
        exclusive(
          '',
          ms.map((m) => kalshi(`M${m}`)),
          ex && ms.length === 2,
        ),
      ),
    ),
  );

describe('contradictions and forced outcomes (2-SAT)', () => {
  itSeeded(
    'an error iff no world satisfies every relation; a forced-outcome warning iff some market is fixed',
    [],
    (seed) => {
      fc.assert(
        fc.property(
          fc
            .integer({ min: 2, max: 6 })
            .chain((n) => fc.tuple(fc.constant(n), fc.array(relation(n), { maxLength: 8 }))),
          ([n, raw]) => {
            const relations = raw.map((r, i) => ({ ...r, id: `r${i}` }));
            const issues = checkMapping(mappingOf(relations), universeOf(n));
            const feasible = worlds(n, relations);
            expect(issues.some(isContradiction)).toBe(feasible.length === 0);
            if (feasible.length === 0) return;
            // Only markets some relation mentions can be forced (a free market takes both values).
            const mentioned = new Set(
              relations
                .flatMap((r) => (r.kind === 'exclusive' ? r.markets : [r.a, r.b]))
                .map((m) => m.market),
            );
            const fixed = [...mentioned].some((m) => {
              const bit = 1 << Number(m.slice(1));
              return feasible.every((w) => (w & bit) !== 0) || feasible.every((w) => (w & bit) === 0);
            });
            expect(issues.some((i) => / can never resolve (YES|NO) /.test(i.message))).toBe(fixed);
          },
        ),
        { seed, numRuns: 500 },
      );
    },
  );
});
