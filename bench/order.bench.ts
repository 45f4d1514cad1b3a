/**
 * The order path's own cost: what writing an intent (and the rest of an order's records) to the order store
 * costs before a request may leave, durable (WAL + synchronous=FULL: one fsync per commit, the live store) and
 * not (the paper store), and one whole IOC order through the runner against a venue that answers at once.
 * Each sample is one call, timed alone: these are milliseconds-scale disk waits, not nanosecond loops.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hrtime } from 'node:process';
import { SimClock } from '../src/core/clock.ts';
import { asPx, asQty } from '../src/core/units.ts';
import { CrashPoints, OrderRunner, OrderStore } from '../src/exec/index.ts';
import type { OrderRequest, VenueAdapter, VenueFill, VenueOrder } from '../src/venues/venue.ts';
import { type BenchResult, summarize } from './harness.ts';

const request = (id: string): OrderRequest => ({
  clientOrderId: id,
  market: 'KX-1',
  outcome: 'YES',
  side: 'BUY',
  px: asPx(4_000),
  qty: asQty(1_000),
  tif: 'IOC',
});

function timeUs(n: number, fn: (i: number) => void): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = hrtime.bigint();
    fn(i);
    out[i] = Number(hrtime.bigint() - t0) / 1_000;
  }
  return out;
}

async function timeUsAsync(n: number, fn: (i: number) => Promise<unknown>): Promise<Float64Array> {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = hrtime.bigint();
    await fn(i);
    out[i] = Number(hrtime.bigint() - t0) / 1_000;
  }
  return out;
}

/** A venue that fills every order in full at once and reports the fill: only our own bookkeeping is timed. */
function instantVenue(): VenueAdapter {
  const fills: VenueFill[] = [];
  let n = 0;
  const notUsed = (): never => {
    throw new Error('not used in the bench');
  };
  return {
    venue: 'kalshi',
    discover: notUsed,
    streamBooks: notUsed,
    fetchBook: notUsed,
    cancelOrder: notUsed,
    getOrder: notUsed,
    findOrder: notUsed,
    openOrders: notUsed,
    positions: notUsed,
    balance: notUsed,
    close: async () => undefined,
    async placeOrder(req) {
      const id = `o${++n}`;
      const o: VenueOrder = {
        id,
        clientOrderId: req.clientOrderId,
        market: req.market,
        outcome: req.outcome,
        side: req.side,
        px: req.px,
        qty: req.qty,
        filled: req.qty,
        status: 'filled',
        createdMs: 0,
      };
      fills.push({
        id: `f${n}`,
        orderId: id,
        clientOrderId: req.clientOrderId,
        market: req.market,
        outcome: req.outcome,
        side: req.side,
        px: req.px,
        qty: req.qty,
        fee: 0 as VenueFill['fee'],
        liquidity: 'taker',
        tsMs: n,
        final: true,
      });
      return { ok: true, value: o };
    },
    async fillsSince(cursor) {
      const from = cursor === undefined ? 0 : Number(cursor);
      return { ok: true, value: { fills: fills.slice(from), cursor: String(fills.length) } };
    },
  };
}

export async function orderBenches(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'arb-bench-'));
  try {
    const out: BenchResult[] = [];
    for (const durable of [true, false]) {
      const store = OrderStore.open(join(dir, `${durable ? 'live' : 'paper'}.db`), { durable });
      const label = durable ? 'durable' : 'paper';
      out.push(
        summarize(
          `order.store.intent_write.${label}`,
          'µs/call',
          timeUs(400, (i) =>
            store.writeIntent(i, {
              request: request(`b-${label}-${i}`),
              venue: 'kalshi',
              role: 'manual',
              leg: 0,
            }),
          ),
          durable ? 'WAL + synchronous=FULL: one fsync per commit' : 'synchronous=OFF',
        ),
      );
      store.close();
    }
    const store = OrderStore.open(join(dir, 'runner.db'));
    const runner = new OrderRunner({
      venues: { kalshi: instantVenue() },
      clock: new SimClock(0),
      store,
      crash: CrashPoints.none(),
      timing: { orderTimeoutMs: 1_000, pollMs: 1, fillWaitMs: 0 },
    });
    out.push(
      summarize(
        'order.runner.ioc_order.durable',
        'µs/order',
        await timeUsAsync(200, (i) => runner.run('kalshi', request(`r-${i}`), { role: 'manual', leg: 0 })),
        '4 durable commits (intent; sent + reply; fill + its effect; fill cursor), venue answers at once',
      ),
    );
    store.close();
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
