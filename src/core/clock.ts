/**
 * Time is injected. Everything that needs "now" or a timer takes a `Clock`; the composition root passes the
 * real one, tests and replays pass a `SimClock` whose timers fire only when time is advanced, in a fixed order
 * (due time, then creation order), so the same inputs always produce the same run.
 */

export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  /** Milliseconds since the Unix epoch (may be fractional only on a real clock; sim time is integral). */
  now(): number;
  setTimeout(fn: () => void, delayMs: number): TimerHandle;
  setInterval(fn: () => void, periodMs: number): TimerHandle;
  clearTimer(handle: TimerHandle | undefined): void;
}

interface SimTimer {
  id: number;
  at: number;
  seq: number;
  fn: () => void;
  periodMs: number | undefined;
}

/** Binary min-heap on (at, seq). */
class TimerHeap {
  private readonly items: SimTimer[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): SimTimer | undefined {
    return this.items[0];
  }

  push(t: SimTimer): void {
    const a = this.items;
    a.push(t);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  pop(): SimTimer | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l]!, a[m]!)) m = l;
        if (r < a.length && before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

const before = (x: SimTimer, y: SimTimer): boolean => x.at < y.at || (x.at === y.at && x.seq < y.seq);

/** A deterministic clock for tests, simulations and replays. */
export class SimClock implements Clock {
  private t: number;
  private seq = 0;
  private nextId = 1;
  private readonly heap = new TimerHeap();
  /** Ids of live timers; a cleared timer stays in the heap but is skipped when it comes due. */
  private readonly live = new Set<number>();

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.t = startMs;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    return this.schedule(fn, delayMs, undefined);
  }

  setInterval(fn: () => void, periodMs: number): TimerHandle {
    if (!(periodMs >= 1)) throw new RangeError('interval period must be at least 1 ms');
    return this.schedule(fn, periodMs, periodMs);
  }

  clearTimer(handle: TimerHandle | undefined): void {
    if (handle) this.live.delete(handle.id);
  }

  /** Number of timers still due to fire. */
  get pending(): number {
    return this.live.size;
  }

  /** Due time of the next live timer. */
  nextDueAt(): number | undefined {
    this.dropDead();
    return this.heap.peek()?.at;
  }

  /** Move time forward by `ms`, firing every timer due on the way, each at its own due time. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError('time does not go backwards');
    this.advanceTo(this.t + ms);
  }

  advanceTo(targetMs: number): void {
    if (targetMs < this.t) throw new RangeError('time does not go backwards');
    if (!Number.isInteger(targetMs)) throw new RangeError('simulated time is whole milliseconds');
    while (this.fireNext(targetMs));
    this.t = targetMs;
  }

  /** Fire the next timer if it is due at or before `limitMs`; returns whether one fired. */
  fireNext(limitMs = Number.POSITIVE_INFINITY): boolean {
    this.dropDead();
    const top = this.heap.peek();
    if (!top || top.at > limitMs) return false;
    this.heap.pop();
    this.t = Math.max(this.t, top.at);
    if (top.periodMs !== undefined) {
      top.at += top.periodMs;
      top.seq = this.seq++;
      this.heap.push(top);
    } else {
      this.live.delete(top.id);
    }
    top.fn();
    return true;
  }

  private schedule(fn: () => void, delayMs: number, periodMs: number | undefined): TimerHandle {
    const id = this.nextId++;
    // Simulated time is whole milliseconds: a fractional delay (an exponential inter-arrival time, say) fires at
    // the next whole millisecond, so timestamps derived from the clock stay integers.
    const at = this.t + Math.max(0, Math.ceil(delayMs));
    this.heap.push({ id, at, seq: this.seq++, fn, periodMs });
    this.live.add(id);
    return { id };
  }

  private dropDead(): void {
    for (let top = this.heap.peek(); top && !this.live.has(top.id); top = this.heap.peek()) this.heap.pop();
  }
}
