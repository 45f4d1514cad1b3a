/**
 * Client commands of the Kalshi WebSocket (K3), parsed and checked into a typed command or a protocol error.
 * Error frames carry the venue's documented codes and texts exactly (K3 of /work/shared/reference/venues.md and
 * the "WebSocket Error Codes" table of docs.kalshi.com/getting_started/quick_start_websockets, codes 1–22):
 * `{"id", "type": "error", "msg": {"code", "msg"}}`, plus `market_ticker` where one market is at fault.
 */

export const CHANNELS = [
  'orderbook_delta',
  'ticker',
  'trade',
  'fill',
  'user_orders',
  'market_positions',
  'market_lifecycle_v2',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** The venue's table, word for word (`msg` of an error frame). */
export const WS_ERRORS = {
  1: 'Unable to process message',
  2: 'Params required',
  3: 'Channels required',
  4: 'Subscription IDs required',
  5: 'Unknown command',
  6: 'Already subscribed',
  7: 'Unknown subscription ID',
  8: 'Unknown channel name',
  9: 'Authentication required',
  10: 'Channel error',
  11: 'Invalid parameter',
  12: 'Exactly one subscription ID is required',
  13: 'Unsupported action',
  14: 'Market Ticker required',
  15: 'Action required',
  16: 'Market not found',
  17: 'Internal error',
  18: 'Command timeout',
  19: 'shard_factor must be > 0',
  20: 'shard_factor is required when shard_key is set',
  21: 'shard_key must be >= 0 and < shard_factor',
  22: 'shard_factor must be <= 100',
} as const;
export type WsErrorCode = keyof typeof WS_ERRORS;

export type UpdateAction = 'add_markets' | 'delete_markets' | 'get_snapshot';

export type WsCommand =
  | {
      readonly cmd: 'subscribe';
      readonly channels: readonly Channel[];
      readonly markets: readonly string[] | undefined;
    }
  | { readonly cmd: 'unsubscribe'; readonly sids: readonly number[] }
  | {
      readonly cmd: 'update_subscription';
      readonly sid: number;
      readonly action: UpdateAction;
      readonly markets: readonly string[];
    }
  | { readonly cmd: 'list_subscriptions' };

export type ParsedCommand =
  | { readonly ok: true; readonly id: number | undefined; readonly command: WsCommand }
  | { readonly ok: false; readonly id: number | undefined; readonly code: WsErrorCode };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `market_ticker` (one) and `market_tickers` (many) are both accepted; undefined when neither is given. */
function marketsOf(params: Record<string, unknown>): string[] | undefined | 'invalid' {
  const one = params.market_ticker;
  const many = params.market_tickers;
  if (one === undefined && many === undefined) return undefined;
  const out: string[] = [];
  if (one !== undefined) {
    if (typeof one !== 'string' || one === '') return 'invalid';
    out.push(one);
  }
  if (many !== undefined) {
    if (!Array.isArray(many) || !many.every((t) => typeof t === 'string' && t !== '')) return 'invalid';
    out.push(...(many as string[]));
  }
  return [...new Set(out)];
}

export function parseCommand(text: string): ParsedCommand {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return { ok: false, id: undefined, code: 1 };
  }
  if (!isObject(m)) return { ok: false, id: undefined, code: 1 };
  const id = typeof m.id === 'number' && Number.isInteger(m.id) ? m.id : undefined;
  const fail = (code: WsErrorCode): ParsedCommand => ({ ok: false, id, code });
  const cmd = m.cmd;
  if (cmd === 'list_subscriptions') return { ok: true, id, command: { cmd } };
  if (cmd !== 'subscribe' && cmd !== 'unsubscribe' && cmd !== 'update_subscription') {
    return fail(5);
  }
  const params = m.params;
  if (!isObject(params)) return fail(2);
  if (cmd === 'subscribe') {
    const channels = params.channels;
    if (!Array.isArray(channels) || channels.length === 0) return fail(3);
    const unknown = channels.find((c) => !(CHANNELS as readonly unknown[]).includes(c));
    if (unknown !== undefined) return fail(8);
    const markets = marketsOf(params);
    if (markets === 'invalid') return fail(11);
    return { ok: true, id, command: { cmd, channels: [...new Set(channels as Channel[])], markets } };
  }
  if (cmd === 'unsubscribe') {
    const sids = params.sids;
    if (!Array.isArray(sids) || sids.length === 0) return fail(4);
    if (!sids.every((s) => typeof s === 'number' && Number.isInteger(s))) return fail(11);
    return { ok: true, id, command: { cmd, sids: sids as number[] } };
  }
  const sids = params.sids;
  const sid =
    typeof params.sid === 'number'
      ? params.sid
      : Array.isArray(sids) && sids.length === 1
        ? sids[0]
        : undefined;
  if (typeof sid !== 'number' || !Number.isInteger(sid)) return fail(12);
  const action = params.action;
  if (action === undefined) return fail(15);
  if (action !== 'add_markets' && action !== 'delete_markets' && action !== 'get_snapshot') {
    return fail(13);
  }
  const markets = marketsOf(params);
  if (markets === 'invalid') return fail(11);
  if (markets === undefined || markets.length === 0) return fail(14);
  return { ok: true, id, command: { cmd, sid, action, markets } };
}

/**
 * An error frame: `msg` is the venue's text for the code, word for word; `marketTicker` fills the venue's optional
 * `market_ticker` when one market is at fault.
 */
export function errorFrame(
  id: number | undefined,
  code: WsErrorCode,
  marketTicker?: string,
): Record<string, unknown> {
  return {
    ...(id === undefined ? {} : { id }),
    type: 'error',
    msg: {
      code,
      msg: WS_ERRORS[code],
      ...(marketTicker === undefined ? {} : { market_ticker: marketTicker }),
    },
  };
}
