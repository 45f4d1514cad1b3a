/**
 * The REST transport's classification of a 2xx it cannot use: `POLYMARKET.BAD_RESPONSE` naming the field,
 * retryable on a read, *unknown* on a write (the order may exist), counted; and a body that is not JSON.
 */
import { describe, expect, it } from 'vitest';
import { RealClock } from '../../../../src/app/real-clock.ts';
import { json } from '../../../../src/sim/server/index.ts';
import { PolymarketAdapter } from '../../../../src/venues/polymarket/index.ts';
import { onCleanup, startServer } from '../../../sim/support/net.ts';
import { Rng } from '../../../../src/core/rng.ts';
import type { Px, Qty } from '../../../../src/core/units.ts';

const M = `0x${'ab'.repeat(32)}`;

describe('Polymarket REST transport on responses it cannot use', () => {
  it('a write whose reply does not decode is unknown; a read is retryable; both name the field and are counted', async () => {
    const s = await startServer((srv) =>
      srv
        .get('/clob-markets/:id', () =>
          json(200, {
            c: M,
            t: [
              { t: '1', o: 'Yes' },
              { t: '2', o: 'No' },
            ],
            mts: 0.01,
            mos: 5,
          }),
        )
        .post('/order', () => json(200, ['not', 'an', 'object']))
        .get('/data/order/:id', () => ({ kind: 'text', status: 200, text: '<html>busy</html>' })),
    );
    const a = new PolymarketAdapter({
      clobUrl: s.httpUrl(),
      wsUrl: '',
      userWsUrl: '',
      dataUrl: s.httpUrl(),
      gammaUrl: s.httpUrl(),
      privateKey: `0x${'11'.repeat(32)}`,
      chainId: 137,
      clock: new RealClock(),
      rng: new Rng(1),
      creds: { key: 'k', secret: 'c2VjcmV0', passphrase: 'p' },
    });
    onCleanup(() => a.close());
    const placed = await a.placeOrder({
      clientOrderId: 'c-1',
      market: M,
      outcome: 'YES',
      side: 'BUY',
      px: 3000 as Px,
      qty: 1000 as Qty,
      tif: 'GTC',
    });
    expect(placed).toMatchObject({
      ok: false,
      error: {
        kind: 'unknown',
        code: 'POLYMARKET.BAD_RESPONSE',
        status: 200,
        message: 'POST /order: order response (expected an object): unexpected ["not","an","object"]',
      },
    });
    // A read that is not JSON: retryable, and says what came.
    expect(await a.getOrder('0x1')).toMatchObject({
      ok: false,
      error: {
        kind: 'retryable',
        code: 'POLYMARKET.BAD_RESPONSE',
        message: 'GET /data/order/0x1: response is not JSON: "<html>busy</html>"',
      },
    });
    expect(a.restStats.malformed).toBe(2);
  });
});
