/**
 * The mapping file a scenario implies: every relation between its markets that its own truth guarantees, so a
 * simulated run can hand the bot a perfect mapping (and judge detection against it).
 *
 * - equivalent: two markets whose YES outcomes are the same literal. A market's literal is (proposition,
 *   polarity); in a two-outcome exhaustive group "B wins" is the literal "not A wins", so Kalshi's home-team
 *   market and Polymarket's away-team moneyline come out as inverted equivalents, and Kalshi's two team markets
 *   as a same-venue complement.
 * - exclusive: per venue, per event, over the event's markets on distinct outcomes of one exclusive group;
 *   exhaustive only when the event lists every outcome with no inverted or placeholder market among them.
 * - implies: along a ladder, each rung to the next lower rung listed on the same venue and to the next strictly
 *   lower rung listed on the other venue (the rest follows by transitivity and equivalence).
 *
 * Placeholder markets ("Other" in an augmented negRisk event) take part in nothing: what they pay on can be
 * re-cut by the venue, so no relation through them is safe to trade.
 *
 * The file is version 2: every market carries the evidence a careful mapper would record (evidence.ts), and
 * every exhaustive set says why it is exhaustive, so each relation the truth guarantees checks as `tradable`.
 */
import type { Venue } from '../../core/market.ts';
import type { MappingFile, MappingRelation, MarketRef } from '../../mapping/types.ts';
import { simEvidence } from './evidence.ts';
import type { PropositionGroup, Scenario, ScenarioMarket } from './types.ts';
import { isoInstant } from '../../core/time.ts';

/** The truth literal a market's YES pays on. */
interface Literal {
  readonly prop: string;
  readonly positive: boolean;
}

/** A market with its evidence. */
type RefOf = (m: ScenarioMarket) => MarketRef;
const refId = (m: ScenarioMarket): string => `${m.venue}:${m.key}`;
const byRef = (a: ScenarioMarket, b: ScenarioMarket): number =>
  a.venue === b.venue ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.venue < b.venue ? -1 : 1;

function closeNotes(
  markets: readonly ScenarioMarket[],
  comment: string,
): NonNullable<MappingRelation['notes']> {
  return {
    resolutionSource: 'simulator truth',
    closeTimes: markets.map((m) => isoInstant(m.closeTimeMs)),
    comment,
  };
}

/** Two-outcome exhaustive groups: the second outcome is the negation of the first. */
function negationsOf(groups: readonly PropositionGroup[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of groups) {
    const [first, second] = g.props;
    if (g.kind === 'exclusive' && g.exhaustive && g.props.length === 2 && first && second)
      out.set(second, first);
  }
  return out;
}

function literalOf(m: ScenarioMarket, negations: ReadonlyMap<string, string>): Literal {
  const base = negations.get(m.prop);
  return base === undefined ? { prop: m.prop, positive: !m.inverted } : { prop: base, positive: m.inverted };
}

export function scenarioMapping(s: Scenario): MappingFile {
  const tradeable = s.markets.filter((m) => m.placeholder !== true);
  const statement = new Map(s.propositions.map((p) => [p.id, p.statement]));
  const ref: RefOf = (m) => ({
    venue: m.venue,
    market: m.key,
    evidence: simEvidence(m, statement.get(m.prop) ?? m.prop),
  });
  const relations: MappingRelation[] = [
    ...equivalences(tradeable, negationsOf(s.groups), statement, ref),
    ...exclusives(s, ref),
    ...implications(tradeable, s.groups, ref),
  ];
  relations.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { version: 2, source: `sim scenario ${s.name}, seed ${s.seed}`, relations };
}

function equivalences(
  markets: readonly ScenarioMarket[],
  negations: ReadonlyMap<string, string>,
  statement: ReadonlyMap<string, string>,
  ref: RefOf,
): MappingRelation[] {
  const byProp = new Map<string, { market: ScenarioMarket; literal: Literal }[]>();
  for (const market of markets) {
    const literal = literalOf(market, negations);
    const list = byProp.get(literal.prop) ?? [];
    list.push({ market, literal });
    byProp.set(literal.prop, list);
  }
  const out: MappingRelation[] = [];
  for (const [prop, list] of byProp) {
    list.sort((x, y) => byRef(x.market, y.market));
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        const polarity = a.literal.positive === b.literal.positive ? 'same' : 'inverted';
        out.push({
          kind: 'equivalent',
          id: `eq:${refId(a.market)}|${refId(b.market)}`,
          confidence: 1,
          a: ref(a.market),
          b: ref(b.market),
          polarity,
          notes: closeNotes(
            [a.market, b.market],
            `${polarity === 'same' ? 'same proposition' : 'opposite sides of'}: ${statement.get(prop) ?? prop}`,
          ),
        });
      }
    }
  }
  return out;
}

function exclusives(s: Scenario, ref: RefOf): MappingRelation[] {
  const groupOf = new Map<string, Extract<PropositionGroup, { kind: 'exclusive' }>>();
  for (const g of s.groups) if (g.kind === 'exclusive') for (const p of g.props) groupOf.set(p, g);
  const marketAt = new Map(s.markets.map((m) => [refId(m), m]));
  const out: MappingRelation[] = [];
  for (const event of s.events) {
    const members = new Map<string, ScenarioMarket[]>();
    for (const key of event.markets) {
      const m = marketAt.get(`${event.venue}:${key}`);
      const g = m && groupOf.get(m.prop);
      if (!m || !g) continue;
      members.set(g.id, [...(members.get(g.id) ?? []), m]);
    }
    for (const [groupId, markets] of members) {
      const group = groupOf.get(markets[0]!.prop)!;
      // One market per outcome: a second non-inverted market on the same outcome is its equivalent, not a rival.
      const seen = new Set<string>();
      const set = markets.filter((m) => {
        if (m.inverted || m.placeholder === true || seen.has(m.prop)) return false;
        seen.add(m.prop);
        return true;
      });
      if (set.length < 2) continue;
      const clean = set.length === markets.length;
      const exhaustive = group.exhaustive && clean && group.props.every((p) => seen.has(p));
      const suffix = members.size > 1 ? `#${groupId}` : '';
      const sorted = [...set].sort(byRef);
      out.push({
        kind: 'exclusive',
        id: `ex:${event.venue}:${event.key}${suffix}`,
        confidence: 1,
        markets: sorted.map(ref),
        exhaustive,
        ...(exhaustive && {
          exhaustiveEvidence: `simulator truth: exactly one of the ${group.props.length} outcomes of ${groupId} resolves YES, and this set lists every one`,
        }),
        notes: closeNotes(
          sorted,
          `${exhaustive ? 'exactly' : 'at most'} one of ${sorted.length} outcomes of ${groupId}` +
            (exhaustive
              ? ''
              : ` (${group.props.length} outcomes in all${clean ? '' : '; placeholder or inverted markets left out'})`),
        ),
      });
    }
  }
  return out;
}

interface Rung {
  readonly market: ScenarioMarket;
  readonly index: number;
}

function implications(
  markets: readonly ScenarioMarket[],
  groups: readonly PropositionGroup[],
  ref: RefOf,
): MappingRelation[] {
  const rungOf = new Map<string, { group: string; index: number; threshold: number }>();
  for (const g of groups) {
    if (g.kind !== 'ladder') continue;
    g.props.forEach((p, index) => rungOf.set(p, { group: g.id, index, threshold: g.thresholds[index]! }));
  }
  // Per ladder, per polarity, per venue: the listed rungs.
  const listed = new Map<string, Map<Venue, Rung[]>>();
  for (const m of markets) {
    const r = rungOf.get(m.prop);
    if (!r) continue;
    const key = `${r.group}|${m.inverted ? 'below' : 'above'}`;
    const perVenue = listed.get(key) ?? new Map<Venue, Rung[]>();
    perVenue.set(m.venue, [...(perVenue.get(m.venue) ?? []), { market: m, index: r.index }]);
    listed.set(key, perVenue);
  }
  const out = new Map<string, MappingRelation>();
  for (const [key, perVenue] of listed) {
    // "Above K" markets: a higher rung implies lower ones. Inverted ("not above K") markets: the reverse.
    const below = key.endsWith('|below');
    const stronger = (x: number, y: number): boolean => (below ? x < y : x > y);
    for (const [venue, rungs] of perVenue) {
      for (const a of rungs) {
        for (const [otherVenue, others] of perVenue) {
          // The nearest strictly weaker rung listed on that venue.
          const weaker = others.filter((o) => stronger(a.index, o.index));
          if (weaker.length === 0) continue;
          const nearest = below
            ? Math.min(...weaker.map((o) => o.index))
            : Math.max(...weaker.map((o) => o.index));
          for (const b of weaker.filter((o) => o.index === nearest)) {
            const id = `im:${refId(a.market)}>${refId(b.market)}`;
            const thresholds = [a, b].map((x) => rungOf.get(x.market.prop)!.threshold);
            out.set(id, {
              kind: 'implies',
              id,
              confidence: 1,
              a: ref(a.market),
              b: ref(b.market),
              notes: closeNotes(
                [a.market, b.market],
                `${rungOf.get(a.market.prop)!.group}: ${below ? 'not above' : 'above'} ${thresholds[0]} ⇒ ` +
                  `${below ? 'not above' : 'above'} ${thresholds[1]}${venue === otherVenue ? '' : ' (cross-venue)'}`,
              ),
            });
          }
        }
      }
    }
  }
  return [...out.values()];
}
