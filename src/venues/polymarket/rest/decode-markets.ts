/**
 * Market payloads → core units: the CLOB's `/clob-markets/{id}` (tokens, tick, minimum size, negRisk, fee data)
 * and Gamma events with their markets (discovery). Each decoder takes the parsed JSON and returns a Result whose
 * error names the field.
 */
import { err, type Result } from '../../../core/errors.ts';
import { polymarketFeeModel, type PolymarketFeeModel } from '../../../core/fees.ts';
import { parseScaled, type Px, type Qty } from '../../../core/units.ts';
import { PolyCodecError } from '../errors.ts';
import { attempt, checkShape, decimalText, fail, pxOf, qtyOf, shape, unit } from './decode-fields.ts';
import {
  WireClobMarket,
  WireFeeSchedule,
  WireGammaEvent,
  WireGammaEvents,
  WireGammaMarket,
} from './schemas.ts';

export interface ClobMarketInfo {
  readonly conditionId: string;
  readonly tokens: { readonly yes: string; readonly no: string };
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
    const token = (label: string): string => {
      const t = w.t.find((x) => x.o.toLowerCase() === label);
      return t ? t.t : fail(`${root}.t (no "${label}" outcome)`, w.t);
    };
    const tick = pxOf(w.mts, `${root}.mts`);
    if (tick <= 0) fail(`${root}.mts (must be positive)`, w.mts);
    return {
      conditionId: w.c,
      tokens: { yes: token('yes'), no: token('no') },
      tick,
      minSize: qtyOf(w.mos, `${root}.mos`),
      negRisk: w.nr ?? false,
      fees: w.fd === undefined || w.fd === null ? undefined : feeDataModel(w.fd, root),
    };
  });
}

/**
 * What a Gamma market says about fees (observed: `feesEnabled`, `feeType`, `feeSchedule {rate, exponent,
 * takerOnly, rebateRate}`). Each part may be missing; a schedule that cannot be read is a `problem`, not an
 * error for the whole page (one odd market must not stop discovery).
 */
export interface GammaFees {
  readonly enabled: boolean | undefined;
  readonly type: string | undefined;
  readonly schedule: PolymarketFeeModel | undefined;
  readonly problem?: string;
}

export interface GammaMarket {
  readonly conditionId: string;
  readonly question: string;
  readonly subtitle: string | undefined;
  readonly tokens: { readonly yes: string; readonly no: string };
  readonly active: boolean;
  readonly closed: boolean;
  readonly acceptingOrders: boolean;
  readonly endDateMs: number;
  readonly negRiskOther: boolean;
  readonly fees: GammaFees;
}

export interface GammaEvent {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly negRisk: boolean;
  readonly augmented: boolean;
  readonly markets: GammaMarket[];
}

/** A JSON-encoded list of strings inside a string field (`"[\"Yes\", \"No\"]"`). */
function encodedList(text: string, field: string): string[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return fail(`${field} (not a JSON-encoded list)`, text);
  }
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    return fail(`${field} (expected strings)`, text);
  return v as string[];
}

function gammaFees(w: WireGammaMarket, root: string): GammaFees {
  const enabled = typeof w.feesEnabled === 'boolean' ? w.feesEnabled : undefined;
  const type = typeof w.feeType === 'string' && w.feeType !== '' ? w.feeType : undefined;
  if (w.feeSchedule === undefined || w.feeSchedule === null) return { enabled, type, schedule: undefined };
  const where = `${root}.feeSchedule`;
  const schedule = attempt(() => {
    const f = shape(WireFeeSchedule, w.feeSchedule, where);
    const rate = ratePpm(f.rate, `${where}.rate`);
    const exponent =
      f.exponent === undefined || f.exponent === null
        ? 1
        : Number(decimalText(f.exponent, `${where}.exponent`));
    const takerOnly = typeof f.takerOnly === 'boolean' ? f.takerOnly : true;
    try {
      return polymarketFeeModel(rate, exponent, takerOnly);
    } catch (e) {
      throw new PolyCodecError(`${where}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  return schedule.ok
    ? { enabled, type, schedule: schedule.value }
    : { enabled, type, schedule: undefined, problem: schedule.error.message };
}

function gammaMarket(w: WireGammaMarket, root: string): GammaMarket {
  const outcomes = encodedList(w.outcomes, `${root}.outcomes`).map((x) => x.toLowerCase());
  const ids = encodedList(w.clobTokenIds, `${root}.clobTokenIds`);
  const yes = outcomes.indexOf('yes');
  const no = outcomes.indexOf('no');
  if (ids.length !== outcomes.length || yes < 0 || no < 0)
    fail(`${root}.outcomes (expected Yes and No with a token each)`, w.outcomes);
  const end = Date.parse(w.endDate);
  if (Number.isNaN(end)) fail(`${root}.endDate`, w.endDate);
  return {
    conditionId: w.conditionId,
    question: w.question,
    subtitle: w.groupItemTitle ?? undefined,
    tokens: { yes: ids[yes]!, no: ids[no]! },
    active: w.active ?? true,
    closed: w.closed ?? false,
    acceptingOrders: w.acceptingOrders ?? true,
    endDateMs: end,
    negRiskOther: w.negRiskOther ?? false,
    fees: gammaFees(w, root),
  };
}

function gammaEvent(w: WireGammaEvent, root: string): GammaEvent {
  return {
    id: w.id,
    slug: w.slug,
    title: w.title,
    negRisk: w.negRisk ?? false,
    augmented: w.negRiskAugmented ?? false,
    markets: (w.markets ?? []).map((m, i) => gammaMarket(m, `${root}.markets[${i}]`)),
  };
}

export const decodeGammaMarket = (raw: unknown, root = 'market'): Result<GammaMarket, PolyCodecError> =>
  attempt(() => gammaMarket(shape(WireGammaMarket, raw, root), root));

export const decodeGammaEvent = (raw: unknown, root = 'event'): Result<GammaEvent, PolyCodecError> =>
  attempt(() => gammaEvent(shape(WireGammaEvent, raw, root), root));

/** Gamma `GET /events`: a page of events. */
export function decodeGammaEvents(raw: unknown): Result<GammaEvent[], PolyCodecError> {
  const w = checkShape(WireGammaEvents, raw, 'events');
  if (!w.ok) return err(w.error);
  return attempt(() => w.value.map((e, i) => gammaEvent(e, `events[${i}]`)));
}
