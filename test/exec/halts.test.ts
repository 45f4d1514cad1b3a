import { describe, expect, it } from 'vitest';
import { type HaltChange, Halts } from '../../src/exec/halts.ts';

describe('Halts: why new packages may not open', () => {
  it('is running with none, paused with only pauses, halted with any halt; venue scope applies to that venue only', () => {
    const changes: HaltChange[] = [];
    const h = new Halts((c) => changes.push(c));
    expect(h.state).toBe('running');
    expect(h.blockedFor(['kalshi', 'polymarket'])).toBeUndefined();

    h.set('data_health', 'kalshi', 'pause', 'kalshi books stale for 12 s', 1_000);
    expect(h.state).toBe('paused');
    expect(h.blockedFor(['polymarket'])).toBeUndefined();
    expect(h.blockedFor(['kalshi', 'polymarket'])?.source).toBe('data_health');

    h.set('kill', undefined, 'halt', 'operator: "maintenance"', 2_000);
    expect(h.state).toBe('halted');
    expect(h.blockedFor(['polymarket'])?.source).toBe('kill');
    expect(h.reasons()).toEqual([
      'data_health (kalshi): kalshi books stale for 12 s',
      'kill: operator: "maintenance"',
    ]);

    h.lift('kill', undefined);
    expect(h.state).toBe('paused');
    h.liftAll('data_health');
    expect(h.state).toBe('running');
    expect(changes.map((c) => `${c.kind} ${c.halt.source}`)).toEqual([
      'set data_health',
      'set kill',
      'lifted kill',
      'lifted data_health',
    ]);
  });

  it('setting the same halt again changes nothing and keeps when it began; lifting one not set is a no-op', () => {
    const changes: HaltChange[] = [];
    const h = new Halts((c) => changes.push(c));
    h.set('loss_cap', undefined, 'halt', 'daily loss $50.00 of $50.00', 10);
    h.set('loss_cap', undefined, 'halt', 'daily loss $50.00 of $50.00', 20);
    expect(changes).toHaveLength(1);
    h.set('loss_cap', undefined, 'halt', 'daily loss $51.00 of $50.00', 30);
    expect(changes).toHaveLength(2);
    expect(h.view()[0]!.sinceMs).toBe(10);
    h.lift('kill', 'kalshi');
    expect(changes).toHaveLength(2);
    expect(h.has('loss_cap')).toBe(true);
    expect(h.has('loss_cap', 'kalshi')).toBe(false);
  });
});
