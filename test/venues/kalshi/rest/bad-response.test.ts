/**
 * Every REST response the adapter reads is checked: a 2xx whose body is not what the venue promises comes back
 * as a `KALSHI.BAD_RESPONSE` result naming the field (`unknown` on a write, where the order may exist;
 * `retryable` on a read), never as a throw and never as a half-decoded value. A scripted server on loopback
 * answers each endpoint with one broken body.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { RealClock } from '../../../../src/app/real-clock.ts';
import { Rng } from '../../../../src/core/rng.ts';
import { asPx, asQty } from '../../../../src/core/units.ts';
import { SIM_KALSHI_KEY_ID, SIM_KALSHI_PRIVATE_KEY_PEM } from '../../../../src/sim/credentials.ts';
import { KalshiAdapter } from '../../../../src/venues/kalshi/index.ts';
import type { VenueResult } from '../../../../src/venues/venue.ts';
import { onCleanup } from '../../../sim/support/net.ts';

const ORDER = {
  order_id: 'o-1',
  ticker: 'T',
  status: 'resting',
  yes_price_dollars: '0.4000',
  fill_count_fp: '0.00',
  remaining_count_fp: '1.00',
};

/** `METHOD /path` (query left out) → the 200 body to answer with. */
async function serve(bodies: Record<string, string>) {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!.replace('/trade-api/v2', '');
    const body = bodies[`${req.method} ${path}`];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(body ?? '{"error":{"message":"not found"}}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  onCleanup(() => new Promise<void>((r) => server.close(() => r())));
  const port = (server.address() as AddressInfo).port;
  const adapter = new KalshiAdapter({
    restUrl: `http://127.0.0.1:${port}/trade-api/v2`,
    wsUrl: `ws://127.0.0.1:${port}/trade-api/ws/v2`,
    keyId: SIM_KALSHI_KEY_ID,
    privateKeyPem: SIM_KALSHI_PRIVATE_KEY_PEM,
    clock: new RealClock(),
    rng: new Rng(81),
  });
  onCleanup(() => adapter.close());
  return adapter;
}

const badResponse = (r: VenueResult<unknown>, kind: 'unknown' | 'retryable', field: RegExp) => {
  expect(r).toMatchObject({ ok: false, error: { kind, code: 'KALSHI.BAD_RESPONSE' } });
  if (!r.ok) expect(r.error.message).toMatch(field);
};

describe('Kalshi REST responses that break their schema (seed 81)', () => {
  it('reads: balance, book, order, positions, fills and discovery name the bad field', async () => {
    const adapter = await serve({
      'GET /portfolio/balance': '{"balance_dollars":12}',
      'GET /markets/T/orderbook': '{"orderbook_fp":{"yes_dollars":[["1.5","1.00"]]}}',
      'GET /portfolio/orders/o-1': JSON.stringify({ order: { ...ORDER, status: 'pending' } }),
      'GET /portfolio/orders/o-2': JSON.stringify({ order: { ...ORDER, yes_price_dollars: '1.2' } }),
      'GET /portfolio/positions': '{"market_positions":[{"ticker":"T","position_fp":"abc"}]}',
      'GET /portfolio/fills':
        '{"fills":[{"fill_id":"f","order_id":"o","ticker":"T","count_fp":"1.00","yes_price_dollars":"0.5","is_taker":"yes"}]}',
      'GET /markets': '{"markets":[{"event_ticker":"E","status":"open"}]}',
    });
    badResponse(await adapter.balance(), 'retryable', /balance_dollars/);
    badResponse(await adapter.fetchBook('T'), 'retryable', /orderbook_fp\.yes\[0\]\[0\]: price above \$1/);
    badResponse(await adapter.getOrder('o-1'), 'retryable', /order\.status/);
    badResponse(await adapter.getOrder('o-2'), 'retryable', /order o-1\.yes_price_dollars/);
    badResponse(await adapter.positions(), 'retryable', /T\.position_fp/);
    badResponse(await adapter.fillsSince(undefined), 'retryable', /fills\.0\.is_taker/);
    badResponse(await adapter.discover(), 'retryable', /markets\.0\.ticker/);
  });

  it('writes: a create response that does not decode, or is not JSON, is unknown (the order may exist)', async () => {
    const req = {
      clientOrderId: 'c-1',
      market: 'T',
      outcome: 'YES' as const,
      side: 'BUY' as const,
      px: asPx(4_000),
      qty: asQty(100),
      tif: 'GTC' as const,
    };
    const counts = await serve({
      'POST /portfolio/events/orders': '{"order_id":"o-9","fill_count":"x","remaining_count":"1.00"}',
    });
    badResponse(await counts.placeOrder(req), 'unknown', /create order response: fill_count/);
    const text = await serve({ 'POST /portfolio/events/orders': 'created' });
    badResponse(await text.placeOrder(req), 'unknown', /POST \/portfolio\/events\/orders: malformed JSON/);
  });
});
