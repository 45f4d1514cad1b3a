/**
 * What the engine trades on, assembled once at start: every discovered market (dense ids, books, fees, events),
 * and the relations between them — the mapping file's, plus exclusive sets generated from the venues' own event
 * metadata when the mapping does not already declare them — turned into the hot path's shapes.
 */
import type { MarketIdTable } from '../core/market.ts';
import { type MarketId, type Venue } from '../core/market.ts';
import { BookStore, buildShapes, MarketTable, type Shape } from '../hot/index.ts';
import {
  eventTreeRelations,
  resolveRelations,
  type MappingFile,
  type MappingRelation,
} from '../mapping/index.ts';
import type { Discovery, VenueMarket } from '../venues/venue.ts';

export interface TradingUniverse {
  readonly ids: MarketIdTable;
  readonly markets: MarketTable;
  readonly books: BookStore;
  readonly shapes: readonly Shape[];
  /** Discovered market facts by id (title, event, tokens…). */
  readonly meta: ReadonlyMap<MarketId, VenueMarket>;
  /** Market keys per venue, for subscribing. */
  readonly keysByVenue: ReadonlyMap<Venue, readonly string[]>;
  /** Relations used and relations dropped (with why). */
  readonly relations: {
    readonly used: number;
    readonly generated: number;
    readonly dropped: readonly string[];
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
  const allEvents = [];
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
    allEvents.push(...d.events);
  }
  const declared = opts.mapping?.relations ?? [];
  // Exclusive sets the venues publish, unless the mapping already declares the same set.
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
  const resolved = resolveRelations({ version: 1, source: 'engine', relations: usable }, ids, {
    minConfidence: opts.minConfidence,
  });
  return {
    ids,
    markets,
    books,
    shapes: buildShapes(resolved, markets),
    meta,
    keysByVenue,
    relations: { used: resolved.length, generated: generated.length, dropped },
  };
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
