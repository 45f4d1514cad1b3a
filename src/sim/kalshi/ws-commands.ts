/**
 * Client commands of the Kalshi WebSocket (K3), parsed and checked into a typed command or a protocol error
 * with the venue's codes: 1 unable to process, 2 params required, 3 channels required, 4 sids required,
 * 5 unknown command, 6 already subscribed, 7 unknown sid, 8 unknown channel, 11 invalid parameter,
 * 12 exactly one sid, 13 unsupported action, 14 market ticker required, 15 action required, 16 market not found.
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

export const WS_ERRORS = {
  1: 'Unable to process message',
  2: 'Params required',
  3: 'Channels required',
  4: 'Subscription IDs required',
  5: 'Unknown command',
  6: 'Already subscribed',
  7: 'Unknown subscription ID',
  8: 'Unknown channel name',
  11: 'Invalid parameter',
  12: 'Exactly one subscription ID is required',
  13: 'Unsupported action',
  14: 'Market Ticker required',
  15: 'Action required',
  16: 'Market not found',
  17: 'Internal error',
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
  | {
      readonly ok: false;
      readonly id: number | undefined;
      readonly code: WsErrorCode;
      readonly detail?: string;
    };

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
    return { ok: false, id: undefined, code: 1, detail: 'not JSON' };
  }
  if (!isObject(m)) return { ok: false, id: undefined, code: 1, detail: 'expected a JSON object' };
  const id = typeof m.id === 'number' && Number.isInteger(m.id) ? m.id : undefined;
  const fail = (code: WsErrorCode, detail?: string): ParsedCommand =>
    detail === undefined ? { ok: false, id, code } : { ok: false, id, code, detail };
  const cmd = m.cmd;
  if (cmd === 'list_subscriptions') return { ok: true, id, command: { cmd } };
  if (cmd !== 'subscribe' && cmd !== 'unsubscribe' && cmd !== 'update_subscription') {
    return fail(5, `unknown command ${JSON.stringify(cmd)}`);
  }
  const params = m.params;
  if (!isObject(params)) return fail(2);
  if (cmd === 'subscribe') {
    const channels = params.channels;
    if (!Array.isArray(channels) || channels.length === 0) return fail(3);
    const unknown = channels.find((c) => !(CHANNELS as readonly unknown[]).includes(c));
    if (unknown !== undefined) return fail(8, `unknown channel ${JSON.stringify(unknown)}`);
    const markets = marketsOf(params);
    if (markets === 'invalid') return fail(11, 'market_ticker(s) must be non-empty strings');
    return { ok: true, id, command: { cmd, channels: [...new Set(channels as Channel[])], markets } };
  }
  if (cmd === 'unsubscribe') {
    const sids = params.sids;
    if (!Array.isArray(sids) || sids.length === 0) return fail(4);
    if (!sids.every((s) => typeof s === 'number' && Number.isInteger(s)))
      return fail(11, 'sids must be integers');
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
    return fail(13, `unsupported action ${JSON.stringify(action)}`);
  }
  const markets = marketsOf(params);
  if (markets === 'invalid') return fail(11, 'market_ticker(s) must be non-empty strings');
  if (markets === undefined || markets.length === 0) return fail(14);
  return { ok: true, id, command: { cmd, sid, action, markets } };
}

export function errorFrame(
  id: number | undefined,
  code: WsErrorCode,
  detail?: string,
): Record<string, unknown> {
  return {
    ...(id === undefined ? {} : { id }),
    type: 'error',
    msg: { code, msg: detail === undefined ? WS_ERRORS[code] : `${WS_ERRORS[code]}: ${detail}` },
  };
}
