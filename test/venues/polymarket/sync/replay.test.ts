/**
 * A captured session (fixtures/session-burst.jsonl, in `arb debug feed`'s format) through the adapter's own book
 * sync as the socket would hand it over, hash checking on: book snapshots, a new bid, trades, a same-timestamp
 * burst that is crossed until its last frame and whose frames all carry the end-of-batch hash, a tick size
 * change, a change on the finer grid, and a closing snapshot. The fixture's hashes were computed independently
 * of this code (Python's hashlib over the summary, as the reference describes the venue's); the books must stay
 * valid through the burst and, before the closing snapshot arrives, already equal it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCapture } from '../../../../src/venues/shared/capture.ts';
import {
  parseMarketFrame,
  type ReplayLine,
  replayPolymarketCapture,
} from '../../../../src/venues/polymarket/index.ts';

const capture = readCapture(
  readFileSync(
    resolve(import.meta.dirname, '../../../../src/venues/polymarket/fixtures/session-burst.jsonl'),
    'utf8',
  ),
);
const lines: readonly ReplayLine[] = capture.lines;

/** The closing snapshot's books, best first (the capture's last frame). */
function closing() {
  const last = [...capture.lines].reverse().find((l) => l.kind === 'frame')!;
  const events = parseMarketFrame(JSON.stringify(last.kind === 'frame' ? last.frame : null));
  return events.flatMap((e) =>
    e.type === 'book' ? [{ assetId: e.assetId, bids: e.bids, asks: e.asks }] : [],
  );
}

describe('replayPolymarketCapture on a captured burst', () => {
  it('the capture reads whole', () => {
    expect(capture.errors).toEqual([]);
    expect(lines.filter((l) => l.kind === 'frame')).toHaveLength(14);
  });

  it('books stay valid through the crossed burst and, before the closing snapshot, already equal it', () => {
    const lastFrame = lines.map((l) => l.kind).lastIndexOf('frame');
    const before = replayPolymarketCapture(lines.slice(0, lastFrame));
    expect(before.stats).toMatchObject({ gaps: 0, resyncs: 0, invalid: 0, hashFailed: 0, malformed: 0 });
    expect(before.problems).toEqual([]);
    expect(before.detail).toMatchObject({
      multiFrameBatches: 2,
      crossedInBatch: 2,
      bboChecked: 2,
      bboMismatch: 0,
    });
    const want = closing();
    expect(want).toHaveLength(2);
    for (const w of want) {
      const got = before.markets.find((m) => m.assetId === w.assetId)!;
      expect(got).toMatchObject({ valid: true, bids: w.bids, asks: w.asks });
    }
    // The whole capture: the closing snapshot checks out against the book the stream built.
    const all = replayPolymarketCapture(lines);
    expect(all.stats).toMatchObject({ gaps: 0, resyncs: 0, invalid: 0, hashFailed: 0, snapshots: 4 });
    expect(all.stats.hashChecked).toBeGreaterThanOrEqual(14);
    expect(all.markets.every((m) => m.valid)).toBe(true);
  });

  it('a frame lost from the burst is caught: the batch never reaches its hash', () => {
    const burstFrame = lines.findIndex(
      (l) => l.kind === 'frame' && JSON.stringify(l.frame).includes('"price":"0.53","size":"0"'),
    );
    expect(burstFrame).toBeGreaterThan(0);
    const lost = replayPolymarketCapture([...lines.slice(0, burstFrame), ...lines.slice(burstFrame + 1)]);
    expect(lost.stats.gaps).toBeGreaterThan(0);
    expect(lost.stats.hashFailed).toBeGreaterThan(0);
    expect(lost.problems.join('\n')).toMatch(/batch/);
  });

  it('without the end-of-batch rule (each frame judged on its own), the same capture would have lost the books', () => {
    // The burst's first frame alone is crossed, and its hash is the end state's: a receiver judging each frame
    // drops the book there. The replay with hashes off still ends equal (the frames' best prices end the batch).
    const off = replayPolymarketCapture(lines, { verifyHashes: false });
    expect(off.stats).toMatchObject({ gaps: 0, resyncs: 0, invalid: 0 });
    expect(off.detail.crossedInBatch).toBe(2);
  });
});
