/** Fixtures for fault tests: a SimServer with test routes behind the fault middleware, and a feed endpoint. */
import { SimClock } from '../../../src/core/clock.ts';
import type { Venue } from '../../../src/core/market.ts';
import { Rng } from '../../../src/core/rng.ts';
import {
  type AppliedFault,
  FaultInjector,
  FeedSession,
  restFaultMiddleware,
} from '../../../src/sim/faults/index.ts';
import { json, ok } from '../../../src/sim/server/index.ts';
import { startServer, TestWsClient, waitFor } from '../support/net.ts';

export const T0 = Date.UTC(2026, 0, 1);

export function makeInjector(seed = 1) {
  const clock = new SimClock(T0);
  const injector = new FaultInjector(clock, new Rng(seed).fork('faults'));
  /** Resolves on the next time any fault (or the one with `id`) acts. */
  const nextApplied = (id?: string): Promise<AppliedFault> =>
    waitFor<AppliedFault>(`fault ${id ?? ''} to apply`, (deliver) =>
      injector.onApplied((a) => {
        if (id === undefined || a.id === id) deliver(a);
      }),
    );
  return { clock, injector, nextApplied };
}

/** Kalshi-style routes under /trade-api/v2 (Polymarket: at the root), plus an admin route. */
export async function restFixture(venue: Venue = 'kalshi', seed = 1) {
  const base = venue === 'kalshi' ? '/trade-api/v2' : '';
  const fx = makeInjector(seed);
  const calls: string[] = [];
  const server = await startServer((s) => {
    s.use(restFaultMiddleware({ injector: fx.injector, venue, clock: fx.clock, apiBase: base }));
    s.route('*', `${base}/portfolio/*`, (req) => {
      calls.push(`${req.method} ${req.path}`);
      return json(201, { order_id: `o${calls.length}` });
    });
    s.get(`${base}/markets`, (req) => {
      calls.push(`${req.method} ${req.path}`);
      return ok({ markets: [] });
    });
    s.get('/_sim/status', () => ok({ ok: true }));
  });
  const url = (path: string): string => server.httpUrl(`${base}${path}`);
  const post = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(url(path), { method: 'POST', body: '{}', ...init });
  return { ...fx, server, calls, url, post };
}

/** A `/feed` WebSocket endpoint whose connections get a FeedSession. */
export async function feedFixture(opts: { venue?: Venue; numbered?: boolean; seed?: number } = {}) {
  const venue = opts.venue ?? 'kalshi';
  const fx = makeInjector(opts.seed);
  const sessions: FeedSession[] = [];
  const waiting: ((s: FeedSession) => void)[] = [];
  const server = await startServer((s) =>
    s.ws('/feed', (socket) => {
      const session = new FeedSession({
        venue,
        socket,
        injector: fx.injector,
        clock: fx.clock,
        numbered: opts.numbered ?? true,
      });
      sessions.push(session);
      for (const w of waiting.splice(0)) w(session);
    }),
  );
  const connect = async (): Promise<{ client: TestWsClient; session: FeedSession }> => {
    const got = waitFor<FeedSession>('the server-side feed session', (deliver) => {
      waiting.push(deliver);
    });
    const client = await TestWsClient.connect(server.wsUrl('/feed'));
    return { client, session: await got };
  };
  return { ...fx, server, connect };
}

/** A book delta frame on subscription `sid` for `market`, tagged `n` so tests can tell frames apart. */
export const bookFrame = (n: number, opts: { sid?: number; market?: string; channel?: string } = {}) => ({
  channel: opts.channel ?? 'orderbook_delta',
  sid: opts.sid ?? 1,
  market: opts.market ?? 'A',
  book: true,
  build: (seq: number | undefined) => ({ type: 'orderbook_delta', sid: opts.sid ?? 1, seq, msg: { n } }),
});

/** A non-book frame (a fill) on its own subscription. */
export const fillFrame = (n: number, sid = 2) => ({
  channel: 'fill',
  sid,
  build: (seq: number | undefined) => ({ type: 'fill', sid, seq, msg: { n } }),
});

/** (n, seq) of each parsed message; malformed text shows up as 'malformed'. */
export function parsed(messages: readonly string[]): (readonly [number, number | undefined] | 'malformed')[] {
  return messages.map((m) => {
    try {
      const f = JSON.parse(m) as { seq?: number; msg: { n: number } };
      return [f.msg.n, f.seq] as const;
    } catch {
      return 'malformed';
    }
  });
}
