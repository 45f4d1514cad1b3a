/**
 * A WebSocket that stays connected: reconnects with jittered exponential backoff on the injected clock,
 * re-runs `onOpen` (so the adapter resubscribes and resnapshots) after every reconnect, optionally sends a text
 * keep-alive, and drops a connection that has gone silent. Venue protocol logic stays in the adapters.
 */
import WebSocket from 'ws';
import type { Clock, TimerHandle } from '../../core/clock.ts';
import type { Rng } from '../../core/rng.ts';

export interface ReconnectingWsOptions {
  readonly url: string;
  readonly clock: Clock;
  readonly rng: Rng;
  /** Handshake headers, built per attempt (Kalshi signs every handshake with a fresh timestamp). */
  readonly headers?: () => Record<string, string>;
  /** Called on every (re)connect: subscribe here. */
  readonly onOpen: (send: (text: string) => void) => void;
  readonly onMessage: (text: string) => void;
  /** Called when a connection ends; the socket reconnects unless `close()` was called. */
  readonly onDisconnect?: (info: { code: number; reason: string }) => void;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** A text heartbeat (Polymarket's "PING"); Kalshi's protocol pings are answered by `ws` itself. */
  readonly keepAlive?: { readonly text: string; readonly everyMs: number };
  /** Reconnect when nothing arrives for this long (a half-open connection looks alive forever otherwise). */
  readonly idleTimeoutMs?: number;
}

export class ReconnectingWebSocket {
  /** Resolves on the first successful open. */
  readonly ready: Promise<void>;
  connects = 0;
  disconnects = 0;
  private socket: WebSocket | undefined;
  private closed = false;
  private attempt = 0;
  private retryTimer: TimerHandle | undefined;
  private keepAliveTimer: TimerHandle | undefined;
  private idleTimer: TimerHandle | undefined;
  private markReady!: () => void;

  constructor(private readonly opts: ReconnectingWsOptions) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.connect();
  }

  /** Send on the current connection; false when there is none (the next open resubscribes anyway). */
  send(text: string): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(text);
    return true;
  }

  /** Drop the connection and reconnect at once: the way to force a full resubscribe and resnapshot. */
  reconnectNow(): void {
    this.attempt = 0;
    this.socket?.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clearTimers();
    const s = this.socket;
    if (!s || s.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      s.once('close', () => resolve());
      s.terminate();
    });
  }

  private connect(): void {
    if (this.closed) return;
    const s = new WebSocket(this.opts.url, { headers: this.opts.headers?.() ?? {} });
    this.socket = s;
    s.on('open', () => {
      this.attempt = 0;
      this.connects++;
      this.markReady();
      this.touch();
      if (this.opts.keepAlive) {
        const { text, everyMs } = this.opts.keepAlive;
        this.keepAliveTimer = this.opts.clock.setInterval(() => this.send(text), everyMs);
      }
      this.opts.onOpen((text) => this.send(text));
    });
    s.on('message', (data: WebSocket.RawData) => {
      this.touch();
      this.opts.onMessage(Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString());
    });
    s.on('ping', () => this.touch());
    // 'error' always precedes 'close' for a failed socket; reconnection is handled there.
    s.on('error', () => {});
    s.on('close', (code: number, reason: Buffer) => {
      if (this.socket !== s) return;
      this.clearTimers();
      this.disconnects++;
      this.opts.onDisconnect?.({ code, reason: reason.toString() });
      if (this.closed) return;
      const { initialMs, maxMs } = this.opts.backoff ?? { initialMs: 100, maxMs: 5_000 };
      const base = Math.min(maxMs, initialMs * 2 ** this.attempt++);
      this.retryTimer = this.opts.clock.setTimeout(
        () => this.connect(),
        base / 2 + this.opts.rng.float() * (base / 2),
      );
    });
  }

  private touch(): void {
    if (this.opts.idleTimeoutMs === undefined) return;
    this.opts.clock.clearTimer(this.idleTimer);
    this.idleTimer = this.opts.clock.setTimeout(() => this.socket?.terminate(), this.opts.idleTimeoutMs);
  }

  private clearTimers(): void {
    for (const t of [this.retryTimer, this.keepAliveTimer, this.idleTimer]) this.opts.clock.clearTimer(t);
    this.retryTimer = this.keepAliveTimer = this.idleTimer = undefined;
  }
}
