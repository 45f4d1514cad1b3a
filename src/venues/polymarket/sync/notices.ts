/**
 * What the market channel says about markets rather than books (P4, "Observed in real traffic"), as the sync
 * hands it to its shell for the adapter's market facts: a new minimum tick (`tick_size_change`), a resolution
 * (`market_resolved`: stop trading it) and a new market (`new_market`: discovery). And the forms a
 * `last_trade_price` may be written in, for the book hash.
 */
import type { Px } from '../../../core/units.ts';
import type { WsMarketResolved, WsNewMarket, WsTickSizeChange } from '../ws/market-events.ts';

export type MarketNotice =
  | {
      readonly type: 'tick_size';
      readonly market: string;
      readonly assetId: string;
      readonly tick: Px;
    }
  | {
      readonly type: 'resolved';
      readonly market: string;
      readonly winningAssetId: string | undefined;
      readonly winningOutcome: string | undefined;
    }
  | {
      readonly type: 'new_market';
      readonly market: string;
      readonly question: string;
      readonly slug: string | undefined;
      /** Token ids in outcome order, with their labels (any two: Yes/No, Up/Down, team names). */
      readonly assetIds: readonly string[];
      readonly outcomes: readonly string[];
      readonly tick: Px | undefined;
    };

export function noticeOf(ev: WsTickSizeChange | WsMarketResolved | WsNewMarket): MarketNotice {
  switch (ev.type) {
    case 'tick_size_change':
      return { type: 'tick_size', market: ev.market, assetId: ev.assetId, tick: ev.newTick };
    case 'market_resolved':
      return {
        type: 'resolved',
        market: ev.market,
        winningAssetId: ev.winningAssetId,
        winningOutcome: ev.winningOutcome,
      };
    default:
      return {
        type: 'new_market',
        market: ev.market,
        question: ev.question,
        slug: ev.slug,
        assetIds: ev.assetIds,
        outcomes: ev.outcomes,
        tick: ev.tick,
      };
  }
}
