/**
 * A Kalshi session of 12 markets subscribed one at a time (`fixtures/session-12-markets.jsonl`, written from the
 * documented and observed protocol: `subscribed` sid 1, snapshot seq 1, then per market an `ok` with the next
 * seq and its snapshot, then deltas and public trades) replayed through the adapter's own book sync, the
 * recorded commands included, exactly as the socket would feed it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pxToDollars, qtyToFp } from '../../../../src/core/units.ts';
import type { Level } from '../../../../src/core/market.ts';
import { replayKalshiCapture } from '../../../../src/venues/kalshi/index.ts';

const CAPTURE = readFileSync(
  new URL('../../../../src/venues/kalshi/fixtures/session-12-markets.jsonl', import.meta.url),
  'utf8',
);

/** The final YES books, best first: `bids | asks`, each level `price x count`. */
const FINAL: [string, string][] = [
  ['KXFED-26JUN-T3.75', '0.9200x300.00 0.9100x1520.00 | 0.9400x180.00 0.9500x2200.00'],
  ['KXFED-26JUN-T4.00', '0.6300x5.00 0.6200x40.00 0.6100x75.00 | 0.6400x8.00 0.6500x25.50 0.6600x60.00'],
  ['KXFED-26JUN-T4.25', '0.2200x300.00 0.2100x50.00 | 0.2400x12.00 0.2500x35.00 0.2600x90.00'],
  ['KXFED-26JUN-T4.50', '0.0400x1000.00 0.0300x5000.00 | 0.0500x640.00'],
  ['KXHIGHNY-26MAR14-B52.5', '0.1800x47.50 | 0.2000x16.00 0.2200x52.00'],
  ['KXHIGHNY-26MAR14-B54.5', '0.4100x10.00 0.3900x20.00 | 0.4400x33.00'],
  ['KXHIGHNY-26MAR14-T55', '0.1100x150.00 | 0.1300x25.00'],
  ['KXBTCD-26MAR1417-T84999.99', '0.4520x210.00 | 0.4590x60.00 0.4610x180.00'],
  ['KXBTCD-26MAR1417-T85999.99', '0.1280x10.00 0.1260x75.00 0.1240x400.00 | 0.1300x100.00'],
  ['KXNBAGAME-26MAR14BOSNYK-BOS', '0.5600x990.00 0.5500x1800.00 | 0.5800x350.00 0.5900x1400.00'],
  ['KXNBAGAME-26MAR14BOSNYK-NYK', '0.4200x215.00 0.4100x700.00 | 0.4300x310.00 0.4400x1300.00'],
  ['KXCPIYOY-26MAR-T2.8', '0.4700x66.00 | 0.4800x6.00 0.5000x41.00'],
];

const show = (levels: readonly Level[]) =>
  levels.map((l) => `${pxToDollars(l.px)}x${qtyToFp(l.qty)}`).join(' ');

describe('replayKalshiCapture: a recorded 12-market session', () => {
  it('ends with 12 live books, no gap, no resync, no command of its own, and the books the session built', () => {
    const r = replayKalshiCapture(CAPTURE);
    expect(r.issues).toEqual([]);
    expect(r.stats).toEqual({
      frames: 58,
      sent: 13,
      live: 12,
      trades: 6,
      snapshots: 12,
      updates: 27,
      gaps: 0,
      malformed: 0,
      resyncs: 0,
      reconnects: 0,
      invalid: 0,
    });
    expect(r.syncCommands).toEqual([]);
    expect([...r.markets].map(([m, b]) => [m, `${show(b.yesBids)} | ${show(b.yesAsks)}`])).toEqual(FINAL);
    expect(r.trades[0]).toEqual({
      tradeId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      market: 'KXFED-26JUN-T4.00',
      yesPx: 6_300,
      qty: 1_200,
      takerSide: 'no',
      venueTimeMs: expect.any(Number),
      receiveTimeMs: expect.any(Number),
    });
  });

  it('a frame lost from the capture shows as one gap: every book of the sid invalid and asked for again', () => {
    const lines = CAPTURE.split('\n');
    const lost = lines.findIndex((l) => l.includes('"seq":40,'));
    expect(lost).toBeGreaterThan(0);
    const r = replayKalshiCapture([...lines.slice(0, lost), ...lines.slice(lost + 1)]);
    expect(r.stats).toMatchObject({ gaps: 1, resyncs: 1, live: 0, invalid: 12 });
    const asked = r.syncCommands.map(
      (c) => JSON.parse(c) as { params: { action: string; market_tickers: string[] } },
    );
    expect(asked.map((c) => c.params.action)).toEqual(['get_snapshot']);
    expect(asked[0]!.params.market_tickers).toHaveLength(12);
  });

  it('names the lines that are not part of the format and replays the rest', () => {
    const r = replayKalshiCapture([
      '{"sent":{"id":1,"cmd":"subscribe","params":{"channels":["orderbook_delta"],"market_ticker":"A"}}}',
      'nonsense',
      '{"receivedMs":"soon","frame":{}}',
      '',
    ]);
    expect(r.issues).toHaveLength(2);
    expect(r.issues[0]).toMatch(/^line 2: not JSON/);
    expect(r.issues[1]).toMatch(
      /^line 3: expected \{"receivedMs": <ms>, "frame": …\} or \{"sent": …\} \(receivedMs: /,
    );
    expect([...r.markets.keys()]).toEqual(['A']);
  });
});
