/**
 * The Kalshi venue folder's public surface: the adapter (what src/app uses), and the sans-I/O parts tests
 * drive directly (decoders, the book synchroniser and its capture replay, error classification). Import from here, not from the
 * files: the layout behind it is the venue template (docs/adding-a-venue.md).
 */
export { KalshiAdapter, type KalshiAdapterOptions } from './adapter.ts';
export { KalshiSigner, signatureText } from './auth/signer.ts';
export {
  badResponse,
  classifyKalshi,
  fromCodec,
  KALSHI_ERROR_CODES,
  KalshiCodecError,
  parseErrorBody,
  stableCode,
} from './errors.ts';
export { checkOrderRequest, encodeAmend, encodeOrder } from './orders/build.ts';
export { decodeFill, decodeOrder, decodePlaced, ORDER_STATUS } from './orders/decode.ts';
export { decodeFillCursor, encodeFillCursor, type FillCursor, nextFillCursor } from './orders/fills.ts';
export { decodeUserOrder, parseUserOrderFrame, type UserOrderFrame } from './orders/user-orders.ts';
export { KalshiRest, type ListStatus } from './rest/client.ts';
export { decodeOrderbook, yesLevels } from './rest/decode-book.ts';
export { checkShape, decodeJson } from './rest/decode-fields.ts';
export { decodeDiscovery, decodeMarket, feeModelFor, gridOf, marketStatus } from './rest/decode-markets.ts';
export { decodeBalance, decodePosition, decodePositions } from './rest/decode-portfolio.ts';
/** The wire shapes, for tests that decode the fixtures; app code never needs them. */
export {
  WireEvent,
  WireFill,
  WireMarket,
  WireOrder,
  WireOrderbookResponse,
  WireSeries,
} from './rest/schemas.ts';
export { type BookSyncOptions, KalshiBookSync, type SyncOutput } from './sync/book-sync.ts';
export {
  type ReplayedMarket,
  type ReplayOptions,
  type ReplayResult,
  replayKalshiCapture,
} from './sync/replay.ts';
export {
  fastDelta,
  type FrameParse,
  type KalshiFrame,
  parseFrame,
  parseFrameJson,
} from './ws/book-frames.ts';
export { KalshiBookStream, type KalshiBookStreamOptions } from './ws/book-stream.ts';
export { KalshiOrderStream, type KalshiOrderStreamOptions } from './ws/order-stream.ts';
export { decodeTrade, type KalshiTrade } from './ws/trade-frames.ts';
