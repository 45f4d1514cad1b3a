/**
 * The CLOB's `/clob-markets/{id}` → core units (tokens, tick, minimum size, negRisk, fee data), and the reading of
 * a binary market's two outcomes that Gamma's decoder (decode-gamma.ts) shares. The decoder takes the parsed JSON
 * and returns a Result whose error names the field.
 */
import type { Result } from '../../../core/errors.ts';
import { polymarketFeeModel, type PolymarketFeeModel } from '../../../core/fees.ts';
import { parseScaled, type Px, type Qty } from '../../../core/units.ts';
import { PolyCodecError } from '../errors.ts';
import { attempt, decimalText, fail, pxOf, qtyOf, shape, unit } from './decode-fields.ts';
import { WireClobMarket, WireFeeRate } from './schemas.ts';

/** The two tokens of a binary market (`yes`: the first outcome, the one the market's YES side is) and their labels. */
export interface BinaryTokens {
  readonly tokens: { readonly yes: string; readonly no: string };
  readonly outcomes: { readonly yes: string; readonly no: string };
}

/**
 * A binary market's two outcomes, from its token list in the venue's order (reference, "Observed in real
 * traffic": `["Up", "Down"]`, team names and `["Over", "Under"]` are common, not only `["Yes", "No"]`): labelled
 * Yes and No in either order, by label; otherwise by index, the first outcome being our YES. The labels are kept
 * (a YES that means "Bucks win" must say so). Anything but two distinct tokens is not a binary market.
 */
export function binaryTokens(list: readonly { token: string; label: string }[], field: string): BinaryTokens {
  if (list.length !== 2)
    return fail(
      `${field} (a binary market lists two outcomes)`,
      list.map((x) => x.label),
    );
  let [first, second] = list as [{ token: string; label: string }, { token: string; label: string }];
  if (first.token === second.token || first.token === '' || second.token === '')
    fail(`${field} (two distinct tokens)`, [first.token, second.token]);
  if (first.label.toLowerCase() === 'no' && second.label.toLowerCase() === 'yes')
    [first, second] = [second, first];
  return {
    tokens: { yes: first.token, no: second.token },
    outcomes: { yes: first.label, no: second.label },
  };
}

export interface ClobMarketInfo extends BinaryTokens {
  readonly conditionId: string;
  readonly tick: Px;
  readonly minSize: Qty;
  readonly negRisk: boolean;
  /** From `fd`; undefined when the venue gave none (which is not the same as fee-free: see fee-policy.ts). */
  readonly fees: PolymarketFeeModel | undefined;
}

/** A rate as a decimal (0.04) → parts per million, through its text. */
export const ratePpm = (v: string | number, field: string): number =>
  unit(field, decimalText(v, field), (s) => parseScaled(s, 6));

function feeDataModel(fd: NonNullable<WireClobMarket['fd']>, root: string): PolymarketFeeModel | undefined {
  // No `fd` rate says nothing about fees: the market is not assumed fee-free.
  if (fd.r === undefined || fd.r === null) return undefined;
  const exponent = fd.e === undefined || fd.e === 0 ? 1 : Number(decimalText(fd.e, `${root}.fd.e`));
  const rate = ratePpm(fd.r, `${root}.fd.r`);
  try {
    return polymarketFeeModel(rate, exponent, fd.to !== false);
  } catch (e) {
    throw new PolyCodecError(`${root}.fd: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** V2 `GET /clob-markets/{id}` → the CLOB facts of one market. */
export function decodeClobMarket(raw: unknown, root = 'clob-market'): Result<ClobMarketInfo, PolyCodecError> {
  return attempt(() => {
    const w = shape(WireClobMarket, raw, root);
    const tick = pxOf(w.mts, `${root}.mts`);
    if (tick <= 0) fail(`${root}.mts (must be positive)`, w.mts);
    return {
      conditionId: w.c,
      ...binaryTokens(
        w.t.map((x) => ({ token: x.t, label: x.o })),
        `${root}.t`,
      ),
      tick,
      minSize: qtyOf(w.mos, `${root}.mos`),
      negRisk: w.nr ?? false,
      fees: w.fd === undefined || w.fd === null ? undefined : feeDataModel(w.fd, root),
    };
  });
}

/** `GET /fee-rate`: `{base_fee}` in bps (some clients read `fee_rate_bps`; either is taken). */
export function decodeFeeRate(raw: unknown): Result<number, PolyCodecError> {
  return attempt(() => {
    const w = shape(WireFeeRate, raw, 'fee-rate');
    const v = w.base_fee ?? w.fee_rate_bps;
    if (v === undefined || v === null) return fail('fee-rate.base_fee (expected a number of bps)', raw);
    const text = decimalText(v, 'fee-rate.base_fee');
    if (!/^\d+(\.\d+)?$/.test(text)) fail('fee-rate.base_fee (expected a number of bps)', v);
    return Number(text);
  });
}
