/** The Kalshi venue adapter and its sans-I/O parts (codecs, book synchroniser, error classification). */
export { KalshiAdapter, type KalshiAdapterOptions } from './adapter.ts';
export { KalshiBookStream, type KalshiBookStreamOptions } from './book-stream.ts';
export { type BookSyncOptions, KalshiBookSync, type SyncOutput } from './book-sync.ts';
export {
  decodeBalance,
  decodeFill,
  decodeMarket,
  decodeOrder,
  decodePosition,
  encodeOrder,
  feeModelFor,
  gridOf,
  KalshiCodecError,
  marketStatus,
  yesLevels,
} from './codec.ts';
export { classifyKalshi, KALSHI_ERROR_CODES, parseErrorBody, stableCode } from './errors.ts';
export { KalshiOrderStream, type KalshiOrderStreamOptions } from './order-stream.ts';
export { KalshiSigner, signatureText } from './signer.ts';
export { decodeUserOrder, parseUserOrderFrame, type UserOrderFrame } from './user-order-codec.ts';
export { type FrameParse, type KalshiFrame, parseFrame } from './ws-codec.ts';
