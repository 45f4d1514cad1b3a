/**
 * Where the simulators listen and how to reach them: the URL layout of each venue (mirroring the real hosts)
 * and the connection file `arb sim` writes for other tools. The file's shape is a contract; change it with care.
 */

/** Kalshi REST base (K1), mounted on the Kalshi server. */
export const KALSHI_API_BASE = '/trade-api/v2';
export const KALSHI_WS_PATH = '/trade-api/ws/v2';
/** Polymarket's CLOB lives at the server root; its other hosts become path prefixes on the same server. */
export const POLYMARKET_MARKET_WS_PATH = '/ws/market';
export const POLYMARKET_USER_WS_PATH = '/ws/user';
export const POLYMARKET_DATA_API_BASE = '/data-api';
export const POLYMARKET_GAMMA_API_BASE = '/gamma-api';

export interface ConnectionInfo {
  readonly kalshi: {
    readonly restUrl: string;
    readonly wsUrl: string;
    readonly keyId: string;
    readonly privateKeyPem: string;
  };
  readonly polymarket: {
    readonly clobUrl: string;
    readonly wsUrl: string;
    readonly userWsUrl: string;
    readonly dataUrl: string;
    readonly gammaUrl: string;
    readonly privateKey: string;
    readonly chainId: number;
  };
  readonly admin: { readonly kalshi: string; readonly polymarket: string };
}

/** The same without key material: what may be printed or logged. */
export function publicConnectionInfo(info: ConnectionInfo) {
  const { privateKeyPem: _pem, ...kalshi } = info.kalshi;
  const { privateKey: _key, ...polymarket } = info.polymarket;
  return { kalshi, polymarket, admin: info.admin };
}
