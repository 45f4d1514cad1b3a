/** The venue gate on its own: fail closed on heartbeat trouble, reopen only after beats and a re-check of orders. */
import { describe, expect, it } from 'vitest';
import { VenueGate } from '../../src/exec/index.ts';

const POLICY = { venueTimeoutMs: 10_000, safetyMarginMs: 3_000, maxConsecutiveFailures: 2, recoverBeats: 2 };

describe('VenueGate', () => {
  it('a venue without a dead-man switch is always open; a watched one is closed until its first beat', () => {
    const g = new VenueGate(POLICY);
    expect(g.check('kalshi', 0)).toEqual({ open: true });
    g.watch('polymarket');
    expect(g.check('polymarket', 0)).toEqual({ open: false, reason: 'no heartbeat acknowledged yet' });
    g.beat('polymarket', 100, false, 'HTTP 503');
    expect(g.check('polymarket', 100)).toMatchObject({
      open: false,
      reason: expect.stringContaining('HTTP 503'),
    });
    g.beat('polymarket', 200, true);
    expect(g.check('polymarket', 200)).toEqual({ open: true });
    // The first opening is news too (for the log), and needs no re-check of orders: none were placed before it.
    expect(g.drain()).toEqual([{ venue: 'polymarket', atMs: 200, open: true }]);
  });

  it('closes when the last acknowledgement is older than timeout − margin, before the venue can act', () => {
    const g = new VenueGate(POLICY);
    g.watch('polymarket');
    g.beat('polymarket', 0, true);
    g.drain();
    expect(g.check('polymarket', 7_000)).toEqual({ open: true });
    expect(g.check('polymarket', 7_001)).toEqual({
      open: false,
      reason:
        'last heartbeat acknowledged 7001 ms ago (limit 7000 ms; the venue cancels every open order after 10000 ms)',
    });
    expect(g.drain()).toEqual([
      {
        venue: 'polymarket',
        atMs: 7_001,
        open: false,
        reason: expect.stringContaining('acknowledged 7001 ms ago'),
      },
    ]);
  });

  it('closes at once on consecutive failures, however recent the last acknowledgement', () => {
    const g = new VenueGate(POLICY);
    g.watch('polymarket');
    g.beat('polymarket', 0, true);
    g.beat('polymarket', 1_000, false, 'HTTP 500');
    expect(g.check('polymarket', 1_000).open).toBe(true); // one failure: tolerated (the deadline still holds)
    g.beat('polymarket', 2_000, false, 'HTTP 500');
    expect(g.check('polymarket', 2_000)).toEqual({
      open: false,
      reason: '2 heartbeats failed in a row (last: HTTP 500)',
    });
  });

  it('reopens only after recoverBeats acknowledged beats in a row and the open orders re-checked', () => {
    const g = new VenueGate(POLICY);
    g.watch('polymarket');
    g.beat('polymarket', 0, true);
    g.check('polymarket', 8_000); // lapsed: closed
    g.drain();
    g.beat('polymarket', 9_000, true);
    expect(g.check('polymarket', 9_000)).toEqual({
      open: false,
      reason: 'recovering: 1/2 heartbeats acknowledged since the failure',
    });
    expect(g.needsReconcile('polymarket', 9_000)).toBe(false);
    g.beat('polymarket', 10_000, false, 'HTTP 500'); // a failure restarts the count
    g.beat('polymarket', 11_000, true);
    g.beat('polymarket', 12_000, true);
    expect(g.check('polymarket', 12_000)).toEqual({
      open: false,
      reason: 'recovering: open orders not yet re-checked with the venue',
    });
    expect(g.needsReconcile('polymarket', 12_000)).toBe(true);
    expect(g.drain()).toEqual([]); // closed all along: no transition
    g.reconciled('polymarket', 12_500);
    expect(g.check('polymarket', 12_500)).toEqual({ open: true });
    expect(g.drain()).toEqual([{ venue: 'polymarket', atMs: 12_500, open: true }]);
    expect(g.view(12_500)).toEqual([
      {
        venue: 'polymarket',
        open: true,
        lastAckMs: 12_000,
        beats: { acknowledged: 4, failed: 1 },
        closures: 1,
        closedMs: 4_500,
      },
    ]);
  });

  it('a lapse is recorded even when the next acknowledgement comes before anyone looked', () => {
    const g = new VenueGate(POLICY);
    g.watch('polymarket');
    g.beat('polymarket', 0, true);
    g.drain();
    g.beat('polymarket', 9_500, true); // 9.5 s of silence: the venue may have been about to cancel
    expect(g.check('polymarket', 9_500).open).toBe(false);
    expect(g.drain()).toEqual([
      { venue: 'polymarket', atMs: 9_500, open: false, reason: expect.stringContaining('9500 ms ago') },
    ]);
  });
});
