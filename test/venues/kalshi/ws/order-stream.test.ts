/**
 * The Kalshi adapter's order update stream (`user_orders`): against the simulated Kalshi on loopback (resting,
 * partly filled, filled and cancelled orders, client order ids, a malformed frame, a dropped connection), against
 * a scripted server (the subscribe command, a refused subscription). The frame decoder: orders/user-orders.test.ts.
 */
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { RealClock } from '../../../../src/app/real-clock.ts';
import { Rng } from '../../../../src/core/rng.ts';
import type { Px, Qty } from '../../../../src/core/units.ts';
import { SIM_KALSHI_KEY_ID, SIM_KALSHI_PRIVATE_KEY_PEM } from '../../../../src/sim/credentials.ts';
import { KalshiAdapter } from '../../../../src/venues/kalshi/index.ts';
import type { OrderRequest, OrderUpdate } from '../../../../src/venues/venue.ts';
import { onCleanup, waitFor } from '../../../sim/support/net.ts';
import { seedBook, startKalshiSim } from '../support.ts';

/** The wall clock a day ahead: proves `receiveTimeMs` (and signing) use the injected clock. */
const AHEAD_MS = 86_400_000;
class AheadClock extends RealClock {
  override now(): number {
    return super.now() + AHEAD_MS;
  }
}

async function setup(seed: number, { closeAfter = true } = {}) {
  // The clock is a day ahead of the simulator's: let it accept those handshake and request timestamps.
  const sim = await startKalshiSim({ seed, front: { timestampToleranceMs: 'any' } });
  const adapter = new KalshiAdapter({
    ...sim.kalshi,
    clock: new AheadClock(),
    rng: new Rng(seed),
    stream: { backoff: { initialMs: 10, maxMs: 50 } },
  });
  // (`KalshiAdapter.close` is not idempotent: a test that closes it itself opts out.)
  if (closeAfter) onCleanup(() => adapter.close());
  const updates: OrderUpdate[] = [];
  const waiting = new Set<(u: OrderUpdate) => void>();
  const stream = adapter.streamOrders((u) => {
    updates.push(u);
    for (const w of [...waiting]) w(u);
  });
  /** The next update (from now on) that satisfies `pred`. */
  const next = (what: string, pred: (u: OrderUpdate) => boolean) =>
    waitFor<OrderUpdate>(what, (deliver) => {
      const w = (u: OrderUpdate) => {
        if (pred(u)) deliver(u);
      };
      waiting.add(w);
      return () => waiting.delete(w);
    });
  const place = async (req: Omit<OrderRequest, 'tif'> & { tif?: OrderRequest['tif'] }) => {
    const r = await adapter.placeOrder({ tif: 'GTC', ...req });
    if (!r.ok) throw new Error(`${req.clientOrderId}: ${r.error.message}`);
    return r.value;
  };
  return { ...sim, adapter, stream, updates, next, place };
}

/** Resolves once `cond` holds, checked on every event-loop turn (bounded by waitFor's timeout). */
const until = (what: string, cond: () => boolean) =>
  waitFor<void>(what, (deliver) => {
    const t = setInterval(() => cond() && deliver(), 5);
    if (cond()) deliver();
    return () => clearInterval(t);
  });

const px = (n: number) => n as Px;
const qty = (n: number) => n as Qty;

describe('Kalshi order stream over loopback (seeds 71–74)', () => {
  it('reports a resting order, its partial fill and its cancel, with client order id and clock time', async () => {
    const { adapter, stream, ex, markets, next, place } = await setup(71);
    await stream.ready;
    const m = markets[0]!;

    const before = Date.now() + AHEAD_MS;
    const opened = next('open update', (u) => u.clientOrderId === 'os-1' && u.status === 'open');
    const order = await place({
      clientOrderId: 'os-1',
      market: m,
      outcome: 'YES',
      side: 'BUY',
      px: px(4_000),
      qty: qty(500),
    });
    const u1 = await opened;
    expect(u1).toEqual({
      orderId: order.id,
      clientOrderId: 'os-1',
      market: m,
      status: 'open',
      filled: 0,
      receiveTimeMs: expect.any(Number),
    });
    expect(u1.receiveTimeMs).toBeGreaterThanOrEqual(before);
    expect(u1.receiveTimeMs).toBeLessThanOrEqual(Date.now() + AHEAD_MS);

    // The market maker sells 2 YES into the 0.40 bid (a NO buy at 0.60): the order stays open, 2 filled.
    const partial = next('partial fill', (u) => u.orderId === order.id && u.filled > 0);
    seedBook(ex, m, { asks: [[4_000, 2]] });
    expect(await partial).toMatchObject({ clientOrderId: 'os-1', status: 'open', filled: 200 });

    const cancelled = next('cancel', (u) => u.orderId === order.id && u.status === 'cancelled');
    const c = await adapter.cancelOrder(order.id);
    expect(c.ok).toBe(true);
    // Filled stays absolute: what filled before the cancel.
    expect(await cancelled).toMatchObject({ clientOrderId: 'os-1', market: m, filled: 200 });
    expect(stream.stats()).toMatchObject({ malformed: 0, reconnects: 0 });
  });

  it('reports a taker order that fills completely, fractional counts exact', async () => {
    const { stream, ex, markets, next, place, updates } = await setup(72);
    await stream.ready;
    const m = markets[1]!;
    seedBook(ex, m, { asks: [[5_500, 3]] });
    const filled = next('filled update', (u) => u.clientOrderId === 'os-2' && u.status === 'filled');
    const order = await place({
      clientOrderId: 'os-2',
      market: m,
      outcome: 'YES',
      side: 'BUY',
      px: px(5_500),
      qty: qty(250),
      tif: 'IOC',
    });
    expect(order).toMatchObject({ status: 'filled', filled: 250 });
    expect(await filled).toMatchObject({ orderId: order.id, market: m, filled: 250 });
    // Every update of this order carried its id and client order id; filled never went down.
    const mine = updates.filter((u) => u.orderId === order.id);
    expect(mine.every((u) => u.clientOrderId === 'os-2')).toBe(true);
    const fills = mine.map((u) => u.filled);
    expect(fills).toEqual([...fills].sort((a, b) => a - b));
    expect(stream.stats().updates).toBe(updates.length);
  });

  it('counts a malformed frame and keeps going; resubscribes after a dropped connection', async () => {
    const { admin, stream, markets, next, place, updates } = await setup(73);
    await stream.ready;
    const m = markets[0]!;
    const addFault = async (spec: Record<string, unknown>) => {
      const r = await fetch(`${admin}/faults`, { method: 'POST', body: JSON.stringify(spec) });
      expect(r.status).toBe(201);
    };
    const order = (clientOrderId: string, p: number) =>
      place({ clientOrderId, market: m, outcome: 'YES', side: 'BUY', px: px(p), qty: qty(100) });

    // The first user_order frame is cut in half: its content is lost, the count says so, nothing throws.
    await addFault({ kind: 'ws_malformed', endpoint: 'user_orders', count: 1 });
    const lost = await order('os-bad', 3_000);
    await until('malformed frame counted', () => stream.stats().malformed === 1);
    expect(updates.filter((u) => u.orderId === lost.id)).toEqual([]);
    const after = next('update after the malformed frame', (u) => u.clientOrderId === 'os-good');
    const good = await order('os-good', 3_100);
    expect(await after).toMatchObject({ orderId: good.id, status: 'open', filled: 0 });

    // The next frame closes the connection instead: the stream reconnects and subscribes again by itself.
    await addFault({ kind: 'ws_disconnect', endpoint: 'user_orders', count: 1 });
    await order('os-dropped', 3_200);
    await until('reconnected and resubscribed', () => stream.stats().reconnects === 1 && stream.connected);
    const back = next('update after the reconnect', (u) => u.clientOrderId === 'os-back');
    const again = await order('os-back', 3_300);
    expect(await back).toMatchObject({ orderId: again.id, market: m, status: 'open' });
    expect(stream.stats()).toMatchObject({ malformed: 1, reconnects: 1 });
  });

  it('is closed by the adapter', async () => {
    const { adapter, stream } = await setup(74, { closeAfter: false });
    await stream.ready;
    expect(stream.connected).toBe(true);
    await adapter.close();
    expect(stream.connected).toBe(false);
  });
});

describe('Kalshi order stream against a scripted server (seed 75)', () => {
  it('signs the handshake, subscribes to user_orders for every market, and rejects ready when refused', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    onCleanup(() => new Promise<void>((r) => wss.close(() => r())));
    await new Promise<void>((r) => wss.once('listening', () => r()));
    const port = (wss.address() as AddressInfo).port;
    const headers: Record<string, string | string[] | undefined>[] = [];
    const commands: { id: number; cmd: string; params: unknown }[] = [];
    const onCommand = new Set<(socket: WebSocket, c: (typeof commands)[number]) => void>();
    wss.on('connection', (socket, req) => {
      headers.push(req.headers);
      socket.on('message', (data) => {
        const c = JSON.parse(String(data)) as (typeof commands)[number];
        commands.push(c);
        for (const f of onCommand) f(socket, c);
      });
    });
    onCommand.add((socket, c) =>
      socket.send(JSON.stringify({ id: c.id, type: 'error', msg: { code: 8, msg: 'Unknown channel name' } })),
    );
    const adapter = new KalshiAdapter({
      restUrl: `http://127.0.0.1:${port}/trade-api/v2`,
      wsUrl: `ws://127.0.0.1:${port}/trade-api/ws/v2`,
      keyId: SIM_KALSHI_KEY_ID,
      privateKeyPem: SIM_KALSHI_PRIVATE_KEY_PEM,
      clock: new RealClock(),
      rng: new Rng(75),
    });
    onCleanup(() => adapter.close());
    const stream = adapter.streamOrders(() => {});
    await expect(stream.ready).rejects.toThrow(/user_orders subscription refused: 8 Unknown channel name/);
    expect(commands).toEqual([{ id: 1, cmd: 'subscribe', params: { channels: ['user_orders'] } }]);
    expect(headers[0]).toMatchObject({
      'kalshi-access-key': SIM_KALSHI_KEY_ID,
      'kalshi-access-signature': expect.any(String),
      'kalshi-access-timestamp': expect.any(String),
    });
    expect(stream.connected).toBe(false);
  });
});
