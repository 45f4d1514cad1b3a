import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/core/clock.ts';
import { Rng } from '../../src/core/rng.ts';

describe('SimClock', () => {
  it('fires timers only when advanced, at their own due times, in due-then-creation order', () => {
    const c = new SimClock(1_000);
    const log: string[] = [];
    c.setTimeout(() => log.push(`b@${c.now()}`), 20);
    c.setTimeout(() => log.push(`a@${c.now()}`), 10);
    c.setTimeout(() => log.push(`a2@${c.now()}`), 10);
    expect(log).toEqual([]);
    c.advance(15);
    expect(log).toEqual(['a@1010', 'a2@1010']);
    expect(c.now()).toBe(1_015);
    c.advance(100);
    expect(log).toEqual(['a@1010', 'a2@1010', 'b@1020']);
    expect(c.now()).toBe(1_115);
    expect(c.pending).toBe(0);
  });

  it('runs intervals and timers scheduled from inside callbacks, and honours clearTimer', () => {
    const c = new SimClock(0);
    const ticks: number[] = [];
    const h = c.setInterval(() => {
      ticks.push(c.now());
      if (ticks.length === 3) c.setTimeout(() => ticks.push(-c.now()), 5);
    }, 10);
    c.advance(35);
    expect(ticks).toEqual([10, 20, 30, -35]);
    c.clearTimer(h);
    c.advance(100);
    expect(ticks).toEqual([10, 20, 30, -35]);
    const t = c.setTimeout(() => ticks.push(999), 1);
    c.clearTimer(t);
    c.advance(10);
    expect(ticks).not.toContain(999);
    expect(c.nextDueAt()).toBeUndefined();
  });

  it('refuses to go backwards', () => {
    const c = new SimClock(100);
    expect(() => c.advance(-1)).toThrow(RangeError);
    expect(() => c.advanceTo(50)).toThrow(RangeError);
  });

  it('simulates an hour of 1 ms timers quickly and deterministically', () => {
    const run = () => {
      const c = new SimClock(0);
      let n = 0;
      c.setInterval(() => n++, 1);
      c.advance(3_600_000);
      return n;
    };
    expect(run()).toBe(3_600_000);
  });
});

describe('Rng (seed 42)', () => {
  it('is reproducible from its seed and differs across seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 100 }, () => a.nextU32());
    expect(Array.from({ length: 100 }, () => b.nextU32())).toEqual(xs);
    const c = new Rng(43);
    expect(Array.from({ length: 100 }, () => c.nextU32())).not.toEqual(xs);
  });

  it('forks independent named streams that do not depend on the parent having been used', () => {
    const a = new Rng(42);
    const f1 = a.fork('prices');
    a.float();
    a.float();
    const f2 = new Rng(42).fork('prices');
    expect(f1.nextU32()).toBe(f2.nextU32());
    expect(new Rng(42).fork('faults').nextU32()).not.toBe(new Rng(42).fork('prices').nextU32());
  });

  it('produces values in range with plausible moments', () => {
    const r = new Rng(7);
    let sum = 0;
    let sumSq = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const f = r.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      const k = r.int(-3, 3);
      expect(k).toBeGreaterThanOrEqual(-3);
      expect(k).toBeLessThanOrEqual(3);
      const z = r.normal();
      sum += z;
      sumSq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.05);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.05);
    expect(() => r.int(2, 1)).toThrow(RangeError);
    expect(() => r.pick([])).toThrow(RangeError);
  });
});

describe('SimClock time is whole milliseconds', () => {
  it('fires a fractional delay at the next whole millisecond and refuses fractional targets', () => {
    const c = new SimClock(0);
    const at: number[] = [];
    c.setTimeout(() => at.push(c.now()), 2.2);
    c.setTimeout(() => at.push(c.now()), 0.4);
    c.advance(10);
    expect(at).toEqual([1, 3]);
    expect(() => c.advance(0.5)).toThrow(RangeError);
  });
});
