import { describe, expect, it } from 'vitest';
import {
  judgeMapping,
  relationHash,
  universeFromScenario,
  type Evidence,
  type JudgeOptions,
  type MappingRelation,
  type RelationVerdict,
} from '../../src/mapping/index.ts';
import { buildDefaultScenario, buildSmallScenario, scenarioMapping } from '../../src/sim/universe/index.ts';
import type { VenueEvent } from '../../src/venues/venue.ts';
import {
  DAY,
  eq,
  evidenced,
  exclusive,
  HOUR,
  implies,
  kalshi,
  mappingOf,
  mappingV2,
  market,
  poly,
  T0,
} from './support.ts';

const K = kalshi('KXA');
const P = poly('0xa');
const iso = (ms: number): string => new Date(ms).toISOString();

/** One equivalence K ≡ P with complete evidence, each side changed by its own `extra`. */
function pair(
  a: Partial<Evidence> = {},
  b: Partial<Evidence> = {},
  polarity: 'same' | 'inverted' = 'same',
): MappingRelation {
  return eq('e', evidenced(K, a), evidenced(P, b), polarity);
}

function judge(relations: MappingRelation[], opts: JudgeOptions = {}): RelationVerdict[] {
  return judgeMapping(mappingV2(relations), opts);
}

const only = (r: MappingRelation, opts: JudgeOptions = {}): RelationVerdict => judge([r], opts)[0]!;
const codes = (v: RelationVerdict): string[] => v.reasons.map((r) => r.code);

describe('verdicts from evidence', () => {
  it('complete evidence that agrees is tradable, with no reasons', () => {
    expect(only(pair())).toMatchObject({ verdict: 'tradable', reasons: [], trades: true });
  });

  it('a missing field means unknown, never "matches": review, naming the side and the fields', () => {
    const bare = eq('e', K, evidenced(P));
    const v = only(bare);
    expect(v).toMatchObject({ verdict: 'review', trades: false });
    expect(v.reasons).toEqual([
      {
        code: 'missing-evidence',
        verdict: 'review',
        path: 'relations.0.a.evidence',
        message:
          'kalshi KXA: no recorded yesMeans, resolutionSource, closeTime, settlementTime, rules, clauses.void, ' +
          'clauses.fiftyFifty, clauses.earlyClose (missing means unknown, never "matches")',
      },
    ]);
    const { clauses: _c, ...noClauses } = evidenced(P).evidence!;
    expect(codes(only(eq('e', evidenced(K), { ...P, evidence: noClauses })))).toEqual(['missing-evidence']);
  });

  it('a version 1 file needs review for every relation', () => {
    const v = judgeMapping(mappingOf([eq('e', K, P), implies('i', K, kalshi('KXB'))]));
    expect(v.map((x) => [x.verdict, codes(x)])).toEqual([
      ['review', ['version-1']],
      ['review', ['version-1']],
    ]);
  });

  it('different resolution sources refuse; sources that only partly agree need review', () => {
    const v = only(pair({ resolutionSource: 'Associated Press' }, { resolutionSource: 'Fox News' }));
    expect(v.verdict).toBe('refused');
    expect(v.reasons[0]!.message).toBe(
      'kalshi KXA resolves on "Associated Press", polymarket 0xa on "Fox News": different sources can report different outcomes',
    );
    const partial = only(
      pair(
        { resolutionSource: 'Associated Press' },
        { resolutionSource: ['the Associated Press', 'NBC News'] },
      ),
    );
    expect([partial.verdict, codes(partial)]).toEqual(['review', ['source-differs']]);
    // Case, punctuation and a leading "the" do not make sources differ.
    expect(
      only(pair({ resolutionSource: 'Associated Press' }, { resolutionSource: 'the associated-press' }))
        .verdict,
    ).toBe('tradable');
  });

  it('a payout clause one side has and the other lacks refuses; differently worded clauses need review', () => {
    const clause = (fiftyFifty: boolean | string): Partial<Evidence> => ({
      clauses: { void: false, fiftyFifty, earlyClose: false },
    });
    const v = only(pair(clause(false), clause('resolves 50-50 if the game is not played by Jan 16')));
    expect(v.verdict).toBe('refused');
    expect(v.reasons[0]).toMatchObject({
      code: 'payout-clause-mismatch',
      message:
        'polymarket 0xa has a 50-50 clause that kalshi KXA lacks: one side can pay differently from the other',
    });
    expect(codes(only(pair(clause('50-50 if postponed'), clause('50-50 if cancelled'))))).toEqual([
      'payout-clause-differs',
    ]);
    expect(only(pair(clause(true), clause('50-50 if cancelled'))).verdict).toBe('tradable');
  });

  it('settlement gaps: up to a day is fine, more needs review, more than a week refuses', () => {
    const settles = (ms: number): Partial<Evidence> => ({ settlementTime: iso(T0 + ms) });
    expect(only(pair(settles(HOUR), settles(20 * HOUR))).verdict).toBe('tradable');
    const review = only(pair(settles(HOUR), settles(2 * DAY)));
    expect([review.verdict, codes(review)]).toEqual(['review', ['settlement-gap']]);
    expect(review.reasons[0]!.message).toBe(
      'kalshi KXA and polymarket 0xa are expected to settle 47 hours apart (2026-01-09T01:00:00.000Z vs 2026-01-11T00:00:00.000Z)',
    );
    expect(only(pair(settles(HOUR), settles(8 * DAY))).verdict).toBe('refused');
  });

  it('close gaps from the evidence (no venue asked): over 24 hours review, over 48 hours refused', () => {
    const closes = (ms: number): Partial<Evidence> => ({ closeTime: iso(T0 + ms) });
    expect(only(pair(closes(0), closes(20 * HOUR))).verdict).toBe('tradable');
    expect(only(pair(closes(0), closes(30 * HOUR)))).toMatchObject({ verdict: 'review' });
    const far = only(pair(closes(0), closes(3 * DAY)));
    expect([far.verdict, codes(far)]).toEqual(['refused', ['close-gap']]);
  });
});

describe('verdicts from titles', () => {
  const titled = (a: string, b: string, polarity: 'same' | 'inverted' = 'same') =>
    only(pair({ title: a }, { title: b }, polarity));

  it('different thresholds refuse; one boundary written at two precisions does not', () => {
    const v = titled(
      'Will the S&P 500 be above 4,000 on Dec 31, 2026?',
      'S&P 500 above 4,100 on December 31, 2026?',
    );
    expect([v.verdict, codes(v)]).toEqual(['refused', ['threshold-mismatch']]);
    expect(
      titled(
        'Will the Ethereum price be above $2,999.99 on Nov 27, 2026 at 5pm EST?',
        'Will the price of Ethereum be above $3,000 on November 27 at 5PM ET?',
      ).verdict,
    ).toBe('tradable');
    expect(
      titled(
        'Will the high temp in NYC be <48° on Nov 26, 2026?',
        'Will the highest temperature in NYC be 47°F or below on November 26?',
      ).verdict,
    ).toBe('tradable');
  });

  it('a strict bound against an inclusive one further out needs review (equal only on a discrete scale)', () => {
    const v = titled(
      'Will the Fed cut rates by more than 25bps in December 2026?',
      'Will the Fed decrease interest rates by 50+ bps after the December 2026 meeting?',
    );
    expect([v.verdict, codes(v)]).toEqual(['review', ['threshold-wording']]);
  });

  it('different dates refuse; "before Jan 31" is "through Jan 30"', () => {
    const v = titled('Will the bill pass by Jan 20, 2027?', 'Will the bill pass by January 31, 2027?');
    expect([v.verdict, codes(v)]).toEqual(['refused', ['date-mismatch']]);
    expect(
      titled(
        'Will the government shut down before Jan 31, 2027?',
        'Will Congress avoid a government shutdown through January 30, 2027?',
        'inverted',
      ).verdict,
    ).toBe('tradable');
    expect(titled('Will X be inaugurated in 2029?', 'Will X be called the winner in 2028?').verdict).toBe(
      'refused',
    );
  });

  it('polarity read from the titles must match the declared one', () => {
    const overUnder = titled(
      'Will average US gas prices be above $3.00 on Dec 31, 2026?',
      'Will US gas prices average under $3.00 on December 31, 2026?',
    );
    expect([overUnder.verdict, codes(overUnder)]).toEqual(['refused', ['polarity-mismatch']]);
    expect(
      titled(
        'Will average US gas prices be above $3.00 on Dec 31, 2026?',
        'Will US gas prices average under $3.00 on December 31, 2026?',
        'inverted',
      ).verdict,
    ).toBe('tradable');
    const winLose = titled('Will the Lakers win on Jan 9, 2026?', 'Will the Lakers lose on Jan 9, 2026?');
    expect([winLose.verdict, codes(winLose)]).toEqual(['refused', ['polarity-mismatch']]);
    // Another subject ("A beats B" vs "B loses to A") proves nothing, and neither do two identical titles.
    expect(
      titled('Will the Celtics beat the Thunder?', 'Will the Thunder lose to the Celtics?').verdict,
    ).toBe('tradable');
    expect(
      titled('Boston at Oklahoma City Winner?', 'Boston at Oklahoma City Winner?', 'inverted').verdict,
    ).toBe('tradable');
  });

  it('reads what YES means too, and an implication whose thresholds point the wrong way refuses', () => {
    const v = only(pair({ yesMeans: 'the Lakers win' }, { yesMeans: 'the Lakers do not win' }));
    expect(codes(v)).toEqual(['polarity-mismatch']);
    const wrong = only(
      implies(
        'i',
        evidenced(kalshi('KXBTC-T90'), { title: 'Bitcoin above $90,000 on Nov 27, 2026?' }),
        evidenced(kalshi('KXBTC-T95'), { title: 'Bitcoin above $95,000 on Nov 27, 2026?' }),
      ),
    );
    expect([wrong.verdict, codes(wrong)]).toEqual(['refused', ['implication-direction']]);
    const right = only(
      implies(
        'i',
        evidenced(kalshi('KXBTC-T95'), { title: 'Bitcoin above $95,000 on Nov 27, 2026?' }),
        evidenced(poly('0xbtc90'), { title: 'Will Bitcoin be above $90,000 on November 27?' }),
      ),
    );
    expect(right.verdict).toBe('tradable');
  });
});

describe('exclusive sets: exhaustive only with evidence or the venue’s word', () => {
  const members = ['0xh', '0xk', '0xc'].map((m) => evidenced(poly(m)));
  const event = (extra: Partial<VenueEvent> = {}): VenueEvent => ({
    venue: 'polymarket',
    key: 'fed-dec',
    title: 'Fed decision in December?',
    marketKeys: ['0xh', '0xk', '0xc'],
    mutuallyExclusive: true,
    ...extra,
  });

  it('an exhaustive set nobody proves needs review; at-most-one needs no proof', () => {
    const v = only(exclusive('x', members));
    expect([v.verdict, codes(v)]).toEqual(['review', ['exhaustive-unproven']]);
    expect(only(exclusive('x', members, false)).verdict).toBe('tradable');
    expect(
      only({
        ...exclusive('x', members),
        exhaustiveEvidence: 'rules: "one of the listed outcomes resolves Yes"',
      }).verdict,
    ).toBe('tradable');
  });

  it('a non-augmented Polymarket negRisk event listing exactly the set proves it; augmented or Kalshi does not', () => {
    expect(only(exclusive('x', members), { events: [event()] }).verdict).toBe('tradable');
    expect(only(exclusive('x', members), { events: [event({ augmented: true })] }).verdict).toBe('review');
    expect(
      only(exclusive('x', members), { events: [event({ marketKeys: ['0xh', '0xk', '0xc', '0xo'] })] })
        .verdict,
    ).toBe('review');
    const k = ['KXF-H', 'KXF-K', 'KXF-C'].map((m) => evidenced(kalshi(m)));
    const kalshiEvent = event({ venue: 'kalshi', key: 'KXF', marketKeys: ['KXF-H', 'KXF-K', 'KXF-C'] });
    expect(only(exclusive('x', k), { events: [kalshiEvent] }).verdict).toBe('review');
  });
});

describe('the checker’s own findings become verdicts', () => {
  it('a contradiction refuses every relation it goes through, and only those', () => {
    const [A, B, C] = ['KXA', 'KXB', 'KXC'].map((m) => evidenced(kalshi(m)));
    const v = judge([
      eq('ab', A!, B!, 'same'),
      eq('bc', B!, C!, 'same'),
      eq('ca', C!, A!, 'inverted'),
      pair(),
    ]);
    expect(v.map((x) => [x.id, x.verdict])).toEqual([
      ['ab', 'refused'],
      ['bc', 'refused'],
      ['ca', 'refused'],
      ['e', 'tradable'],
    ]);
    expect(codes(v[0]!)).toEqual(['polarity-conflict']);
  });

  it('a market related to itself and a confidence under the minimum refuse', () => {
    expect(codes(only(eq('e', evidenced(K), evidenced(K))))).toEqual(['self-relation']);
    const low = only({ ...pair(), confidence: 0.5 }, { minConfidence: 0.9 });
    expect([low.verdict, codes(low)]).toEqual(['refused', ['low-confidence']]);
  });

  it('against discovered markets: unknown markets refuse, a moved close time or a new title needs review', () => {
    const universe = [market(K, { title: 'Lakers win?' }), market(P, { title: 'Lakers vs. Bucks' })];
    expect(codes(only(eq('e', evidenced(kalshi('KXZ')), evidenced(P)), { universe }))).toEqual([
      'unknown-market',
    ]);
    expect(only(pair(), { universe }).verdict).toBe('tradable');
    const moved = only(pair(), { universe: [market(K, { closeTimeMs: T0 + 3 * HOUR }), market(P)] });
    expect([moved.verdict, codes(moved)]).toEqual(['review', ['venue-close-changed']]);
    const retitled = only(pair({ title: 'Lakers win on Jan 9?' }), { universe });
    expect(codes(retitled)).toEqual(['venue-title-changed']);
    const rules = only(pair(), { universe: [market(K, { rules: 'If the Lakers win, Yes.' }), market(P)] });
    expect(codes(rules)).toEqual(['venue-rules-changed']);
  });
});

describe('approvals', () => {
  const inReview = eq('e', evidenced(K), evidenced(P, { settlementTime: iso(T0 + 3 * DAY) }));
  const approve = (r: MappingRelation, covers = ['settlement-gap']): MappingRelation => ({
    ...r,
    approval: {
      by: 'alice',
      at: iso(T0),
      reason: 'UMA settles later; same game',
      hash: relationHash(r),
      covers,
    },
  });

  it('lift a review: the relation then trades, still with its verdict and reasons shown', () => {
    expect(only(inReview).trades).toBe(false);
    const v = only(approve(inReview));
    expect(v).toMatchObject({ verdict: 'review', trades: true, approval: { by: 'alice', status: 'valid' } });
    expect(codes(v)).toEqual(['settlement-gap']);
  });

  it('are voided by any edit of the relation, and do not cover a reason that was not there', () => {
    const approved = approve(inReview);
    const edited = { ...approved, confidence: 0.95 };
    const v = only(edited);
    expect(v).toMatchObject({ trades: false, approval: { status: 'void' } });
    expect(codes(v)).toEqual(['settlement-gap', 'approval-void']);
    const partial = only(approve(inReview, []));
    expect(partial).toMatchObject({ trades: false, approval: { status: 'incomplete' } });
    expect(codes(partial)).toEqual(['settlement-gap', 'approval-incomplete']);
  });

  it('cannot lift a refusal', () => {
    const refused = pair({ resolutionSource: 'AP' }, { resolutionSource: 'Fox' });
    expect(only(approve(refused, ['source-mismatch']))).toMatchObject({
      verdict: 'refused',
      trades: false,
      approval: { status: 'ignored' },
    });
  });

  it('hash the relation’s content whatever its key order', () => {
    const r = pair();
    const reordered = Object.fromEntries(Object.entries(r).reverse()) as MappingRelation;
    expect(relationHash(reordered)).toBe(relationHash(r));
    expect(relationHash({ ...r, polarity: 'inverted' } as MappingRelation)).not.toBe(relationHash(r));
  });
});

describe('the simulator’s own mappings', () => {
  it.each([
    ['default', buildDefaultScenario(1)],
    ['default seed 5', buildDefaultScenario(5)],
    ['small', buildSmallScenario(1)],
  ])('%s: every relation is tradable, with or without the venues’ listings', (_, s) => {
    const mapping = scenarioMapping(s);
    for (const opts of [{}, { universe: universeFromScenario(s) }]) {
      const v = judgeMapping(mapping, opts);
      expect(v.filter((x) => x.verdict !== 'tradable')).toEqual([]);
    }
  });

  it('without its evidence, none of them is', () => {
    const s = buildSmallScenario(1);
    const mapping = scenarioMapping(s);
    const strip = (r: MappingRelation): MappingRelation => {
      const bare = <T extends { evidence?: unknown }>({ evidence: _e, ...ref }: T) => ref;
      if (r.kind === 'exclusive') return { ...r, markets: r.markets.map(bare) };
      return { ...r, a: bare(r.a), b: bare(r.b) } as MappingRelation;
    };
    const v = judgeMapping({ ...mapping, relations: mapping.relations.map(strip) });
    expect(v.every((x) => x.verdict === 'review' && !x.trades)).toBe(true);
  });
});
