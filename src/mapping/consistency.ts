/**
 * Can every relation of the mapping hold at once? Three checks, from the most to the least certain:
 *
 * 1. Polarity conflicts (error): equivalences chained transitively make a market equal to its own negation.
 *    Found with a parity union-find; the message names the chain of equivalences.
 * 2. Contradictions (error): with implications and exclusive sets added (a 2-SAT implication graph), some
 *    market would imply its own negation *and* be implied by it: no world state satisfies the file. The
 *    payout verifier would then "prove" payouts over an empty set of states, so this must not load.
 *    Forced outcomes (warning): a market that can only ever resolve one way ("A ⇒ B" plus "A = NOT B" forces A
 *    to NO). Legal, but almost always a mistake in one of the relations.
 * 3. Implication cycles (warning): implications that loop (A ⇒ B ⇒ A) make markets equal that no equivalence
 *    declares: either an equivalence is missing or an implication points the wrong way.
 *
 * The graph leaves out exhaustiveness of sets longer than two (a clause of three literals is not 2-SAT), so
 * check 2 is sound (every finding is real) but not complete for those sets.
 */
import { issueError, issueWarning, type MappingIssue } from './issues.ts';
import { LiteralGraph, marketOf, negate, no, yes, type EdgeFilter } from './literal-graph.ts';
import { ParityUnionFind } from './parity-union-find.ts';
import type { MappingRelation, MarketRef } from './types.ts';

export interface IndexedRelation {
  readonly relation: MappingRelation;
  /** Position in the file, for issue paths. */
  readonly index: number;
}

const describe = (r: MarketRef): string => `${r.venue} ${r.market}`;

/** Dense node numbers for market refs. */
class Markets {
  private readonly ids = new Map<string, number>();
  readonly refs: MarketRef[] = [];
  id(r: MarketRef): number {
    const k = `${r.venue}:${r.market}`;
    let id = this.ids.get(k);
    if (id === undefined) {
      id = this.refs.length;
      this.ids.set(k, id);
      this.refs.push(r);
    }
    return id;
  }
}

export function consistencyIssues(relations: readonly IndexedRelation[]): MappingIssue[] {
  const markets = new Markets();
  const byIndex = new Map(relations.map((r) => [r.index, r.relation]));
  const name = (index: number): string => {
    const r = byIndex.get(index);
    return r ? `"${r.id}"` : `relations.${index}`;
  };
  const names = (indices: readonly number[]): string => [...new Set(indices)].map(name).join(', ');
  const at = (indices: readonly number[]): string => `relations.${Math.max(...indices)}`;

  const issues: MappingIssue[] = [];
  const classes = new ParityUnionFind();
  const graph = new LiteralGraph();
  for (const { relation: r, index } of relations) {
    if (r.kind === 'equivalent') {
      const a = markets.id(r.a);
      const b = markets.id(r.b);
      const inverted = r.polarity === 'inverted';
      if (classes.union(a, b, inverted ? 1 : 0, index) === 'conflict') {
        // The chain from b back to a through accepted equivalences, then this relation closing the loop.
        const chain = [...classes.chain(b, a), index];
        issues.push(
          issueError(
            `relations.${index}`,
            `polarity conflict: equivalences ${chain.map((i) => describeEquivalence(byIndex.get(i), name(i))).join('; ')} ` +
              `chain ${describe(r.b)} to its own negation; at least one of them has the wrong polarity`,
            { code: 'polarity-conflict', relations: [...new Set(chain)] },
          ),
        );
        continue; // keep the contradiction out of the graph: it is reported once, here
      }
      graph.imply(yes(a), inverted ? no(b) : yes(b), index, 'equivalent');
      graph.imply(inverted ? no(b) : yes(b), yes(a), index, 'equivalent');
    } else if (r.kind === 'implies') {
      const a = markets.id(r.a);
      const b = markets.id(r.b);
      if (a !== b) graph.imply(yes(a), yes(b), index, 'implies');
    } else {
      const members = [...new Set(r.markets.map((m) => markets.id(m)))];
      // x ⇒ ¬y for each pair; the contrapositive y ⇒ ¬x comes with it.
      members.forEach((x, i) => {
        for (const y of members.slice(i + 1)) graph.imply(yes(x), no(y), index, 'exclusive');
      });
      const [first, second] = members;
      if (r.exhaustive && members.length === 2 && first !== undefined && second !== undefined)
        graph.imply(no(first), yes(second), index, 'exclusive');
    }
  }

  // 2. Contradictions and forced outcomes over the whole graph.
  const comp = graph.components();
  const unsat = new Set<number>();
  for (let m = 0; m < markets.refs.length; m++) {
    if (!graph.hasEdges(yes(m)) && !graph.hasEdges(no(m))) continue;
    if (comp[yes(m)] !== comp[no(m)] || unsat.has(comp[yes(m)]!)) continue;
    unsat.add(comp[yes(m)]!);
    const rels = [...(graph.path(yes(m), no(m)) ?? []), ...(graph.path(no(m), yes(m)) ?? [])];
    issues.push(
      issueError(
        at(rels),
        `contradiction: relations ${names(rels)} cannot all hold: they make ${describe(markets.refs[m]!)} ` +
          `both imply and follow from its own negation, so no outcome satisfies them`,
        { code: 'contradiction', relations: [...new Set(rels)] },
      ),
    );
  }
  const reportedClass = new Set<string>();
  for (let m = 0; m < markets.refs.length; m++) {
    if (unsat.has(comp[yes(m)]!)) continue;
    for (const literal of [yes(m), no(m)]) {
      const rels = graph.path(literal, negate(literal));
      if (!rels) continue;
      // Equivalent markets are forced together: one finding per class and outcome.
      const { root, parity } = classes.find(m);
      const key = `${root}:${(literal & 1) ^ parity}`;
      if (reportedClass.has(key)) continue;
      reportedClass.add(key);
      const outcome = literal === yes(m) ? 'YES' : 'NO';
      issues.push(
        issueWarning(
          at(rels),
          `${describe(markets.refs[m]!)} can never resolve ${outcome} under relations ${names(rels)} ` +
            `(${outcome} would imply its own opposite); one of them is probably wrong`,
          { code: 'forced-outcome', relations: [...new Set(rels)] },
        ),
      );
    }
  }

  // 3. Implication cycles: strongly connected literals (through equivalences and implications only) that span
  // more than one equivalence class.
  const plain: EdgeFilter = (k) => k !== 'exclusive';
  const cyc = graph.components(plain);
  const members = new Map<number, number[]>();
  cyc.forEach((c, literal) => members.set(c, [...(members.get(c) ?? []), literal]));
  const seen = new Set<string>();
  for (const literals of members.values()) {
    if (literals.length < 2 || unsat.has(comp[literals[0]!]!)) continue;
    const roots = new Set(literals.map((l) => classes.find(marketOf(l)).root));
    if (roots.size < 2) continue;
    const rels = graph.relationsWithin(new Set(literals), (k) => k === 'implies');
    const key = rels.join(',');
    if (rels.length === 0 || seen.has(key)) continue; // the mirrored cycle (of the negations) is the same finding
    seen.add(key);
    const involved = [...new Set(literals.map(marketOf))].map((x) => describe(markets.refs[x]!));
    issues.push(
      issueWarning(
        at(rels),
        `implications ${names(rels)} form a cycle, which makes ${involved.join(', ')} the same proposition; ` +
          `declare them equivalent if that is meant, otherwise one implication points the wrong way`,
        { code: 'implication-cycle', relations: [...new Set(rels)] },
      ),
    );
  }
  return issues;
}

function describeEquivalence(r: MappingRelation | undefined, name: string): string {
  if (r?.kind !== 'equivalent') return name;
  return `${name} (${describe(r.a)} = ${r.polarity === 'inverted' ? 'NOT ' : ''}${describe(r.b)})`;
}
