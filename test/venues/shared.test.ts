import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { RealClock } from '../../src/app/real-clock.ts';
import { Rng } from '../../src/core/rng.ts';
import { classifyFailure, retryAfterMs } from '../../src/venues/shared/classify.ts';
import { HttpClient } from '../../src/venues/shared/http.ts';
import { ReconnectingWebSocket } from '../../src/venues/shared/reconnecting-ws.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('HttpClient', () => {
  it('returns responses, timeouts and network failures as values', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/slow') return; // never answers
      if (req.url === '/drop') return req.socket.destroy();
      res.writeHead(req.url === '/limited' ? 429 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url, method: req.method }));
    });
    server.keepAliveTimeout = 100;
    const base = await listen(server);
    const http = new HttpClient(base, { timeoutMs: 300 });
    cleanups.push(() => http.close());
    const ok = await http.send('GET', '/x?a=1');
    expect(ok.ok && [ok.res.status, JSON.parse(ok.res.text)]).toEqual([
      200,
      { path: '/x?a=1', method: 'GET' },
    ]);
    const slow = await http.send('POST', '/slow', { body: '{}' });
    expect(slow).toMatchObject({ ok: false, failure: 'timeout' });
    const drop = await http.send('POST', '/drop', { body: '{}' });
    expect(drop).toMatchObject({ ok: false, failure: 'network' });
    expect(classifyFailure(slow, true)).toEqual({ kind: 'unknown', code: 'TIMEOUT' });
    expect(classifyFailure(drop, false)).toEqual({ kind: 'retryable', code: 'NETWORK' });
    const limited = await http.send('GET', '/limited');
    expect(classifyFailure(limited, true)).toEqual({ kind: 'retryable', code: 'RATE_LIMITED' });
  });

  it('classifies statuses once: 5xx on a write is unknown, auth is fatal, 4xx is rejected', () => {
    const at = (status: number) => ({ ok: true as const, res: { status, headers: {}, text: '' } });
    expect(classifyFailure(at(503), true).kind).toBe('unknown');
    expect(classifyFailure(at(503), false).kind).toBe('retryable');
    expect(classifyFailure(at(401), false)).toEqual({ kind: 'fatal', code: 'UNAUTHORIZED' });
    expect(classifyFailure(at(400), true)).toEqual({ kind: 'rejected', code: 'HTTP_400' });
    expect(classifyFailure(at(409), true)).toEqual({ kind: 'rejected', code: 'CONFLICT' });
    expect(retryAfterMs({ 'retry-after': '2' }, 0)).toBe(2000);
    expect(retryAfterMs({}, 0)).toBeUndefined();
  });
});

describe('ReconnectingWebSocket (seed 3)', () => {
  it('reconnects after the server drops it and resubscribes on every open', async () => {
    const server = createServer();
    const wss = new WebSocketServer({ server });
    const base = await listen(server);
    cleanups.push(() => new Promise<void>((r) => wss.close(() => r())));
    const received: string[] = [];
    let serverConnections = 0;
    wss.on('connection', (socket, req) => {
      serverConnections++;
      socket.on('message', (m) => {
        received.push(`${req.headers['x-attempt']}:${m.toString()}`);
        socket.send(`ack ${serverConnections}`);
        if (serverConnections === 1) socket.terminate();
      });
    });
    let attempt = 0;
    const acks: string[] = [];
    let second!: () => void;
    const gotSecond = new Promise<void>((r) => (second = r));
    const ws = new ReconnectingWebSocket({
      url: base.replace('http', 'ws'),
      clock: new RealClock(),
      rng: new Rng(3),
      headers: () => ({ 'x-attempt': String(++attempt) }),
      onOpen: (send) => send('subscribe'),
      onMessage: (t) => {
        acks.push(t);
        if (t === 'ack 2') second();
      },
      backoff: { initialMs: 10, maxMs: 50 },
    });
    cleanups.push(() => ws.close());
    await ws.ready;
    await Promise.race([
      gotSecond,
      new Promise((_, rej) => setTimeout(() => rej(new Error('no reconnect')), 5_000)),
    ]);
    expect(received).toEqual(['1:subscribe', '2:subscribe']);
    expect(ws.connects).toBe(2);
    expect(ws.disconnects).toBe(1);
  });
});
