/**
 * The commands this adapter sends on the Kalshi WebSocket (K3): JSON text with an `id` the venue echoes in its
 * reply (`subscribed`, `ok`, `error`), so the caller can tell which command a reply answers.
 */

/**
 * These markets on a channel: book updates (`orderbook_delta`: a snapshot, then signed deltas) or public
 * trades (`trade`). The first subscribe to a channel on a connection is answered `subscribed` with a new `sid`;
 * the venue merges any later one into that sid and answers `ok` listing the whole market set (real traffic).
 */
export const subscribeCommand = (
  id: number,
  markets: readonly string[],
  channel: 'orderbook_delta' | 'trade' = 'orderbook_delta',
): string =>
  JSON.stringify({ id, cmd: 'subscribe', params: { channels: [channel], market_tickers: markets } });

/** Fresh snapshots of these markets on an existing subscription (the resync after any doubt). */
export const snapshotCommand = (id: number, sid: number, markets: readonly string[]): string =>
  JSON.stringify({
    id,
    cmd: 'update_subscription',
    params: { sids: [sid], market_tickers: markets, action: 'get_snapshot' },
  });

export const unsubscribeCommand = (id: number, sids: readonly number[]): string =>
  JSON.stringify({ id, cmd: 'unsubscribe', params: { sids } });

/** Every market's order updates for the account (no `market_tickers`: all of them). */
export const userOrdersSubscribeCommand = (id: number): string =>
  JSON.stringify({ id, cmd: 'subscribe', params: { channels: ['user_orders'] } });
