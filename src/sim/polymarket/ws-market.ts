/**
 * The market channel `/ws/market` (P4). Clients subscribe with `{"assets_ids": [...], "type": "market"}` and
 * later `{"operation": "subscribe" | "unsubscribe", "assets_ids": [...]}`; every subscribe (re)sends the
 * tokens' `book` snapshots, which is how a client resynchronises. Book frames follow the engine's numbered
 * `book` events: one `price_change` per event with the level's new absolute size ("0" removes it) and the
 * token's book hash after the change, covering both tokens of the market when the client follows both.
 * Trades add `last_trade_price` and, once the engine call that made them is over, fresh `book` snapshots.
 * Snapshots go out as a JSON array of events, other events as single objects (clients must accept both).
 * Text `PING` is answered `PONG`. Every data frame goes through the client's FeedSession, so injected faults
 * (drops, duplicates, reorders, malformed frames, stale or frozen books, disconnects) apply.
 */
import type { WebSocket } from 'ws';
import type { Outcome } from '../../core/market.ts';
import { type Px, pxComplement, pxToDecimal, qtyToDecimal } from '../../core/units.ts';
import type { SimEvent } from '../engine/types.ts';
import type { FeedSession } from '../faults/feed-session.ts';
import { POLYMARKET_MARKET_WS_PATH } from '../connection.ts';
import { feedBookHash, toWire } from './book-hash.ts';
import { bestPrice, bookOf, wsBookEvent } from './books.ts';
import type { CatalogMarket } from './catalog.ts';
import type { FrontContext } from './context.ts';
import { feeRateBps } from './wire.ts';

export const MARKET_CHANNEL = 'market';

interface Client {
  readonly session: FeedSession;
  readonly assets: Set<string>;
}

export class MarketChannel {
  private readonly clients = new Set<Client>();
  private readonly snapshotDue = new Set<string>();
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: FrontContext) {
    this.unsubscribe = ctx.ex.subscribe((e) => this.onEngineEvent(e));
    ctx.rt.server.ws(POLYMARKET_MARKET_WS_PATH, (socket) => this.accept(socket));
  }

  dispose(): void {
    this.unsubscribe();
    this.clients.clear();
  }

  /** Announce a new minimum tick to the market's subscribers. */
  tickSizeChange(cm: CatalogMarket, oldTick: Px, newTick: Px): void {
    for (const outcome of ['YES', 'NO'] as const) {
      const asset = this.ctx.catalog.tokenOf(cm, outcome);
      this.broadcast(cm, [asset], false, () => ({
        event_type: 'tick_size_change',
        asset_id: asset,
        market: cm.m.key,
        old_tick_size: pxToDecimal(oldTick),
        new_tick_size: pxToDecimal(newTick),
        timestamp: String(this.ctx.clock.now()),
      }));
    }
  }

  private accept(socket: WebSocket): void {
    const client: Client = { session: this.ctx.rt.feed(socket), assets: new Set() };
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
    socket.on('message', (data) => this.onMessage(client, String(data)));
  }

  private onMessage(client: Client, text: string): void {
    if (text === 'PING') return client.session.sendControl('PONG');
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return client.session.sendControl('INVALID OPERATION');
    }
    const m = msg as { assets_ids?: unknown; operation?: unknown; type?: unknown };
    const ids = Array.isArray(m.assets_ids)
      ? m.assets_ids.filter((x): x is string => typeof x === 'string')
      : undefined;
    if (!ids) return client.session.sendControl('INVALID OPERATION');
    if (m.operation === 'unsubscribe') {
      for (const id of ids) client.assets.delete(id);
      return;
    }
    if (m.operation !== undefined && m.operation !== 'subscribe')
      return client.session.sendControl('INVALID OPERATION');
    if (m.operation === undefined && typeof m.type === 'string' && m.type.toLowerCase() !== 'market')
      return client.session.sendControl('INVALID OPERATION');
    for (const id of ids) {
      const ref = this.ctx.catalog.token(id);
      if (!ref) continue;
      client.assets.add(id);
      this.sendSnapshot(client, ref.market, ref.outcome);
    }
  }

  private sendSnapshot(client: Client, cm: CatalogMarket, outcome: Outcome): void {
    client.session.send({
      channel: MARKET_CHANNEL,
      market: cm.m.key,
      book: true,
      build: () => [wsBookEvent(this.ctx, cm, outcome)],
    });
  }

  private onEngineEvent(e: SimEvent): void {
    if (this.clients.size === 0) return;
    if (e.type === 'book') return this.onBook(e.market, e.side, e.yesPx, e.qty);
    if (e.type === 'trade')
      return this.onTrade(e.trade.market, e.trade.yesPx, e.trade.takerSide, e.trade.qty);
  }

  private onBook(market: string, side: 'bid' | 'ask', yesPx: Px, qty: number): void {
    const cm = this.ctx.catalog.market(market);
    if (!cm) return;
    const timestamp = String(this.ctx.clock.now());
    const entry = (outcome: Outcome): Record<string, unknown> => {
      const asset = this.ctx.catalog.tokenOf(cm, outcome);
      const b = bookOf(this.ctx, cm, outcome);
      // A YES bid at p is a NO ask at 1 − p.
      const isBid = (side === 'bid') === (outcome === 'YES');
      return {
        asset_id: asset,
        price: pxToDecimal(outcome === 'YES' ? yesPx : pxComplement(yesPx)),
        size: qtyToDecimal(qty),
        side: isBid ? 'BUY' : 'SELL',
        hash: feedBookHash(cm.m.key, asset, timestamp, toWire(b.bids), toWire(b.asks)),
        best_bid: bestPrice(b.bids),
        best_ask: bestPrice(b.asks),
      };
    };
    const cache = new Map<Outcome, Record<string, unknown>>();
    const get = (o: Outcome) => {
      let v = cache.get(o);
      if (!v) cache.set(o, (v = entry(o)));
      return v;
    };
    for (const c of this.clients) {
      const outcomes = (['YES', 'NO'] as const).filter((o) => c.assets.has(this.ctx.catalog.tokenOf(cm, o)));
      if (outcomes.length === 0) continue;
      c.session.send({
        channel: MARKET_CHANNEL,
        market: cm.m.key,
        book: true,
        build: () => ({
          event_type: 'price_change',
          market: cm.m.key,
          price_changes: outcomes.map(get),
          timestamp,
        }),
      });
    }
  }

  private onTrade(market: string, yesPx: Px, takerSide: 'bid' | 'ask', qty: number): void {
    const cm = this.ctx.catalog.market(market);
    if (!cm) return;
    for (const outcome of ['YES', 'NO'] as const) {
      const asset = this.ctx.catalog.tokenOf(cm, outcome);
      this.broadcast(cm, [asset], false, () => ({
        event_type: 'last_trade_price',
        asset_id: asset,
        market: cm.m.key,
        price: pxToDecimal(outcome === 'YES' ? yesPx : pxComplement(yesPx)),
        side: (takerSide === 'bid') === (outcome === 'YES') ? 'BUY' : 'SELL',
        size: qtyToDecimal(qty),
        fee_rate_bps: feeRateBps(cm),
        timestamp: String(this.ctx.clock.now()),
      }));
    }
    // One snapshot per market after the engine call that traded, not one per fill.
    if (this.snapshotDue.has(market)) return;
    this.snapshotDue.add(market);
    queueMicrotask(() => {
      this.snapshotDue.delete(market);
      for (const c of this.clients) {
        for (const outcome of ['YES', 'NO'] as const) {
          if (c.assets.has(this.ctx.catalog.tokenOf(cm, outcome))) this.sendSnapshot(c, cm, outcome);
        }
      }
    });
  }

  private broadcast(cm: CatalogMarket, assets: string[], book: boolean, build: () => unknown): void {
    for (const c of this.clients) {
      if (!assets.some((a) => c.assets.has(a))) continue;
      c.session.send({ channel: MARKET_CHANNEL, market: cm.m.key, book, build });
    }
  }
}
