/**
 * Gamma events with their markets (discovery) → core units. One odd market never fails a page: a market that
 * does not decode is skipped with its reason (discovery refuses it, so the engine counts and logs it, and its
 * event is not taken as exhaustive), and so is every market of an event that does not decode.
 */
import { err, ok, type Result } from '../../../core/errors.ts';
import { polymarketFeeModel, type PolymarketFeeModel } from '../../../core/fees.ts';
import { PolyCodecError } from '../errors.ts';
import { attempt, checkShape, decimalText, fail, shape, timeMsOf } from './decode-fields.ts';
import { type BinaryTokens, binaryTokens, ratePpm } from './decode-markets.ts';
import { WireFeeSchedule, WireGammaEvent, WireGammaEvents, WireGammaMarket } from './schemas.ts';

/**
 * What a Gamma market says about fees (observed: `feesEnabled`, `feeType`, `feeSchedule {rate, exponent,
 * takerOnly, rebateRate}`). Each part may be missing; a schedule that cannot be read is a `problem`, not an
 * error for the whole page (one odd market must not stop discovery).
 */
export interface GammaFees {
  readonly enabled: boolean | undefined;
  readonly type: string | undefined;
  readonly schedule: PolymarketFeeModel | undefined;
  /**
   * `feeSchedule.rebateRate`, ppm of the taker fees paid back to makers: kept for the record, not in the model
   * (the venue pays rebates later and off the fill: a maker fill costs nothing either way).
   */
  readonly rebatePpm?: number;
  readonly problem?: string;
}

export interface GammaMarket extends BinaryTokens {
  readonly conditionId: string;
  readonly question: string;
  readonly subtitle: string | undefined;
  readonly active: boolean;
  readonly closed: boolean;
  readonly acceptingOrders: boolean;
  readonly endDateMs: number;
  readonly negRiskOther: boolean;
  readonly fees: GammaFees;
}

/** A market Gamma lists that could not be read: its condition id when that much was readable, and why. */
export interface SkippedMarket {
  readonly key: string;
  readonly reason: string;
}

export interface GammaEvent {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly negRisk: boolean;
  readonly augmented: boolean;
  readonly markets: GammaMarket[];
  /** Markets of the event that did not decode (their keys still belong to the event). */
  readonly skipped: SkippedMarket[];
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
  let rebatePpm: number | undefined;
  const schedule = attempt(() => {
    const f = shape(WireFeeSchedule, w.feeSchedule, where);
    if (f.rebateRate !== undefined && f.rebateRate !== null)
      rebatePpm = ratePpm(f.rebateRate, `${where}.rebateRate`);
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
    ? { enabled, type, schedule: schedule.value, ...(rebatePpm === undefined ? {} : { rebatePpm }) }
    : { enabled, type, schedule: undefined, problem: schedule.error.message };
}

function gammaMarket(w: WireGammaMarket, root: string): GammaMarket {
  const outcomes = encodedList(w.outcomes, `${root}.outcomes`);
  const ids = encodedList(w.clobTokenIds, `${root}.clobTokenIds`);
  if (ids.length !== outcomes.length) fail(`${root}.clobTokenIds (one token per outcome)`, w.clobTokenIds);
  const end = timeMsOf(w.endDate, `${root}.endDate`);
  return {
    conditionId: w.conditionId,
    question: w.question,
    subtitle: w.groupItemTitle ?? undefined,
    ...binaryTokens(
      ids.map((token, i) => ({ token, label: outcomes[i]! })),
      `${root}.outcomes`,
    ),
    active: w.active ?? true,
    closed: w.closed ?? false,
    acceptingOrders: w.acceptingOrders ?? true,
    endDateMs: end,
    negRiskOther: w.negRiskOther ?? false,
    fees: gammaFees(w, root),
  };
}

/** A raw market's condition id, if it has a readable one (to name a market that does not decode). */
const conditionIdOf = (raw: unknown): string | undefined => {
  const c =
    typeof raw === 'object' && raw !== null ? (raw as { conditionId?: unknown }).conditionId : undefined;
  return typeof c === 'string' && c !== '' ? c : undefined;
};

function gammaEvent(w: WireGammaEvent, root: string): GammaEvent {
  const markets: GammaMarket[] = [];
  const skipped: SkippedMarket[] = [];
  (w.markets ?? []).forEach((raw, i) => {
    const r = decodeGammaMarket(raw, `${root}.markets[${i}]`);
    if (r.ok) markets.push(r.value);
    else skipped.push({ key: conditionIdOf(raw) ?? `${w.slug}#${i}`, reason: r.error.message });
  });
  return {
    id: w.id,
    slug: w.slug,
    title: w.title,
    negRisk: w.negRisk ?? false,
    augmented: w.negRiskAugmented ?? false,
    markets,
    skipped,
  };
}

export const decodeGammaMarket = (raw: unknown, root = 'market'): Result<GammaMarket, PolyCodecError> =>
  attempt(() => gammaMarket(shape(WireGammaMarket, raw, root), root));

export const decodeGammaEvent = (raw: unknown, root = 'event'): Result<GammaEvent, PolyCodecError> =>
  attempt(() => gammaEvent(shape(WireGammaEvent, raw, root), root));

/** A page of Gamma `GET /events`: the events read, and the markets skipped in events that could not be. */
export interface GammaPage {
  readonly events: GammaEvent[];
  readonly skipped: SkippedMarket[];
  /** Events the page held, read or not (paging stops at a short page). */
  readonly listed: number;
}

/** Gamma `GET /events`: a list is required; each event is read on its own. */
export function decodeGammaEvents(raw: unknown): Result<GammaPage, PolyCodecError> {
  const w = checkShape(WireGammaEvents, raw, 'events');
  if (!w.ok) return err(w.error);
  const events: GammaEvent[] = [];
  const skipped: SkippedMarket[] = [];
  w.value.forEach((rawEvent, i) => {
    const e = decodeGammaEvent(rawEvent, `events[${i}]`);
    if (e.ok) return void events.push(e.value);
    const rawMarkets = (rawEvent as { markets?: unknown } | null)?.markets;
    const keys = Array.isArray(rawMarkets) ? rawMarkets.flatMap((m) => conditionIdOf(m) ?? []) : [];
    for (const key of keys.length > 0 ? keys : [`events[${i}]`])
      skipped.push({ key, reason: e.error.message });
  });
  return ok({ events, skipped, listed: w.value.length });
}
