/**
 * Discovery through the adapter on a loopback Gamma + CLOB (issue 21 points 8 and 11): binary markets whose
 * outcomes are not Yes/No are taken by index with their labels; one odd market never fails the page (skipped,
 * refused, with why); fees are cross-checked between the CLOB's `fd`, Gamma's schedule and `/fee-rate`, and a
 * conflict puts the market on review (refused with every source's values).
 */
import { describe, expect, it } from 'vitest';
import { RealClock } from '../../../../src/app/real-clock.ts';
import { polymarketFeeModel } from '../../../../src/core/fees.ts';
import { Rng } from '../../../../src/core/rng.ts';
import { json } from '../../../../src/sim/server/index.ts';
import { FEE_CONFLICT, PolymarketAdapter } from '../../../../src/venues/polymarket/index.ts';
import { onCleanup, startServer } from '../../../sim/support/net.ts';

const cid = (n: number) => `0x${String(n).repeat(64).slice(0, 64)}`;
const UPDOWN = cid(1);
const TEAMS = cid(2);
const ODD = cid(3);
const CONFLICT = cid(4);
const MISSING = cid(5);
const SWAPPED = cid(6);
const IN_BAD_EVENT = cid(7);

interface Spec {
  readonly outcomes: [string, string];
  readonly tokens: [string, string];
  readonly gamma?: object;
  readonly fd?: object;
  readonly clobOrder?: 'same' | 'swapped' | 'none';
  readonly baseFee?: number;
}

const SPECS: Record<string, Spec> = {
  [UPDOWN]: {
    outcomes: ['Up', 'Down'],
    tokens: ['101', '102'],
    gamma: {
      feesEnabled: true,
      feeType: 'crypto_fees',
      feeSchedule: { rate: 0.07, exponent: 1, takerOnly: true },
    },
    fd: { r: 0.07, e: 1, to: true },
    baseFee: 700,
  },
  [TEAMS]: {
    outcomes: ['Bucks', 'Lakers'],
    tokens: ['201', '202'],
    gamma: { feesEnabled: false },
    baseFee: 0,
  },
  [ODD]: { outcomes: ['Yes', 'No'], tokens: ['301', '302'] },
  [CONFLICT]: {
    outcomes: ['Yes', 'No'],
    tokens: ['401', '402'],
    gamma: { feesEnabled: true, feeSchedule: { rate: 0.03, exponent: 1, takerOnly: true } },
    fd: { r: 0.04, e: 1, to: true },
  },
  [MISSING]: {
    outcomes: ['Yes', 'No'],
    tokens: ['501', '502'],
    gamma: { feesEnabled: false },
    clobOrder: 'none',
  },
  [SWAPPED]: {
    outcomes: ['Over', 'Under'],
    tokens: ['601', '602'],
    gamma: { feesEnabled: false },
    clobOrder: 'swapped',
  },
};

const gammaMarket = (conditionId: string) => {
  const s = SPECS[conditionId]!;
  const m: Record<string, unknown> = {
    conditionId,
    question: `q ${conditionId.slice(0, 4)}`,
    outcomes: JSON.stringify(s.outcomes),
    clobTokenIds: JSON.stringify(s.tokens),
    endDate: '2026-12-31T00:00:00Z',
    active: true,
    closed: false,
    acceptingOrders: true,
    ...s.gamma,
  };
  if (conditionId === ODD) {
    // Three outcomes: not a binary market.
    m.outcomes = '["Yes", "No", "Maybe"]';
    m.clobTokenIds = '["301", "302", "303"]';
  }
  return m;
};

describe('Polymarket discovery on what the venue really lists', () => {
  it('any two outcome labels, odd markets skipped and named, fee sources cross-checked', async () => {
    const s = await startServer((srv) =>
      srv
        .get('/events', () =>
          json(200, [
            {
              id: 'e1',
              slug: 'e1',
              title: 'E1',
              negRisk: false,
              markets: [UPDOWN, TEAMS, ODD, CONFLICT, MISSING, SWAPPED].map(gammaMarket),
            },
            // An event that does not decode (no slug): its markets are refused by name, the page is still read.
            { id: 'e2', title: 'E2', markets: [{ conditionId: IN_BAD_EVENT }] },
          ]),
        )
        .get('/clob-markets/:id', (req) => {
          const spec = SPECS[req.params.id!];
          if (!spec || spec.clobOrder === 'none') return json(404, { error: 'market not found' });
          const t = spec.tokens.map((tok, i) => ({ t: tok, o: spec.outcomes[i]! }));
          if (spec.clobOrder === 'swapped') t.reverse();
          return json(200, {
            c: req.params.id,
            t,
            mts: 0.01,
            mos: 5,
            nr: false,
            ...(spec.fd ? { fd: spec.fd } : {}),
          });
        })
        .get('/fee-rate', (req) => {
          const spec = Object.values(SPECS).find((x) => x.tokens[0] === req.query.get('token_id'));
          return spec?.baseFee === undefined
            ? json(404, { error: 'not found' })
            : json(200, { base_fee: spec.baseFee });
        }),
    );
    const a = new PolymarketAdapter({
      clobUrl: s.httpUrl(),
      wsUrl: s.wsUrl('/ws/market'),
      userWsUrl: s.wsUrl('/ws/user'),
      dataUrl: s.httpUrl(),
      gammaUrl: s.httpUrl(),
      privateKey: `0x${'11'.repeat(32)}`,
      chainId: 137,
      clock: new RealClock(),
      rng: new Rng(1),
    });
    onCleanup(() => a.close());
    const d = await a.discover();
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value.markets.map((m) => [m.key, m.tokens, m.outcomes, m.fees])).toEqual([
      [UPDOWN, { yes: '101', no: '102' }, { yes: 'Up', no: 'Down' }, polymarketFeeModel(70_000)],
      [TEAMS, { yes: '201', no: '202' }, { yes: 'Bucks', no: 'Lakers' }, polymarketFeeModel(0)],
    ]);
    const refused = new Map(d.value.refused?.map((r) => [r.key, r.reason]));
    expect([...refused.keys()].sort()).toEqual([IN_BAD_EVENT, ODD, CONFLICT, MISSING, SWAPPED].sort());
    expect(refused.get(IN_BAD_EVENT)).toMatch(/^unreadable on Gamma: events\[1\]\.slug/);
    expect(refused.get(ODD)).toMatch(
      /^unreadable on Gamma: .*outcomes \(a binary market lists two outcomes\)/,
    );
    expect(refused.get(CONFLICT)).toBe(
      `${FEE_CONFLICT}: fee sources disagree, market on review: clob fd (rate 0.04, exponent 1, taker only) vs ` +
        'gamma feeSchedule (rate 0.03, exponent 1, taker only)',
    );
    expect(refused.get(MISSING)).toMatch(/^no CLOB facts: market not found/);
    expect(refused.get(SWAPPED)).toMatch(/list the outcomes' tokens differently \(Over\/Under\)/);
    // The event still names every market, so a set it forms is never taken as complete.
    expect(d.value.events.map((e) => e.marketKeys)).toEqual([
      [UPDOWN, TEAMS, CONFLICT, MISSING, SWAPPED, ODD],
    ]);
  });
});
