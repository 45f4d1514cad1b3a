/**
 * A recorded Kalshi book session replayed through the adapter's own synchroniser, exactly as the socket would
 * feed it: the capture format of `arb debug feed`, JSON lines of
 *   `{"receivedMs": n, "frame": <frame as received>}`   one per frame (a JSON value, or its text as a string)
 *   `{"sent": <command>}`                                one per command the recorded client sent
 * The recorded client's commands (not the sync's own) say what was subscribed, so replies bind as they did;
 * the commands the sync asks for while replaying (resyncs) are collected, never answered. Pure: no I/O.
 */
import type { Level } from '../../../core/market.ts';
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
  };
  /** Commands the sync asked for while replaying (a clean session asks for none). */
  readonly syncCommands: readonly string[];
  readonly trades: readonly KalshiTrade[];
  /** Lines that are not part of the format, each with its line number (they are skipped). */
  readonly issues: readonly string[];
}

type Line =
  | { readonly kind: 'frame'; readonly at: number; readonly text: string }
  | { readonly kind: 'sent'; readonly command: unknown };

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function readLines(input: string | readonly string[], issues: string[]): Line[] {
  const texts = typeof input === 'string' ? input.split('\n') : input;
  const lines: Line[] = [];
  texts.forEach((raw, i) => {
    const text = raw.trim();
    if (text === '') return;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      issues.push(`line ${i + 1}: not JSON`);
      return;
    }
    if (isObj(v) && 'sent' in v) {
      lines.push({ kind: 'sent', command: v.sent });
    } else if (
      isObj(v) &&
      'frame' in v &&
      typeof v.receivedMs === 'number' &&
      Number.isFinite(v.receivedMs)
    ) {
      // A frame that was not JSON when received is recorded as its text; any other is the value itself.
      lines.push({
        kind: 'frame',
        at: v.receivedMs,
        text: typeof v.frame === 'string' ? v.frame : JSON.stringify(v.frame),
      });
    } else {
      issues.push(`line ${i + 1}: neither {"receivedMs", "frame"} nor {"sent"}`);
    }
  });
  return lines;
}

/** The markets the recorded client subscribed book updates for, in order. */
function subscribedMarkets(lines: readonly Line[]): string[] {
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
  const issues: string[] = [];
  const lines = readLines(input, issues);
  const markets = opts.markets ?? subscribedMarkets(lines);
  const sync = new KalshiBookSync(markets, {
    trades: true,
    ...(opts.resyncAfterMs === undefined ? {} : { resyncAfterMs: opts.resyncAfterMs }),
  });
  sync.connected();
  const syncCommands: string[] = [];
  const trades: KalshiTrade[] = [];
  let now = lines.find((l) => l.kind === 'frame')?.at ?? 0;
  let frames = 0;
  let sent = 0;
  for (const l of lines) {
    if (l.kind === 'sent') {
      sent++;
      sync.sentCommand(l.command, now);
      continue;
    }
    frames++;
    now = Math.max(now, l.at);
    syncCommands.push(...sync.tick(now).commands);
    const out = sync.frame(l.text, now);
    syncCommands.push(...out.commands);
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
    stats: { ...sync.stats(), frames, sent, live, trades: trades.length },
    syncCommands,
    trades,
    issues,
  };
}
