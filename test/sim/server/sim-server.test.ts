import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DROP, HOLD, json, ok } from '../../../src/sim/server/index.ts';
import { startServer, TestWsClient, waitFor, within } from '../support/net.ts';

describe('SimServer HTTP', () => {
  it('routes by method and path, passes params, query and the parsed JSON body', async () => {
    const s = await startServer((srv) =>
      srv.post('/echo/:id', (req) =>
        ok({ id: req.params.id, q: req.query.get('q'), body: req.body, raw: req.rawBody }),
      ),
    );
    const res = await fetch(s.httpUrl('/echo/42?q=yes'), { method: 'POST', body: '{"a":1}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ id: '42', q: 'yes', body: { a: 1 }, raw: '{"a":1}' });
  });

  it('answers malformed JSON with 400 and keeps serving', async () => {
    const s = await startServer((srv) => srv.post('/x', (req) => ok({ got: req.body })));
    const bad = await fetch(s.httpUrl('/x'), { method: 'POST', body: '{"a":' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: string };
    expect(body.error).toMatch(/^malformed JSON body: /);
    const good = await fetch(s.httpUrl('/x'), { method: 'POST', body: '[1,2]' });
    expect(await good.json()).toEqual({ got: [1, 2] });
  });

  it('answers an unknown path with a JSON 404 and a wrong method with a 405 naming the allowed ones', async () => {
    const s = await startServer((srv) => srv.get('/x', () => ok({})));
    const missing = await fetch(s.httpUrl('/nope'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not found: GET /nope' });
    const wrong = await fetch(s.httpUrl('/x'), { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(await wrong.json()).toEqual({ error: 'method not allowed: DELETE /x (allowed: GET)' });
  });

  it('uses the configured 404 message and error body shape', async () => {
    const s = await startServer(() => undefined, {
      notFoundMessage: (m, p) => `not implemented in the simulator yet: ${m} ${p}`,
      errorBody: (status, message) => ({ code: status, message }),
    });
    const res = await fetch(s.httpUrl('/trade-api/v2/markets'));
    expect(await res.json()).toEqual({
      code: 404,
      message: 'not implemented in the simulator yet: GET /trade-api/v2/markets',
    });
  });

  it('refuses a body over the limit with 413', async () => {
    const s = await startServer((srv) => srv.post('/x', () => ok({})), { bodyLimitBytes: 64 });
    const res = await fetch(s.httpUrl('/x'), {
      method: 'POST',
      body: JSON.stringify({ pad: 'x'.repeat(200) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'request body too large (limit 64 bytes)' });
    expect((await fetch(s.httpUrl('/x'), { method: 'POST', body: '{}' })).status).toBe(200);
  });

  it('turns a throwing handler into a 500, reports it, and keeps serving', async () => {
    const errors: string[] = [];
    const s = await startServer(
      (srv) => {
        srv.get('/boom', () => {
          throw new Error('kaput');
        });
        srv.get('/fine', () => ok({ fine: true }));
      },
      { onError: (message) => errors.push(message) },
    );
    const res = await fetch(s.httpUrl('/boom'));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'internal error in the simulator: kaput' });
    expect(errors).toEqual(['handler failed']);
    expect(await (await fetch(s.httpUrl('/fine'))).json()).toEqual({ fine: true });
  });

  it('runs middleware outermost-first around routing, so it sees unrouted paths too', async () => {
    const seen: string[] = [];
    const s = await startServer((srv) => {
      srv.use(async (req, next) => {
        seen.push(`outer ${req.path}`);
        return next();
      });
      srv.use(async (req, next) => (req.path === '/teapot' ? json(418, { tea: true }) : next()));
      srv.get('/x', () => ok({ x: 1 }));
    });
    expect((await fetch(s.httpUrl('/teapot'))).status).toBe(418);
    expect((await fetch(s.httpUrl('/x'))).status).toBe(200);
    expect(seen).toEqual(['outer /teapot', 'outer /x']);
  });

  it('a DROP reply destroys the connection; a HOLD reply never answers until the server closes', async () => {
    let onHold: (() => void) | undefined;
    const s = await startServer((srv) => {
      srv.get('/drop', () => DROP);
      srv.get('/hold', () => {
        onHold?.();
        return HOLD;
      });
    });
    await expect(fetch(s.httpUrl('/drop'))).rejects.toThrow();
    const reached = waitFor<void>('the held request to reach its handler', (deliver) => {
      onHold = deliver;
    });
    const held = rawGet(s.port, '/hold');
    await reached;
    const start = process.hrtime.bigint();
    await s.close();
    await expect(held).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(1_000);
  });
});

describe('SimServer WebSocket', () => {
  it('routes upgrades by path and answers an unknown path with a 404', async () => {
    const s = await startServer((srv) => srv.ws('/ws/market', (ws) => ws.send('hello')));
    const c = await TestWsClient.connect(s.wsUrl('/ws/market'));
    expect(await c.untilCount(1)).toEqual(['hello']);
    await expect(TestWsClient.connect(s.wsUrl('/ws/other'))).rejects.toThrow(/404/);
  });

  it('lets a route refuse the handshake (auth)', async () => {
    const s = await startServer((srv) =>
      srv.ws('/feed', () => undefined, {
        authorize: (req) =>
          req.headers['x-key'] === 'ok' ? undefined : json(401, { error: 'auth required' }),
      }),
    );
    await expect(TestWsClient.connect(s.wsUrl('/feed'))).rejects.toThrow(/401/);
  });

  it('close() ends open WebSocket connections promptly', async () => {
    const s = await startServer((srv) => srv.ws('/feed', () => undefined));
    const c = await TestWsClient.connect(s.wsUrl('/feed'));
    await s.close();
    expect(await within(c.closed, 1_000, 'client close')).toBe(1006);
  });
});

/** A GET over a fresh connection (fetch's pool would reuse one), rejecting when the socket dies. */
function rawGet(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}
