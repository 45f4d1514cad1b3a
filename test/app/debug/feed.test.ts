/**
 * `arb debug feed` through the real CLI: a capture replayed through the adapter's own book sync. The Kalshi
 * capture is the 12-market session written for issue 21 (subscribed one market at a time, each merging into sid
 * 1 with a numbered `ok`): it must end with 12 live books, no gap and no resync.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.ts';

const KALSHI = join(process.cwd(), 'src/venues/kalshi/fixtures/session-12-markets.jsonl');
const POLY = join(process.cwd(), 'src/venues/polymarket/fixtures/session-burst.jsonl');

interface Out {
  markets: Record<
    string,
    { live: boolean; bids: { px: number; qty: number }[]; asks: { px: number; qty: number }[] }
  >;
  stats: Record<string, number>;
}

describe('arb debug feed --venue kalshi', () => {
  it('replays the 12-market session: 12 live books, 0 gaps, 0 resyncs, every level printed (--json)', async () => {
    const r = await runCli(['debug', 'feed', '--venue', 'kalshi', KALSHI, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      markets: Record<string, { live: boolean; bestBid: { px: number } | null; bids: unknown[] }>;
      stats: Record<string, number>;
      issues: string[];
    };
    expect(Object.keys(out.markets)).toHaveLength(12);
    expect(Object.values(out.markets).every((m) => m.live)).toBe(true);
    expect(out.stats).toMatchObject({ gaps: 0, resyncs: 0, invalid: 0, live: 12, malformedLines: 0 });
    expect(out.stats.frames).toBeGreaterThan(12);
    for (const m of Object.values(out.markets)) if (m.bids.length > 0) expect(m.bestBid).toEqual(m.bids[0]);
  });

  it('names a malformed line, skips and counts it, and replays the rest (exit 0); prints text', async () => {
    const lines = readFileSync(KALSHI, 'utf8').split('\n');
    lines.splice(5, 0, '{"receivedMs": "later", "frame": {}}', 'not json at all');
    const dir = tempDir();
    writeFileSync(join(dir, 'capture.jsonl'), lines.join('\n'));
    const r = await runCli(['debug', 'feed', '--venue', 'kalshi', 'capture.jsonl'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 malformed lines skipped/);
    expect(r.stdout).toMatch(/skipped line 6: expected/);
    expect(r.stdout).toMatch(/skipped line 7: not JSON/);
    expect(r.stdout).toMatch(/books: 12 of 12 live; gaps 0, resyncs 0/);
  });

  it('a frame lost from the capture is a gap: the sync says so and resyncs', async () => {
    const lines = readFileSync(KALSHI, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    // Drop a delta well after the subscriptions settled, with more book messages of its sid after it.
    const deltas = lines.flatMap((l, k) => (l.includes('"type":"orderbook_delta"') ? [k] : []));
    lines.splice(deltas[Math.floor(deltas.length / 2)]!, 1);
    const dir = tempDir({ 'lost.jsonl': lines.join('\n') });
    const r = await runCli(['debug', 'feed', '--venue', 'kalshi', 'lost.jsonl', '--json'], { cwd: dir });
    const out = JSON.parse(r.stdout) as { stats: Record<string, number> };
    expect(out.stats.gaps).toBe(1);
    expect(out.stats.resyncs).toBeGreaterThan(0);
  });

  it('refuses an unknown venue or a missing file with exit 2', async () => {
    expect((await runCli(['debug', 'feed', '--venue', 'binance', KALSHI])).code).toBe(2);
    const missing = await runCli(['debug', 'feed', '--venue', 'kalshi', 'nope.jsonl']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read nope.jsonl: file not found/);
  });
});

describe('arb debug feed --venue polymarket', () => {
  it('hash checking on, the crossed same-timestamp burst keeps the books valid, and they end equal to the closing snapshot', async () => {
    const r = await runCli(['debug', 'feed', '--venue', 'polymarket', POLY, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Out;
    expect(out.stats).toMatchObject({ gaps: 0, resyncs: 0, invalid: 0, hashFailed: 0, malformedLines: 0 });
    expect(out.stats.hashChecked).toBeGreaterThan(0);
    // The venue's closing snapshot: the last `book` frame of each token in the capture.
    type Side = { price: string; size: string }[];
    const closing = new Map<string, { bids: Side; asks: Side }>();
    for (const line of readFileSync(POLY, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const { frame } = JSON.parse(line) as { frame?: unknown };
      for (const e of Array.isArray(frame) ? frame : [frame]) {
        const b = e as { asset_id?: string; bids?: Side; asks?: Side };
        if (b?.asset_id && Array.isArray(b.bids) && Array.isArray(b.asks))
          closing.set(b.asset_id, { bids: b.bids, asks: b.asks });
      }
    }
    expect(closing.size).toBe(Object.keys(out.markets).length);
    const units = (ls: { price: string; size: string }[], best: 'high' | 'low') =>
      ls
        .map((l) => ({ px: Math.round(Number(l.price) * 10_000), qty: Math.round(Number(l.size) * 100) }))
        .sort((a, b) => (best === 'high' ? b.px - a.px : a.px - b.px));
    for (const [asset, snap] of closing) {
      const m = out.markets[asset]!;
      expect(m.live).toBe(true);
      expect({ bids: m.bids, asks: m.asks }).toEqual({
        bids: units(snap.bids, 'high'),
        asks: units(snap.asks, 'low'),
      });
    }
    // Not just the snapshot replacing the book: without it, the books the stream built already equal it.
    const lines = readFileSync(POLY, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const dir = tempDir({ 'no-close.jsonl': lines.slice(0, -1).join('\n') });
    const before = JSON.parse(
      (await runCli(['debug', 'feed', '--venue', 'polymarket', 'no-close.jsonl', '--json'], { cwd: dir }))
        .stdout,
    ) as Out;
    for (const [asset, snap] of closing)
      expect({ bids: before.markets[asset]!.bids, asks: before.markets[asset]!.asks }).toEqual({
        bids: units(snap.bids, 'high'),
        asks: units(snap.asks, 'low'),
      });
  });
});
