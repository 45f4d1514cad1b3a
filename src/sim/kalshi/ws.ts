/**
 * The Kalshi WebSocket `/trade-api/ws/v2` (K3): signed handshake (401 otherwise), subscriptions with per-sid
 * sequence numbers, book snapshots then signed deltas driven by the engine's numbered `book` events, the
 * public `ticker`/`trade`/`market_lifecycle_v2` channels, the member's `fill`/`user_orders`/`market_positions`,
 * and a protocol ping every 10 s on the simulator clock. Every data frame goes through the host's fault-aware
 * `FeedSession`, so gaps, duplicates, reorders, malformed frames, stale or frozen books and disconnects apply.
 *
 * As real traffic shows (reference "Observed in real traffic", overriding K3): one connection has at most one
 * subscription per channel — a second `subscribe` to a channel is merged into its sid and answered `ok` listing
 * the whole market set, not `subscribed` — and every `ok` to `subscribe` / `update_subscription` carries `sid`
 * and `seq` and takes a number of that subscription (`FeedSession.sendNumberedControl`), before the snapshots
 * it announces.
 */
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { TimerHandle } from '../../core/clock.ts';
import { KALSHI_WS_PATH } from '../connection.ts';
import type { SimEvent } from '../engine/types.ts';
import type { FeedSession } from '../faults/index.ts';
import type { VenueRuntime } from '../host.ts';
import { authenticate } from './auth.ts';
import type { FrontContext } from './context.ts';
import { unauthorized } from './errors.ts';
import { fp, money } from './format.ts';
import { presentOrder } from './present-portfolio.ts';
import { summarizeFills } from './positions.ts';
import { type Channel, errorFrame, parseCommand, type WsCommand } from './ws-commands.ts';
import { deltaMsg, fillMsg, lifecycleMsgs, snapshotMsg, tickerMsg, tradeMsg } from './ws-frames.ts';

interface Subscription {
  readonly sid: number;
  readonly channel: Channel;
  /** undefined = every market. */
  markets: Set<string> | undefined;
  /** Last ticker sent per market, so a ticker frame goes out only when something in it changed. */
  readonly lastTicker: Map<string, string>;
}

/** Messages of these channels are `type` values different from the channel name. */
const MESSAGE_TYPE: Partial<Record<Channel, string>> = {
  user_orders: 'user_order',
  market_positions: 'market_position',
};

export function mountKalshiWs(runtime: VenueRuntime, ctx: FrontContext): void {
  const accounts = new WeakMap<IncomingMessage, string>();
  runtime.server.ws(
    KALSHI_WS_PATH,
    (socket, req) => {
      const account = accounts.get(req);
      if (account === undefined) {
        socket.close(1008, 'unauthenticated');
        return;
      }
      new KalshiWsConnection(ctx, runtime.feed(socket), socket, account).start();
    },
    {
      authorize: (req) => {
        const path = new URL(req.url ?? '/', 'http://sim.invalid').pathname;
        const auth = authenticate(
          req.headers,
          'GET',
          path,
          ctx.keys,
          ctx.clock.now(),
          ctx.options.timestampToleranceMs,
        );
        if (auth.kind === 'ok') {
          accounts.set(req, auth.account);
          return undefined;
        }
        // Even public channels need a signed handshake on Kalshi.
        return unauthorized(auth.kind === 'denied' ? auth.message : 'the WebSocket handshake must be signed');
      },
    },
  );
}

class KalshiWsConnection {
  private readonly subs = new Map<number, Subscription>();
  private nextSid = 1;
  private ping: TimerHandle | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly ctx: FrontContext,
    private readonly feed: FeedSession,
    private readonly socket: WebSocket,
    private readonly account: string,
  ) {}

  start(): void {
    this.unsubscribe = this.ctx.exchange.subscribe((e) => this.onEngineEvent(e));
    this.ping = this.ctx.clock.setInterval(() => {
      if (this.feed.isOpen) this.socket.ping(Buffer.from('heartbeat'));
    }, this.ctx.options.pingIntervalMs);
    this.socket.on('message', (data, isBinary) => {
      if (isBinary) return this.feed.sendControl(errorFrame(undefined, 1));
      this.onCommandText(String(data));
    });
    this.socket.once('close', () => this.stop());
  }

  private stop(): void {
    this.unsubscribe?.();
    this.ctx.clock.clearTimer(this.ping);
    this.subs.clear();
  }

  // ---- commands ---------------------------------------------------------------------------------------

  private onCommandText(text: string): void {
    const parsed = parseCommand(text);
    if (!parsed.ok) return this.feed.sendControl(errorFrame(parsed.id, parsed.code));
    this.run(parsed.id, parsed.command);
  }

  private run(id: number | undefined, c: WsCommand): void {
    const reply = (m: Record<string, unknown>): void =>
      this.feed.sendControl({ ...(id === undefined ? {} : { id }), ...m });
    switch (c.cmd) {
      case 'subscribe':
        return this.subscribe(id, c.channels, c.markets, reply);
      case 'unsubscribe':
        for (const sid of c.sids) {
          if (this.subs.delete(sid)) reply({ sid, type: 'unsubscribed' });
          else this.feed.sendControl(errorFrame(id, 7));
        }
        return;
      case 'update_subscription':
        return this.update(id, c);
      case 'list_subscriptions':
        return reply({
          type: 'ok',
          msg: [...this.subs.values()].map((s) => ({
            channel: s.channel,
            sid: s.sid,
            ...(s.markets ? { market_tickers: [...s.markets] } : {}),
          })),
        });
    }
  }

  private unknownMarket(markets: readonly string[] | undefined): string | undefined {
    return markets?.find((m) => !this.ctx.catalog.market.has(m));
  }

  private subscribe(
    id: number | undefined,
    channels: readonly Channel[],
    markets: readonly string[] | undefined,
    reply: (m: Record<string, unknown>) => void,
  ): void {
    const unknown = this.unknownMarket(markets);
    if (unknown !== undefined) return this.feed.sendControl(errorFrame(id, 16, unknown));
    if (channels.includes('orderbook_delta') && (markets === undefined || markets.length === 0)) {
      return this.feed.sendControl(errorFrame(id, 14));
    }
    for (const channel of channels) {
      const existing = [...this.subs.values()].find((s) => s.channel === channel);
      if (existing) {
        this.merge(id, existing, markets);
        continue;
      }
      const sid = this.nextSid++;
      const sub: Subscription = { sid, channel, markets: markets && new Set(markets), lastTicker: new Map() };
      this.subs.set(sid, sub);
      reply({ type: 'subscribed', msg: { channel, sid } });
      if (channel === 'orderbook_delta') for (const m of markets!) this.sendSnapshot(sub, m);
    }
  }

  /**
   * A second subscribe to a channel joins its sid: the new markets are added (every market when none are
   * given), the `ok` lists the whole set (none listed when it is every market), then the new books' snapshots.
   * Markets already covered get no second snapshot (the venue's choice there is unknown; `get_snapshot` asks).
   */
  private merge(id: number | undefined, sub: Subscription, markets: readonly string[] | undefined): void {
    const added = !sub.markets || !markets ? [] : markets.filter((m) => !sub.markets!.has(m));
    if (!markets) sub.markets = undefined;
    for (const m of added) sub.markets!.add(m);
    this.ok(id, sub);
    if (sub.channel === 'orderbook_delta') for (const m of added) this.sendSnapshot(sub, m);
  }

  /** `{"id","sid","seq","type":"ok","msg":{"market_tickers"}}`: numbered in the subscription's sequence. */
  private ok(id: number | undefined, sub: Subscription): void {
    this.feed.sendNumberedControl(sub.sid, (seq) => ({
      ...(id === undefined ? {} : { id }),
      sid: sub.sid,
      ...(seq === undefined ? {} : { seq }),
      type: 'ok',
      msg: sub.markets ? { market_tickers: [...sub.markets] } : {},
    }));
  }

  private update(id: number | undefined, c: Extract<WsCommand, { cmd: 'update_subscription' }>): void {
    const sub = this.subs.get(c.sid);
    if (!sub) return this.feed.sendControl(errorFrame(id, 7));
    const unknown = this.unknownMarket(c.markets);
    if (unknown !== undefined) return this.feed.sendControl(errorFrame(id, 16, unknown));
    if (!sub.markets) return this.feed.sendControl(errorFrame(id, 11));
    if (c.action === 'add_markets') return this.merge(id, sub, c.markets);
    if (c.action === 'delete_markets') {
      for (const m of c.markets) sub.markets.delete(m);
      return this.ok(id, sub);
    }
    if (sub.channel !== 'orderbook_delta') return this.feed.sendControl(errorFrame(id, 13));
    const missing = c.markets.find((m) => !sub.markets!.has(m));
    if (missing !== undefined) return this.feed.sendControl(errorFrame(id, 11, missing));
    // The `ok`, then the snapshots, continuing the subscription's numbering (whether the venue restarts it
    // after a `get_snapshot` is uncertain, K3; the observed `ok` takes a number like any message).
    this.ok(id, sub);
    for (const m of c.markets) this.sendSnapshot(sub, m);
  }

  // ---- data frames ------------------------------------------------------------------------------------

  private send(
    sub: Subscription,
    market: string | undefined,
    msg: Record<string, unknown>,
    book = false,
    type?: string,
  ): void {
    const t = type ?? MESSAGE_TYPE[sub.channel] ?? sub.channel;
    this.feed.send({
      channel: sub.channel,
      sid: sub.sid,
      ...(market === undefined ? {} : { market }),
      book,
      // Only book messages carry `seq` on Kalshi; the session numbers every frame anyway.
      build: (seq) => (book ? { type: t, sid: sub.sid, seq, msg } : { type: t, sid: sub.sid, msg }),
    });
  }

  private sendSnapshot(sub: Subscription, market: string): void {
    const view = this.ctx.exchange.book(market);
    if (view) this.send(sub, market, snapshotMsg(market, view), true, 'orderbook_snapshot');
  }

  private *matching(channel: Channel, market: string): Iterable<Subscription> {
    for (const s of this.subs.values())
      if (s.channel === channel && (!s.markets || s.markets.has(market))) yield s;
  }

  private onEngineEvent(e: SimEvent): void {
    if (this.subs.size === 0) return;
    switch (e.type) {
      case 'book':
        for (const s of this.matching('orderbook_delta', e.market)) this.send(s, e.market, deltaMsg(e), true);
        this.sendTickers(e.market, e.tsMs);
        return;
      case 'trade':
        for (const s of this.matching('trade', e.trade.market))
          this.send(s, e.trade.market, tradeMsg(e.trade));
        this.sendTickers(e.trade.market, e.tsMs);
        return;
      case 'fill': {
        if (e.fill.account !== this.account) return;
        const pos = this.ctx.exchange.account(this.account)?.positions.get(e.fill.market);
        const msg = fillMsg(e.fill, (pos?.yes ?? 0) - (pos?.no ?? 0));
        for (const s of this.matching('fill', e.fill.market)) this.send(s, e.fill.market, msg);
        return;
      }
      case 'order': {
        if (e.order.account !== this.account) return;
        const subs = [...this.matching('user_orders', e.order.market)];
        if (subs.length === 0) return;
        const msg = presentOrder(
          e.order,
          this.ctx.exchange.fills({ orderId: e.order.id }),
          this.ctx.orderGroups.groupOf(e.order.id),
        );
        for (const s of subs) this.send(s, e.order.market, msg);
        return;
      }
      case 'position': {
        if (e.account !== this.account) return;
        const subs = [...this.matching('market_positions', e.market)];
        if (subs.length === 0) return;
        const summary = summarizeFills(this.ctx.exchange.fills({ account: this.account, market: e.market }));
        const position = e.yes - e.no;
        const msg = {
          user_id: this.account,
          market_ticker: e.market,
          position_fp: fp(position),
          position_cost_dollars: money(position === 0 ? 0 : summary.exposure),
          realized_pnl_dollars: money(summary.realizedPnl),
          fees_paid_dollars: money(summary.fees),
          volume_fp: fp(summary.volume),
        };
        for (const s of subs) this.send(s, e.market, msg);
        return;
      }
      case 'market':
        for (const s of this.matching('market_lifecycle_v2', e.market)) {
          for (const msg of lifecycleMsgs(e)) this.send(s, e.market, msg);
        }
        return;
      default:
        return;
    }
  }

  private sendTickers(market: string, tsMs: number): void {
    const subs = [...this.matching('ticker', market)];
    if (subs.length === 0) return;
    const top = this.ctx.exchange.book(market, 1);
    const state = {
      bid: top?.bids[0],
      ask: top?.asks[0],
      lastPx: this.ctx.activity.lastPriceOf(market),
      volume: this.ctx.activity.volumeOf(market),
      openInterest: this.ctx.exchange.escrowOf(market) / 10_000,
    };
    const key = JSON.stringify([state.bid, state.ask, state.lastPx, state.volume]);
    for (const s of subs) {
      if (s.lastTicker.get(market) === key) continue;
      s.lastTicker.set(market, key);
      this.send(s, market, tickerMsg(market, state, tsMs));
    }
  }
}
