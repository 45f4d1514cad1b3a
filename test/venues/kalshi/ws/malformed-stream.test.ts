/**
 * The adapter's book stream against a scripted Kalshi-like WebSocket server that sends broken frames: each one
 * ends in an `invalid` event, a `get_snapshot` request and a counted stat, never a crash or a wrong book.
 */
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { RealClock } from '../../../../src/app/real-clock.ts';
import { Rng } from '../../../../src/core/rng.ts';
import { SIM_KALSHI_KEY_ID, SIM_KALSHI_PRIVATE_KEY_PEM } from '../../../../src/sim/credentials.ts';
import { KalshiAdapter } from '../../../../src/venues/kalshi/index.ts';
import type { BookEvent } from '../../../../src/venues/venue.ts';
import { onCleanup, waitFor } from '../../../sim/support/net.ts';

describe('Kalshi book stream with malformed frames (seed 61)', () => {
  it('resyncs on bad JSON, impossible prices and missing fields, and recovers on the next snapshot', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    onCleanup(() => new Promise<void>((r) => wss.close(() => r())));
    await new Promise<void>((r) => wss.once('listening', () => r()));
    const port = (wss.address() as AddressInfo).port;
    const commands: { id: number; cmd: string; params: Record<string, unknown> }[] = [];
    const handshakes: Record<string, string | string[] | undefined>[] = [];
    let server: WebSocket | undefined;
    const onCommand: ((c: (typeof commands)[number]) => void)[] = [];
    wss.on('connection', (socket, req) => {
      handshakes.push(req.headers);
      server = socket;
      socket.on('message', (data) => {
        const c = JSON.parse(String(data)) as (typeof commands)[number];
        commands.push(c);
        for (const f of onCommand) f(c);
      });
    });
    let seq = 0;
    const send = (type: string, msg: unknown) =>
      server!.send(JSON.stringify({ type, sid: 1, seq: ++seq, msg }));
    const snapshot = () =>
      send('orderbook_snapshot', {
        market_ticker: 'T',
        yes_dollars_fp: [['0.4000', '5.00']],
        no_dollars_fp: [['0.5500', '2.00']],
      });

    const adapter = new KalshiAdapter({
      restUrl: `http://127.0.0.1:${port}/trade-api/v2`,
      wsUrl: `ws://127.0.0.1:${port}/trade-api/ws/v2`,
      keyId: SIM_KALSHI_KEY_ID,
      privateKeyPem: SIM_KALSHI_PRIVATE_KEY_PEM,
      clock: new RealClock(),
      rng: new Rng(61),
    });
    onCleanup(() => adapter.close());
    const events: BookEvent[] = [];
    const waiting: ((e: BookEvent) => void)[] = [];
    const next = (what: string, pred: (e: BookEvent) => boolean) =>
      waitFor<BookEvent>(what, (deliver) => {
        const w = (e: BookEvent) => pred(e) && deliver(e);
        waiting.push(w);
        return () => waiting.splice(waiting.indexOf(w), 1);
      });
    const stream = adapter.streamBooks(['T'], (e) => {
      events.push(e);
      for (const w of [...waiting]) w(e);
    });
    const subscribe = await waitFor<(typeof commands)[number]>('subscribe', (deliver) => {
      onCommand.push((c) => c.cmd === 'subscribe' && deliver(c));
    });
    expect(subscribe.params).toEqual({ channels: ['orderbook_delta'], market_tickers: ['T'] });
    expect(handshakes[0]).toMatchObject({
      'kalshi-access-key': SIM_KALSHI_KEY_ID,
      'kalshi-access-signature': expect.any(String),
    });
    server!.send(
      JSON.stringify({ id: subscribe.id, type: 'subscribed', msg: { channel: 'orderbook_delta', sid: 1 } }),
    );
    await stream.ready;

    const bad: [string, () => void][] = [
      ['not JSON', () => server!.send('{"type":"orderbook_delta","sid":1,"se')],
      [
        'price above 1',
        () =>
          send('orderbook_delta', {
            market_ticker: 'T',
            price_dollars: '1.5',
            delta_fp: '1.00',
            side: 'yes',
          }),
      ],
      [
        'price not a number',
        () =>
          send('orderbook_delta', {
            market_ticker: 'T',
            price_dollars: 'abc',
            delta_fp: '1.00',
            side: 'yes',
          }),
      ],
      ['missing fields', () => send('orderbook_delta', { market_ticker: 'T' })],
      ['a JSON array', () => server!.send('[1,2,3]')],
      [
        'bad snapshot level',
        () => send('orderbook_snapshot', { market_ticker: 'T', yes_dollars_fp: [['0.40', 'many']] }),
      ],
    ];
    for (const [what, breakIt] of bad) {
      const live = next(`snapshot before ${what}`, (e) => e.type === 'snapshot');
      snapshot();
      await live;
      const asked = waitFor<(typeof commands)[number]>(`get_snapshot after ${what}`, (deliver) => {
        onCommand.push((c) => c.cmd === 'update_subscription' && deliver(c));
      });
      const invalid = next(`invalid after ${what}`, (e) => e.type === 'invalid');
      breakIt();
      expect((await invalid).type).toBe('invalid');
      expect((await asked).params).toEqual({ sids: [1], market_tickers: ['T'], action: 'get_snapshot' });
      onCommand.length = 0;
    }
    const recovered = next('final snapshot', (e) => e.type === 'snapshot');
    snapshot();
    await recovered;
    expect(stream.book('T')).toEqual({
      yesBids: [{ px: 4_000, qty: 500 }],
      yesAsks: [{ px: 4_500, qty: 200 }],
    });
    expect(stream.stats()).toMatchObject({ malformed: bad.length, resyncs: bad.length, reconnects: 0 });
    // No level was ever applied from a broken frame.
    expect(events.filter((e) => e.type === 'level')).toEqual([]);
  });
});
