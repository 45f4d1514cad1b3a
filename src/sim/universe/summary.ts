/** Counts that describe a scenario at a glance, for the CLI and for tests that pin the universe's size. */
import { VENUES, type Venue } from '../../core/market.ts';
import type { Scenario } from './types.ts';
import { isoInstant } from '../../core/time.ts';

export interface VenueSummary {
  readonly markets: number;
  readonly events: number;
  /** Propositions this venue lists that the other venue lists too. */
  readonly crossListedProps: number;
  /** Events holding two or more markets on distinct outcomes of one exclusive group. */
  readonly exclusiveEvents: number;
  readonly negRiskEvents: number;
  /** Ladder groups with at least two rungs listed on this venue. */
  readonly ladders: number;
  /** Markets whose YES pays when their proposition is false. */
  readonly invertedMarkets: number;
  readonly placeholderMarkets: number;
}

export interface ScenarioSummary {
  readonly name: string;
  readonly seed: number;
  readonly startTime: string;
  readonly propositions: number;
  readonly groups: { readonly independent: number; readonly exclusive: number; readonly ladder: number };
  readonly crossListedProps: number;
  readonly venues: Readonly<Record<Venue, VenueSummary>>;
}

export function scenarioSummary(s: Scenario): ScenarioSummary {
  const venuesOf = new Map<string, Set<Venue>>();
  for (const m of s.markets) {
    const set = venuesOf.get(m.prop) ?? new Set<Venue>();
    set.add(m.venue);
    venuesOf.set(m.prop, set);
  }
  const crossListed = new Set([...venuesOf].filter(([, v]) => v.size === VENUES.length).map(([p]) => p));
  const exclusiveGroupOf = new Map<string, string>();
  for (const g of s.groups)
    if (g.kind === 'exclusive') for (const p of g.props) exclusiveGroupOf.set(p, g.id);
  const marketByKey = new Map(s.markets.map((m) => [`${m.venue}:${m.key}`, m]));

  const perVenue = (venue: Venue): VenueSummary => {
    const markets = s.markets.filter((m) => m.venue === venue);
    const events = s.events.filter((e) => e.venue === venue);
    const exclusiveEvents = events.filter((e) => {
      const outcomesByGroup = new Map<string, Set<string>>();
      for (const key of e.markets) {
        const m = marketByKey.get(`${venue}:${key}`);
        const group = m && !m.inverted ? exclusiveGroupOf.get(m.prop) : undefined;
        if (!m || group === undefined) continue;
        const set = outcomesByGroup.get(group) ?? new Set<string>();
        set.add(m.prop);
        outcomesByGroup.set(group, set);
      }
      return [...outcomesByGroup.values()].some((set) => set.size >= 2);
    }).length;
    const listed = new Set(markets.map((m) => m.prop));
    return {
      markets: markets.length,
      events: events.length,
      crossListedProps: [...listed].filter((p) => crossListed.has(p)).length,
      exclusiveEvents,
      negRiskEvents: events.filter((e) => e.negRisk === true).length,
      ladders: s.groups.filter((g) => g.kind === 'ladder' && g.props.filter((p) => listed.has(p)).length >= 2)
        .length,
      invertedMarkets: markets.filter((m) => m.inverted).length,
      placeholderMarkets: markets.filter((m) => m.placeholder === true).length,
    };
  };

  return {
    name: s.name,
    seed: s.seed,
    startTime: isoInstant(s.startTimeMs),
    propositions: s.propositions.length,
    groups: {
      independent: s.groups.filter((g) => g.kind === 'independent').length,
      exclusive: s.groups.filter((g) => g.kind === 'exclusive').length,
      ladder: s.groups.filter((g) => g.kind === 'ladder').length,
    },
    crossListedProps: crossListed.size,
    venues: { kalshi: perVenue('kalshi'), polymarket: perVenue('polymarket') },
  };
}

/** A small aligned table for terminals. */
export function formatScenarioSummary(sum: ScenarioSummary): string {
  const rows: [string, keyof VenueSummary][] = [
    ['markets', 'markets'],
    ['events', 'events'],
    ['cross-listed propositions', 'crossListedProps'],
    ['exclusive events', 'exclusiveEvents'],
    ['negRisk events', 'negRiskEvents'],
    ['ladders', 'ladders'],
    ['inverted markets', 'invertedMarkets'],
    ['placeholder markets', 'placeholderMarkets'],
  ];
  const lines = [
    `scenario ${sum.name} (seed ${sum.seed}), starts ${sum.startTime}`,
    `${sum.propositions} propositions; groups: ${sum.groups.exclusive} exclusive, ${sum.groups.ladder} ladders, ` +
      `${sum.groups.independent} independent; ${sum.crossListedProps} listed on both venues`,
    `${''.padEnd(28)}${'kalshi'.padStart(8)}${'polymarket'.padStart(12)}`,
    ...rows.map(
      ([label, key]) =>
        `${label.padEnd(28)}${String(sum.venues.kalshi[key]).padStart(8)}${String(sum.venues.polymarket[key]).padStart(12)}`,
    ),
  ];
  return lines.join('\n');
}
