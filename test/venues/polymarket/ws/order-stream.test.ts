/**
 * The adapter's order update stream (user channel) against the simulator on loopback: placements, fills from a
 * market maker crossing the order, cancels, a malformed frame, and closing with the adapter. Waits are on
 * updates and problems with timeouts, never fixed sleeps. The frame decoder is also checked on its own.
 */
import { describe, expect, it } from 'vitest';
import { RealClock } from '../../../../src/app/real-clock.ts';
import type { Px, Qty } from '../../../../src/core/units.ts';
import {
  parseUserFrame,
  PolyCodecError,
  PolymarketAdapter,
} from '../../../../src/venues/polymarket/index.ts';
import { Rng } from '../../../../src/core/rng.ts';
import type { OrderRequest, OrderStream, OrderUpdate } from '../../../../src/venues/venue.ts';
import { waitFor } from '../../../sim/support/net.ts';
import { adapterFor, P_MARKET, type PolyHost, seedBook, startPolyHost } from '../support.ts';

/** The wall clock a day ahead: receive times must come from the injected clock, not `Date.now()`. */
const SHIFT_MS = 86_400_000;
class ShiftedClock extends RealClock {
  override now(): number {
    return super.now() + SHIFT_MS;
  }
}

const req = (clientOrderId: string, px: number, qty: number): OrderRequest => ({
  clientOrderId,
  market: P_MARKET,
  outcome: 'YES',
  side: 'BUY',
  px: px as Px,
  qty: qty as Qty,
  tif: 'GTC',
});

/** Updates and problems as they come, with waits on the first one matching. */
class Recorder {
  readonly updates: OrderUpdate[] = [];
  readonly problems: string[] = [];
  private listeners = new Set<() => void>();

  readonly onUpdate = (u: OrderUpdate): void => {
    this.updates.push(u);
    for (const l of [...this.listeners]) l();
  };
  readonly onProblem = (p: string): void => {
    this.problems.push(p);
    for (const l of [...this.listeners]) l();
  };

  /** The first update (from index `from`) matching `match`, waiting up to 5 s for it. */
  update(what: string, match: (u: OrderUpdate) => boolean, from = 0): Promise<OrderUpdate> {
    return this.until(what, () => this.updates.slice(from).find(match));
  }

  problem(what: string, match: (p: string) => boolean): Promise<string> {
    return this.until(what, () => this.problems.find(match));
  }

  private until<T>(what: string, find: () => T | undefined): Promise<T> {
    return waitFor<T>(what, (deliver) => {
      const check = (): void => {
        const hit = find();
        if (hit !== undefined) deliver(hit);
      };
      this.listeners.add(check);
      check();
      return () => this.listeners.delete(check);
    });
  }
}

async function setup(): Promise<{ h: PolyHost; rec: Recorder; stream: OrderStream; a: PolymarketAdapter }> {
  const h = await startPolyHost();
  const rec = new Recorder();
  const a = adapterFor(h, { clock: new ShiftedClock(), onProblem: rec.onProblem });
  const stream = a.streamOrders(rec.onUpdate);
  await stream.ready;
  return { h, rec, stream, a };
}

describe('Polymarket order stream (user channel)', () => {
  it('reports a placement as open with the client order id, then partial and full fills from a market maker', async () => {
    const { h, rec, stream, a } = await setup();
    const before = Date.now() + SHIFT_MS;
    const placed = await a.placeOrder(req('rest-1', 3000, 1000));
    expect(placed).toMatchObject({ ok: true, value: { status: 'open' } });
    const id = placed.ok ? placed.value.id : '';

    const open = await rec.update('the placement', (u) => u.orderId === id);
    expect(open).toEqual({
      orderId: id,
      clientOrderId: 'rest-1',
      market: P_MARKET,
      status: 'open',
      filled: 0,
      receiveTimeMs: open.receiveTimeMs,
    });
    expect(open.receiveTimeMs).toBeGreaterThanOrEqual(before);
    expect(open.receiveTimeMs).toBeLessThanOrEqual(Date.now() + SHIFT_MS);

    // A market maker sells 5 YES at 0.30 (buys NO at 0.70): the bot's bid is the maker, half filled.
    seedBook(h.ex, P_MARKET, { asks: [[3000, 500]] });
    const partial = await rec.update('the partial fill', (u) => u.orderId === id && u.filled > 0);
    expect(partial).toMatchObject({ clientOrderId: 'rest-1', status: 'open', filled: 500 });

    seedBook(h.ex, P_MARKET, { asks: [[3000, 500]] });
    const full = await rec.update('the full fill', (u) => u.orderId === id && u.status === 'filled');
    expect(full).toMatchObject({ clientOrderId: 'rest-1', market: P_MARKET, filled: 1000 });
    expect(h.ex.orders({ account: 'bot' })).toMatchObject([{ id, status: 'filled', filled: 1000 }]);

    // The trade events that came with the fills were skipped, not counted as malformed: a later update (sent
    // after them on the same socket) has arrived and nothing was malformed.
    const other = await a.placeOrder(req('rest-2', 2000, 500));
    const otherId = other.ok ? other.value.id : '';
    await rec.update('a later placement', (u) => u.orderId === otherId);
    expect(stream.stats()).toEqual({ updates: rec.updates.length, malformed: 0, reconnects: 0 });
    expect(rec.problems).toEqual([]);
  });

  it('reports a cancel as cancelled, with what had filled', async () => {
    const { h, rec, a } = await setup();
    const placed = await a.placeOrder(req('cancel-1', 3000, 1200));
    const id = placed.ok ? placed.value.id : '';
    await rec.update('the placement', (u) => u.orderId === id);
    seedBook(h.ex, P_MARKET, { asks: [[3000, 500]] });
    await rec.update('the partial fill', (u) => u.orderId === id && u.filled === 500);

    expect(await a.cancelOrder(id)).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    const cancelled = await rec.update('the cancel', (u) => u.orderId === id && u.status === 'cancelled');
    expect(cancelled).toMatchObject({ clientOrderId: 'cancel-1', market: P_MARKET, filled: 500 });
  });

  it('an order this process did not derive carries no client order id', async () => {
    const { h, rec } = await setup();
    // Another process on the same account: its orders reach this stream, but only the hash links them.
    const other = adapterFor(h);
    const placed = await other.placeOrder(req('elsewhere-1', 2500, 500));
    const id = placed.ok ? placed.value.id : '';
    const u = await rec.update('the foreign placement', (x) => x.orderId === id);
    expect(u).toMatchObject({ market: P_MARKET, status: 'open', filled: 0 });
    expect('clientOrderId' in u).toBe(false);
  });

  it('counts a malformed frame and keeps streaming on the same connection', async () => {
    const { h, rec, stream, a } = await setup();
    h.host.injector.add({ venue: 'polymarket', kind: 'ws_malformed', endpoint: 'user', count: 1 });
    // The placement's frame is cut in half: its update is lost, the frame counted.
    const placed = await a.placeOrder(req('bad-frame-1', 3000, 500));
    const id = placed.ok ? placed.value.id : '';
    await rec.problem('the malformed frame', (p) => p.includes('malformed frame'));
    expect(stream.stats()).toMatchObject({ malformed: 1, updates: 0 });

    expect(await a.cancelOrder(id)).toMatchObject({ ok: true });
    const cancelled = await rec.update('the cancel', (u) => u.orderId === id);
    expect(cancelled).toMatchObject({ clientOrderId: 'bad-frame-1', status: 'cancelled', filled: 0 });
    expect(stream.stats()).toEqual({ updates: 1, malformed: 1, reconnects: 0 });
  });

  it('reconnects by itself after the venue drops the connection, and resubscribes', async () => {
    const { h, rec, stream, a } = await setup();
    h.host.injector.add({ venue: 'polymarket', kind: 'ws_disconnect', endpoint: 'user', count: 1 });
    // The placement's frame closes the connection instead (that update is lost: polling is the safety net).
    const first = await a.placeOrder(req('drop-1', 3000, 500));
    expect(first.ok).toBe(true);
    await waitFor<void>('the reconnect', (deliver) => {
      const t = setInterval(() => stream.stats().reconnects > 0 && deliver(), 10);
      return () => clearInterval(t);
    });
    const second = await a.placeOrder(req('drop-2', 3000, 500));
    const id = second.ok ? second.value.id : '';
    // The subscription may still be on its way after the reconnect: cancelling later is seen either way.
    expect(await a.cancelOrder(id)).toMatchObject({ ok: true });
    const u = await rec.update('an update after the reconnect', (x) => x.orderId === id);
    expect(u.clientOrderId).toBe('drop-2');
    expect(stream.stats()).toMatchObject({ malformed: 0, reconnects: 1 });
  });

  it('closes with the adapter; a stream closed before it subscribed rejects ready', async () => {
    const h = await startPolyHost();
    const rec = new Recorder();
    // Built by hand: the adapter is closed here, not after the test (a second close is not supported).
    const a = new PolymarketAdapter({
      clobUrl: h.conn.clobUrl,
      wsUrl: h.conn.wsUrl,
      userWsUrl: h.conn.userWsUrl,
      dataUrl: h.conn.dataUrl,
      gammaUrl: h.conn.gammaUrl,
      privateKey: h.conn.privateKey,
      chainId: h.conn.chainId,
      clock: new RealClock(),
      rng: new Rng(7),
      http: { timeoutMs: 2_000 },
    });
    const stream = a.streamOrders(rec.onUpdate);
    await stream.ready;
    const early = a.streamOrders(() => undefined);
    await a.close();
    await expect(early.ready).rejects.toThrow(/closed before it was subscribed/);
    await stream.close(); // already closed: a no-op

    // A second process on the same account sees its own placement; the closed stream got nothing more.
    const rec2 = new Recorder();
    const b = adapterFor(h);
    const s2 = b.streamOrders(rec2.onUpdate);
    await s2.ready;
    const placed = await b.placeOrder(req('after-close', 3000, 500));
    const id = placed.ok ? placed.value.id : '';
    await rec2.update('the placement on the open stream', (u) => u.orderId === id);
    expect(rec.updates).toEqual([]);
  });

  it('ready rejects when the venue refuses the credentials', async () => {
    const h = await startPolyHost();
    const rec = new Recorder();
    const a = adapterFor(h, {
      creds: { key: '00000000-0000-0000-0000-000000000000', secret: 'c2VjcmV0', passphrase: 'nope' },
      onProblem: rec.onProblem,
    });
    const stream = a.streamOrders(rec.onUpdate);
    await expect(stream.ready).rejects.toThrow(/refused the subscription: Unauthorized\/Invalid api key/);
    expect(rec.problems).toEqual([expect.stringMatching(/refused the subscription: Unauthorized/)]);
    expect(stream.stats()).toMatchObject({ malformed: 0 });
  });
});

describe('user channel frames', () => {
  const order = (extra: Record<string, unknown>): Record<string, unknown> => ({
    event_type: 'order',
    type: 'UPDATE',
    id: '0xabc',
    status: 'LIVE',
    market: '0xcond',
    asset_id: '123',
    side: 'BUY',
    original_size: '10',
    size_matched: '2.5',
    price: '0.3',
    timestamp: '1767225600000',
    ...extra,
  });

  it('decodes order events exactly, in hundredths, and maps statuses', () => {
    expect(parseUserFrame(JSON.stringify(order({})))).toEqual([
      { type: 'order', orderId: '0xabc', market: '0xcond', assetId: '123', status: 'open', filled: 250 },
    ]);
    const status = (extra: Record<string, unknown>): string | undefined => {
      const [e] = parseUserFrame(JSON.stringify(order(extra)));
      return e?.type === 'order' ? e.status : undefined;
    };
    expect(status({ type: 'PLACEMENT', size_matched: '0' })).toBe('open');
    expect(status({ status: 'MATCHED', size_matched: '10' })).toBe('filled');
    expect(status({ status: 'ORDER_STATUS_CANCELED' })).toBe('cancelled');
    expect(status({ type: 'CANCELLATION', status: 'LIVE' })).toBe('cancelled');
    // The venue's documented frames carry no status: a wholly matched order is filled, else open.
    expect(status({ status: undefined, size_matched: '10.00' })).toBe('filled');
    expect(status({ status: undefined })).toBe('open');
  });

  it('skips trades, pongs and unknown events; reports refusals; accepts arrays', () => {
    const frame = JSON.stringify([{ event_type: 'trade', type: 'TRADE', id: 't1' }, order({})]);
    expect(parseUserFrame(frame).map((e) => e.type)).toEqual(['trade', 'order']);
    expect(parseUserFrame('PONG')).toEqual([]);
    expect(parseUserFrame('{"event_type":"last_trade_price"}')).toEqual([
      { type: 'other', eventType: 'last_trade_price' },
    ]);
    expect(parseUserFrame('{"error":"Unauthorized/Invalid api key"}')).toEqual([
      { type: 'error', message: 'Unauthorized/Invalid api key' },
    ]);
  });

  it('throws PolyCodecError naming the field for anything it cannot use', () => {
    const bad = [
      '{"event_type":"order","type":"UPD',
      JSON.stringify(order({ size_matched: 2.5e-7 })),
      JSON.stringify(order({ size_matched: '0.001' })),
      JSON.stringify(order({ size_matched: '11' })),
      JSON.stringify(order({ id: undefined })),
      JSON.stringify(order({ market: 7 })),
      JSON.stringify(order({ type: undefined })),
      JSON.stringify({ type: 'order' }),
      '[1]',
    ];
    for (const text of bad) expect(() => parseUserFrame(text), text).toThrow(PolyCodecError);
  });
});
