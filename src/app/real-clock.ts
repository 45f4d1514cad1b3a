/**
 * The wall clock, for real runs (`arb sim`, paper, live). Only the composition root creates it; everything
 * else takes a `Clock`, so the same code runs on a `SimClock` in tests and replays.
 */
import type { Clock, TimerHandle } from '../core/clock.ts';

export class RealClock implements Clock {
  private nextId = 1;
  private readonly timers = new Map<number, NodeJS.Timeout>();

  now(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(
      id,
      setTimeout(
        () => {
          this.timers.delete(id);
          fn();
        },
        Math.max(0, delayMs),
      ),
    );
    return { id };
  }

  setInterval(fn: () => void, periodMs: number): TimerHandle {
    if (!(periodMs > 0)) throw new RangeError('interval period must be positive');
    const id = this.nextId++;
    this.timers.set(id, setInterval(fn, periodMs));
    return { id };
  }

  clearTimer(handle: TimerHandle | undefined): void {
    if (!handle) return;
    const t = this.timers.get(handle.id);
    if (t === undefined) return;
    clearTimeout(t);
    clearInterval(t);
    this.timers.delete(handle.id);
  }

  /** Timers still due to fire (for tests and shutdown checks). */
  get pending(): number {
    return this.timers.size;
  }
}
