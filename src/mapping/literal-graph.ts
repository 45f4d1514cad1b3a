/**
 * The 2-SAT implication graph of a mapping. Nodes are literals: `2m` is "market m resolves YES", `2m + 1` is
 * "m resolves NO". Every relation becomes implications between literals, each edge labelled with the relation
 * that produced it, so a finding can name the relations behind it:
 *   equivalent (same)   a ⇒ b, b ⇒ a          implies      a ⇒ b
 *   equivalent (inv.)   a ⇒ ¬b, ¬b ⇒ a        exclusive    aᵢ ⇒ ¬aⱼ for i ≠ j (at most one)
 *   exhaustive pair     ¬a ⇒ b (at least one of two; longer exhaustive sets are not 2-SAT and are left out)
 * and every implication x ⇒ y also adds its contrapositive ¬y ⇒ ¬x.
 */
export const yes = (market: number): number => 2 * market;
export const no = (market: number): number => 2 * market + 1;
export const negate = (literal: number): number => literal ^ 1;
export const marketOf = (literal: number): number => literal >> 1;

export type EdgeKind = 'equivalent' | 'implies' | 'exclusive';

interface Edge {
  readonly to: number;
  readonly relation: number;
  readonly kind: EdgeKind;
}

export type EdgeFilter = (kind: EdgeKind) => boolean;
const ALL: EdgeFilter = () => true;

export class LiteralGraph {
  private readonly out: Edge[][] = [];

  get literalCount(): number {
    return this.out.length;
  }

  private ensure(literal: number): void {
    while (this.out.length <= (literal | 1)) this.out.push([]);
  }

  /** x ⇒ y and its contrapositive ¬y ⇒ ¬x. */
  imply(x: number, y: number, relation: number, kind: EdgeKind): void {
    this.ensure(Math.max(x, y));
    this.out[x]!.push({ to: y, relation, kind });
    this.out[negate(y)]!.push({ to: negate(x), relation, kind });
  }

  hasEdges(literal: number): boolean {
    return (this.out[literal]?.length ?? 0) > 0;
  }

  /** Strongly connected components (iterative Tarjan): component id per literal. */
  components(filter: EdgeFilter = ALL): number[] {
    const n = this.out.length;
    const index = new Array<number>(n).fill(-1);
    const low = new Array<number>(n).fill(0);
    const comp = new Array<number>(n).fill(-1);
    const onStack = new Array<boolean>(n).fill(false);
    const stack: number[] = [];
    let counter = 0;
    let comps = 0;
    for (let start = 0; start < n; start++) {
      if (index[start] !== -1) continue;
      const work: { node: number; edge: number }[] = [{ node: start, edge: 0 }];
      index[start] = low[start] = counter++;
      stack.push(start);
      onStack[start] = true;
      while (work.length > 0) {
        const top = work[work.length - 1]!;
        const edges = this.out[top.node]!;
        if (top.edge < edges.length) {
          const e = edges[top.edge++]!;
          if (!filter(e.kind)) continue;
          if (index[e.to] === -1) {
            index[e.to] = low[e.to] = counter++;
            stack.push(e.to);
            onStack[e.to] = true;
            work.push({ node: e.to, edge: 0 });
          } else if (onStack[e.to]) low[top.node] = Math.min(low[top.node]!, index[e.to]!);
          continue;
        }
        work.pop();
        const parent = work[work.length - 1];
        if (parent) low[parent.node] = Math.min(low[parent.node]!, low[top.node]!);
        if (low[top.node] === index[top.node]) {
          for (let w = -1; w !== top.node;) {
            w = stack.pop()!;
            onStack[w] = false;
            comp[w] = comps;
          }
          comps++;
        }
      }
    }
    return comp;
  }

  /** The relations along a shortest path `from` ⇒* `to`, in order; undefined when `to` is unreachable. */
  path(from: number, to: number, filter: EdgeFilter = ALL): number[] | undefined {
    if (from >= this.out.length || to >= this.out.length) return undefined;
    const back = new Map<number, { from: number; relation: number }>([[from, { from: -1, relation: -1 }]]);
    const queue = [from];
    for (let i = 0; i < queue.length && !back.has(to); i++) {
      const node = queue[i]!;
      for (const e of this.out[node]!) {
        if (!filter(e.kind) || back.has(e.to)) continue;
        back.set(e.to, { from: node, relation: e.relation });
        queue.push(e.to);
      }
    }
    if (!back.has(to)) return undefined;
    const rels: number[] = [];
    for (let node = to; node !== from;) {
      const step = back.get(node)!;
      rels.push(step.relation);
      node = step.from;
    }
    return rels.reverse();
  }

  /** Relations of edges of the given kinds whose two ends both lie in `members`. */
  relationsWithin(members: ReadonlySet<number>, filter: EdgeFilter): number[] {
    const out = new Set<number>();
    for (const x of members)
      for (const e of this.out[x] ?? []) if (filter(e.kind) && members.has(e.to)) out.add(e.relation);
    return [...out].sort((a, b) => a - b);
  }
}
