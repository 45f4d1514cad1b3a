/**
 * The Polymarket venue folder's public surface: the adapter (what src/app uses), and the parts tests, the
 * simulator's tests and the benchmarks drive directly (signing helpers, decoders, the book synchroniser, error
 * classification). Import from here, not from the files: the layout behind it is the venue template
 * (docs/adding-a-venue.md).
 */
export { PolymarketAdapter, type PolymarketAdapterOptions } from './adapter.ts';
export { ApiKeys } from './auth/api-keys.ts';
export {
  CLOB_CLIENT_PACKAGE,
  CLOB_CLIENT_VERSION,
  installedClientVersion,
  loadOrderBuilder,
  ORDER_BUILDER_LOCATION,
  signOrderV2,
} from './auth/order-builder.ts';
export {
  type ApiCreds,
  type ClientSigner,
  l1Headers,
  l2Headers,
  l2Signature,
  walletSigner,
} from './auth/signer.ts';
export {
  badResponse,
  classifyPolymarket,
  ERROR_MSG_CODES,
  fromCodec,
  parseErrorBody,
  PolyCodecError,
  polyError,
} from './errors.ts';
export { freeCollateral, positions } from './orders/account.ts';
export { amountsFor, type PriceSize, priceSizeFromAmounts } from './orders/amounts.ts';
export { DEFAULT_ORDER_TIMESTAMP_MS, type OrderSpec, OrderSigner, saltFor } from './orders/build.ts';
export { decodeFillCursor, encodeFillCursor, fillsFromTrades, queryAfterSeconds } from './orders/fills.ts';
export { type HeartbeatStats } from './orders/heartbeat.ts';
export { PolyClient } from './rest/client.ts';
export { decodeBook, decodeBookSummary } from './rest/decode-book.ts';
export { checkShape, timeMsOf } from './rest/decode-fields.ts';
export {
  decodeGammaEvent,
  decodeGammaEvents,
  decodeGammaMarket,
  type GammaFees,
  type GammaPage,
} from './rest/decode-gamma.ts';
export {
  type BinaryTokens,
  binaryTokens,
  type ClobMarketInfo,
  decodeClobMarket,
  decodeFeeRate,
} from './rest/decode-markets.ts';
export {
  decodeCancel,
  decodeOpenOrder,
  decodeOrdersPage,
  decodePostOrder,
  orderStatusOf,
} from './rest/decode-orders.ts';
export {
  decodeBalance,
  decodePositions,
  decodeTrade,
  decodeTradesPage,
  type Trade,
} from './rest/decode-portfolio.ts';
export { discover, toDiscovery } from './rest/discovery.ts';
export { FEE_CONFLICT, type FeeVerdict, resolveFees } from './rest/fee-policy.ts';
export { Markets } from './rest/markets.ts';
export { RestTransport } from './rest/transport.ts';
export {
  type BookMeta,
  hashWithBlankHash,
  sha1Hex,
  wireLevelsBestLast,
  wsBookHash,
} from './sync/book-hash.ts';
export {
  DEFAULT_META,
  type MarketNotice,
  PolyBookSync,
  type PolySyncDetail,
  type PolySyncHooks,
  type StreamMarket,
} from './sync/book-sync.ts';
export {
  type ReplayBook,
  type ReplayLine,
  type ReplayOptions,
  type ReplayResult,
  replayPolymarketCapture,
} from './sync/replay.ts';
export { openPolyBookStream, PolyBookStream, type PolyBookStreamOptions } from './ws/book-stream.ts';
export {
  fastPriceChange,
  parseMarketFrame,
  parseMarketFrameJson,
  readMarketEvents,
  readMarketFrame,
  type WsMarketEvent,
} from './ws/market-frames.ts';
export { openPolyOrderStream, PolyOrderStream } from './ws/order-stream.ts';
export { parseUserFrame, type WsUserEvent } from './ws/user-frames.ts';
