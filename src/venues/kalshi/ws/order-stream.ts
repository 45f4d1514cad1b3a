/**
 * The account's own order updates: a `ReconnectingWebSocket` to `/trade-api/ws/v2` with a freshly signed
 * handshake per attempt, subscribed to `user_orders` for every market (again after every reconnect). Each
 * `user_order` (decoded by `orders/user-orders.ts`) becomes an `OrderUpdate` stamped with the injected clock;
 * a frame that does not parse is counted and skipped. Updates missed while disconnected are not replayed: polling stays the safety net.
 */
import type { Clock } from '../../../core/clock.ts';
import type { Rng } from '../../../core/rng.ts';
import { ReconnectingWebSocket } from '../../shared/reconnecting-ws.ts';
import type { OrderStream, OrderStreamStats, OrderUpdate } from '../../venue.ts';
import type { KalshiSigner } from '../auth/signer.ts';
import { parseUserOrderFrame } from '../orders/user-orders.ts';
import { userOrdersSubscribeCommand } from './commands.ts';

export interface KalshiOrderStreamOptions {
  readonly wsUrl: string;
  readonly signer: KalshiSigner;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly onUpdate: (u: OrderUpdate) => void;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** Reconnect when nothing (not even a ping) arrives for this long; default 30 s (the venue pings every 10 s). */
  readonly idleTimeoutMs?: number;
}

export class KalshiOrderStream implements OrderStream {
  /** Resolves on the first `subscribed` reply; rejects if the venue refuses the first subscription. */
  readonly ready: Promise<void>;
  private readonly ws: ReconnectingWebSocket;
  private markReady!: () => void;
  private failReady!: (e: Error) => void;
  private settled = false;
  private nextId = 1;
  /** Id of the subscribe command on the current connection; undefined once it is answered. */
  private pendingId: number | undefined;
  private subscribed = false;
  private updates = 0;
  private malformed = 0;

  constructor(private readonly opts: KalshiOrderStreamOptions) {
    this.ready = new Promise((resolve, reject) => {
      this.markReady = resolve;
      this.failReady = reject;
    });
    // A caller that never awaits `ready` must not get an unhandled rejection.
    this.ready.catch(() => {});
    const wsPath = new URL(opts.wsUrl).pathname;
    this.ws = new ReconnectingWebSocket({
      url: opts.wsUrl,
      clock: opts.clock,
      rng: opts.rng,
      headers: () => opts.signer.headers('GET', wsPath),
      onOpen: (send) => {
        this.pendingId = this.nextId++;
        send(userOrdersSubscribeCommand(this.pendingId));
      },
      onMessage: (text) => this.frame(text),
      onDisconnect: () => {
        this.subscribed = false;
        this.pendingId = undefined;
      },
      idleTimeoutMs: opts.idleTimeoutMs ?? 30_000,
      ...(opts.backoff ? { backoff: opts.backoff } : {}),
    });
  }

  /** Connected and subscribed. */
  get connected(): boolean {
    return this.subscribed;
  }

  stats(): OrderStreamStats {
    return {
      updates: this.updates,
      malformed: this.malformed,
      reconnects: Math.max(0, this.ws.connects - 1),
    };
  }

  async close(): Promise<void> {
    await this.ws.close();
  }

  private frame(text: string): void {
    const receiveTimeMs = this.opts.clock.now();
    const r = parseUserOrderFrame(text);
    if (!r.ok) {
      this.malformed++;
      return;
    }
    const f = r.value;
    switch (f.type) {
      case 'user_order':
        this.updates++;
        this.opts.onUpdate({ ...f.update, receiveTimeMs });
        return;
      case 'subscribed':
        if (f.id === undefined || f.id !== this.pendingId) return;
        this.pendingId = undefined;
        this.subscribed = true;
        if (!this.settled) {
          this.settled = true;
          this.markReady();
        }
        return;
      case 'error':
        if (f.id === undefined || f.id !== this.pendingId) return;
        this.pendingId = undefined;
        if (!this.settled) {
          this.settled = true;
          this.failReady(new Error(`user_orders subscription refused: ${f.code} ${f.message}`));
        }
        return;
      default:
        return;
    }
  }
}
