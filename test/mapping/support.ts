import type { MappingFile, MappingRelation, MarketRef } from '../../src/mapping/index.ts';
import type { UniverseMarket } from '../../src/mapping/index.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** 2026-01-09T00:00:00Z */
export const T0 = Date.UTC(2026, 0, 9);

export const kalshi = (market: string): MarketRef => ({ venue: 'kalshi', market });
export const poly = (market: string): MarketRef => ({ venue: 'polymarket', market });

export function market(ref: MarketRef, extra: Partial<UniverseMarket> = {}): UniverseMarket {
  return { venue: ref.venue, key: ref.market, closeTimeMs: T0, ...extra };
}

export const mappingOf = (relations: MappingRelation[]): MappingFile => ({
  version: 1,
  source: 'test',
  relations,
});

export const eq = (
  id: string,
  a: MarketRef,
  b: MarketRef,
  polarity: 'same' | 'inverted' = 'same',
): MappingRelation => ({ kind: 'equivalent', id, confidence: 1, a, b, polarity });

export const implies = (id: string, a: MarketRef, b: MarketRef): MappingRelation => ({
  kind: 'implies',
  id,
  confidence: 1,
  a,
  b,
});

export const exclusive = (id: string, markets: MarketRef[], exhaustive = true): MappingRelation => ({
  kind: 'exclusive',
  id,
  confidence: 1,
  markets,
  exhaustive,
});
