/**
 * The market channel `/ws/market` (P4). Clients subscribe with `{"assets_ids": [...], "type": "market"}`
 * (optionally `"custom_feature_enabled": true`) and later `{"operation": "subscribe" | "unsubscribe",
 * "assets_ids": [...]}`; every subscribe (re)sends the tokens' `book` snapshots, which is how a client
 * resynchronises. Book changes go out in same-timestamp batches once the engine call that made them is over
 * (ws-batch.ts): one `price_change` per level with its size at the batch's end and the end-of-batch hash, covering
 * both tokens of the market when the client follows both. Trades add `last_trade_price` at once and, after the
 * batch, fresh `book` snapshots. Clients with custom features also get `best_bid_ask` when a token's top changes,
 * `market_resolved` when a market settles and `new_market` when one is announced (admin). Snapshots go out as a
 * JSON array of events, other events as single objects (clients must accept both). Text `PING` is answered
 * `PONG`. Every data frame goes through the client's FeedSession, so injected faults (drops, duplicates,
 * reorders, malformed frames, stale or frozen books, disconnects) apply.
 */
import type { WebSocket } from 'ws';
import type { Outcome } from '../../core/market.ts';
import { asPx, type Px, pxComplement, pxToDecimal, qtyToDecimal } from '../../core/units.ts';
import type { SimEvent } from '../engine/types.ts';
import type { FeedSession } from '../faults/feed-session.ts';
import { POLYMARKET_MARKET_WS_PATH } from '../connection.ts';
import { bestPrice, bookOf, tradePriceText, wsBookEvent } from './books.ts';
import type { CatalogMarket } from './catalog.ts';
import type { FrontContext } from './context.ts';
import { type Batch, BatchCollector, entries, frameOrder } from './ws-batch.ts';
import { newMarketEvent, resolvedEvent } from './ws-notices.ts';
import { feeRateBps } from './wire.ts';

export const MARKET_CHANNEL = 'market';

interface Client {
  readonly session: FeedSession;
  readonly assets: Set<string>;
  /** `custom_feature_enabled`: `best_bid_ask`, `market_resolved` and `new_market` are sent. */
  custom: boolean;
}

const OUTCOMES = ['YES', 'NO'] as const;

export class MarketChannel {
  private readonly clients = new Set<Client>();
  private readonly batches = new BatchCollector();
  private readonly snapshotDue = new Set<string>();
  private readonly resolvedDue: { cm: CatalogMarket; result: Outcome | undefined }[] = [];
  /** The top of each token's book last told in `best_bid_ask`. */
  private readonly lastTop = new Map<string, string>();
  private flushQueued = false;
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
    for (const outcome of OUTCOMES) {
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

  /** Announce a market as new (`new_market`) to every client with custom features. */
  announce(cm: CatalogMarket): void {
    for (const c of this.clients)
      if (c.custom)
        c.session.send({
          channel: MARKET_CHANNEL,
          market: cm.m.key,
          build: () => newMarketEvent(this.ctx, cm),
        });
  }

  private accept(socket: WebSocket): void {
    const client: Client = { session: this.ctx.rt.feed(socket), assets: new Set(), custom: false };
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
    const m = msg as {
      assets_ids?: unknown;
      operation?: unknown;
      type?: unknown;
      custom_feature_enabled?: unknown;
    };
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
    if (m.custom_feature_enabled === true) client.custom = true;
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
    if (e.type === 'book') {
      this.batches.add(e.market, e.side, e.yesPx, e.qty, e.delta, String(e.tsMs));
      this.scheduleFlush();
    } else if (e.type === 'trade') {
      this.onTrade(e.trade.market, e.trade.yesPx, e.trade.takerSide, e.trade.qty);
    } else if (e.type === 'market' && e.status === 'settled') {
      const cm = this.ctx.catalog.market(e.market);
      if (cm) this.resolvedDue.push({ cm, result: e.result });
      this.scheduleFlush();
    }
  }

  /** Once the engine call is over: its batches, then the snapshots trades asked for, then resolutions. */
  private scheduleFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      for (const b of this.batches.take()) this.sendBatch(b);
      for (const market of this.snapshotDue) {
        const cm = this.ctx.catalog.market(market);
        if (!cm) continue;
        for (const c of this.clients)
          for (const outcome of OUTCOMES)
            if (c.assets.has(this.ctx.catalog.tokenOf(cm, outcome))) this.sendSnapshot(c, cm, outcome);
      }
      this.snapshotDue.clear();
      for (const { cm, result } of this.resolvedDue.splice(0))
        this.broadcast(
          cm,
          OUTCOMES.map((o) => this.ctx.catalog.tokenOf(cm, o)),
          false,
          () => resolvedEvent(this.ctx, cm, result),
          true,
        );
    });
  }

  private sendBatch(b: Batch): void {
    const cm = this.ctx.catalog.market(b.market);
    if (!cm) return;
    const followers = [...this.clients].flatMap((c) => {
      const outcomes = OUTCOMES.filter((o) => c.assets.has(this.ctx.catalog.tokenOf(cm, o)));
      return outcomes.length === 0 ? [] : [{ c, outcomes }];
    });
    if (followers.length === 0) return;
    const entryOf = entries(this.ctx, cm, b.timestamp);
    for (const level of frameOrder(b))
      for (const { c, outcomes } of followers)
        c.session.send({
          channel: MARKET_CHANNEL,
          market: cm.m.key,
          book: true,
          // The field order of captured frames (and of the adapter's fast path).
          build: () => ({
            market: cm.m.key,
            price_changes: outcomes.map((o) => entryOf(o, level)),
            timestamp: b.timestamp,
            event_type: 'price_change',
          }),
        });
    this.bestBidAsk(cm, b.timestamp);
  }

  /** `best_bid_ask` for each token whose top changed, to clients with custom features. */
  private bestBidAsk(cm: CatalogMarket, timestamp: string): void {
    for (const outcome of OUTCOMES) {
      const asset = this.ctx.catalog.tokenOf(cm, outcome);
      const b = bookOf(this.ctx, cm, outcome);
      const bid = bestPrice(b.bids, 'bid');
      const ask = bestPrice(b.asks, 'ask');
      if (this.lastTop.get(asset) === `${bid}/${ask}`) continue;
      this.lastTop.set(asset, `${bid}/${ask}`);
      const spread = b.bids[0] && b.asks[0] ? pxToDecimal(asPx(b.asks[0].px - b.bids[0].px)) : '0';
      this.broadcast(
        cm,
        [asset],
        false,
        () => ({
          event_type: 'best_bid_ask',
          market: cm.m.key,
          asset_id: asset,
          best_bid: bid,
          best_ask: ask,
          spread,
          timestamp,
        }),
        true,
      );
    }
  }

  private onTrade(market: string, yesPx: Px, takerSide: 'bid' | 'ask', qty: number): void {
    const cm = this.ctx.catalog.market(market);
    if (!cm) return;
    for (const outcome of OUTCOMES) {
      const asset = this.ctx.catalog.tokenOf(cm, outcome);
      this.broadcast(cm, [asset], false, () => ({
        event_type: 'last_trade_price',
        asset_id: asset,
        market: cm.m.key,
        price: tradePriceText(outcome === 'YES' ? yesPx : pxComplement(yesPx)),
        side: (takerSide === 'bid') === (outcome === 'YES') ? 'BUY' : 'SELL',
        size: qtyToDecimal(qty),
        fee_rate_bps: feeRateBps(cm),
        timestamp: String(this.ctx.clock.now()),
      }));
    }
    // One snapshot per market after the engine call that traded, not one per fill.
    this.snapshotDue.add(market);
    this.scheduleFlush();
  }

  private broadcast(
    cm: CatalogMarket,
    assets: string[],
    book: boolean,
    build: () => unknown,
    customOnly = false,
  ): void {
    for (const c of this.clients) {
      if ((customOnly && !c.custom) || !assets.some((a) => c.assets.has(a))) continue;
      c.session.send({ channel: MARKET_CHANNEL, market: cm.m.key, book, build });
    }
  }
}
