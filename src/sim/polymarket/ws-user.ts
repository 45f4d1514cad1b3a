/**
 * The user channel `/ws/user` (P4). The subscribe message carries the API credentials:
 * `{"auth": {"apiKey", "secret", "passphrase"}, "type": "user", "markets": [condition ids]}` (no markets = all).
 * Then the key's account gets `order` events (PLACEMENT, UPDATE on fills, CANCELLATION) and `trade` events for
 * every status change (MATCHED → MINED → CONFIRMED, or FAILED), all through the client's FeedSession.
 * Bad credentials get an error message and the connection is closed.
 */
import type { WebSocket } from 'ws';
import type { SimEvent, SimOrder } from '../engine/types.ts';
import type { FeedSession } from '../faults/feed-session.ts';
import { POLYMARKET_USER_WS_PATH } from '../connection.ts';
import type { FrontContext } from './context.ts';
import type { ApiKeyRecord } from './keys.ts';
import type { TradeRecord } from './trades.ts';
import { openOrder, tradeView } from './wire.ts';

export const USER_CHANNEL = 'user';

interface Client {
  readonly session: FeedSession;
  key: ApiKeyRecord | undefined;
  markets: Set<string> | undefined;
}

const ORDER_TYPE: Partial<Record<string, string>> = {
  accepted: 'PLACEMENT',
  partial: 'UPDATE',
  filled: 'UPDATE',
  cancelled: 'CANCELLATION',
  expired: 'CANCELLATION',
};

export class UserChannel {
  private readonly clients = new Set<Client>();
  private readonly offs: (() => void)[] = [];

  constructor(private readonly ctx: FrontContext) {
    this.offs.push(ctx.ex.subscribe((e) => this.onEngineEvent(e)));
    this.offs.push(ctx.trades.onChange((r) => this.onTrade(r)));
    ctx.rt.server.ws(POLYMARKET_USER_WS_PATH, (socket) => this.accept(socket));
  }

  dispose(): void {
    for (const off of this.offs) off();
    this.clients.clear();
  }

  private accept(socket: WebSocket): void {
    const client: Client = { session: this.ctx.rt.feed(socket), key: undefined, markets: undefined };
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
    socket.on('message', (data) => this.onMessage(client, String(data)));
  }

  private onMessage(client: Client, text: string): void {
    if (text === 'PING') return client.session.sendControl('PONG');
    let msg: {
      auth?: { apiKey?: unknown; secret?: unknown; passphrase?: unknown };
      markets?: unknown;
      operation?: unknown;
    };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return client.session.sendControl('INVALID OPERATION');
    }
    const markets = Array.isArray(msg.markets)
      ? msg.markets.filter((x): x is string => typeof x === 'string')
      : [];
    if (msg.operation === 'subscribe' || msg.operation === 'unsubscribe') {
      if (!client.key) return client.session.sendControl({ error: 'not authenticated' });
      const set = client.markets ?? new Set<string>();
      for (const m of markets) {
        if (msg.operation === 'subscribe') set.add(m.toLowerCase());
        else set.delete(m.toLowerCase());
      }
      client.markets = set.size > 0 ? set : undefined;
      return;
    }
    const a = msg.auth;
    const rec = typeof a?.apiKey === 'string' ? this.ctx.keys.byApiKey(a.apiKey) : undefined;
    if (!rec || a?.secret !== rec.creds.secret || a?.passphrase !== rec.creds.passphrase) {
      client.session.sendControl({ error: 'Unauthorized/Invalid api key' });
      client.session.disconnect(4001);
      return;
    }
    client.key = rec;
    client.markets = markets.length > 0 ? new Set(markets.map((m) => m.toLowerCase())) : undefined;
  }

  private wants(c: Client, account: string, market: string): c is Client & { key: ApiKeyRecord } {
    return (
      c.key !== undefined && c.key.account === account && (!c.markets || c.markets.has(market.toLowerCase()))
    );
  }

  private onEngineEvent(e: SimEvent): void {
    if (e.type !== 'order' || this.clients.size === 0) return;
    const type = ORDER_TYPE[e.change];
    if (!type) return;
    const o: Readonly<SimOrder> = e.order;
    for (const c of this.clients) {
      if (!this.wants(c, o.account, o.market)) continue;
      const key = c.key;
      c.session.send({
        channel: USER_CHANNEL,
        market: o.market,
        build: () => ({
          event_type: 'order',
          type,
          ...openOrder(this.ctx, o, key.creds.apiKey),
          timestamp: String(e.tsMs),
        }),
      });
    }
  }

  private onTrade(r: TradeRecord): void {
    for (const c of this.clients) {
      for (const account of new Set([r.taker.account, r.maker.account])) {
        if (!this.wants(c, account, r.trade.market)) continue;
        const key = c.key;
        const view = tradeView(this.ctx, r, account, key.creds.apiKey);
        c.session.send({
          channel: USER_CHANNEL,
          market: r.trade.market,
          build: () => ({
            event_type: 'trade',
            type: 'TRADE',
            ...view,
            timestamp: String(this.ctx.clock.now()),
          }),
        });
      }
    }
  }
}
