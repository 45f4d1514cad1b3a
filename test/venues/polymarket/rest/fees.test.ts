/**
 * Polymarket fees: a market without fee information is refused, not taken as fee-free (fee-policy.ts); a fill's
 * fee is the one the trade reports (`fee_rate_bps`), with our model's beside it for the drift log.
 * Real payload shapes come from ../shared/data at run time (skipped when absent; never copied here).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RealClock } from '../../../../src/app/real-clock.ts';
import { polymarketFeeModel } from '../../../../src/core/fees.ts';
import { Rng } from '../../../../src/core/rng.ts';
import { json } from '../../../../src/sim/server/index.ts';
import type { Result } from '../../../../src/core/errors.ts';
import {
  decodeClobMarket,
  decodeGammaMarket,
  decodeTrade,
  fillsFromTrades,
  FEE_CONFLICT,
  PolymarketAdapter,
  type PolyCodecError,
  resolveFees,
} from '../../../../src/venues/polymarket/index.ts';
import { onCleanup, startServer } from '../../../sim/support/net.ts';

const GAMMA_FILE = resolve(
  process.cwd(),
  '../shared/data/polymarket-fed-book-nyc-trades/fed_dec25_market_gamma.json',
);
const haveGamma = existsSync(GAMMA_FILE);
const realGamma = (): Record<string, unknown> =>
  JSON.parse(readFileSync(GAMMA_FILE, 'utf8')) as Record<string, unknown>;

/** A decoded payload; a failed decode fails the test with the decoder's message. */
function valueOf<T>(r: Result<T, PolyCodecError>): T {
  if (!r.ok) throw new Error(`expected a value, got: ${r.error.message}`);
  return r.value;
}
const parseGammaMarket = (v: unknown) => valueOf(decodeGammaMarket(v));
const parseClobMarketInfo = (v: unknown) => valueOf(decodeClobMarket(v));
const parseTrade = (v: unknown) => valueOf(decodeTrade(v));

const M = `0x${'cd'.repeat(32)}`;
const clobInfo = (fd?: unknown) => ({
  c: M,
  t: [
    { t: '11', o: 'Yes' },
    { t: '22', o: 'No' },
  ],
  mts: 0.01,
  mos: 5,
  nr: false,
  ...(fd === undefined ? {} : { fd }),
});

describe('Polymarket fee policy on real Gamma payloads', () => {
  it.skipIf(!haveGamma)('feesEnabled: false with no schedule is fee-free (the venue said so)', () => {
    const m = parseGammaMarket(realGamma());
    expect(m.fees).toEqual({ enabled: false, type: undefined, schedule: undefined });
    expect(resolveFees(undefined, m.fees)).toEqual({
      ok: true,
      model: polymarketFeeModel(0),
      source: 'gamma feesEnabled=false',
    });
  });

  it.skipIf(!haveGamma)(
    'the real market says feesEnabled: false; a /fee-rate charging fees puts it on review',
    () => {
      const m = parseGammaMarket(realGamma());
      expect(resolveFees(undefined, m.fees, 0)).toMatchObject({ ok: true, model: polymarketFeeModel(0) });
      expect(resolveFees(undefined, m.fees, 1000)).toMatchObject({ ok: false, review: true });
    },
  );

  it.skipIf(!haveGamma)('no fee information anywhere: refused with the reason, never fee-free', () => {
    const raw = realGamma();
    delete raw.feesEnabled;
    const m = parseGammaMarket(raw);
    expect(resolveFees(undefined, m.fees)).toEqual({
      ok: false,
      reason: 'no fee information (no clob fd, no Gamma feeSchedule or feesEnabled)',
    });
    // Fees enabled but no rate anywhere is refused too.
    expect(
      resolveFees(undefined, parseGammaMarket({ ...raw, feesEnabled: true, feeType: 'crypto_fees' }).fees),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('fees enabled (crypto_fees) but no rate') });
  });

  it.skipIf(!haveGamma)('a feeSchedule {rate, exponent, takerOnly, rebateRate} is the model', () => {
    const raw = {
      ...realGamma(),
      feesEnabled: true,
      feeType: 'sports_fees_v2',
      feeSchedule: { rate: 0.03, exponent: 1, takerOnly: true, rebateRate: 0.25 },
    };
    const m = parseGammaMarket(raw);
    expect(m.fees.schedule).toEqual(polymarketFeeModel(30_000, 1, true));
    expect(m.fees.rebatePpm).toBe(250_000);
    expect(resolveFees(undefined, m.fees)).toMatchObject({ ok: true, model: { ratePpm: 30_000 } });
    // A schedule we cannot read is a refusal reason (when the CLOB gives nothing either), not a discovery failure.
    const odd = parseGammaMarket({ ...raw, feeSchedule: { rate: 'high' } });
    expect(resolveFees(undefined, odd.fees)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('feeSchedule.rate'),
    });
  });
});

describe('Polymarket fee policy: the sources cross-checked (issue 21 point 11)', () => {
  it('fd absent is unknown (not rate 0); fd with a rate is the model; sources that agree confirm it', () => {
    expect(parseClobMarketInfo(clobInfo()).fees).toBeUndefined();
    expect(parseClobMarketInfo(clobInfo({ e: 1 })).fees).toBeUndefined();
    expect(parseClobMarketInfo(clobInfo({ r: 0, e: 1, to: true })).fees).toEqual(polymarketFeeModel(0));
    const clob = parseClobMarketInfo(clobInfo({ r: 0.04, e: 1, to: true })).fees;
    const gamma = { enabled: true, type: 'sports_fees_v2', schedule: polymarketFeeModel(40_000) };
    expect(resolveFees(clob, gamma, 1000)).toEqual({
      ok: true,
      model: polymarketFeeModel(40_000),
      source: 'clob fd = gamma feeSchedule',
    });
  });

  it('a conflict puts the market on review: refused, with every source’s values, never the dearer guess', () => {
    const clob = parseClobMarketInfo(clobInfo({ r: 0.02, e: 1, to: true })).fees;
    const gamma = { enabled: true, type: undefined, schedule: polymarketFeeModel(40_000) };
    expect(resolveFees(clob, gamma)).toEqual({
      ok: false,
      review: true,
      reason:
        `${FEE_CONFLICT}: fee sources disagree, market on review: clob fd (rate 0.02, exponent 1, taker only)` +
        ' vs gamma feeSchedule (rate 0.04, exponent 1, taker only)',
    });
    // An exponent or who pays is a conflict too.
    expect(resolveFees(polymarketFeeModel(40_000, 2), gamma)).toMatchObject({ ok: false, review: true });
    expect(resolveFees(polymarketFeeModel(40_000, 1, false), gamma)).toMatchObject({ review: true });
    // feesEnabled against a rate, either way.
    const off = { enabled: false, type: undefined, schedule: undefined };
    expect(resolveFees(clob, off)).toMatchObject({
      review: true,
      reason: expect.stringContaining('gamma feesEnabled=false vs clob fd rate 0.02'),
    });
    expect(resolveFees(polymarketFeeModel(0), { ...off, enabled: true, type: 'crypto_fees' })).toMatchObject({
      review: true,
      reason: expect.stringContaining('gamma feesEnabled=true (crypto_fees) vs clob fd rate 0'),
    });
    // /fee-rate: fees or none, against the schedules'.
    expect(resolveFees(clob, undefined, 0)).toMatchObject({
      review: true,
      reason: expect.stringContaining('/fee-rate base_fee 0 bps vs clob fd rate 0.02'),
    });
    expect(resolveFees(undefined, off, 1000)).toMatchObject({
      review: true,
      reason: expect.stringContaining('gamma feesEnabled=false vs /fee-rate base_fee 1000 bps'),
    });
  });

  it('/fee-rate alone: base_fee 0 is fee-free (the venue said so), a positive one without a rate is refused', () => {
    expect(resolveFees(undefined, undefined, 0)).toEqual({
      ok: true,
      model: polymarketFeeModel(0),
      source: '/fee-rate base_fee=0',
    });
    expect(resolveFees(undefined, undefined, 1000)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('base_fee 1000 bps but no rate published'),
    });
  });
});

describe('Polymarket fills carry the venue-reported fee', () => {
  const trade = (feeRateBps: unknown) =>
    parseTrade({
      id: 't1',
      taker_order_id: '0xo1',
      market: M,
      asset_id: '11',
      side: 'BUY',
      size: '10',
      ...(feeRateBps === undefined ? {} : { fee_rate_bps: feeRateBps }),
      price: '0.5',
      status: 'MATCHED',
      match_time: '1767225600',
      maker_orders: [],
      trader_side: 'TAKER',
    });
  const ctx = (model: ReturnType<typeof polymarketFeeModel> | undefined) => ({
    address: '0xme',
    outcomeOf: (a: string) => (a === '11' ? ('YES' as const) : undefined),
    feesOf: () => model,
    clientOrderIdOf: () => undefined,
  });

  it('fee at the trade rate (300 bps), our model (400 bps) beside it; no rate in the trade: the model', () => {
    // 10 contracts at 0.50: 10 × rate × 0.25 → $0.075 at 3%, $0.10 at 4%.
    const { fills } = fillsFromTrades([trade('300')], { w: 0, s: {} }, ctx(polymarketFeeModel(40_000)));
    expect(fills).toMatchObject([{ fee: 75_000, modelFee: 100_000 }]);
    const same = fillsFromTrades([trade(400)], { w: 0, s: {} }, ctx(polymarketFeeModel(40_000)));
    expect(same.fills).toMatchObject([{ fee: 100_000, modelFee: 100_000 }]);
    const noRate = fillsFromTrades([trade(undefined)], { w: 0, s: {} }, ctx(polymarketFeeModel(40_000)));
    expect(noRate.fills[0]).toMatchObject({ fee: 100_000 });
    expect(noRate.fills[0]!.modelFee).toBeUndefined();
    // A market we hold no model for (refused at discovery): the venue's rate alone, nothing to compare.
    const unknown = fillsFromTrades([trade('250')], { w: 0, s: {} }, ctx(undefined));
    expect(unknown.fills[0]).toMatchObject({ fee: 62_500 });
    expect(unknown.fills[0]!.modelFee).toBeUndefined();
  });
});

describe('Polymarket discovery refuses a market without fee information', () => {
  it('counts it out of the markets, with its reason; the event still names it', async () => {
    const FREE = `0x${'ef'.repeat(32)}`;
    const gammaMarket = (conditionId: string, tokens: [string, string], extra: object) => ({
      conditionId,
      question: `q ${conditionId.slice(0, 6)}`,
      outcomes: '["Yes", "No"]',
      clobTokenIds: JSON.stringify(tokens),
      endDate: '2026-12-31T00:00:00Z',
      active: true,
      closed: false,
      acceptingOrders: true,
      ...extra,
    });
    const s = await startServer((srv) =>
      srv
        .get('/events', () =>
          json(200, [
            {
              id: 'e1',
              slug: 'e1',
              title: 'E1',
              negRisk: true,
              markets: [
                gammaMarket(M, ['11', '22'], {}),
                gammaMarket(FREE, ['33', '44'], { feesEnabled: false }),
              ],
            },
          ]),
        )
        .get('/clob-markets/:id', (req) =>
          json(
            200,
            req.params.id === M
              ? clobInfo()
              : {
                  ...clobInfo(),
                  c: FREE,
                  t: [
                    { t: '33', o: 'Yes' },
                    { t: '44', o: 'No' },
                  ],
                },
          ),
        ),
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
    expect(d.value.markets.map((m) => [m.key, m.fees])).toEqual([[FREE, polymarketFeeModel(0)]]);
    expect(d.value.refused).toEqual([
      { key: M, reason: 'no fee information (no clob fd, no Gamma feeSchedule or feesEnabled)' },
    ]);
    expect(d.value.events[0]!.marketKeys).toEqual([M, FREE]);
  });
});
