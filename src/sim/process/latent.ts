/**
 * The simulated world's truth: a probability for every proposition, moving by slow drift and sudden news.
 * Group structure is respected by construction: an exclusive group is a softmax over logits (it always sums
 * to 1), a threshold ladder is P(value > K) under a normal belief about the value (always monotone), and an
 * independent proposition is a logistic random walk. So every relation the scenario declares stays true.
 */
import type { Rng } from '../../core/rng.ts';
import type { PropositionGroup, Scenario } from '../universe/types.ts';
import { normalCdf, normalInv } from '../normal-distribution.ts';

const P_MIN = 0.02;
const P_MAX = 0.98;
const clampP = (p: number): number => Math.min(P_MAX, Math.max(P_MIN, p));
const logit = (p: number): number => Math.log(p / (1 - p));
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

interface IndependentState {
  readonly kind: 'independent';
  readonly prop: string;
  x: number;
}
interface ExclusiveState {
  readonly kind: 'exclusive';
  readonly props: readonly string[];
  readonly x: number[];
}
interface LadderState {
  readonly kind: 'ladder';
  readonly props: readonly string[];
  readonly thresholds: readonly number[];
  value: number;
  readonly sigma: number;
}
type GroupState = IndependentState | ExclusiveState | LadderState;

export class LatentWorld {
  private readonly groups: GroupState[] = [];
  private readonly groupOf = new Map<string, GroupState>();
  private readonly probs = new Map<string, number>();

  constructor(scenario: Scenario) {
    const p0 = new Map(scenario.propositions.map((p) => [p.id, p.p0]));
    const grouped = new Set<string>();
    for (const g of scenario.groups) {
      for (const s of this.initGroup(g, p0)) {
        this.groups.push(s);
        for (const prop of s.kind === 'independent' ? [s.prop] : s.props) {
          this.groupOf.set(prop, s);
          grouped.add(prop);
        }
      }
    }
    // A proposition no group mentions is an independent question.
    for (const p of scenario.propositions) {
      if (grouped.has(p.id)) continue;
      const s: IndependentState = { kind: 'independent', prop: p.id, x: logit(clampP(p.p0)) };
      this.groups.push(s);
      this.groupOf.set(p.id, s);
    }
    for (const g of this.groups) this.recompute(g);
  }

  prob(prop: string): number {
    const p = this.probs.get(prop);
    if (p === undefined) throw new Error(`unknown proposition ${prop}`);
    return p;
  }

  /** Propositions that move together with `prop` (its whole group). */
  siblings(prop: string): readonly string[] {
    const g = this.groupOf.get(prop);
    if (!g) throw new Error(`unknown proposition ${prop}`);
    return g.kind === 'independent' ? [g.prop] : g.props;
  }

  /**
   * Random-walk every group for `dtHours`, with roughly `volPerSqrtHour` of probability volatility at even
   * odds (less near 0 and 1, as real markets behave). Returns the propositions whose probability changed.
   */
  drift(dtHours: number, volPerSqrtHour: number, rng: Rng): string[] {
    const sd = volPerSqrtHour * Math.sqrt(dtHours);
    const changed: string[] = [];
    for (const g of this.groups) {
      if (g.kind === 'independent') g.x += rng.normal(0, sd / 0.25);
      else if (g.kind === 'exclusive')
        for (let i = 0; i < g.x.length; i++) g.x[i]! += rng.normal(0, sd / 0.25);
      else g.value += rng.normal(0, (sd * g.sigma) / 0.4);
      changed.push(...this.recompute(g));
    }
    return changed;
  }

  /** A news shock: move `prop` by `delta` probability points, its group adjusting consistently. */
  shock(prop: string, delta: number): string[] {
    const g = this.groupOf.get(prop);
    if (!g) throw new Error(`unknown proposition ${prop}`);
    const target = clampP(this.prob(prop) + delta);
    if (g.kind === 'independent') g.x = logit(target);
    else if (g.kind === 'exclusive') {
      const i = g.props.indexOf(prop);
      const p = g.props.map((q) => this.prob(q));
      const rest = 1 - p[i]!;
      // Others keep their proportions and absorb the change.
      for (let j = 0; j < p.length; j++) g.x[j] = Math.log(j === i ? target : (p[j]! * (1 - target)) / rest);
    } else {
      const i = g.props.indexOf(prop);
      g.value = g.thresholds[i]! + normalInv(target) * g.sigma;
    }
    return this.recompute(g);
  }

  private initGroup(g: PropositionGroup, p0: Map<string, number>): GroupState[] {
    const p = (id: string): number => {
      const v = p0.get(id);
      if (v === undefined) throw new Error(`group ${g.id} names unknown proposition ${id}`);
      return v;
    };
    switch (g.kind) {
      case 'independent':
        return g.props.map((prop) => ({ kind: 'independent', prop, x: logit(clampP(p(prop))) }));
      case 'exclusive':
        return [
          { kind: 'exclusive', props: g.props, x: g.props.map((id) => Math.log(Math.max(1e-6, p(id)))) },
        ];
      case 'ladder': {
        // Fit the normal belief to the ends of the ladder: z_i = (value − K_i) / sigma.
        const first = g.thresholds[0]!;
        const last = g.thresholds[g.thresholds.length - 1]!;
        const z1 = normalInv(clampP(p(g.props[0]!)));
        const zn = normalInv(clampP(p(g.props[g.props.length - 1]!)));
        const sigma =
          g.props.length > 1 && z1 > zn ? (last - first) / (z1 - zn) : Math.max(1, Math.abs(first) * 0.05);
        return [
          { kind: 'ladder', props: g.props, thresholds: g.thresholds, value: first + z1 * sigma, sigma },
        ];
      }
    }
  }

  /** Recompute a group's probabilities; returns those that changed. */
  private recompute(g: GroupState): string[] {
    const set = (prop: string, p: number, out: string[]): void => {
      if (this.probs.get(prop) !== p) {
        this.probs.set(prop, p);
        out.push(prop);
      }
    };
    const out: string[] = [];
    if (g.kind === 'independent') set(g.prop, sigmoid(g.x), out);
    else if (g.kind === 'exclusive') {
      const m = Math.max(...g.x);
      const e = g.x.map((x) => Math.exp(x - m));
      const sum = e.reduce((s, v) => s + v, 0);
      g.props.forEach((prop, i) => set(prop, e[i]! / sum, out));
    } else g.props.forEach((prop, i) => set(prop, normalCdf((g.value - g.thresholds[i]!) / g.sigma), out));
    return out;
  }
}
