/**
 * `arb debug feed --venue kalshi|polymarket FILE [--json]`: recorded WebSocket traffic fed through the adapter's
 * own book sync exactly as the socket would have fed it (subscription replies and the client's commands
 * included), then each market's final book and the sync's counters. What a capture of the real venue says about
 * our protocol handling, without a venue or a socket.
 *
 * The file is JSON lines (src/venues/shared/capture.ts): `{"receivedMs": n, "frame": …}` per frame received,
 * `{"sent": …}` per command sent. A malformed line is named, skipped and counted; the exit code is 0 whenever the
 * file could be read (what the replay found is data), 2 when it could not (or the arguments are wrong).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Level } from '../../core/market.ts';
import { pxToDollars, qtyToDecimal } from '../../core/units.ts';
import { replayKalshiCapture } from '../../venues/kalshi/index.ts';
import { replayPolymarketCapture } from '../../venues/polymarket/index.ts';
import { readCapture } from '../../venues/shared/capture.ts';
import type { CommandContext } from '../commands/context.ts';
import { ExitCode } from '../exit-codes.ts';

export interface FeedOptions {
  venue?: string;
  json?: boolean;
}

/** What both venues' replays give back, in one shape. */
export interface FeedReport {
  readonly venue: 'kalshi' | 'polymarket';
  readonly file: string;
  readonly markets: Record<
    string,
    {
      /** Polymarket: the condition id of the token's market (books are per token). */
      readonly market?: string;
      readonly live: boolean;
      readonly bestBid: Level | null;
      readonly bestAsk: Level | null;
      readonly bids: readonly Level[];
      readonly asks: readonly Level[];
    }
  >;
  readonly stats: {
    readonly gaps: number;
    readonly resyncs: number;
    readonly invalid: number;
    readonly hashChecked: number;
    readonly hashFailed: number;
    readonly frames: number;
    readonly commandsSent: number;
    readonly malformedLines: number;
    readonly live: number;
  };
  /** Each malformed line, named by its number. */
  readonly issues: readonly string[];
}

const VENUES = ['kalshi', 'polymarket'] as const;

export function runFeed(ctx: CommandContext, file: string, raw: FeedOptions): void {
  const { io } = ctx;
  const venue = VENUES.find((v) => v === raw.venue);
  if (!venue) {
    io.stderr(`arb debug feed: --venue must be kalshi or polymarket (got ${raw.venue ?? 'nothing'})\n`);
    return ctx.exit(ExitCode.UsageOrConfig);
  }
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : String(e);
    io.stderr(`arb debug feed: cannot read ${file}: ${why}\n`);
    return ctx.exit(ExitCode.UsageOrConfig);
  }
  const report = replay(venue, file, text);
  io.stdout(raw.json ? `${JSON.stringify(report)}\n` : feedText(report));
  ctx.exit(ExitCode.Ok);
}

/** One capture replayed through `venue`'s book sync. */
export function replay(venue: 'kalshi' | 'polymarket', file: string, text: string): FeedReport {
  return venue === 'kalshi' ? replayKalshi(file, text) : replayPolymarket(file, text);
}

const book = (live: boolean, bids: readonly Level[], asks: readonly Level[]) => ({
  live,
  bestBid: bids[0] ?? null,
  bestAsk: asks[0] ?? null,
  bids,
  asks,
});

/** Kalshi: books by market ticker; gaps are sequence gaps of a subscription. */
function replayKalshi(file: string, text: string): FeedReport {
  const r = replayKalshiCapture(text);
  const markets: FeedReport['markets'] = {};
  for (const [key, m] of r.markets) markets[key] = book(m.live, m.yesBids, m.yesAsks);
  const s = r.stats;
  return {
    venue: 'kalshi',
    file,
    markets,
    stats: {
      gaps: s.gaps,
      resyncs: s.resyncs,
      invalid: s.invalid,
      hashChecked: 0,
      hashFailed: 0,
      frames: s.frames,
      commandsSent: s.sent,
      malformedLines: r.issues.length,
      live: s.live,
    },
    issues: r.issues,
  };
}

/** Polymarket: books by token (asset id), hash checking on as live; a gap is a book found inconsistent. */
function replayPolymarket(file: string, text: string): FeedReport {
  const read = readCapture(text);
  const r = replayPolymarketCapture(read.lines);
  const markets: FeedReport['markets'] = {};
  for (const m of r.markets) markets[m.assetId] = { ...book(m.valid, m.bids, m.asks), market: m.market };
  const s = r.stats;
  const issues = read.errors.map((e) => `line ${e.line}: ${e.message}`);
  return {
    venue: 'polymarket',
    file,
    markets,
    stats: {
      gaps: s.gaps,
      resyncs: s.resyncs,
      invalid: s.invalid,
      hashChecked: s.hashChecked,
      hashFailed: s.hashFailed,
      frames: read.lines.filter((l) => l.kind === 'frame').length,
      commandsSent: read.lines.filter((l) => l.kind === 'sent').length,
      malformedLines: issues.length,
      live: r.markets.filter((m) => m.valid).length,
    },
    issues,
  };
}

const level = (l: Level | null): string =>
  l === null ? '—' : `${pxToDollars(l.px)} × ${qtyToDecimal(l.qty)}`;
const ladder = (ls: readonly Level[]): string =>
  ls.length === 0 ? '(empty)' : ls.map((l) => `${pxToDollars(l.px)}×${qtyToDecimal(l.qty)}`).join(' ');

export function feedText(r: FeedReport): string {
  const s = r.stats;
  const keys = Object.keys(r.markets);
  const lines = [
    `${r.venue} capture ${r.file}: ${s.frames} frames, ${s.commandsSent} commands sent, ${s.malformedLines} malformed lines skipped`,
    `books: ${s.live} of ${keys.length} live; gaps ${s.gaps}, resyncs ${s.resyncs}, invalid ${s.invalid}, hash checked ${s.hashChecked}, hash failed ${s.hashFailed}`,
    ...r.issues.map((i) => `  skipped ${i}`),
  ];
  for (const k of keys) {
    const m = r.markets[k]!;
    lines.push(
      `  ${k}  ${m.live ? 'live' : 'NOT LIVE'}  best bid ${level(m.bestBid)}  best ask ${level(m.bestAsk)}`,
      `    bids ${ladder(m.bids)}`,
      `    asks ${ladder(m.asks)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
