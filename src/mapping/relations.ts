/**
 * Mapping-file relations → the core's relations over interned market ids, which is what the relation index
 * and the payout verifier consume. The file speaks in venue keys and polarity; the core speaks in MarketIds
 * and distinct relation kinds (an inverted equivalence is a complement, a non-exhaustive exclusive set is
 * at-most-one).
 */
import type { MarketIdTable } from '../core/market.ts';
import type { Relation } from '../core/portfolio.ts';
import type { MappingFile, MappingRelation, MarketRef } from './types.ts';

export function coreRelation(r: MappingRelation, ids: MarketIdTable): Relation {
  const id = (m: MarketRef) => ids.intern(m.venue, m.market);
  switch (r.kind) {
    case 'equivalent':
      return { kind: r.polarity === 'same' ? 'equivalent' : 'complement', a: id(r.a), b: id(r.b) };
    case 'exclusive':
      return { kind: r.exhaustive ? 'exactlyOne' : 'atMostOne', markets: r.markets.map(id) };
    case 'implies':
      return { kind: 'implies', a: id(r.a), b: id(r.b) };
  }
}

/** Every relation of the file, in file order, interning each market it names into `ids`. */
export function coreRelations(mapping: MappingFile, ids: MarketIdTable): Relation[] {
  return mapping.relations.map((r) => coreRelation(r, ids));
}
