import { describe, expect, it } from 'vitest';
import type { SimClock } from '../../../src/core/clock.ts';
import { P_TOKENS, startPolyHost } from '../../venues/polymarket/support.ts';
import { call } from './support.ts';

describe('Polymarket front: Cloudflare-style rate limits', () => {
  it('delays requests over budget on the simulator clock, and answers 429 when the queue would be too long', async () => {
    const h = await startPolyHost({
      front: {
        rateLimits: { rules: [{ endpoint: 'GET /book', limit: 2, windowMs: 1_000 }], maxQueueMs: 1_000 },
      },
    });
    const clock = h.clock as SimClock;
    const book = () => call(h, 'GET', `/book?token_id=${P_TOKENS.yes}`);
    expect((await book()).status).toBe(200);
    expect((await book()).status).toBe(200);
    // Third and fourth: queued (500 ms and 1000 ms), answered once the clock gets there.
    let third: number | undefined;
    let fourth: number | undefined;
    const p3 = book().then((r) => (third = r.status));
    const p4 = book().then((r) => (fourth = r.status));
    // Fifth: would wait 1.5 s > maxQueueMs → refused at once.
    expect(await book()).toEqual({ status: 429, body: { error: 'Too Many Requests' } });
    expect(h.front.rateLimits).toEqual({ delayed: 2, refused: 1 });
    expect([third, fourth]).toEqual([undefined, undefined]);
    clock.advance(500);
    await p3;
    expect([third, fourth]).toEqual([200, undefined]);
    clock.advance(500);
    await p4;
    expect(fourth).toBe(200);
    // Other endpoints have their own budget; admin routes are never limited.
    expect((await call(h, 'GET', '/markets')).status).toBe(200);
    expect((await h.adminCall('GET', '/status')).status).toBe(200);
  });
});
