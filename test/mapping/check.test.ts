import { describe, expect, it } from 'vitest';
import { checkMapping, formatGap, universeFromScenario } from '../../src/mapping/index.ts';
import { buildDefaultScenario, buildSmallScenario, scenarioMapping } from '../../src/sim/universe/index.ts';
import { DAY, eq, exclusive, HOUR, implies, kalshi, mappingOf, market, poly, T0 } from './support.ts';

describe('the simulator’s own mappings', () => {
  it.each([
    ['default', buildDefaultScenario(1)],
    ['small', buildSmallScenario(1)],
  ])('%s scenario: checks with zero issues', (_, s) => {
    const mapping = scenarioMapping(s);
    expect(mapping.relations.length).toBeGreaterThan(0);
    expect(checkMapping(mapping, universeFromScenario(s))).toEqual([]);
  });
});

const A = kalshi('KXGAME-26JAN09AAABBB-AAA');
const B = kalshi('KXGAME-26JAN09AAABBB-BBB');
const P = poly('0xabc');
const universe = [
  market(A, { eventKey: 'KXGAME-26JAN09AAABBB' }),
  market(B, { eventKey: 'KXGAME-26JAN09AAABBB' }),
];

describe('unknown markets', () => {
  it('suggests sibling tickers of the same event when the team suffix is wrong', () => {
    const issues = checkMapping(mappingOf([eq('x', kalshi('KXGAME-26JAN09AAABBB-AAB'), A)]), universe);
    expect(issues).toEqual([
      {
        path: 'relations.0.a.market',
        severity: 'error',
        message:
          'unknown kalshi market "KXGAME-26JAN09AAABBB-AAB" (did you mean "KXGAME-26JAN09AAABBB-AAA" or "KXGAME-26JAN09AAABBB-BBB"?)',
        code: 'unknown-market',
      },
    ]);
  });

  it('points a token id at its condition id, and a key on the wrong venue at its venue', () => {
    const u = [...universe, market(P, { tokens: { yes: '111', no: '222' } })];
    const issues = checkMapping(mappingOf([eq('x', A, poly('222')), eq('y', B, poly(A.market))]), u);
    expect(issues.map((i) => i.message)).toEqual([
      'unknown polymarket market "222" (that is the NO token id of polymarket market 0xabc: name markets by condition id)',
      `unknown polymarket market "${A.market}" (it is a kalshi market: check the venue)`,
    ]);
  });
});

describe('close times of equivalent markets', () => {
  const at = (ms: number) => [market(A), market(P, { closeTimeMs: T0 + ms })];
  it('is silent up to 24 hours, warns above, fails above 48 hours', () => {
    const m = mappingOf([eq('x', A, P)]);
    expect(checkMapping(m, at(24 * HOUR))).toEqual([]);
    expect(checkMapping(m, at(30 * HOUR))).toEqual([
      {
        path: 'relations.0',
        severity: 'warning',
        message:
          'equivalent markets close 30 hours apart: kalshi KXGAME-26JAN09AAABBB-AAA closes 2026-01-09T00:00:00.000Z, ' +
          'polymarket 0xabc closes 2026-01-10T06:00:00.000Z; they may settle on different facts',
        code: 'close-gap',
      },
    ]);
    expect(checkMapping(m, at(3 * DAY))[0]).toMatchObject({ severity: 'error', path: 'relations.0' });
    expect(checkMapping(m, at(3 * DAY))[0]!.message).toMatch(/^equivalent markets close 3 days apart/);
    expect(checkMapping(m, at(3 * DAY), { maxCloseGapMs: 4 * DAY })[0]!.severity).toBe('warning');
  });

  it('formats gaps in hours below two days and in days above', () => {
    expect(formatGap(90 * 60_000)).toBe('1.5 hours');
    expect(formatGap(60 * HOUR)).toBe('2.5 days');
  });
});

describe('exclusive sets', () => {
  const other = kalshi('KXGAME-26JAN10CCCDDD-CCC');
  const other2 = kalshi('KXGAME-26JAN10CCCDDD-DDD');
  const placeholder = poly('0xother');
  const u = [
    ...universe,
    market(other, { eventKey: 'KXGAME-26JAN10CCCDDD' }),
    market(other2, { eventKey: 'KXGAME-26JAN10CCCDDD' }),
    market(P, { eventKey: 'e' }),
    market(placeholder, { eventKey: 'e', placeholder: true }),
  ];

  it('reports duplicates and sets of fewer than two', () => {
    const issues = checkMapping(mappingOf([exclusive('x', [A, A]), exclusive('y', [])]), u);
    expect(issues.map((i) => [i.path, i.severity])).toEqual([
      ['relations.0.markets.1', 'error'],
      ['relations.1.markets', 'error'],
    ]);
  });

  it('an exhaustive set with a placeholder is an error; a non-exhaustive one a warning', () => {
    expect(checkMapping(mappingOf([exclusive('x', [P, placeholder])]), u)).toMatchObject([
      { path: 'relations.0.markets.1', severity: 'error' },
    ]);
    expect(checkMapping(mappingOf([exclusive('x', [P, placeholder], false)]), u)).toMatchObject([
      { path: 'relations.0.markets.1', severity: 'warning' },
    ]);
  });

  it('warns when an exhaustive set mixes events of one venue', () => {
    const issues = checkMapping(mappingOf([exclusive('x', [A, other, P])]), u);
    expect(issues).toEqual([
      {
        path: 'relations.0.markets',
        severity: 'warning',
        message:
          'exhaustive set mixes kalshi markets from 2 events (KXGAME-26JAN09AAABBB, KXGAME-26JAN10CCCDDD): ' +
          'check that exactly one of them must resolve YES',
        code: 'mixed-events',
      },
    ]);
  });
});

describe('confidence and closed markets', () => {
  it('warns that a relation under the minimum confidence will be ignored', () => {
    const m = mappingOf([{ ...eq('x', A, B, 'inverted'), confidence: 0.4 }]);
    expect(checkMapping(m, universe, { minConfidence: 0.5 })).toEqual([
      {
        path: 'relations.0.confidence',
        severity: 'warning',
        message: 'confidence 0.4 is below the minimum 0.5: this relation will be ignored',
        code: 'low-confidence',
      },
    ]);
  });

  it('warns about closed markets', () => {
    const issues = checkMapping(mappingOf([eq('x', A, B, 'inverted')]), [
      market(A),
      market(B, { closed: true }),
    ]);
    expect(issues).toMatchObject([{ path: 'relations.0.b', severity: 'warning' }]);
  });
});

describe('consistency beyond polarity', () => {
  const C = kalshi('KXC');
  const u = [...universe, market(C)];

  it('an implication cycle that contradicts an inverted equivalence is an error naming the relations', () => {
    const issues = checkMapping(
      mappingOf([implies('ab', A, B), implies('ba', B, A), eq('inv', A, B, 'inverted')]),
      u,
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'relations.2', severity: 'error' });
    expect(issues[0]!.message).toMatch(/^contradiction: relations .*"ab".*cannot all hold/);
    expect(issues[0]!.message).toContain('"inv"');
  });

  it('A ⇒ B with A = NOT B forces A to NO and B to YES: a warning', () => {
    const issues = checkMapping(mappingOf([implies('ab', A, B), eq('inv', A, B, 'inverted')]), u);
    expect(issues.map((i) => i.severity)).toEqual(['warning']);
    expect(issues[0]!.message).toBe(
      `kalshi ${A.market} can never resolve YES under relations "ab", "inv" (YES would imply its own opposite); ` +
        'one of them is probably wrong',
    );
  });

  it('an exclusive pair of two equivalent markets forces both to NO', () => {
    const issues = checkMapping(mappingOf([eq('same', A, B), exclusive('ex', [A, B], false)]), u);
    expect(issues.map((i) => [i.path, i.severity])).toEqual([['relations.1', 'warning']]);
  });

  it('an exhaustive pair of two equivalent markets is a contradiction', () => {
    const issues = checkMapping(mappingOf([eq('same', A, B), exclusive('ex', [A, B])]), u);
    expect(issues.map((i) => [i.path, i.severity])).toEqual([['relations.1', 'error']]);
  });

  it('a plain implication cycle warns that it makes markets equal', () => {
    const issues = checkMapping(
      mappingOf([implies('ab', A, B), implies('bc', B, C), implies('ca', C, A)]),
      u,
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'relations.2', severity: 'warning' });
    expect(issues[0]!.message).toMatch(
      /^implications "ab", "bc", "ca" form a cycle, which makes .* the same proposition/,
    );
  });

  it('a cycle closed by a declared equivalence is fine when the implications agree with it', () => {
    expect(checkMapping(mappingOf([implies('ab', A, B), eq('same', A, B)]), u)).toEqual([]);
    expect(checkMapping(mappingOf([eq('inv', A, B, 'inverted'), exclusive('pair', [A, B])]), u)).toEqual([]);
  });
});
