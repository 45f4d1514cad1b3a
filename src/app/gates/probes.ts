/**
 * What the gates look at, one probe per gate: public venue endpoints (reachability and server time), one
 * authenticated read, a book stream's first snapshot, a REST book against the stream's, the order store, the
 * kill switch files, the mapping's verdicts. Each has a deadline; none sends an order.
 */
import { existsSync } from 'node:fs';
import type { Level, Venue } from '../../core/market.ts';
import type { Micros } from '../../core/units.ts';
import { OrderStore } from '../../exec/index.ts';
import { judgeMapping, verdictCounts, type MappingFile } from '../../mapping/index.ts';
import type { ConnectionInfo } from '../../sim/connection.ts';
import type { BookEvent, BookStream, VenueAdapter, VenueResult } from '../../venues/venue.ts';
import type { ClockSample, SmokeProbe, StreamProbe } from './gate-chain.ts';

/** `promise`, or a rejection naming `what` once `ms` have passed. */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const message = (e: unknown): string => {
  if (!(e instanceof Error)) return String(e);
  // fetch wraps the socket error (ECONNREFUSED…) in its cause: that is the useful part.
  const cause = (e as { cause?: unknown }).cause;
  return cause instanceof Error ? `${e.message} (${cause.message})` : e.message;
};

export type ReachProbe = { ok: true; clock?: ClockSample } | { ok: false; error: string };

/**
 * One public, unauthenticated request per venue, which also reads the server's time: Polymarket's `/time` (unix
 * seconds), Kalshi's `/exchange/status` (its HTTP `Date` header; Kalshi exposes no time field).
 */
export async function probeReachable(
  info: ConnectionInfo,
  timeoutMs: number,
  now: () => number,
): Promise<Record<Venue, ReachProbe>> {
  const one = async (url: string, serverMs: (res: Response, body: string) => number | undefined) => {
    const localBeforeMs = now();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      const body = await res.text();
      const localAfterMs = now();
      if (!res.ok) return { ok: false as const, error: `GET ${url}: HTTP ${res.status}` };
      const ms = serverMs(res, body);
      return {
        ok: true as const,
        ...(ms === undefined
          ? {}
          : { clock: { serverMs: ms, resolutionMs: 1000, localBeforeMs, localAfterMs } }),
      };
    } catch (e) {
      return { ok: false as const, error: `GET ${url}: ${message(e)}` };
    }
  };
  const [kalshi, polymarket] = await Promise.all([
    one(`${info.kalshi.restUrl}/exchange/status`, (res) => {
      const date = res.headers.get('date');
      const ms = date === null ? NaN : Date.parse(date);
      return Number.isFinite(ms) ? ms : undefined;
    }),
    one(`${info.polymarket.clobUrl}/time`, (_res, body) => {
      const s = Number(body.trim());
      return Number.isFinite(s) && s > 0 ? s * 1000 : undefined;
    }),
  ]);
  return { kalshi, polymarket };
}

export async function probeBalance(adapter: VenueAdapter, timeoutMs: number): Promise<VenueResult<Micros>> {
  try {
    return await withDeadline(adapter.balance(), timeoutMs, `${adapter.venue} balance`);
  } catch (e) {
    return { ok: false, error: { kind: 'unknown', code: 'GATES.TIMEOUT', message: message(e) } };
  }
}

/** A market to preflight on: the first one a tradable relation names on this venue, else the first discovered. */
export async function pickMarket(
  adapter: VenueAdapter,
  mapping: MappingFile | undefined,
  trading: ReadonlySet<number>,
  timeoutMs: number,
): Promise<{ ok: true; market: string } | { ok: false; error: string }> {
  for (const [i, r] of (mapping?.relations ?? []).entries()) {
    if (!trading.has(i)) continue;
    const refs = r.kind === 'exclusive' ? r.markets : [r.a, r.b];
    const m = refs.find((ref) => ref.venue === adapter.venue);
    if (m) return { ok: true, market: m.market };
  }
  try {
    const d = await withDeadline(adapter.discover(), timeoutMs, `${adapter.venue} discovery`);
    if (!d.ok) return { ok: false, error: `discovery failed: ${d.error.code}: ${d.error.message}` };
    const open = d.value.markets.find((m) => m.status === 'open');
    return open ? { ok: true, market: open.key } : { ok: false, error: 'no open market discovered' };
  } catch (e) {
    return { ok: false, error: message(e) };
  }
}

type Book = { yesBids: Level[]; yesAsks: Level[] };

/** A book stream on one market kept open for the smoke test, with the book its events build. */
export interface LiveBook {
  readonly probe: StreamProbe;
  current(): Book | undefined;
  /** Resolves at the next event (or after `ms`). */
  nextChange(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function probeStream(
  adapter: VenueAdapter,
  market: string,
  timeoutMs: number,
): Promise<LiveBook> {
  let book: Book | undefined;
  let waiters: (() => void)[] = [];
  let firstSnapshot: (() => void) | undefined;
  const gotSnapshot = new Promise<void>((resolve) => (firstSnapshot = resolve));
  const onEvent = (e: BookEvent): void => {
    if (e.market !== market) return;
    if (e.type === 'snapshot') {
      book = { yesBids: [...e.yesBids], yesAsks: [...e.yesAsks] };
      firstSnapshot?.();
    } else if (e.type === 'invalid') book = undefined;
    else if (book) applyLevel(book, e.side, e.px, e.qty);
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  let stream: BookStream | undefined;
  let probe: StreamProbe;
  try {
    stream = adapter.streamBooks([market], onEvent);
    await withDeadline(
      Promise.all([stream.ready, gotSnapshot]),
      timeoutMs,
      `${adapter.venue} stream subscribe and first snapshot`,
    );
    probe = { market, snapshot: book! };
  } catch (e) {
    probe = { market, error: message(e) };
  }
  return {
    probe,
    current: () => book,
    nextChange: (ms) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      }),
    close: async () => {
      await stream?.close();
    },
  };
}

function applyLevel(book: Book, side: 'bid' | 'ask', px: number, qty: number): void {
  const levels = side === 'bid' ? book.yesBids : book.yesAsks;
  const i = levels.findIndex((l) => l.px === px);
  if (i >= 0) levels.splice(i, 1);
  if (qty > 0) levels.push({ px, qty } as Level);
  levels.sort((a, b) => (side === 'bid' ? b.px - a.px : a.px - b.px));
}

/** REST book against the stream's, up to `attempts` times (a change between the two reads is not a fault). */
export async function probeSmoke(
  adapter: VenueAdapter,
  live: LiveBook,
  attempts: number,
  timeoutMs: number,
  topOfBookAgrees: (a: Book, b: Book) => boolean,
): Promise<SmokeProbe> {
  const market = live.probe.market;
  let last: SmokeProbe['last'];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let rest;
    try {
      rest = await withDeadline(adapter.fetchBook(market), timeoutMs, `${adapter.venue} REST book`);
    } catch (e) {
      return { market, attempts: attempt, agreed: false, error: message(e) };
    }
    if (!rest.ok)
      return {
        market,
        attempts: attempt,
        agreed: false,
        error: `REST book: ${rest.error.code}: ${rest.error.message}`,
      };
    const stream = live.current();
    if (stream) {
      last = { rest: rest.value, stream };
      if (topOfBookAgrees(rest.value, stream)) return { market, attempts: attempt, agreed: true, last };
    }
    if (attempt < attempts) await live.nextChange(500);
  }
  return { market, attempts, agreed: false, ...(last ? { last } : {}) };
}

export function probeStore(
  path: string,
):
  | { exists: false }
  | { exists: true; safeModeReasons: { code: string; detail: string }[]; unresolvedIntents: number } {
  if (!existsSync(path)) return { exists: false };
  const store = OrderStore.openReadOnly(path);
  try {
    return {
      exists: true,
      safeModeReasons: store.safeModeReasons(),
      unresolvedIntents: store.intents({ unresolved: true }).length,
    };
  } finally {
    store.close();
  }
}

/** Relations the trading path uses (indices), and the counts for the gate's reason. */
export function mappingVerdicts(
  mapping: MappingFile,
  minConfidence: number,
): { trading: Set<number>; trades: number; review: number; refused: number } {
  const verdicts = judgeMapping(mapping, { minConfidence });
  const c = verdictCounts(verdicts);
  const trading = new Set(verdicts.filter((v) => v.trades).map((v) => v.index));
  return { trading, trades: trading.size, review: c.review - c.approved, refused: c.refused };
}
