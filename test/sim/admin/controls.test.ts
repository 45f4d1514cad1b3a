import { describe, expect, it } from 'vitest';
import { RealClock } from '../../../src/app/real-clock.ts';
import type { Px, Qty } from '../../../src/core/units.ts';
import type { RunningPriceProcess } from '../../../src/sim/host.ts';
import { K_MARKET, P_MARKET, START_MS } from '../support/scenario.ts';
import { startHost } from './support.ts';

describe('admin: faults over HTTP', () => {
  it('adds (one or many, venue defaulting to the server’s), lists, removes by id and clears', async () => {
    const { call, host } = await startHost();
    const one = await call('kalshi', 'POST', '/faults', {
      kind: 'http_429',
      endpoint: 'POST /portfolio/*',
      count: 3,
    });
    expect(one).toEqual({ status: 201, body: { ids: ['f1'] } });
    const many = await call('polymarket', 'POST', '/faults', [
      { kind: 'latency', params: { ms: 50 } },
      { venue: '*', kind: 'halt' },
    ]);
    expect(many).toEqual({ status: 201, body: { ids: ['f2', 'f3'] } });
    expect(host.kalshi.exchange.status).toBe('halted');

    const listed = (await call('kalshi', 'GET', '/faults')).body as Record<string, unknown>[];
    expect(listed).toEqual([
      {
        id: 'f1',
        state: 'active',
        applied: 0,
        venue: 'kalshi',
        kind: 'http_429',
        endpoint: 'POST /portfolio/*',
        count: 3,
        probability: 1,
        params: {},
      },
      { id: 'f3', state: 'active', applied: 2, venue: '*', kind: 'halt', probability: 1, params: {} },
    ]);
    const status = (await call('polymarket', 'GET', '/status')).body as { faults: { id: string }[] };
    expect(status.faults.map((f) => f.id)).toEqual(['f2', 'f3']);

    expect(await call('kalshi', 'DELETE', '/faults?id=f3')).toEqual({
      status: 200,
      body: { removed: ['f3'] },
    });
    expect(host.kalshi.exchange.status).toBe('open');
    expect(await call('kalshi', 'DELETE', '/faults?id=f3')).toEqual({
      status: 404,
      body: { error: 'no fault with id "f3"' },
    });
    expect(await call('kalshi', 'DELETE', '/faults')).toEqual({ status: 200, body: { removed: ['f1'] } });
    expect((await call('polymarket', 'GET', '/faults')).body).toHaveLength(1);
  });

  it('refuses malformed specs with path-qualified issues and adds none of the batch', async () => {
    const { call } = await startHost();
    const bad = await call('kalshi', 'POST', '/faults', [
      { kind: 'http_429' },
      { kind: 'latency', params: {} },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: expect.stringMatching(/^invalid fault spec: \[1\]\.params\.ms: /),
      issues: [{ path: '[1].params.ms', message: expect.any(String) }],
    });
    expect((await call('kalshi', 'GET', '/faults')).body).toEqual([]);
    expect(await call('kalshi', 'POST', '/faults')).toEqual({
      status: 400,
      body: { error: 'missing JSON body: a fault spec or a list of them' },
    });
  });

  it('REST faults hit venue paths (relative to the API base) but never /_sim', async () => {
    const { call, host } = await startHost();
    await call('kalshi', 'POST', '/faults', { kind: 'http_429', endpoint: 'GET /markets' });
    const rest = host.connectionInfo().kalshi.restUrl;
    const limited = await fetch(`${rest}/markets`);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ error: 'too many requests' });
    const other = await fetch(`${rest}/events`);
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({
      error: 'not implemented in the simulator yet: GET /trade-api/v2/events',
    });
    await call('kalshi', 'POST', '/faults', { kind: 'http_5xx' });
    expect((await call('kalshi', 'GET', '/status')).status).toBe(200);
  });
});

describe('admin: driving the world', () => {
  it('resolve settles a market and pays the winners; twice is a 409, unknown a 404', async () => {
    const { call, host } = await startHost();
    const ex = host.kalshi.exchange;
    ex.openAccount('mm', 1_000_000_000);
    ex.place({
      account: 'mm',
      market: K_MARKET,
      outcome: 'NO',
      side: 'BUY',
      px: 4000 as Px,
      qty: 100 as Qty,
      tif: 'GTC',
    });
    ex.place({
      account: 'bot',
      market: K_MARKET,
      outcome: 'YES',
      side: 'BUY',
      px: 6000 as Px,
      qty: 100 as Qty,
      tif: 'GTC',
    });
    const before = ex.account('bot')!.balance;
    const r = await call('kalshi', 'POST', '/resolve', { market: K_MARKET, result: 'YES' });
    expect(r).toMatchObject({ status: 200, body: { market: K_MARKET, status: 'settled', result: 'YES' } });
    expect(ex.account('bot')!.balance - before).toBe(1_000_000);
    expect((await call('kalshi', 'POST', '/resolve', { market: K_MARKET, result: 'NO' })).status).toBe(409);
    expect((await call('kalshi', 'POST', '/resolve', { market: 'NOPE', result: 'NO' })).status).toBe(404);
    expect(await call('kalshi', 'POST', '/resolve', { market: K_MARKET, result: 'maybe' })).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/^result: /) },
    });
  });

  it('exchange-status sets the status; status reports it with the seq and the clock', async () => {
    const { call, host } = await startHost();
    expect(await call('polymarket', 'POST', '/exchange-status', { status: 'cancel_only' })).toEqual({
      status: 200,
      body: { venue: 'polymarket', exchangeStatus: 'cancel_only' },
    });
    expect(host.polymarket.exchange.status).toBe('cancel_only');
    expect((await call('polymarket', 'GET', '/status')).body).toEqual({
      venue: 'polymarket',
      exchangeStatus: 'cancel_only',
      seq: host.polymarket.exchange.seq,
      clock: { kind: 'sim', nowMs: START_MS, iso: '2026-01-01T00:00:00.000Z' },
      priceProcess: 'none',
      faults: [],
    });
    expect((await call('polymarket', 'POST', '/exchange-status', { status: 'closed' })).status).toBe(400);
  });

  it('clock/advance moves a SimClock host (firing its timers)', async () => {
    const { call, host, clock } = await startHost();
    await call('kalshi', 'POST', '/faults', { kind: 'halt', fromMs: START_MS + 1_000 });
    expect(await call('kalshi', 'POST', '/clock/advance', { ms: 1_500 })).toEqual({
      status: 200,
      body: { clockMs: START_MS + 1_500 },
    });
    expect(clock.now()).toBe(START_MS + 1_500);
    expect(host.kalshi.exchange.status).toBe('halted');
    expect((await call('kalshi', 'POST', '/clock/advance', { ms: -1 })).status).toBe(400);
  });

  it('clock/advance is refused on a real-clock host', async () => {
    const { call } = await startHost({ clock: new RealClock() });
    expect(await call('kalshi', 'POST', '/clock/advance', { ms: 1_000 })).toEqual({
      status: 409,
      body: { error: 'this simulator runs on the real clock; only a SimClock host can advance time' },
    });
    expect(((await call('kalshi', 'GET', '/status')).body as { clock: { kind: string } }).clock.kind).toBe(
      'real',
    );
  });

  it('deposit credits an account exactly (creating it if new)', async () => {
    const { call, host } = await startHost();
    const r = await call('polymarket', 'POST', '/deposit', { account: 'bot', usd: '0.10' });
    expect(r).toMatchObject({ status: 200, body: { account: 'bot', balance: '1000.10' } });
    expect(await call('polymarket', 'POST', '/deposit', { account: 'new', usd: 5 })).toMatchObject({
      body: { account: 'new', balance: '5.00' },
    });
    expect(host.polymarket.exchange.account('new')!.balance).toBe(5_000_000);
    expect((await call('polymarket', 'POST', '/deposit', { account: 'bot', usd: '1e3' })).status).toBe(400);
    expect((await call('polymarket', 'POST', '/deposit', { account: 'bot', usd: '-1' })).status).toBe(400);
  });

  it('process pauses the price process when there is one, else says there is none', async () => {
    const none = await startHost();
    expect(await none.call('kalshi', 'POST', '/process', { paused: true })).toEqual({
      status: 409,
      body: { error: 'no price process attached to this simulator' },
    });
    const calls: string[] = [];
    const fake: RunningPriceProcess = {
      jump: (v, m, d) => calls.push(`jump ${v} ${m} ${d}`),
      setFrozen: () => undefined,
      setPaused: (p) => calls.push(`paused ${p}`),
      stop: () => calls.push('stop'),
    };
    const { call, host } = await startHost({ priceProcess: () => fake });
    expect(await call('polymarket', 'POST', '/process', { paused: true })).toEqual({
      status: 200,
      body: { paused: true },
    });
    expect(((await call('kalshi', 'GET', '/status')).body as { priceProcess: string }).priceProcess).toBe(
      'paused',
    );
    await call('polymarket', 'POST', '/faults', {
      kind: 'price_jump',
      params: { market: P_MARKET, yesDelta: 0.05 },
    });
    await host.close();
    expect(calls).toEqual(['paused true', `jump polymarket ${P_MARKET} 0.05`, 'stop']);
  });

  it('an unknown admin path is a 404 that points at the index', async () => {
    const { call } = await startHost();
    expect(await call('kalshi', 'GET', '/nope')).toEqual({
      status: 404,
      body: { error: 'no such admin endpoint: GET /_sim/nope (GET /_sim lists them)' },
    });
    expect(((await call('kalshi', 'GET', '')).body as { endpoints: string[] }).endpoints).toContain(
      'POST /_sim/faults',
    );
  });
});

describe('SimHost', () => {
  it('connectionInfo has the fixed shape, and both admin URLs answer', async () => {
    const { host } = await startHost();
    const info = host.connectionInfo();
    const k = `127.0.0.1:${host.kalshi.server.port}`;
    const p = `127.0.0.1:${host.polymarket.server.port}`;
    expect(info).toEqual({
      kalshi: {
        restUrl: `http://${k}/trade-api/v2`,
        wsUrl: `ws://${k}/trade-api/ws/v2`,
        keyId: 'sim-kalshi-key',
        privateKeyPem: expect.stringMatching(/^-----BEGIN RSA PRIVATE KEY-----\n/),
      },
      polymarket: {
        clobUrl: `http://${p}`,
        wsUrl: `ws://${p}/ws/market`,
        userWsUrl: `ws://${p}/ws/user`,
        dataUrl: `http://${p}/data-api`,
        gammaUrl: `http://${p}/gamma-api`,
        privateKey: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
        chainId: 137,
      },
      admin: { kalshi: `http://${k}/_sim`, polymarket: `http://${p}/_sim` },
    });
    for (const url of Object.values(info.admin)) expect((await fetch(`${url}/status`)).status).toBe(200);
  });

  it('funds the bot on both venues with the scenario cash', async () => {
    const { host } = await startHost();
    expect(host.kalshi.exchange.account('bot')!.balance).toBe(1_000_000_000);
    expect(host.polymarket.exchange.account('bot')!.balance).toBe(1_000_000_000);
  });
});
