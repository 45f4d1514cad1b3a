/**
 * What the book synchroniser expects back from a command it (or, in a replay, the recorded client) sent: the
 * markets a `subscribe` or `add_markets` asked for, which a reply (`subscribed`, a merging `ok`) or the first
 * frame binds to a `sid`, and the markets a `get_snapshot` will send snapshots of.
 */

/** The channels the book connection subscribes. */
export type SyncChannel = 'orderbook_delta' | 'trade';

export type SentCommand =
  | {
      readonly kind: 'subscribe';
      /** The channels not yet answered (a `subscribed` or `ok` per channel). */
      readonly channels: Set<SyncChannel>;
      readonly markets: readonly string[];
    }
  /** `update_subscription` `add_markets`: the markets join `sid`. */
  | { readonly kind: 'add'; readonly sid: number; readonly markets: readonly string[] }
  | { readonly kind: 'snapshot'; readonly sid: number; readonly markets: readonly string[] };

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isChannel = (c: unknown): c is SyncChannel => c === 'orderbook_delta' || c === 'trade';

function marketsOf(params: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (typeof params.market_ticker === 'string') out.push(params.market_ticker);
  const many = params.market_tickers;
  if (Array.isArray(many)) for (const t of many) if (typeof t === 'string') out.push(t);
  return out;
}

/**
 * A command as sent (its JSON text or value) → its id and what to expect back, or a reason it is not one
 * this synchroniser follows (another channel, `unsubscribe`, `list_subscriptions`, a command without an id).
 */
export function readSentCommand(
  command: unknown,
): { readonly id: number; readonly sent: SentCommand } | { readonly ignored: string } {
  let c = command;
  if (typeof c === 'string') {
    try {
      c = JSON.parse(c);
    } catch {
      return { ignored: 'not JSON' };
    }
  }
  if (!isObj(c) || !isObj(c.params)) return { ignored: 'no params' };
  const id = c.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return { ignored: 'no id' };
  const p = c.params;
  const markets = marketsOf(p);
  if (c.cmd === 'subscribe') {
    const channels = Array.isArray(p.channels) ? p.channels.filter(isChannel) : [];
    if (channels.length === 0) return { ignored: 'no channel the book sync follows' };
    return { id, sent: { kind: 'subscribe', channels: new Set(channels), markets } };
  }
  if (c.cmd === 'update_subscription') {
    const sids = Array.isArray(p.sids) ? p.sids : [];
    const sid = typeof p.sid === 'number' ? p.sid : sids.length === 1 ? sids[0] : undefined;
    if (typeof sid !== 'number') return { ignored: 'not exactly one sid' };
    if (p.action === 'add_markets') return { id, sent: { kind: 'add', sid, markets } };
    if (p.action === 'get_snapshot') return { id, sent: { kind: 'snapshot', sid, markets } };
    return { ignored: `action ${String(p.action)}` };
  }
  return { ignored: `command ${String(c.cmd)}` };
}
