import { describe, expect, it } from 'vitest';
import { NO_FEES } from '../../src/core/fees.ts';
import { uniformGrid, type MarketId, type Venue } from '../../src/core/market.ts';
import type { Px, Qty } from '../../src/core/units.ts';
import {
  checkMapping,
  eventTreeRelations,
  universeFromVenueMarkets,
  type MappingRelation,
} from '../../src/mapping/index.ts';
import type { VenueEvent, VenueMarket } from '../../src/venues/venue.ts';
import { mappingOf, T0 } from './support.ts';

let nextId = 0;
function vm(
  venue: Venue,
  key: string,
  eventKey: string,
  status: VenueMarket['status'] = 'open',
): VenueMarket {
  return {
    id: nextId++ as MarketId,
    venue,
    key,
    title: key,
    eventKey,
    grid: uniformGrid(100 as Px),
    minSize: 100 as Qty,
    fees: NO_FEES,
    closeTimeMs: T0,
    status,
  };
}

const ev = (
  venue: Venue,
  key: string,
  marketKeys: string[],
  extra: Partial<VenueEvent> = {},
): VenueEvent => ({
  venue,
  key,
  title: key,
  marketKeys,
  mutuallyExclusive: true,
  ...extra,
});

const markets = [
  vm('kalshi', 'KXG-1-A', 'KXG-1'),
  vm('kalshi', 'KXG-1-B', 'KXG-1'),
  vm('kalshi', 'KXG-1-C', 'KXG-1'),
  vm('kalshi', 'KXSOLO-X', 'KXSOLO'),
  vm('kalshi', 'KXLADDER-T1', 'KXLADDER'),
  vm('kalshi', 'KXLADDER-T2', 'KXLADDER'),
  vm('polymarket', '0xa', 'who-wins'),
  vm('polymarket', '0xb', 'who-wins'),
  vm('polymarket', '0xc', 'who-wins'),
  vm('polymarket', '0xother', 'who-wins'),
  vm('kalshi', 'KXFED-1-H', 'KXFED-1'),
  vm('kalshi', 'KXFED-1-C', 'KXFED-1', 'settled'),
  vm('kalshi', 'KXFED-1-K', 'KXFED-1'),
  vm('polymarket', '0xh', 'fed-dec'),
  vm('polymarket', '0xk', 'fed-dec'),
  vm('polymarket', '0xc', 'fed-dec'),
  vm('polymarket', '0xjh', 'fed-jan'),
  vm('polymarket', '0xjk', 'fed-jan'),
  vm('polymarket', '0xjc', 'fed-jan', 'settled'),
];

const events = [
  ev('kalshi', 'KXG-1', ['KXG-1-A', 'KXG-1-B', 'KXG-1-C']),
  ev('kalshi', 'KXSOLO', ['KXSOLO-X']),
  ev('kalshi', 'KXLADDER', ['KXLADDER-T1', 'KXLADDER-T2'], { mutuallyExclusive: false }),
  ev('polymarket', 'who-wins', ['0xa', '0xb', '0xc', '0xother'], {
    augmented: true,
    placeholderKeys: ['0xother'],
  }),
  ev('kalshi', 'KXFED-1', ['KXFED-1-H', 'KXFED-1-C', 'KXFED-1-K']),
  ev('polymarket', 'fed-dec', ['0xh', '0xk', '0xc']),
  ev('polymarket', 'fed-jan', ['0xjh', '0xjk', '0xjc']),
];

const trees = eventTreeRelations(events, markets);
const byId = (id: string): MappingRelation | undefined => trees.find((r) => r.id === id);
const keys = (r: MappingRelation | undefined) =>
  r?.kind === 'exclusive' ? r.markets.map((m) => m.market) : [];

describe('eventTreeRelations', () => {
  it('a Kalshi mutually exclusive event becomes an at-most-one set: Kalshi does not say it is exhaustive', () => {
    const r = byId('tree:kalshi:KXG-1');
    expect(r).toMatchObject({ kind: 'exclusive', exhaustive: false, confidence: 0.95 });
    expect(keys(r)).toEqual(['KXG-1-A', 'KXG-1-B', 'KXG-1-C']);
    expect(r?.notes?.comment).toMatch(/not exhaustive: Kalshi only promises at most one YES/);
  });

  it('a Polymarket negRisk event that is not augmented is exhaustive: the venue says so', () => {
    const r = byId('tree:polymarket:fed-dec');
    expect(r).toMatchObject({ kind: 'exclusive', exhaustive: true });
    expect(keys(r)).toEqual(['0xh', '0xk', '0xc']);
    expect(r?.notes?.comment).toMatch(/exactly one outcome resolves YES \(negRisk\)/);
  });

  it('a Polymarket negRisk event with a settled market left out is not exhaustive', () => {
    const r = byId('tree:polymarket:fed-jan');
    expect(r).toMatchObject({ kind: 'exclusive', exhaustive: false });
    expect(keys(r)).toEqual(['0xjh', '0xjk']);
  });

  it('an augmented negRisk event loses its placeholder and is not exhaustive', () => {
    const r = byId('tree:polymarket:who-wins');
    expect(r).toMatchObject({ kind: 'exclusive', exhaustive: false });
    expect(keys(r)).toEqual(['0xa', '0xb', '0xc']);
  });

  it('skips one-market and non-exclusive events', () => {
    expect(byId('tree:kalshi:KXSOLO')).toBeUndefined();
    expect(byId('tree:kalshi:KXLADDER')).toBeUndefined();
    expect(trees.map((r) => r.id)).toEqual([
      'tree:kalshi:KXG-1',
      'tree:polymarket:who-wins',
      'tree:kalshi:KXFED-1',
      'tree:polymarket:fed-dec',
      'tree:polymarket:fed-jan',
    ]);
  });

  it('leaves out settled markets, and then no longer claims exhaustiveness', () => {
    const r = byId('tree:kalshi:KXFED-1');
    expect(keys(r)).toEqual(['KXFED-1-H', 'KXFED-1-K']);
    expect(r).toMatchObject({ exhaustive: false });
    expect(r?.notes?.comment).toMatch(/1 closed, settled or unlisted market\(s\) left out/);
  });

  it('produces relations that check cleanly against the same venue data', () => {
    expect(checkMapping(mappingOf(trees), universeFromVenueMarkets(markets, events))).toEqual([]);
  });

  it('is deterministic', () => {
    expect(eventTreeRelations(events, markets)).toEqual(trees);
  });
});
