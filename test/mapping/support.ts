import type { Evidence, MappingFile, MappingRelation, MarketRef } from '../../src/mapping/index.ts';
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

export const exclusive = (
  id: string,
  markets: MarketRef[],
  exhaustive = true,
): Extract<MappingRelation, { kind: 'exclusive' }> => ({
  kind: 'exclusive',
  id,
  confidence: 1,
  markets,
  exhaustive,
});

/**
 * Complete evidence for one market (every field the verdict requires), agreeing with any other market given
 * the same `extra`: a relation between two markets with this evidence is `tradable`.
 */
export function evidence(extra: Partial<Evidence> = {}): Evidence {
  return {
    yesMeans: 'the home team wins the game',
    resolutionSource: 'Official league results',
    closeTime: new Date(T0).toISOString(),
    settlementTime: new Date(T0 + HOUR).toISOString(),
    rules: { text: 'If the home team wins, the market resolves to Yes.' },
    clauses: { void: false, fiftyFifty: false, earlyClose: false },
    ...extra,
  };
}

/** `ref` with complete evidence (see `evidence`). */
export const evidenced = (ref: MarketRef, extra: Partial<Evidence> = {}): MarketRef => ({
  ...ref,
  evidence: evidence(extra),
});

export const mappingV2 = (relations: MappingRelation[]): MappingFile => ({
  version: 2,
  source: 'test',
  relations,
});
