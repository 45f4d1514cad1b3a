/**
 * The account's own order updates from the user channel (P4). The subscription carries the L2 credentials and
 * no markets (= all of them); every `order` event becomes an `OrderUpdate` in core units, `trade` events are
 * left to the fill feed. The venue acknowledges nothing on success, so the subscription is followed by a `PING`:
 * the server reads a socket's messages in order, so its `PONG` means the subscription was taken (a refusal
 * comes first, as `{"error": …}`). Keep-alive, reconnects and resubscribing are the `ReconnectingWebSocket`'s;
 * malformed frames are counted and skipped, never thrown. Updates lost while disconnected are not replayed:
 * polling stays the safety net.
 */
import type { Clock } from '../../../core/clock.ts';
import type { Rng } from '../../../core/rng.ts';
import { ReconnectingWebSocket } from '../../shared/reconnecting-ws.ts';
import type { OrderStream, OrderStreamStats, OrderUpdate, VenueResult } from '../../venue.ts';
import type { ApiCreds } from '../auth/signer.ts';
import { PolyCodecError } from '../errors.ts';
import { parseUserFrame, type WsUserEvent } from './user-frames.ts';

export interface PolyOrderStreamOptions {
  readonly url: string;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly creds: ApiCreds;
  readonly onUpdate: (u: OrderUpdate) => void;
  /** The client order id this process derived the order hash from, if any. */
  readonly clientOrderIdOf: (orderId: string) => string | undefined;
  /** The condition id a token belongs to, when known (the event's `market` is used otherwise). */
  readonly marketOf?: (assetId: string) => string | undefined;
  readonly pingEveryMs?: number;
  /** Reconnect after this long without any frame (default 30 s; PINGs are answered, so silence is a dead link). */
  readonly idleTimeoutMs?: number;
  /** Called with a reason whenever a frame could not be used or the venue refused us (for logs). */
  readonly onProblem?: ((reason: string) => void) | undefined;
}

export class PolyOrderStream implements OrderStream {
  readonly ready: Promise<void>;
  private readonly ws: ReconnectingWebSocket;
  private readonly counts = { updates: 0, malformed: 0 };
  private settled = false;
  /** The subscription was sent on this connection and its PONG has not come yet. */
  private awaitingAck = false;
  private markReady!: () => void;
  private failReady!: (e: Error) => void;

  constructor(private readonly opts: PolyOrderStreamOptions) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.failReady = reject;
    });
    // A caller that never awaits `ready` must not see an unhandled rejection.
    this.ready.catch(() => undefined);
    const { creds } = opts;
    const subscribe = JSON.stringify({
      auth: { apiKey: creds.key, secret: creds.secret, passphrase: creds.passphrase },
      type: 'user',
      markets: [],
    });
    this.ws = new ReconnectingWebSocket({
      url: opts.url,
      clock: opts.clock,
      rng: opts.rng,
      keepAlive: { text: 'PING', everyMs: opts.pingEveryMs ?? 10_000 },
      idleTimeoutMs: opts.idleTimeoutMs ?? 30_000,
      onOpen: (send) => {
        send(subscribe);
        send('PING');
        this.awaitingAck = true;
      },
      onMessage: (text) => this.frame(text),
      onDisconnect: () => (this.awaitingAck = false),
    });
  }

  stats(): OrderStreamStats {
    return { ...this.counts, reconnects: Math.max(0, this.ws.connects - 1) };
  }

  close(): Promise<void> {
    this.settle(new Error('polymarket: order stream closed before it was subscribed'));
    return this.ws.close();
  }

  private frame(text: string): void {
    if (text === 'PONG') {
      if (this.awaitingAck) {
        this.awaitingAck = false;
        this.settle();
      }
      return;
    }
    let events: WsUserEvent[];
    try {
      events = parseUserFrame(text);
    } catch (e) {
      if (!(e instanceof PolyCodecError)) throw e;
      this.counts.malformed++;
      this.opts.onProblem?.(`user channel: malformed frame: ${e.message}`);
      return;
    }
    const receiveTimeMs = this.opts.clock.now();
    for (const ev of events) {
      if (ev.type === 'order') {
        const clientOrderId = this.opts.clientOrderIdOf(ev.orderId);
        const market = (ev.assetId === undefined ? undefined : this.opts.marketOf?.(ev.assetId)) ?? ev.market;
        this.counts.updates++;
        this.opts.onUpdate({
          orderId: ev.orderId,
          ...(clientOrderId === undefined ? {} : { clientOrderId }),
          market,
          status: ev.status,
          filled: ev.filled,
          receiveTimeMs,
        });
      } else if (ev.type === 'error') {
        const reason = `the user channel refused the subscription: ${ev.message}`;
        this.opts.onProblem?.(reason);
        // Before the first subscription took, a refusal is the credentials': reconnecting will not help.
        if (!this.settled) {
          this.settle(new Error(`polymarket: ${reason}`));
          void this.ws.close();
        }
      }
    }
  }

  private settle(failure?: Error): void {
    if (this.settled) return;
    this.settled = true;
    if (failure) this.failReady(failure);
    else this.markReady();
  }
}

/**
 * The adapter's `streamOrders`: the credentials first (derived from the wallet on first use), then the stream.
 * `ready` rejects when there are no credentials, the venue refuses them, or the stream is closed first.
 */
export function openPolyOrderStream(
  opts: Omit<PolyOrderStreamOptions, 'creds'> & {
    readonly credentials: () => Promise<VenueResult<ApiCreds>>;
    /** Called once when the stream is closed (the adapter forgets it). */
    readonly onClose?: () => void;
  },
): OrderStream {
  const { credentials, onClose, ...rest } = opts;
  let closed = false;
  let inner: PolyOrderStream | undefined;
  const created = (async (): Promise<PolyOrderStream | undefined> => {
    const creds = await credentials();
    if (!creds.ok)
      throw new Error(`polymarket: cannot stream orders: ${creds.error.code}: ${creds.error.message}`);
    if (closed) return undefined;
    inner = new PolyOrderStream({ ...rest, creds: creds.value });
    return inner;
  })();
  const ready = created.then((s) => {
    if (!s) throw new Error('polymarket: order stream closed before it was subscribed');
    return s.ready;
  });
  ready.catch(() => undefined);
  return {
    ready,
    stats: () => inner?.stats() ?? { updates: 0, malformed: 0, reconnects: 0 },
    close: async () => {
      if (closed) return;
      closed = true;
      onClose?.();
      // Waits for the credentials (a bounded REST call), never for the connection.
      const s = await created.catch(() => undefined);
      await s?.close();
    },
  };
}
