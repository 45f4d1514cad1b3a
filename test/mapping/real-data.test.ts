/**
 * The NBA pairs converter and the checker on recorded real data in ../shared/data (skipped when that folder is
 * absent, as in a fresh clone). Every number asserted here was computed from those files.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MarketIdTable } from '../../src/core/market.ts';
import {
  checkMapping,
  endOfTickerDayMs,
  mergeMappings,
  pairsToMapping,
  resolveRelations,
  universeFromRealData,
  type MappingIssue,
  type MappingRelation,
  type UniverseMarket,
} from '../../src/mapping/index.ts';

const dir = path.resolve(process.cwd(), '../shared/data/kalshi-poly-nba-pairs');
const read = (file: string): unknown => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
const HOUR = 3_600_000;

describe.skipIf(!existsSync(dir))('recorded Kalshi/Polymarket NBA data', () => {
  const gamma = existsSync(dir) ? read('poly_nba_events.json') : [];
  const kalshiEvents = existsSync(dir) ? read('kalshi_nba_events.json') : { events: [] };
  const real = universeFromRealData(kalshiEvents, gamma);
  if (!real.ok) throw new Error(JSON.stringify(real.error));
  const universe = real.value.universe;
  const known = new Map(universe.map((m) => [`${m.venue}:${m.key}`, m]));

  const convert = (file: string) => {
    const c = pairsToMapping(read(file), { source: file, gammaEvents: gamma });
    if (!c.ok) throw new Error(JSON.stringify(c.error));
    return c.value;
  };
  const unknownRefs = (issues: readonly MappingIssue[], venue: string): Set<string> =>
    new Set(
      issues
        .filter((i) => i.message.startsWith(`unknown ${venue} market`))
        .map((i) => /"([^"]+)"/.exec(i.message)![1]!),
    );

  it('builds the universe: 27 Kalshi game events × 2 team markets, and all 738 Gamma markets', () => {
    expect(real.value.skipped).toEqual([]);
    expect(universe.filter((m) => m.venue === 'kalshi')).toHaveLength(54);
    expect(universe.filter((m) => m.venue === 'polymarket')).toHaveLength(738);
    expect(known.get('kalshi:KXNBAGAME-26JAN09MILLAL-MIL')).toMatchObject({
      eventKey: 'KXNBAGAME-26JAN09MILLAL',
      // The end of Jan 9 in New York (EST, UTC−5).
      closeTimeMs: Date.parse('2026-01-10T05:00:00Z'),
    });
    expect(endOfTickerDayMs('KXNBAGAME-26JUL04AAABBB')).toBe(Date.parse('2026-07-05T04:00:00Z')); // EDT
  });

  describe('pairs_2026-01-09_10.json (18 games: 15 NBA, 2 NFL, 1 CFP)', () => {
    const conv = existsSync(dir) ? convert('pairs_2026-01-09_10.json') : undefined;
    const relations = conv?.mapping.relations ?? [];
    const issues = conv ? checkMapping(conv.mapping, universe) : [];

    it('converts every game: 18 exclusive pairs and 36 equivalences', () => {
      expect(relations.filter((r) => r.kind === 'exclusive')).toHaveLength(18);
      expect(relations.filter((r) => r.kind === 'equivalent')).toHaveLength(36);
      // 30 of the 36 team token ids are in the Gamma dump: 15 games' outcome order is confirmed there.
      expect(conv!.games.filter((g) => g.outcomeOrder === 'gamma')).toHaveLength(15);
      expect(conv!.games.filter((g) => g.outcomeOrder === 'pairs-file').map((g) => g.kalshiEvent)).toEqual([
        'KXNCAAFGAME-26JAN09OREIND',
        'KXNFLGAME-26JAN10LACAR',
        'KXNFLGAME-26JAN10GBCHI',
      ]);
      expect(conv!.issues.map((i) => i.path)).toEqual([
        'markets.9.poly_token_ids',
        'markets.10.poly_token_ids',
        'markets.11.poly_token_ids',
      ]);
    });

    it('finds the 3 games missing from the recorded data as unknown markets, and nothing else wrong', () => {
      expect([...unknownRefs(issues, 'kalshi')].sort()).toEqual([
        'KXNCAAFGAME-26JAN09OREIND-IND',
        'KXNCAAFGAME-26JAN09OREIND-ORE',
        'KXNFLGAME-26JAN10GBCHI-CHI',
        'KXNFLGAME-26JAN10GBCHI-GB',
        'KXNFLGAME-26JAN10LACAR-CAR',
        'KXNFLGAME-26JAN10LACAR-LAR',
      ]);
      expect([...unknownRefs(issues, 'polymarket')].sort()).toEqual([
        '0x32102e4ab8969621cab85949c3c571b5008a4aa30d31022fa659d0ed287686a9',
        '0x889771fe1ffdfa067c4493ae89a11e1d2cb2699b0bb048e00ce8ba10d27dad84',
        '0x99cc3bbbe311e157297c096850255c688c60c3b30eeeb9d673c67cfc0b49ed24',
      ]);
      const errors = issues.filter((i) => i.severity === 'error');
      // 6 refs in the 3 Kalshi pairs + 2 refs in each of the 6 equivalences of those games.
      expect(errors).toHaveLength(18);
      expect(errors.every((i) => i.message.startsWith('unknown '))).toBe(true);
      // The 6 unconfirmed equivalences sit at confidence 0.5: reported as ignored.
      const warnings = issues.filter((i) => i.severity === 'warning');
      expect(warnings).toHaveLength(6);
      expect(warnings.every((i) => i.path.endsWith('.confidence'))).toBe(true);
    });

    it('every resolved NBA game yields one same and one inverted equivalence and an exhaustive Kalshi pair', () => {
      const games = conv!.games.filter((g) => g.outcomeOrder === 'gamma');
      expect(games.every((g) => g.sport === 'NBA')).toBe(true);
      const gaps: number[] = [];
      for (const g of games) {
        const eqs = relations.filter(
          (r): r is Extract<MappingRelation, { kind: 'equivalent' }> =>
            r.kind === 'equivalent' && r.b.market === g.conditionId,
        );
        expect(eqs.map((r) => r.polarity).sort()).toEqual(['inverted', 'same']);
        const pair = relations.find((r) => r.id === `ex:kalshi:${g.kalshiEvent}`);
        expect(pair).toMatchObject({ kind: 'exclusive', exhaustive: true });
        for (const r of eqs) {
          const a = known.get(`kalshi:${r.a.market}`) as UniverseMarket;
          const b = known.get(`polymarket:${r.b.market}`) as UniverseMarket;
          expect(a && b).toBeTruthy();
          gaps.push((a.closeTimeMs - b.closeTimeMs) / HOUR);
        }
      }
      // Kalshi's inferred close (end of the game's New York day) is 1.5 to 11 hours after Polymarket's endDate
      // (tip-off): inside the 24 h warning threshold, as it should be for the same game.
      expect(Math.min(...gaps)).toBe(1.5);
      expect(Math.max(...gaps)).toBe(11);
      // The first Polymarket outcome is the YES side: "Bucks vs. Lakers" → Bucks (MIL) is `same`.
      expect(relations.find((r) => r.id.startsWith('eq:kalshi:KXNBAGAME-26JAN09MILLAL-MIL|'))).toMatchObject({
        polarity: 'same',
        b: { market: '0xf05b12027fc9a7874ad432b11d16f8176f5f7f0e202186e545c6c672c439a0f6' },
      });
      expect(relations.find((r) => r.id.startsWith('eq:kalshi:KXNBAGAME-26JAN09MILLAL-LAL|'))).toMatchObject({
        polarity: 'inverted',
      });
    });

    it('NFL pairs are not exhaustive (ties), the CFP pair is', () => {
      expect(relations.find((r) => r.id === 'ex:kalshi:KXNFLGAME-26JAN10GBCHI')).toMatchObject({
        exhaustive: false,
      });
      expect(relations.find((r) => r.id === 'ex:kalshi:KXNCAAFGAME-26JAN09OREIND')).toMatchObject({
        exhaustive: true,
      });
    });

    it('resolves 48 tradeable relations (the 6 unconfirmed ones fall under the minimum confidence)', () => {
      expect(resolveRelations(conv!.mapping, new MarketIdTable())).toHaveLength(48);
    });
  });

  describe('pairs_2026-01-05.json (9 games, no Polymarket ids)', () => {
    const conv = existsSync(dir) ? convert('pairs_2026-01-05.json') : undefined;

    it('produces only the 9 Kalshi pairs, every one of them unknown to the recorded data', () => {
      expect(conv!.mapping.relations).toHaveLength(9);
      expect(conv!.issues).toHaveLength(9);
      expect(conv!.issues.every((i) => i.message.startsWith('no Polymarket condition id'))).toBe(true);
      const exhaustive = conv!.mapping.relations.map((r) => r.kind === 'exclusive' && r.exhaustive);
      expect(exhaustive.filter(Boolean)).toHaveLength(3); // the 3 NBA games; the 6 NFL ones are not exhaustive
      const issues = conv ? checkMapping(conv.mapping, universe) : [];
      expect(issues).toHaveLength(18);
      expect(unknownRefs(issues, 'kalshi').size).toBe(18);
    });

    it('disagrees with the later file on the Rams ticker (-LA vs -LAR): merging the two is refused', () => {
      const later = convert('pairs_2026-01-09_10.json');
      const merged = mergeMappings(later.mapping, conv!.mapping);
      expect(merged).toEqual({
        ok: false,
        error: [
          {
            path: 'files.1.relations.1.id',
            severity: 'error',
            message:
              'relation id "ex:kalshi:KXNFLGAME-26JAN10LACAR" is already used, differently, at files.0.relations.30',
          },
        ],
      });
    });
  });
});
