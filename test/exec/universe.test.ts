import { describe, expect, it } from 'vitest';
import { NO_FEES } from '../../src/core/fees.ts';
import { MarketIdTable, uniformGrid, type Venue } from '../../src/core/market.ts';
import type { Px, Qty } from '../../src/core/units.ts';
import { buildUniverse } from '../../src/exec/index.ts';
import { relationHash, type MappingFile, type MappingRelation } from '../../src/mapping/index.ts';
import type { Discovery, VenueEvent, VenueMarket } from '../../src/venues/venue.ts';
import { eq, evidenced, exclusive, kalshi, mappingV2, poly, T0 } from '../mapping/support.ts';

/** Discovery of open markets (closing at T0, the evidence helpers' close time) and events per venue. */
function discoveries(
  ids: MarketIdTable,
  markets: Record<Venue, string[]>,
  events: VenueEvent[] = [],
): Map<Venue, Discovery> {
  const vm = (venue: Venue, key: string): VenueMarket => ({
    id: ids.intern(venue, key),
    venue,
    key,
    title: key,
    grid: uniformGrid(100 as Px),
    minSize: 100 as Qty,
    fees: NO_FEES,
    closeTimeMs: T0,
    status: 'open',
  });
  return new Map(
    (Object.entries(markets) as [Venue, string[]][]).map(([venue, keys]) => [
      venue,
      { markets: keys.map((k) => vm(venue, k)), events: events.filter((e) => e.venue === venue) },
    ]),
  );
}

const build = (
  mapping: MappingFile | undefined,
  markets: Record<Venue, string[]>,
  events: VenueEvent[] = [],
) => {
  const ids = new MarketIdTable();
  return buildUniverse({ discoveries: discoveries(ids, markets, events), mapping, minConfidence: 0.9, ids });
};

const used = (u: ReturnType<typeof build>) =>
  [...new Set(u.shapes.filter((s) => !s.relationId.startsWith('intra:')).map((s) => s.relationId))].sort();

describe('buildUniverse: only tradable relations, and approved ones, are traded', () => {
  const ev = (m: string) => evidenced(kalshi(m));
  const pe = (m: string, extra = {}) => evidenced(poly(m), extra);
  const review = eq('review', ev('K2'), poly('0x2')); // no evidence on the Polymarket side
  const approved: MappingRelation = {
    ...eq('approved', ev('K3'), poly('0x3')),
    approval: {
      by: 'alice',
      at: '2026-01-09T00:00:00Z',
      reason: 'read both rules',
      hash: relationHash(eq('approved', ev('K3'), poly('0x3'))),
      covers: ['missing-evidence'],
    },
  };
  const mapping = mappingV2([
    eq('tradable', ev('K1'), pe('0x1')),
    review,
    approved,
    eq('refused', ev('K4'), pe('0x4', { resolutionSource: 'another source' })),
  ]);
  const markets = { kalshi: ['K1', 'K2', 'K3', 'K4'], polymarket: ['0x1', '0x2', '0x3', '0x4'] };

  it('holds back refused relations and unapproved reviews, with their verdict and reasons', () => {
    const u = build(mapping, markets);
    expect(used(u)).toEqual(['approved', 'tradable']);
    expect(u.relations.approved).toEqual(['approved']);
    expect(u.relations.heldBack).toEqual([
      {
        id: 'review',
        verdict: 'review',
        reasons: [
          {
            code: 'missing-evidence',
            message: expect.stringMatching(
              /^polymarket 0x2: no recorded yesMeans, resolutionSource/,
            ) as string,
          },
        ],
      },
      {
        id: 'refused',
        verdict: 'refused',
        reasons: [
          {
            code: 'source-mismatch',
            message:
              'kalshi K4 resolves on "Official league results", polymarket 0x4 on "another source": different sources can report different outcomes',
          },
        ],
      },
    ]);
  });

  it('judges against what the venue lists: a close time moved since the mapping was made holds it back', () => {
    const ids = new MarketIdTable();
    const d = discoveries(ids, markets);
    const k1 = d.get('kalshi')!.markets[0]!;
    d.set('kalshi', { ...d.get('kalshi')!, markets: [{ ...k1, closeTimeMs: T0 + 6 * 3_600_000 }] });
    const u = buildUniverse({
      discoveries: d,
      mapping: mappingV2([mapping.relations[0]!]),
      minConfidence: 0.9,
      ids,
    });
    expect(u.relations.heldBack.map((h) => [h.id, h.reasons.map((r) => r.code)])).toEqual([
      ['tradable', ['venue-close-changed']],
    ]);
  });
});

describe('buildUniverse: exhaustive sets only when the venue or the evidence says so', () => {
  const kalshiEvent: VenueEvent = {
    venue: 'kalshi',
    key: 'KXG',
    title: 'Game',
    marketKeys: ['KXG-A', 'KXG-B', 'KXG-C'],
    mutuallyExclusive: true,
  };
  const polyEvent: VenueEvent = {
    venue: 'polymarket',
    key: 'fed',
    title: 'Fed',
    marketKeys: ['0xh', '0xk', '0xc'],
    mutuallyExclusive: true,
  };
  const markets = {
    kalshi: kalshiEvent.marketKeys as string[],
    polymarket: polyEvent.marketKeys as string[],
  };
  const styles = (u: ReturnType<typeof build>, id: string) =>
    u.shapes.filter((s) => s.relationId === id).map((s) => s.style);

  it('a Kalshi mutually exclusive event yields the NO basket only; a non-augmented negRisk event both', () => {
    const u = build(undefined, markets, [kalshiEvent, polyEvent]);
    expect(styles(u, 'tree:kalshi:KXG')).toEqual(['NO-basket']);
    expect(styles(u, 'tree:polymarket:fed')).toEqual(['YES-basket', 'NO-basket']);
  });

  it('a declared exhaustive Kalshi set without evidence is held back, and the venue’s own set trades instead', () => {
    const set = exclusive(
      'game',
      kalshiEvent.marketKeys.map((m) => evidenced(kalshi(m))),
    );
    const u = build(mappingV2([set]), markets, [kalshiEvent]);
    expect(u.relations.heldBack.map((h) => [h.id, h.verdict, h.reasons.map((r) => r.code)])).toEqual([
      ['game', 'review', ['exhaustive-unproven']],
    ]);
    expect(styles(u, 'game')).toEqual([]);
    expect(styles(u, 'tree:kalshi:KXG')).toEqual(['NO-basket']);
    const proven = build(
      mappingV2([{ ...set, exhaustiveEvidence: 'rules: one of the teams wins; no ties' }]),
      markets,
      [kalshiEvent],
    );
    expect(styles(proven, 'game')).toEqual(['YES-basket', 'NO-basket']);
  });
});
