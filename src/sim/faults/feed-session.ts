/**
 * One WebSocket client's outgoing data feed. A venue front hands every data frame to `send` with its channel,
 * subscription id and market; the session numbers it (`seq` per subscription, when the venue numbers frames),
 * asks the injector what goes wrong with it, and does that: drop it after taking its number (gap), send it twice,
 * hold it behind the next frame (reorder), cut it in half (malformed), deliver it late (stale book), never
 * produce it (frozen book) or close the connection. The returned `FrameResult` says what happened, so the
 * front never has to know about faults.
 */
import type { WebSocket } from 'ws';
import type { Clock, TimerHandle } from '../../core/clock.ts';
import type { Venue } from '../../core/market.ts';
import type { FaultInjector } from './injector.ts';

export interface FeedFrame {
  readonly channel: string;
  /** Subscription id; frames are numbered per sid. Unsubscribed feeds (Polymarket) may use the channel. */
  readonly sid?: number | string;
  readonly market?: string;
  /** A book snapshot or delta (the frames `book_stale` and `book_freeze` touch). */
  readonly book?: boolean;
  /** Builds the frame once its sequence number is known (undefined when the session does not number). */
  build(seq: number | undefined): unknown;
}

export type FrameOutcome =
  | 'sent'
  | 'delayed'
  | 'held'
  | 'duplicated'
  | 'malformed'
  | 'dropped'
  | 'suppressed'
  | 'disconnected'
  | 'closed';

export interface FrameResult {
  readonly outcome: FrameOutcome;
  /** The number the frame took (also for a dropped frame: that is what makes the gap). */
  readonly seq: number | undefined;
  /** Extra delivery delay from `book_stale`. */
  readonly delayMs: number;
}

export interface FeedSessionOptions {
  readonly venue: Venue;
  readonly socket: WebSocket;
  readonly injector: FaultInjector;
  readonly clock: Clock;
  /** Kalshi numbers frames per subscription; Polymarket does not. */
  readonly numbered: boolean;
}

interface Held {
  readonly texts: string[];
  readonly timer: TimerHandle;
}

const OPEN = 1;

export class FeedSession {
  readonly venue: Venue;
  private readonly seqs = new Map<number | string, number>();
  /** Per delivery key: when the last delayed frame goes out, so later frames never overtake it. */
  private readonly releaseAt = new Map<string, number>();
  private readonly held = new Map<string, Held>();
  private readonly timers = new Set<TimerHandle>();
  private closed = false;

  constructor(private readonly opts: FeedSessionOptions) {
    this.venue = opts.venue;
    opts.socket.once('close', () => this.dispose());
  }

  get isOpen(): boolean {
    return !this.closed && this.opts.socket.readyState === OPEN;
  }

  /** Send a data frame through the fault injector. */
  send(frame: FeedFrame): FrameResult {
    if (!this.isOpen) return { outcome: 'closed', seq: undefined, delayMs: 0 };
    const plan = this.opts.injector.framePlan(this.venue, frame.channel, {
      market: frame.market,
      book: frame.book ?? false,
    });
    if (plan.disconnect) {
      this.disconnect(plan.disconnect.code);
      return { outcome: 'disconnected', seq: undefined, delayMs: 0 };
    }
    if (plan.suppress) return { outcome: 'suppressed', seq: undefined, delayMs: 0 };
    const seq = this.opts.numbered && frame.sid !== undefined ? this.takeSeq(frame.sid) : undefined;
    if (plan.drop) return { outcome: 'dropped', seq, delayMs: 0 };
    let text = JSON.stringify(frame.build(seq));
    // Half a JSON document never parses: the client must survive it and notice the frame it lost.
    if (plan.malformed) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    const texts = plan.duplicate ? [text, text] : [text];
    const key = deliveryKey(frame);
    const delayed = this.deliver(key, texts, plan.delayMs, plan.reorder?.maxHoldMs);
    const outcome: FrameOutcome = plan.malformed
      ? 'malformed'
      : plan.duplicate
        ? 'duplicated'
        : plan.reorder
          ? 'held'
          : delayed
            ? 'delayed'
            : 'sent';
    return { outcome, seq, delayMs: plan.delayMs };
  }

  /** Replies to commands (subscribed, error, pong): never numbered, never faulted. */
  sendControl(message: unknown): void {
    if (this.isOpen) this.opts.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /**
   * A reply to a command that takes the next number of subscription `sid` (Kalshi's `ok`, as real traffic
   * shows): numbered like a data frame and queued behind that subscription's delayed frames, so it never
   * overtakes them, but never faulted itself.
   */
  sendNumberedControl(sid: number | string, build: (seq: number | undefined) => unknown): void {
    if (!this.isOpen) return;
    const seq = this.opts.numbered ? this.takeSeq(sid) : undefined;
    this.deliver(`s:${String(sid)}`, [JSON.stringify(build(seq))], 0, undefined);
  }

  /** Restart a subscription's numbering (a fresh subscription starts at 1). */
  resetSeq(sid: number | string): void {
    this.seqs.delete(sid);
  }

  /** The last number a subscription used (0 before its first frame). */
  lastSeq(sid: number | string): number {
    return this.seqs.get(sid) ?? 0;
  }

  /** Close the connection: a close frame with `code`, or, without one, cut the socket. */
  disconnect(code?: number): void {
    if (code === undefined) this.opts.socket.terminate();
    else this.opts.socket.close(code, 'simulated disconnect');
    this.dispose();
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) this.opts.clock.clearTimer(t);
    this.timers.clear();
    this.held.clear();
  }

  private takeSeq(sid: number | string): number {
    const next = (this.seqs.get(sid) ?? 0) + 1;
    this.seqs.set(sid, next);
    return next;
  }

  /** Deliver now, or later when delayed or queued behind delayed frames; returns whether it was deferred. */
  private deliver(key: string, texts: string[], delayMs: number, holdMs: number | undefined): boolean {
    const now = this.opts.clock.now();
    const queuedUntil = this.releaseAt.get(key) ?? Number.NEGATIVE_INFINITY;
    const at = Math.max(now + delayMs, queuedUntil);
    if (at <= now) {
      this.emit(key, texts, holdMs);
      return false;
    }
    this.releaseAt.set(key, at);
    this.schedule(at - now, () => {
      if (this.releaseAt.get(key) === at) this.releaseAt.delete(key);
      this.emit(key, texts, holdMs);
    });
    return true;
  }

  /** Write a frame; a frame marked for reordering waits until the next frame on its key has been written. */
  private emit(key: string, texts: string[], holdMs: number | undefined): void {
    if (!this.isOpen) return;
    const pending = this.held.get(key);
    if (holdMs !== undefined && !pending) {
      const timer = this.schedule(holdMs, () => this.flushHeld(key));
      this.held.set(key, { texts, timer });
      return;
    }
    for (const t of texts) this.opts.socket.send(t);
    if (pending) {
      this.opts.clock.clearTimer(pending.timer);
      this.timers.delete(pending.timer);
      this.flushHeld(key);
    }
    // A second reorder while one frame is already held just goes out in order after it.
  }

  private flushHeld(key: string): void {
    const h = this.held.get(key);
    if (!h) return;
    this.held.delete(key);
    if (this.isOpen) for (const t of h.texts) this.opts.socket.send(t);
  }

  private schedule(ms: number, fn: () => void): TimerHandle {
    const handle: TimerHandle = this.opts.clock.setTimeout(() => {
      this.timers.delete(handle);
      fn();
    }, ms);
    this.timers.add(handle);
    return handle;
  }
}

const deliveryKey = (f: FeedFrame): string => (f.sid === undefined ? `c:${f.channel}` : `s:${String(f.sid)}`);
