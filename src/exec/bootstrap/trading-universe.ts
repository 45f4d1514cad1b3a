/**
 * What the engine trades on, assembled once at start: every discovered market (dense ids, books, fees, events),
 * and the relations between them — the mapping file's, plus exclusive sets generated from the venues' own event
 * metadata when the mapping does not already declare them — turned into the hot path's shapes.
 *
 * The mapping's relations are judged first, against what discovery found (src/mapping/verdict.ts): only
 * `tradable` ones and `review` ones an operator approved are used; the rest are *held back*, each with its
 * verdict and reasons, for the engine to report at start.
 */
import type { MarketIdTable } from '../../core/market.ts';
import { type MarketId, type Venue } from '../../core/market.ts';
import { BookStore, buildShapes, MarketTable, type Shape } from '../../hot/index.ts';
import {
  eventTreeRelations,
  judgeMapping,
  resolveRelations,
  universeFromVenueMarkets,
  type MappingFile,
  type MappingRelation,
} from '../../mapping/index.ts';
import type { Discovery, VenueEvent, VenueMarket } from '../../venues/venue.ts';

/** A mapping relation not traded this run, and why (`arb mapping check` prints the full reasons). */
export interface HeldBackRelation {
  readonly id: string;
  readonly verdict: 'review' | 'refused';
  readonly reasons: readonly { readonly code: string; readonly message: string }[];
}

export interface TradingUniverse {
  readonly ids: MarketIdTable;
  readonly markets: MarketTable;
  readonly books: BookStore;
  readonly shapes: readonly Shape[];
  /** Discovered market facts by id (title, event, tokens…). */
  readonly meta: ReadonlyMap<MarketId, VenueMarket>;
  /** Market keys per venue, for subscribing. */
  readonly keysByVenue: ReadonlyMap<Venue, readonly string[]>;
  /** Relations used, dropped (markets not discovered or not open, with why) and held back by their verdict. */
  readonly relations: {
    readonly used: number;
    readonly generated: number;
    readonly dropped: readonly string[];
    readonly heldBack: readonly HeldBackRelation[];
    /** Ids of relations in review that trade on an operator's approval. */
    readonly approved: readonly string[];
  };
}

export interface UniverseOptions {
  readonly discoveries: ReadonlyMap<Venue, Discovery>;
  readonly mapping: MappingFile | undefined;
  readonly minConfidence: number;
  /** Share one id table with the adapters so their ids and ours agree. */
  readonly ids: MarketIdTable;
}

export function buildUniverse(opts: UniverseOptions): TradingUniverse {
  const { ids } = opts;
  const markets = new MarketTable();
  const books = new BookStore();
  const meta = new Map<MarketId, VenueMarket>();
  const keysByVenue = new Map<Venue, string[]>();
  const allMarkets: VenueMarket[] = [];
  const discovered: VenueMarket[] = [];
  const allEvents: VenueEvent[] = [];
  for (const [venue, d] of opts.discoveries) {
    const tradable = d.markets.filter((m) => m.status === 'open');
    for (const m of tradable) {
      const id = ids.intern(m.venue, m.key);
      markets.add({ id, venue: m.venue, key: m.key, grid: m.grid, minSize: m.minSize, fees: m.fees });
      books.addMarket(id, m.grid);
      meta.set(id, m);
    }
    keysByVenue.set(
      venue,
      tradable.map((m) => m.key),
    );
    allMarkets.push(...tradable);
    discovered.push(...d.markets);
    allEvents.push(...d.events);
  }
  const { declared, heldBack, approved } = judged(opts, discovered, allEvents);
  // Exclusive sets the venues publish, unless the mapping already declares the same set (and trades it).
  const declaredSets = new Set(declared.filter((r) => r.kind === 'exclusive').map((r) => setKey(r)));
  const generated = eventTreeRelations(allEvents, allMarkets).filter((r) => !declaredSets.has(setKey(r)));
  const dropped: string[] = [];
  const usable = [...declared, ...generated].filter((r) => {
    const missing = refs(r).filter(
      (ref) => ids.get(ref.venue, ref.market) === undefined || !markets.has(ids.get(ref.venue, ref.market)!),
    );
    if (missing.length > 0)
      dropped.push(
        `${r.id}: ${missing.map((m) => `${m.venue} ${m.market}`).join(', ')} not discovered or not open`,
      );
    return missing.length === 0;
  });
  const resolved = resolveRelations({ version: 2, source: 'engine', relations: usable }, ids, {
    minConfidence: opts.minConfidence,
  });
  return {
    ids,
    markets,
    books,
    shapes: buildShapes(resolved, markets),
    meta,
    keysByVenue,
    relations: { used: resolved.length, generated: generated.length, dropped, heldBack, approved },
  };
}

/**
 * The mapping's relations that may trade, judged against every discovered market and event. A relation naming
 * a market discovery did not find is not held back here: it is dropped with the others whose markets are not
 * open, as before.
 */
function judged(
  opts: UniverseOptions,
  discovered: readonly VenueMarket[],
  events: readonly VenueEvent[],
): { declared: MappingRelation[]; heldBack: HeldBackRelation[]; approved: string[] } {
  const mapping = opts.mapping;
  if (!mapping) return { declared: [], heldBack: [], approved: [] };
  const verdicts = judgeMapping(mapping, {
    universe: universeFromVenueMarkets(discovered, events),
    events,
    minConfidence: opts.minConfidence,
  });
  const keys = new Set(discovered.map((d) => `${d.venue}:${d.key}`));
  const found = (r: MappingRelation): boolean => refs(r).every((m) => keys.has(`${m.venue}:${m.market}`));
  const declared: MappingRelation[] = [];
  const heldBack: HeldBackRelation[] = [];
  const approved: string[] = [];
  mapping.relations.forEach((r, i) => {
    const v = verdicts[i]!;
    if (v.trades || !found(r)) {
      declared.push(r);
      if (v.trades && v.verdict === 'review') approved.push(r.id);
    } else
      heldBack.push({
        id: r.id,
        verdict: v.verdict === 'refused' ? 'refused' : 'review',
        reasons: v.reasons.map((x) => ({ code: x.code, message: x.message })),
      });
  });
  return { declared, heldBack, approved };
}

function refs(r: MappingRelation) {
  return r.kind === 'exclusive' ? r.markets : [r.a, r.b];
}

function setKey(r: MappingRelation): string {
  return refs(r)
    .map((m) => `${m.venue}:${m.market}`)
    .sort()
    .join(',');
}
