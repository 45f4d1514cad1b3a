/**
 * The simulator's output for a seed, pinned: refactoring the engine, the calendar or the universe must not move a
 * single scenario id, time or event. The values were taken from the code before issue 15 (hand-written US DST rules,
 * the splice-based trade ring). A change that means to alter the simulation updates them in the same commit and
 * says why; a refactor never does.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/core/clock.ts';
import { Rng } from '../../src/core/rng.ts';
import { PriceProcess } from '../../src/sim/process/price-process.ts';
import { buildDefaultScenario, buildSmallScenario, type Scenario } from '../../src/sim/universe/index.ts';
import { createVenueExchanges } from '../../src/sim/venue-exchanges.ts';

const sha = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

function eventLogDigest(scenario: Scenario, seed: number, ms: number): string {
  const clock = new SimClock(scenario.startTimeMs);
  const exchanges = createVenueExchanges(scenario, clock, { hashEvents: true });
  const process = new PriceProcess({ scenario, exchanges, clock, rng: new Rng(seed) }).start();
  clock.advance(ms);
  process.stop();
  return `${exchanges.kalshi.logDigest()}/${exchanges.polymarket.logDigest()}`;
}

// Start times around the US clock changes (2 AM on 8 Mar and 1 Nov 2026, 14 Mar 2027), in summer and in winter:
// the universe dates games, releases and closes on the New York calendar.
const STARTS: [string, number][] = [
  ['default start (25 Nov 2026)', Date.UTC(2026, 10, 25, 14)],
  ['the evening before spring forward', Date.UTC(2027, 2, 14, 1, 30)],
  ['the night of spring forward', Date.UTC(2026, 2, 8, 7, 30)],
  ['the night of fall back', Date.UTC(2026, 10, 1, 5, 30)],
  ['midsummer', Date.UTC(2027, 6, 1, 14)],
  ['new year eve, evening', Date.UTC(2027, 0, 1, 3)],
];

const SCENARIO_DIGESTS: Record<string, string | string[]> = {
  'default start (25 Nov 2026)': [
    '5e42d252c969c895ec31438ce675cfb4122ce7e4d443968c1105e14d21b55299',
    '4243e8fef7796e7d8f9b223de4b6cd2fce83dcb52f8966b8abf4e19d93a8723f',
  ],
  'the evening before spring forward': [
    'd3e77885f6591e8bc2d8b027ed4cdd33fbde135f31f9fc39cc63fb2774d0174a',
    '024f0ba47a6d2f2cdccbca5b669f3bf50761c63bd501ba2345cfd627d8f60358',
  ],
  'the night of spring forward': [
    '1dee6afba034ece5788ad52bbb4b588921f47680023fad8ad95fb2d720363874',
    '82c22ee5f4e1c3cb10d21e6854abc36405c94e18b94bf7a3a2ccdb964a6f67d5',
  ],
  'the night of fall back': [
    '425a9c5a7ff59ecdcaec52080218c9882cc5207ad54c39a8793c9448c68b8364',
    '164ccf0c52ee47cde0973bc71d3226e764b826a9faeaf86391364e2def326a38',
  ],
  midsummer: [
    'e53af551e0377fdd59e122b0ec5bbf633cb7735600d73243737e77156eb99f30',
    '8fa7f73aba692859c29631bcdfba39b4b669ef365d33002216c4d30dae6fa339',
  ],
  'new year eve, evening': [
    'ecc21dd21a5ffa11c7d12bdf62a8906a1602ac9e8a54c71ca987a4d47f4c64bd',
    '9daf64f17348f805d2169ade01b8c25a9cd7449a87fec8ed8ec3ff0f6ee6d49c',
  ],
  small: 'f909368b331c9b780fc6c50006e4b85f72319154568918594041d94691ba251f',
};

describe('golden: the same seed builds the same universe', () => {
  it.each(STARTS)('default scenario, seeds 1 and 7: %s', (name, startTimeMs) => {
    const digests = [1, 7].map((seed) => sha(buildDefaultScenario(seed, { startTimeMs })));
    expect(digests).toEqual(SCENARIO_DIGESTS[name]);
  });

  it('small scenario, seed 3', () => {
    expect(sha(buildSmallScenario(3))).toBe(SCENARIO_DIGESTS.small);
  });
});

describe('golden: the same seed runs the same event log', () => {
  it('default scenario, seed 11, five simulated minutes', () => {
    const d = eventLogDigest(buildDefaultScenario(11), 11, 5 * 60_000);
    expect(d).toBe(
      '11976baaa160fe5b028a9cb0d657746bdb14ee44eee8a513e73a8cc829597750/a7a70bf265e267a91ab710321587f33b33c5d713bb72d54a9ed07cb63f33ae70',
    );
  });

  it('small scenario, seed 3, an hour', () => {
    const d = eventLogDigest(buildSmallScenario(3), 3, 3_600_000);
    expect(d).toBe(
      'aab7a6433d675f1fd95cb67b41061a8d122a920b3f5dedbc2bd39539710b2e6e/096f49229de4932eaaf872bb28ee0a27b9c72c46d1028df068706affd9c5f4a6',
    );
  });
});
