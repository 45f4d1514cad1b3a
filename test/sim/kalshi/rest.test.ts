/** Simulated Kalshi REST: listings and filters, order validation and the reject → HTTP mapping, portfolio. */
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../../src/core/clock.ts';
import type { Px, Qty } from '../../../src/core/units.ts';
import type { RejectCode } from '../../../src/sim/engine/types.ts';
import { REJECT_STATUS } from '../../../src/sim/kalshi/index.ts';
import { seedBook, startKalshiSim } from '../../venues/kalshi/support.ts';
import { call } from './support.ts';

async function setup(seed: number) {
  const clock = new SimClock(Date.UTC(2026, 0, 1));
  const sim = await startKalshiSim({
    seed,
    clock,
    front: { timestampToleranceMs: 'any', rateLimits: 'off' },
  });
  const rest = (method: string, path: string, body?: unknown) =>
    call(sim.kalshi.restUrl, method, path, body === undefined ? {} : { body });
  return { ...sim, clock, rest };
}

/** A refusal the venue documents no code for: `{"error": {"message"}}` and nothing else (no invented code). */
const uncoded = (message: RegExp = /./) => ({ error: { message: expect.stringMatching(message) } });
/** The venue's documented `invalid_order` (docs.kalshi.com "Order Errors"). */
const invalidOrder = (details: RegExp | string) => ({
  error: {
    code: 'invalid_order',
    message: 'invalid order',
    details: typeof details === 'string' ? details : expect.stringMatching(details),
  },
});
/** The venue's top-level answer to a body it cannot parse. */
const unparseable = (details: RegExp) => ({
  code: 'bad_request',
  message: 'bad request',
  details: expect.stringMatching(details),
});

const order = (ticker: string, extra: Record<string, unknown> = {}) => ({
  ticker,
  side: 'bid',
  count: '1',
  price: '0.30',
  time_in_force: 'good_till_canceled',
  self_trade_prevention_type: 'taker_at_cross',
  ...extra,
});

describe('Kalshi REST market data (seeds 51–53)', () => {
  it('filters markets by event, series, tickers, status and close time; 404 for unknown ones', async () => {
    const { rest, scenario } = await setup(51);
    const km = scenario.markets.filter((m) => m.venue === 'kalshi');
    const ev = km[0]!.eventKey;
    const tickers = (b: unknown) => (b as { markets: { ticker: string }[] }).markets.map((m) => m.ticker);
    expect(tickers((await rest('GET', `/markets?event_ticker=${ev}`)).body)).toEqual(
      km.filter((m) => m.eventKey === ev).map((m) => m.key),
    );
    expect(tickers((await rest('GET', `/markets?series_ticker=${km[0]!.seriesKey}`)).body)).toEqual(
      km.filter((m) => m.seriesKey === km[0]!.seriesKey).map((m) => m.key),
    );
    expect(tickers((await rest('GET', `/markets?tickers=${km[2]!.key}&tickers=${km[0]!.key}`)).body)).toEqual(
      [km[0]!.key, km[2]!.key],
    );
    expect(tickers((await rest('GET', `/markets?tickers=${km[2]!.key},${km[1]!.key}`)).body)).toEqual([
      km[1]!.key,
      km[2]!.key,
    ]);
    expect(tickers((await rest('GET', '/markets?status=settled')).body)).toEqual([]);
    const cutoff = Math.floor(km[0]!.closeTimeMs / 1000);
    expect(tickers((await rest('GET', `/markets?max_close_ts=${cutoff}`)).body)).toEqual(
      km.filter((m) => m.closeTimeMs <= cutoff * 1000).map((m) => m.key),
    );
    expect(tickers((await rest('GET', `/markets?min_close_ts=${cutoff + 1}`)).body)).toEqual(
      km.filter((m) => m.closeTimeMs >= (cutoff + 1) * 1000).map((m) => m.key),
    );
    expect((await rest('GET', '/markets?status=sleeping')).status).toBe(400);
    expect((await rest('GET', '/markets?limit=1001')).status).toBe(400);
    expect((await rest('GET', '/markets?cursor=garbage')).status).toBe(400);
    expect(await rest('GET', '/markets/NOPE')).toMatchObject({ status: 404, body: uncoded(/NOPE/) });
    expect((await rest('GET', '/markets/NOPE')).body).toEqual(uncoded());
    expect((await rest('GET', '/markets/NOPE/orderbook')).status).toBe(404);
    expect((await rest('GET', '/markets/orderbooks')).status).toBe(400);
    const books = await rest('GET', `/markets/orderbooks?tickers=${km[0]!.key}&tickers=${km[1]!.key}`);
    expect((books.body as { orderbooks: { ticker: string }[] }).orderbooks.map((b) => b.ticker)).toEqual([
      km[0]!.key,
      km[1]!.key,
    ]);
  });

  it('lists events (nested or not), one event with its markets, and series with their fee types', async () => {
    const { rest, scenario } = await setup(52);
    const ke = scenario.events.filter((e) => e.venue === 'kalshi');
    const list = (await rest('GET', '/events?limit=2')).body as {
      events: { event_ticker: string; markets?: unknown }[];
      cursor: string;
    };
    expect(list.events.map((e) => e.event_ticker)).toEqual(ke.slice(0, 2).map((e) => e.key));
    expect(list.events[0]!.markets).toBeUndefined();
    expect(list.cursor).not.toBe('');
    const one = (await rest('GET', `/events/${ke[0]!.key}`)).body as {
      event: Record<string, unknown>;
      markets: { ticker: string }[];
    };
    expect(one.event).toMatchObject({
      event_ticker: ke[0]!.key,
      mutually_exclusive: ke[0]!.mutuallyExclusive,
      title: ke[0]!.title,
    });
    expect(one.markets.map((m) => m.ticker)).toEqual(ke[0]!.markets);
    expect((await rest('GET', '/events/NOPE')).status).toBe(404);
    const series = (await rest('GET', `/series/${ke[0]!.seriesKey}`)).body;
    expect(series).toEqual({
      series: expect.objectContaining({ ticker: ke[0]!.seriesKey, fee_type: 'quadratic', fee_multiplier: 1 }),
    });
    expect((await rest('GET', '/series/NOPE')).status).toBe(404);
  });

  it('public trades, newest first, paginated', async () => {
    const { rest, ex, markets } = await setup(53);
    seedBook(ex, markets[0]!, { asks: [[5_000, 10]] });
    ex.openAccount('taker', 1e6 * 1e6);
    for (let i = 0; i < 3; i++)
      ex.place({
        account: 'taker',
        market: markets[0]!,
        outcome: 'YES',
        side: 'BUY',
        px: 5_000 as Px,
        qty: 100 as Qty,
        tif: 'IOC',
      });
    const p1 = (await rest('GET', `/markets/trades?ticker=${markets[0]}&limit=2`)).body as {
      trades: { trade_id: string; taker_book_side: string }[];
      cursor: string;
    };
    expect(p1.trades.map((t) => t.trade_id)).toEqual(['Kt3', 'Kt2']);
    expect(p1.trades[0]!.taker_book_side).toBe('bid');
    const p2 = (await rest('GET', `/markets/trades?ticker=${markets[0]}&limit=2&cursor=${p1.cursor}`))
      .body as { trades: { trade_id: string }[]; cursor: string };
    expect(p2).toEqual({ trades: [expect.objectContaining({ trade_id: 'Kt1' })], cursor: '' });
  });
});

describe('Kalshi REST orders (seeds 54–56)', () => {
  it('rejects malformed orders with 400, with the documented code where the venue has one', async () => {
    const { rest, markets, kalshi } = await setup(54);
    const m = markets[0]!;
    const { ticker: _t, ...noTicker } = order(m);
    const bad: [string, unknown, unknown][] = [
      // values the venue documents no code for: the message names the field
      ['price above 1', order(m, { price: '1.5' }), uncoded(/price: .*above \$1/)],
      ['price not a number', order(m, { price: 'abc' }), uncoded(/price: not a plain decimal/)],
      ['price zero', order(m, { price: '0' }), uncoded(/price: must be between 0 and 1/)],
      ['too many decimals', order(m, { price: '0.12345' }), uncoded(/price: more than 4 decimal/)],
      ['count zero', order(m, { count: '0' }), uncoded(/count: must be positive/)],
      ['count 3 decimals', order(m, { count: '1.001' }), uncoded(/count: more than 2 decimal/)],
      ['bad tif', order(m, { time_in_force: 'good_till_date' }), uncoded(/time_in_force/)],
      [
        'expiry with IOC',
        order(m, { time_in_force: 'immediate_or_cancel', expiration_time: 2_000_000_000 }),
        uncoded(/expiration_time: cannot be combined/),
      ],
      ['subaccount', order(m, { subaccount: 3 }), uncoded(/subaccount/)],
      // documented: a missing ticker is missing_parameters; a missing side, count or price invalid_order
      [
        'missing ticker',
        noTicker,
        {
          error: {
            code: 'missing_parameters',
            message: 'missing parameters',
            details: expect.stringMatching(/ticker/),
          },
        },
      ],
      ['missing side', { ...order(m), side: undefined }, invalidOrder(/side/)],
      ['null count', { ...order(m), count: null }, invalidOrder(/count/)],
      // documented: a body the venue cannot parse (no body, a field of the wrong type) is answered at the top level
      ['no body', undefined, unparseable(/missing JSON body/)],
      ['count as a number', order(m, { count: 1 }), unparseable(/count/)],
      ['not an object', [order(m)], unparseable(/JSON object/)],
    ];
    for (const [what, body, expected] of bad) {
      const res = await rest('POST', '/portfolio/events/orders', body);
      expect([what, res.status, res.body]).toEqual([what, 400, expected]);
    }
    const malformed = await call(kalshi.restUrl, 'POST', '/portfolio/events/orders', {
      rawBody: '{"ticker":',
    });
    expect([malformed.status, malformed.body]).toEqual([400, unparseable(/malformed JSON/)]);
    const legacy = await rest('POST', '/portfolio/orders', {
      ticker: m,
      action: 'buy',
      side: 'yes',
      count: 1,
      type: 'limit',
      yes_price: 30,
    });
    expect([legacy.status, legacy.body]).toEqual([400, uncoded(/V2 order endpoints/)]);
  });

  it('maps every engine reject code to its status, with a code only where the venue documents one', async () => {
    const { rest, markets, host } = await setup(55);
    for (const [code, status] of Object.entries(REJECT_STATUS) as [RejectCode, number][]) {
      const id = host.injector.add({ venue: 'kalshi', kind: 'reject_orders', count: 1, params: { code } });
      const res = await rest(
        'POST',
        '/portfolio/events/orders',
        order(markets[0]!, { client_order_id: `r-${code}` }),
      );
      expect([code, res.status, res.body]).toEqual([
        code,
        status,
        code === 'POST_ONLY_WOULD_CROSS' ? invalidOrder('post only cross') : uncoded(),
      ]);
      host.injector.remove(id);
    }
    const orders = (await rest('GET', '/portfolio/orders')).body as { orders: unknown[] };
    expect(orders.orders).toEqual([]);
  });

  it('real rejections: unknown market, halted exchange, post-only cross, FOK, GTD expiry, reduce-only and ask → sell YES', async () => {
    const { rest, ex, markets, clock } = await setup(56);
    const m = markets[0]!;
    seedBook(ex, m, { bids: [[4_000, 2]], asks: [[6_000, 2]] });
    expect(await rest('POST', '/portfolio/events/orders', order('NOPE'))).toEqual({
      status: 404,
      body: uncoded(/NOPE/),
      headers: expect.anything(),
    });
    expect(
      await rest('POST', '/portfolio/events/orders', order(m, { price: '0.60', post_only: true })),
    ).toMatchObject({ status: 400, body: invalidOrder('post only cross') });
    expect(
      await rest(
        'POST',
        '/portfolio/events/orders',
        order(m, { price: '0.60', count: '5', time_in_force: 'fill_or_kill' }),
      ),
    ).toMatchObject({ status: 400, body: uncoded(/./) });
    expect(await rest('POST', '/portfolio/events/orders', order(m, { price: '0.305' }))).toMatchObject({
      status: 400,
      body: uncoded(/./),
    });
    expect(await rest('POST', '/portfolio/events/orders', order(m, { count: '0.5' }))).toMatchObject({
      status: 400,
      body: uncoded(/./),
    });
    expect(await rest('POST', '/portfolio/events/orders', order(m, { count: '10000000' }))).toMatchObject({
      status: 400,
      body: uncoded(/./),
    });
    expect(
      await rest('POST', '/portfolio/events/orders', order(m, { side: 'ask', reduce_only: true })),
    ).toMatchObject({ status: 400, body: uncoded(/reduce_only/) });

    // GTD: good_till_canceled + expiration_time; expires on the simulator clock.
    const exp = Math.floor(clock.now() / 1000) + 60;
    const gtd = await rest(
      'POST',
      '/portfolio/events/orders',
      order(m, { client_order_id: 'gtd', expiration_time: exp }),
    );
    const gtdId = (gtd.body as { order_id: string }).order_id;
    expect(
      ((await rest('GET', `/portfolio/orders/${gtdId}`)).body as { order: Record<string, unknown> }).order,
    ).toMatchObject({
      status: 'resting',
      expiration_time: new Date(exp * 1000).toISOString(),
    });
    clock.advance(60_000);
    expect(
      ((await rest('GET', `/portfolio/orders/${gtdId}`)).body as { order: { status: string } }).order.status,
    ).toBe('canceled');

    // Holding YES, an ask sells it (no cash needed); the fill shows as a sell of YES.
    await rest(
      'POST',
      '/portfolio/events/orders',
      order(m, { price: '0.60', count: '2', time_in_force: 'immediate_or_cancel' }),
    );
    const ask = await rest(
      'POST',
      '/portfolio/events/orders',
      order(m, { side: 'ask', price: '0.40', count: '1', time_in_force: 'immediate_or_cancel' }),
    );
    expect(ask.body).toMatchObject({ fill_count: '1.00' });
    const fills = ((await rest('GET', '/portfolio/fills')).body as { fills: Record<string, unknown>[] })
      .fills;
    expect(fills[0]).toMatchObject({
      side: 'yes',
      action: 'sell',
      book_side: 'ask',
      outcome_side: 'no',
      yes_price_dollars: '0.4000',
    });
    const positions = (await rest('GET', '/portfolio/positions')).body as {
      market_positions: Record<string, unknown>[];
      event_positions: unknown[];
    };
    expect(positions.market_positions).toEqual([
      expect.objectContaining({
        ticker: m,
        position_fp: '1.00',
        market_exposure_dollars: '0.6000',
        realized_pnl_dollars: '-0.2000',
      }),
    ]);
    expect(positions.event_positions).toHaveLength(1);

    ex.setStatus('halted');
    expect(await rest('POST', '/portfolio/events/orders', order(m))).toMatchObject({
      status: 409,
      body: uncoded(/halted/),
    });
    expect((await rest('GET', '/exchange/status')).body).toMatchObject({
      exchange_active: false,
      trading_active: false,
    });
    ex.setStatus('open');

    ex.resolve(m, 'YES');
    const settlements = (await rest('GET', '/portfolio/settlements')).body as {
      settlements: Record<string, unknown>[];
    };
    expect(settlements.settlements).toEqual([
      expect.objectContaining({
        ticker: m,
        market_result: 'yes',
        yes_count_fp: '1.00',
        no_count_fp: '0.00',
        revenue: 100,
        value: 100,
        yes_total_cost_dollars: '0.6000',
      }),
    ]);
    expect((await rest('GET', `/markets/${m}`)).body).toMatchObject({
      market: { status: 'finalized', result: 'yes' },
    });
  });
});
