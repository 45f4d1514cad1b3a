/** The Polymarket (CLOB V2) venue adapter and its pure helpers. */
export { PolymarketAdapter, type PolymarketAdapterOptions } from './adapter.ts';
export type { HeartbeatStats } from './heartbeat.ts';
export type { ApiCreds } from './auth.ts';
export { ERROR_MSG_CODES } from './errors.ts';
export { PolyCodecError } from './codec.ts';
