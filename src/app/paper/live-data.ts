/**
 * Real venue endpoints for `arb paper --data live`, and a quick reachability check so an offline machine gets
 * one clear sentence instead of a stack trace from deep inside discovery.
 */
import { request } from 'undici';
import type { Config } from '../config/index.ts';

export const LIVE_ENDPOINTS = {
  kalshiRest: 'https://external-api.kalshi.com/trade-api/v2',
  kalshiWs: 'wss://external-api-ws.kalshi.com/trade-api/ws/v2',
  polymarketClob: 'https://clob.polymarket.com',
  polymarketWs: 'wss://ws-subscriptions-clob.polymarket.com/ws/market',
  polymarketUserWs: 'wss://ws-subscriptions-clob.polymarket.com/ws/user',
  polymarketData: 'https://data-api.polymarket.com',
  polymarketGamma: 'https://gamma-api.polymarket.com',
} as const;

export interface Reachability {
  readonly ok: boolean;
  readonly message: string;
}

async function probe(name: string, url: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const res = await request(url, {
      method: 'GET',
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body.dump();
    return res.statusCode < 500 ? undefined : `${name} at ${url}: HTTP ${res.statusCode}`;
  } catch (e) {
    const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
    const why = err.cause?.code ?? err.code ?? err.cause?.message ?? err.message ?? String(e);
    return `${name} at ${url}: ${why}`;
  }
}

/** Both venues' public endpoints answer (any non-5xx status counts: we only need the network path). */
export async function checkLiveDataReachable(config: Config, timeoutMs = 8_000): Promise<Reachability> {
  const kalshi = config.venues.kalshi.restUrl ?? LIVE_ENDPOINTS.kalshiRest;
  const poly = config.venues.polymarket.clobUrl ?? LIVE_ENDPOINTS.polymarketClob;
  const problems = (
    await Promise.all([
      probe('Kalshi', `${kalshi}/exchange/status`, timeoutMs),
      probe('Polymarket', `${poly}/time`, timeoutMs),
    ])
  ).filter((p): p is string => p !== undefined);
  if (problems.length === 0) return { ok: true, message: 'both venues reachable' };
  // One sentence: what failed, why it matters, what to do instead.
  return {
    ok: false,
    message: `cannot reach the venues' public market data (${problems.join('; ')}), which needs internet access to them; without it, use --data sim (the default) to paper-trade the embedded simulators.`,
  };
}
