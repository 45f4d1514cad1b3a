/**
 * The markets a mapping is checked against: what discovery found on the venues (or what a simulator scenario
 * lists, or what the recorded real data holds). Only the facts the checks need.
 */
import type { Venue } from '../core/market.ts';
import type { VenueEvent, VenueMarket } from '../venues/venue.ts';

export interface UniverseMarket {
  readonly venue: Venue;
  /** Kalshi ticker; Polymarket condition id. */
  readonly key: string;
  readonly closeTimeMs: number;
  /** Kalshi event ticker; Polymarket event slug. */
  readonly eventKey?: string;
  readonly title?: string;
  /** A negRisk placeholder outcome ("Other"): what it pays on can be re-cut when the venue adds outcomes. */
  readonly placeholder?: boolean;
  /** No longer trading (closed or settled): a relation through it can't be traded. */
  readonly closed?: boolean;
  /** Polymarket token ids, so a token id used by mistake can be pointed at its condition id. */
  readonly tokens?: { readonly yes: string; readonly no: string };
  /** The rules text, when discovery returns it (compared with the evidence's recorded rules). */
  readonly rules?: string;
}

export type MappingUniverse = readonly UniverseMarket[];

export const refKey = (venue: Venue, key: string): string => `${venue}:${key}`;

/** From venue discovery: placeholder flags come from the events, closed from the market status. */
export function universeFromVenueMarkets(
  markets: readonly VenueMarket[],
  events: readonly VenueEvent[],
): MappingUniverse {
  const placeholders = new Set(
    events.flatMap((e) => (e.placeholderKeys ?? []).map((k) => refKey(e.venue, k))),
  );
  return markets.map((m) => ({
    venue: m.venue,
    key: m.key,
    closeTimeMs: m.closeTimeMs,
    title: m.title,
    ...(m.eventKey !== undefined && { eventKey: m.eventKey }),
    ...(placeholders.has(refKey(m.venue, m.key)) && { placeholder: true }),
    ...((m.status === 'closed' || m.status === 'settled') && { closed: true }),
    ...(m.tokens !== undefined && { tokens: m.tokens }),
  }));
}

/**
 * The shape of a simulator scenario this needs (structural, so src/mapping does not depend on src/sim, which
 * itself imports the mapping types).
 */
export interface ScenarioLike {
  readonly markets: readonly {
    readonly venue: Venue;
    readonly key: string;
    readonly eventKey: string;
    readonly title: string;
    readonly closeTimeMs: number;
    readonly placeholder?: boolean;
    readonly tokens?: { readonly yes: string; readonly no: string };
  }[];
}

export function universeFromScenario(s: ScenarioLike): MappingUniverse {
  return s.markets.map((m) => ({
    venue: m.venue,
    key: m.key,
    closeTimeMs: m.closeTimeMs,
    eventKey: m.eventKey,
    title: m.title,
    ...(m.placeholder === true && { placeholder: true }),
    ...(m.tokens !== undefined && { tokens: m.tokens }),
  }));
}

/** Lookups over a universe, including the near misses used to suggest what an unknown key meant. */
export class UniverseIndex {
  private readonly byRef = new Map<string, UniverseMarket>();
  private readonly byLower = new Map<string, UniverseMarket[]>();
  private readonly byStem = new Map<string, UniverseMarket[]>();
  private readonly byToken = new Map<string, { market: UniverseMarket; side: 'YES' | 'NO' }>();

  constructor(universe: MappingUniverse) {
    const push = (map: Map<string, UniverseMarket[]>, k: string, m: UniverseMarket): void => {
      const list = map.get(k);
      if (list) list.push(m);
      else map.set(k, [m]);
    };
    for (const m of universe) {
      this.byRef.set(refKey(m.venue, m.key), m);
      push(this.byLower, refKey(m.venue, m.key.toLowerCase()), m);
      const stem = stemOf(m.key);
      if (stem !== undefined) push(this.byStem, refKey(m.venue, stem), m);
      if (m.tokens) {
        this.byToken.set(m.tokens.yes, { market: m, side: 'YES' });
        this.byToken.set(m.tokens.no, { market: m, side: 'NO' });
      }
    }
  }

  get(venue: Venue, key: string): UniverseMarket | undefined {
    return this.byRef.get(refKey(venue, key));
  }

  /** Why `key` is probably wrong and what it may have meant, as a parenthesised hint ('' when nothing is close). */
  hint(venue: Venue, key: string): string {
    const token = this.byToken.get(key);
    if (token)
      return ` (that is the ${token.side} token id of ${token.market.venue} market ${token.market.key}: name markets by condition id)`;
    const other: Venue = venue === 'kalshi' ? 'polymarket' : 'kalshi';
    if (this.byRef.has(refKey(other, key))) return ` (it is a ${other} market: check the venue)`;
    const sameCase = this.byLower.get(refKey(venue, key.toLowerCase())) ?? [];
    if (sameCase.length > 0) return didYouMean(sameCase);
    const stem = stemOf(key);
    const siblings = stem === undefined ? [] : (this.byStem.get(refKey(venue, stem)) ?? []);
    if (siblings.length > 0) return didYouMean(siblings);
    return didYouMean(this.prefixMatches(venue, key));
  }

  /** Keys that extend `key` or that `key` extends by a short suffix, case-insensitively (`…-LA` vs `…-LAR`). */
  private prefixMatches(venue: Venue, key: string): UniverseMarket[] {
    const lower = key.toLowerCase();
    const out: UniverseMarket[] = [];
    for (const m of this.byRef.values()) {
      if (m.venue !== venue) continue;
      const other = m.key.toLowerCase();
      const [short, long] = other.length < lower.length ? [other, lower] : [lower, other];
      if (short.length >= 4 && long.startsWith(short) && long.length - short.length <= 4) out.push(m);
    }
    return out;
  }
}

/** Everything before a Kalshi ticker's last segment: the event (`KXNBAGAME-26JAN09MILLAL-MIL` → `…MILLAL`). */
function stemOf(key: string): string | undefined {
  const cut = key.lastIndexOf('-');
  return cut > 0 ? key.slice(0, cut).toLowerCase() : undefined;
}

function didYouMean(candidates: readonly UniverseMarket[]): string {
  if (candidates.length === 0) return '';
  const keys = candidates.slice(0, 3).map((m) => `"${m.key}"`);
  const more = candidates.length > 3 ? ` or one of ${candidates.length - 3} more` : '';
  return ` (did you mean ${keys.join(' or ')}${more}?)`;
}
