/** A hand-built two-market scenario: one Kalshi ticker and one Polymarket condition with its two tokens. */
import { kalshiFeeModel, polymarketFeeModel } from '../../../src/core/fees.ts';
import { kalshiGrid, uniformGrid } from '../../../src/core/market.ts';
import type { Px, Qty } from '../../../src/core/units.ts';
import { DEFAULT_PROCESS } from '../../../src/sim/universe/index.ts';
import type { Scenario } from '../../../src/sim/universe/types.ts';

export const K_MARKET = 'KXTEST-26DEC31-T1';
export const P_MARKET = `0x${'ab'.repeat(32)}`;
export const P_TOKENS = { yes: '1111111111', no: '2222222222' };
export const START_MS = Date.UTC(2026, 0, 1);

export function tinyScenario(): Scenario {
  return {
    name: 'tiny',
    description: 'one market per venue, for admin tests',
    seed: 1,
    startTimeMs: START_MS,
    propositions: [{ id: 'p1', statement: 'it happens', p0: 0.5 }],
    groups: [{ kind: 'independent', id: 'g1', props: ['p1'] }],
    events: [
      {
        venue: 'kalshi',
        key: 'KXTEST-26DEC31',
        title: 'Test',
        category: 'test',
        mutuallyExclusive: false,
        markets: [K_MARKET],
      },
      {
        venue: 'polymarket',
        key: 'test-event',
        title: 'Test',
        category: 'test',
        mutuallyExclusive: false,
        markets: [P_MARKET],
      },
    ],
    markets: [
      {
        venue: 'kalshi',
        key: K_MARKET,
        eventKey: 'KXTEST-26DEC31',
        title: 'Will it happen?',
        prop: 'p1',
        inverted: false,
        grid: kalshiGrid('linear_cent'),
        priceLevelStructure: 'linear_cent',
        minSize: 100 as Qty,
        fees: kalshiFeeModel(),
        openTimeMs: START_MS,
        closeTimeMs: START_MS + 86_400_000,
      },
      {
        venue: 'polymarket',
        key: P_MARKET,
        eventKey: 'test-event',
        title: 'Will it happen?',
        tokens: P_TOKENS,
        prop: 'p1',
        inverted: false,
        grid: uniformGrid(100 as Px),
        minSize: 500 as Qty,
        fees: polymarketFeeModel(40_000),
        openTimeMs: START_MS,
        closeTimeMs: START_MS + 86_400_000,
      },
    ],
    process: DEFAULT_PROCESS,
    botCashMicros: 1_000_000_000,
  };
}
