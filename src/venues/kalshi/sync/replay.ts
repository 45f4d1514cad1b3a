/**
 * A recorded Kalshi book session replayed through the adapter's own synchroniser, exactly as the socket would
 * feed it: the capture format of `arb debug feed`, JSON lines of
 *   `{"receivedMs": n, "frame": <frame as received>}`   one per frame (a JSON value, or its text as a string)
 *   `{"sent": <command>}`                                one per command the recorded client sent
 * The recorded client's commands (not the sync's own) say what was subscribed, so replies bind as they did;
 * the commands the sync asks for while replaying (resyncs) are collected, never answered. Pure: no I/O.
 */
import type { Level } from '../../../core/market.ts';
import { frameText, readCapture, type CaptureLine } from '../../shared/capture.ts';
import type { BookStreamStats } from '../../venue.ts';
import type { KalshiTrade } from '../ws/trade-frames.ts';
import { KalshiBookSync } from './book-sync.ts';
import { readSentCommand } from './commands-sent.ts';

export interface ReplayOptions {
  /** The markets to keep books of; default: every market a recorded `orderbook_delta` subscribe named. */
  readonly markets?: readonly string[];
  /** The watchdog's patience (the sync's `resyncAfterMs`, default 2 s), checked at each frame's time. */
  readonly resyncAfterMs?: number;
}

export interface ReplayedMarket {
  readonly live: boolean;
  /** Best first; empty when the book is not live. */
  readonly yesBids: Level[];
  readonly yesAsks: Level[];
}

export interface ReplayResult {
  readonly markets: ReadonlyMap<string, ReplayedMarket>;
  readonly stats: BookStreamStats & {
    readonly frames: number;
    /** Commands the recorded client sent. */
    readonly sent: number;
    /** Books live at the end. */
    readonly live: number;
    readonly trades: number;
    /** `invalid` events: a live book the sync stopped trusting (a gap, a bad frame…). */
    readonly invalid: number;
  };
  /** Commands the sync asked for while replaying (a clean session asks for none). */
  readonly syncCommands: readonly string[];
  readonly trades: readonly KalshiTrade[];
  /** Lines that are not part of the format, each with its line number (they are skipped). */
  readonly issues: readonly string[];
}

/** The markets the recorded client subscribed book updates for, in order. */
function subscribedMarkets(lines: readonly CaptureLine[]): string[] {
  const out = new Set<string>();
  for (const l of lines) {
    if (l.kind !== 'sent') continue;
    const r = readSentCommand(l.command);
    if ('ignored' in r || r.sent.kind === 'snapshot') continue;
    if (r.sent.kind === 'subscribe' && !r.sent.channels.has('orderbook_delta')) continue;
    for (const m of r.sent.markets) out.add(m);
  }
  return [...out];
}

export function replayKalshiCapture(
  input: string | readonly string[],
  opts: ReplayOptions = {},
): ReplayResult {
  const read = readCapture(typeof input === 'string' ? input : input.join('\n'));
  const lines = read.lines;
  const issues = read.errors.map((e) => `line ${e.line}: ${e.message}`);
  const markets = opts.markets ?? subscribedMarkets(lines);
  const sync = new KalshiBookSync(markets, {
    trades: true,
    ...(opts.resyncAfterMs === undefined ? {} : { resyncAfterMs: opts.resyncAfterMs }),
  });
  sync.connected();
  const syncCommands: string[] = [];
  const trades: KalshiTrade[] = [];
  const first = lines.find((l) => l.kind === 'frame');
  let now = first?.kind === 'frame' ? first.receivedMs : 0;
  let frames = 0;
  let sent = 0;
  let invalid = 0;
  for (const l of lines) {
    if (l.kind === 'sent') {
      sent++;
      sync.sentCommand(l.command, now);
      continue;
    }
    frames++;
    now = Math.max(now, l.receivedMs);
    const tick = sync.tick(now);
    syncCommands.push(...tick.commands);
    const out = sync.frame(frameText(l.frame), now);
    syncCommands.push(...out.commands);
    for (const e of [...tick.events, ...out.events]) if (e.type === 'invalid') invalid++;
    trades.push(...out.trades);
  }
  const result = new Map<string, ReplayedMarket>();
  for (const m of markets) {
    const book = sync.book(m);
    result.set(m, { live: book !== undefined, yesBids: book?.yesBids ?? [], yesAsks: book?.yesAsks ?? [] });
  }
  const live = [...result.values()].filter((m) => m.live).length;
  return {
    markets: result,
    stats: { ...sync.stats(), frames, sent, live, trades: trades.length, invalid },
    syncCommands,
    trades,
    issues,
  };
}
