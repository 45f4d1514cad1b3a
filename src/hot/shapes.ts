/**
 * From relations to *shapes*: the concrete portfolios each lane can trade. A shape is a list of leg slots (each
 * slot one or more interchangeable ways to buy the same payoff), a guaranteed payout per unit, and the core
 * relations that prove it. Built once when the mapping loads; evaluation then only reads books.
 *
 * Lanes:
 * - `intra_venue`: YES + NO of one market (only profitable when the book is crossed).
 * - `cross_venue`: an equivalence between markets on two venues (YES here + NO there, or both YES if inverted).
 * - `parity`: an equivalence or complement between markets on the same venue.
 * - `event_tree`: an exclusive set: all YES when exhaustive, all NO always; each member may be bought on any
 *   venue listing an equivalent market (a cross-venue basket).
 * - `structural`: an implication A ⇒ B: NO of A + YES of B pays at least 1.
 */
import type { MarketId, Outcome } from '../core/market.ts';
import type { Relation } from '../core/portfolio.ts';
import type { MarketTable } from './market-table.ts';

export type LaneName = 'intra_venue' | 'cross_venue' | 'parity' | 'event_tree' | 'structural';
export const LANES: readonly LaneName[] = [
  'intra_venue',
  'cross_venue',
  'parity',
  'event_tree',
  'structural',
];

/** A mapping relation with its markets resolved to ids. */
export type ResolvedRelation =
  | {
      readonly kind: 'equivalent';
      readonly id: string;
      readonly a: MarketId;
      readonly b: MarketId;
      readonly polarity: 'same' | 'inverted';
    }
  | {
      readonly kind: 'exclusive';
      readonly id: string;
      readonly markets: readonly MarketId[];
      readonly exhaustive: boolean;
    }
  | { readonly kind: 'implies'; readonly id: string; readonly a: MarketId; readonly b: MarketId };

export interface LegOption {
  readonly market: MarketId;
  readonly outcome: Outcome;
}

export interface Shape {
  /** Position in the shape list: the detector's key. */
  readonly index: number;
  /** The mapping relation id (or `intra:<market>` for a single market). */
  readonly relationId: string;
  readonly lane: LaneName;
  /** Which portfolio of the relation: `YES+NO`, `YES-basket`, `NO-basket`, `NO_A+YES_B`, … */
  readonly style: string;
  readonly slots: readonly (readonly LegOption[])[];
  /** Contracts guaranteed to pay per contract bought in every slot. */
  readonly payoutUnits: number;
  /** What the verifier needs to prove the portfolio. */
  readonly proof: readonly Relation[];
  /** Every market any slot may use (for the incremental index). */
  readonly markets: readonly MarketId[];
}

const flip = (o: Outcome): Outcome => (o === 'YES' ? 'NO' : 'YES');

function coreOf(r: ResolvedRelation): Relation {
  switch (r.kind) {
    case 'equivalent':
      return r.polarity === 'same'
        ? { kind: 'equivalent', a: r.a, b: r.b }
        : { kind: 'complement', a: r.a, b: r.b };
    case 'exclusive':
      return { kind: r.exhaustive ? 'exactlyOne' : 'atMostOne', markets: r.markets };
    case 'implies':
      return { kind: 'implies', a: r.a, b: r.b };
  }
}

export function buildShapes(relations: readonly ResolvedRelation[], markets: MarketTable): Shape[] {
  const shapes: Shape[] = [];
  const add = (s: Omit<Shape, 'index' | 'markets'>): void => {
    const ms = [...new Set(s.slots.flatMap((slot) => slot.map((o) => o.market)))];
    shapes.push({ ...s, index: shapes.length, markets: ms });
  };
  // Equivalents of each market, to buy a basket member wherever it is cheapest.
  const equivalents = new Map<MarketId, { option: (o: Outcome) => LegOption; proof: Relation }[]>();
  for (const r of relations) {
    if (r.kind !== 'equivalent') continue;
    const proof = coreOf(r);
    const same = r.polarity === 'same';
    const link = (from: MarketId, to: MarketId): void => {
      const list = equivalents.get(from) ?? [];
      list.push({ option: (o) => ({ market: to, outcome: same ? o : flip(o) }), proof });
      equivalents.set(from, list);
    };
    link(r.a, r.b);
    link(r.b, r.a);
  }
  for (const m of markets.all()) {
    add({
      relationId: `intra:${m.venue}:${m.key}`,
      lane: 'intra_venue',
      style: 'YES+NO',
      slots: [[{ market: m.id, outcome: 'YES' }], [{ market: m.id, outcome: 'NO' }]],
      payoutUnits: 1,
      proof: [],
    });
  }
  for (const r of relations) {
    const proof = [coreOf(r)];
    switch (r.kind) {
      case 'equivalent': {
        const lane = markets.get(r.a).venue === markets.get(r.b).venue ? 'parity' : 'cross_venue';
        for (const o of ['YES', 'NO'] as const) {
          const other = r.polarity === 'same' ? flip(o) : o;
          add({
            relationId: r.id,
            lane,
            style: `${o}_A+${other}_B`,
            slots: [[{ market: r.a, outcome: o }], [{ market: r.b, outcome: other }]],
            payoutUnits: 1,
            proof,
          });
        }
        break;
      }
      case 'exclusive': {
        const basket = (o: Outcome): { slots: LegOption[][]; proof: Relation[] } => {
          const extra: Relation[] = [];
          const slots = r.markets.map((m) => {
            const eq = equivalents.get(m) ?? [];
            extra.push(...eq.map((e) => e.proof));
            return [{ market: m, outcome: o }, ...eq.map((e) => e.option(o))];
          });
          return { slots, proof: [...proof, ...extra] };
        };
        if (r.exhaustive)
          add({
            relationId: r.id,
            lane: 'event_tree',
            style: 'YES-basket',
            payoutUnits: 1,
            ...basket('YES'),
          });
        add({
          relationId: r.id,
          lane: 'event_tree',
          style: 'NO-basket',
          payoutUnits: r.markets.length - 1,
          ...basket('NO'),
        });
        break;
      }
      case 'implies':
        add({
          relationId: r.id,
          lane: 'structural',
          style: 'NO_A+YES_B',
          slots: [[{ market: r.a, outcome: 'NO' }], [{ market: r.b, outcome: 'YES' }]],
          payoutUnits: 1,
          proof,
        });
        break;
    }
  }
  return shapes;
}
