/**
 * Fills from trades, and the `fillsSince` cursor. A Polymarket trade settles after it matches: it is reported
 * as a fill with `final: false` while MATCHED/MINED/RETRYING, again with `final: true` once CONFIRMED, and —
 * if it FAILED after we reported it — again with `reversed: true`. A trade first seen as FAILED is never
 * reported. A fill's fee is what the trade says the venue charged, not our model (`feeOf`). The cursor (opaque base64url JSON) holds a watermark and what was reported for trades that may
 * still change, so a restart with the last cursor neither loses nor repeats an update.
 */
import {
  type Liquidity,
  type PolymarketFeeModel,
  polymarketFee,
  polymarketFeeModel,
} from '../../../core/fees.ts';
import type { Outcome } from '../../../core/market.ts';
import { asMicros } from '../../../core/units.ts';
import type { VenueFill } from '../../venue.ts';
import type { Trade, TradeLeg } from '../rest/decode-portfolio.ts';

type Reported = 'P' | 'F' | 'R';

interface CursorState {
  /** Watermark: the latest match time seen (ms). */
  w: number;
  /** Fill id → [what was reported, match time in unix seconds]. */
  s: Record<string, [Reported, number]>;
}

export function decodeFillCursor(cursor: string | undefined): CursorState | undefined {
  if (cursor === undefined) return { w: 0, s: {} };
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorState;
    if (typeof v.w !== 'number' || typeof v.s !== 'object' || v.s === null) return undefined;
    return v;
  } catch {
    return undefined;
  }
}

export function encodeFillCursor(c: CursorState): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** Unix seconds to ask `/data/trades?after=` for: everything that may still be news. */
export function queryAfterSeconds(c: CursorState): number {
  let from = c.w;
  for (const [status, sec] of Object.values(c.s)) if (status === 'P') from = Math.min(from, sec * 1000);
  return Math.max(0, Math.floor(from / 1000) - 1);
}

export interface FillContext {
  readonly address: string;
  readonly outcomeOf: (assetId: string) => Outcome | undefined;
  readonly feesOf: (market: string) => PolymarketFeeModel | undefined;
  readonly clientOrderIdOf: (orderId: string) => string | undefined;
}

interface OwnLeg {
  readonly id: string;
  readonly leg: TradeLeg;
  readonly liquidity: 'taker' | 'maker';
}

/** Our legs of a trade: the taker leg when we were the taker, else our maker orders in it. */
function ownLegs(t: Trade, address: string): OwnLeg[] {
  if (t.traderSide === 'TAKER') return [{ id: t.id, leg: t.taker, liquidity: 'taker' }];
  const me = address.toLowerCase();
  return t.makers
    .filter((m) => m.makerAddress.toLowerCase() === me)
    .map((leg) => ({ id: `${t.id}:${leg.orderId}`, leg, liquidity: 'maker' as const }));
}

/**
 * A fill's fee as the venue charged it: the trade's own rate (`fee_rate_bps`) under the market's formula (its
 * exponent and taker-only rule from our model, exponent 1 and taker-only when we have none). Our model's fee is
 * returned beside it when both are known, so the caller can log the drift. A trade without a rate is charged
 * by the model (0 when there is none: nothing better is known).
 */
function feeOf(
  leg: TradeLeg,
  liquidity: Liquidity,
  model: PolymarketFeeModel | undefined,
): { fee: VenueFill['fee']; modelFee?: VenueFill['fee'] } {
  const predicted = model ? polymarketFee(model, liquidity, leg.px, leg.qty) : undefined;
  if (leg.feeRatePpm === undefined) return { fee: predicted ?? asMicros(0) };
  const charged = polymarketFeeModel(leg.feeRatePpm, model?.exponent ?? 1, model?.takerOnly ?? true);
  const fee = polymarketFee(charged, liquidity, leg.px, leg.qty);
  return predicted === undefined ? { fee } : { fee, modelFee: predicted };
}

/** Apply a batch of trades (any order) to the cursor state; returns the fills to report, oldest first. */
export function fillsFromTrades(
  trades: readonly Trade[],
  state: CursorState,
  ctx: FillContext,
): { fills: VenueFill[]; next: CursorState; unknownAssets: string[] } {
  const s = { ...state.s };
  let w = state.w;
  const fills: VenueFill[] = [];
  const unknownAssets: string[] = [];
  const sorted = [...trades].sort(
    (a, b) => a.matchTimeMs - b.matchTimeMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  for (const t of sorted) {
    w = Math.max(w, t.matchTimeMs);
    const sec = Math.floor(t.matchTimeMs / 1000);
    for (const own of ownLegs(t, ctx.address)) {
      const prev = s[own.id]?.[0];
      let emit: Pick<VenueFill, 'final' | 'reversed'> | undefined;
      if (t.status === 'CONFIRMED') {
        if (prev !== 'F' && prev !== 'R') {
          emit = { final: true };
          s[own.id] = ['F', sec];
        }
      } else if (t.status === 'FAILED') {
        if (prev === 'P' || prev === 'F') emit = { final: true, reversed: true };
        s[own.id] = ['R', sec];
      } else if (prev === undefined) {
        emit = { final: false };
        s[own.id] = ['P', sec];
      }
      if (!emit) continue;
      const outcome = ctx.outcomeOf(own.leg.assetId);
      if (!outcome) {
        unknownAssets.push(own.leg.assetId);
        delete s[own.id];
        continue;
      }
      const { fee, modelFee } = feeOf(own.leg, own.liquidity, ctx.feesOf(t.market));
      const clientOrderId = ctx.clientOrderIdOf(own.leg.orderId);
      fills.push({
        id: own.id,
        orderId: own.leg.orderId,
        ...(clientOrderId === undefined ? {} : { clientOrderId }),
        market: t.market,
        outcome,
        side: own.leg.side,
        px: own.leg.px,
        qty: own.leg.qty,
        fee,
        ...(modelFee === undefined ? {} : { modelFee }),
        liquidity: own.liquidity,
        tsMs: t.matchTimeMs,
        ...emit,
      });
    }
  }
  // Settled entries older than the next query window cannot come back: forget them to keep the cursor small.
  const next: CursorState = { w, s };
  const horizon = queryAfterSeconds(next) + 1;
  for (const [id, [status, sec]] of Object.entries(s)) if (status !== 'P' && sec < horizon) delete s[id];
  return { fills, next, unknownAssets };
}
