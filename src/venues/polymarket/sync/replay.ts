/**
 * A captured market-channel session replayed through the adapter's own book sync, exactly as the socket would
 * have handed it over: each frame at its receive time, hash checking on (the live default). For `arb debug
 * feed` and the tests. Pure: no sockets, no timers, no clock (the shell's batch timer is played from the
 * frames' receive times).
 *
 * The capture is the lines of an `arb debug feed` file as read (src/app/debug/capture-file.ts `readCapture`):
 * frames received (`{receivedMs, frame}`, JSON or text) and commands sent (`{sent}`). The tokens followed are
 * the ones the session subscribed to (its `assets_ids` commands), else every token a `book` frame names; each
 * token's market is the one its frames name. The summary fields frames never carry (`min_order_size`,
 * `neg_risk`) come from `markets` when given, else the sync's defaults.
 */
import type { Level } from '../../../core/market.ts';
import { frameText, type CaptureLine } from '../../shared/capture.ts';
import type { BookMeta } from './book-hash.ts';
import { PolyBookSync } from './book-sync.ts';
import type { PolySyncDetail } from './sync-types.ts';

/** One line of a capture, as `readCapture` (src/venues/shared/capture.ts) gives it. */
export type ReplayLine = CaptureLine;

export interface ReplayOptions {
  /** Per token: its market's summary fields from metadata (and its market, if the frames may not say it). */
  readonly markets?: readonly {
    readonly assetId: string;
    readonly market?: string;
    readonly meta?: Partial<BookMeta>;
  }[];
  /** Default true, as live. */
  readonly verifyHashes?: boolean;
  /** The shell's batch timer (default 1 s, as `PolyBookStream`'s). */
  readonly batchTimeoutMs?: number;
}

export interface ReplayBook {
  readonly market: string;
  readonly assetId: string;
  readonly valid: boolean;
  /** Best first. */
  readonly bids: Level[];
  readonly asks: Level[];
}

export interface ReplayResult {
  readonly markets: ReplayBook[];
  readonly stats: {
    /** Books found inconsistent (hash, crossing, a batch that never ended), resync requests, `invalid` events. */
    readonly gaps: number;
    readonly resyncs: number;
    readonly invalid: number;
    readonly hashChecked: number;
    readonly hashFailed: number;
    readonly snapshots: number;
    readonly updates: number;
    readonly malformed: number;
  };
  readonly detail: Readonly<PolySyncDetail>;
  /** Why each book was dropped or a frame not used, in order. */
  readonly problems: string[];
}

const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Tokens subscribed to, and each token's market as the frames name it. */
function survey(lines: readonly ReplayLine[]): { subscribed: string[]; marketOf: Map<string, string> } {
  const subscribed = new Set<string>();
  const marketOf = new Map<string, string>();
  const note = (asset: unknown, market: unknown): void => {
    const a = str(asset);
    const m = str(market);
    if (a !== undefined && m !== undefined && !marketOf.has(a)) marketOf.set(a, m);
  };
  for (const l of lines) {
    if (l.kind === 'sent') {
      const ids = obj(l.command).assets_ids;
      if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') subscribed.add(id);
      continue;
    }
    for (const e of Array.isArray(l.frame) ? l.frame : [l.frame]) {
      const o = obj(e);
      note(o.asset_id, o.market);
      if (Array.isArray(o.price_changes)) for (const c of o.price_changes) note(obj(c).asset_id, o.market);
    }
  }
  return { subscribed: [...subscribed], marketOf };
}

export function replayPolymarketCapture(
  lines: readonly ReplayLine[],
  opts: ReplayOptions = {},
): ReplayResult {
  const { subscribed, marketOf } = survey(lines);
  const given = new Map((opts.markets ?? []).map((m) => [m.assetId, m]));
  const assets = subscribed.length > 0 ? subscribed : [...marketOf.keys()];
  const follow = assets.flatMap((assetId) => {
    const market = given.get(assetId)?.market ?? marketOf.get(assetId);
    if (market === undefined) return [];
    const meta = given.get(assetId)?.meta;
    return [{ market, assetId, ...(meta === undefined ? {} : { meta }) }];
  });
  const problems: string[] = [];
  let invalid = 0;
  const openBatches = new Map<string, { ts: string; since: number }>();
  let now = 0;
  const sync = new PolyBookSync(
    follow,
    {
      onEvent: (e) => void (e.type === 'invalid' && invalid++),
      resync: () => undefined,
      batchOpened: (assetId, ts) => {
        if (openBatches.get(assetId)?.ts !== ts) openBatches.set(assetId, { ts, since: now });
      },
      batchEnded: (assetId) => openBatches.delete(assetId),
      onProblem: (p) => problems.push(p),
    },
    { verifyHashes: opts.verifyHashes ?? true },
  );
  const timeout = opts.batchTimeoutMs ?? 1_000;
  for (const l of lines) {
    if (l.kind !== 'frame') continue;
    now = l.receivedMs;
    // The shell's timer would have closed a batch open this long before the frame came.
    for (const [assetId, b] of openBatches)
      if (now - b.since >= timeout) {
        openBatches.delete(assetId);
        sync.closeBatch(assetId, b.ts, b.since + timeout);
      }
    sync.frame(frameText(l.frame), now);
  }
  const markets = follow.flatMap((m) => {
    const b = sync.book(m.assetId);
    return b ? [{ market: b.market, assetId: m.assetId, valid: b.valid, bids: b.bids, asks: b.asks }] : [];
  });
  const { counts, detail } = sync;
  return {
    markets,
    stats: {
      gaps: counts.gaps,
      resyncs: counts.resyncs,
      invalid,
      hashChecked: detail.hashChecked,
      hashFailed: detail.hashFailed,
      snapshots: counts.snapshots,
      updates: counts.updates,
      malformed: counts.malformed,
    },
    detail: { ...detail },
    problems,
  };
}
