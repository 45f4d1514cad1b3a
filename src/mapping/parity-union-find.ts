/**
 * Union-find where every member carries a parity to its root: 0 = same proposition as the root, 1 = its
 * negation. Merging two markets with an equivalence of known polarity either joins two classes or, when they
 * are already joined, confirms or contradicts the parity the class already implies. A spanning forest of the
 * accepted equivalences is kept so a contradiction can name the chain of relations behind it.
 */
export interface ForestEdge {
  readonly to: number;
  /** The relation (its index in the file) that joined the two members. */
  readonly relation: number;
  readonly parity: 0 | 1;
}

export class ParityUnionFind {
  private readonly parent: number[] = [];
  private readonly parity: (0 | 1)[] = [];
  private readonly size: number[] = [];
  private readonly forest: ForestEdge[][] = [];

  private ensure(x: number): void {
    while (this.parent.length <= x) {
      this.parent.push(this.parent.length);
      this.parity.push(0);
      this.size.push(1);
      this.forest.push([]);
    }
  }

  /** The class root of `x` and `x`'s parity relative to it (with path compression). */
  find(x: number): { root: number; parity: 0 | 1 } {
    this.ensure(x);
    let root = x;
    let p: 0 | 1 = 0;
    while (this.parent[root] !== root) {
      p = (p ^ this.parity[root]!) as 0 | 1;
      root = this.parent[root]!;
    }
    // Point every node on the path straight at the root, fixing its parity on the way.
    let node = x;
    let nodeParity = p;
    while (this.parent[node] !== root) {
      const next = this.parent[node]!;
      const nextParity = (nodeParity ^ this.parity[node]!) as 0 | 1;
      this.parent[node] = root;
      this.parity[node] = nodeParity;
      node = next;
      nodeParity = nextParity;
    }
    return { root, parity: p };
  }

  /**
   * Declares `value(b) = value(a) XOR parity`. Returns 'joined' or 'consistent' when that holds with what is
   * known, 'conflict' when the class already says the opposite (nothing changes then).
   */
  union(a: number, b: number, parity: 0 | 1, relation: number): 'joined' | 'consistent' | 'conflict' {
    const fa = this.find(a);
    const fb = this.find(b);
    if (fa.root === fb.root) return (fa.parity ^ fb.parity) === parity ? 'consistent' : 'conflict';
    const [big, small] = this.size[fa.root]! >= this.size[fb.root]! ? [fa, fb] : [fb, fa];
    this.parent[small.root] = big.root;
    this.parity[small.root] = (fa.parity ^ fb.parity ^ parity) as 0 | 1;
    this.size[big.root]! += this.size[small.root]!;
    this.forest[a]!.push({ to: b, relation, parity });
    this.forest[b]!.push({ to: a, relation, parity });
    return 'joined';
  }

  /** The relations on the forest path from `a` to `b` (same class), in path order. */
  chain(a: number, b: number): number[] {
    this.ensure(Math.max(a, b));
    const back = new Map<number, { from: number; relation: number }>([[a, { from: -1, relation: -1 }]]);
    const queue = [a];
    for (let i = 0; i < queue.length && !back.has(b); i++) {
      const node = queue[i]!;
      for (const e of this.forest[node]!) {
        if (back.has(e.to)) continue;
        back.set(e.to, { from: node, relation: e.relation });
        queue.push(e.to);
      }
    }
    const out: number[] = [];
    for (let node = b; node !== a;) {
      const step = back.get(node);
      if (!step) return [];
      out.push(step.relation);
      node = step.from;
    }
    return out.reverse();
  }
}
