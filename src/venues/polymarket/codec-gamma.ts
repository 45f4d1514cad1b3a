/** Gamma discovery payloads: events with nested markets, lists JSON-encoded inside string fields. */
import { polymarketFeeModel, type PolymarketFeeModel } from '../../core/fees.ts';
import { parseScaled } from '../../core/units.ts';
import { arr, bool, decimalText, fail, obj, type Obj, optStr, str, unit } from './codec-base.ts';

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
function encodedList(o: Obj, key: string, what: string): string[] {
  const raw = str(o, key, what);
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return fail(`${what}.${key} (not a JSON-encoded list)`, raw);
  }
  const list = arr(v, `${what}.${key}`);
  if (!list.every((x) => typeof x === 'string')) fail(`${what}.${key} (expected strings)`, raw);
  return list as string[];
}

function gammaFees(o: Obj, what: string): GammaFees {
  const enabled = typeof o.feesEnabled === 'boolean' ? o.feesEnabled : undefined;
  const type = typeof o.feeType === 'string' && o.feeType !== '' ? o.feeType : undefined;
  const raw = o.feeSchedule;
  if (raw === undefined || raw === null) return { enabled, type, schedule: undefined };
  try {
    const f = obj(raw, `${what}.feeSchedule`);
    const rate = unit(`${what}.feeSchedule.rate`, decimalText(f.rate, `${what}.feeSchedule.rate`), (t) =>
      parseScaled(t, 6),
    );
    const exponent = f.exponent === undefined || f.exponent === null ? 1 : Number(f.exponent);
    const takerOnly = typeof f.takerOnly === 'boolean' ? f.takerOnly : true;
    return { enabled, type, schedule: polymarketFeeModel(rate, exponent, takerOnly) };
  } catch (e) {
    const problem = `${what}.feeSchedule: ${e instanceof Error ? e.message : String(e)}`;
    return { enabled, type, schedule: undefined, problem };
  }
}

export function parseGammaMarket(v: unknown, what = 'market'): GammaMarket {
  const o = obj(v, what);
  const outcomes = encodedList(o, 'outcomes', what).map((x) => x.toLowerCase());
  const ids = encodedList(o, 'clobTokenIds', what);
  const yes = outcomes.indexOf('yes');
  const no = outcomes.indexOf('no');
  if (ids.length !== outcomes.length || yes < 0 || no < 0)
    fail(`${what}.outcomes (expected Yes and No with a token each)`, o.outcomes);
  const end = Date.parse(str(o, 'endDate', what));
  if (Number.isNaN(end)) fail(`${what}.endDate`, o.endDate);
  return {
    conditionId: str(o, 'conditionId', what),
    question: str(o, 'question', what),
    subtitle: optStr(o, 'groupItemTitle', what),
    tokens: { yes: ids[yes]!, no: ids[no]! },
    active: bool(o, 'active', what, true),
    closed: bool(o, 'closed', what, false),
    acceptingOrders: bool(o, 'acceptingOrders', what, true),
    endDateMs: end,
    negRiskOther: bool(o, 'negRiskOther', what, false),
    fees: gammaFees(o, what),
  };
}

export function parseGammaEvent(v: unknown, what = 'event'): GammaEvent {
  const o = obj(v, what);
  return {
    id: str(o, 'id', what),
    slug: str(o, 'slug', what),
    title: str(o, 'title', what),
    negRisk: bool(o, 'negRisk', what, false),
    augmented: bool(o, 'negRiskAugmented', what, false),
    markets: arr(o.markets ?? [], `${what}.markets`).map((m, i) =>
      parseGammaMarket(m, `${what}.markets[${i}]`),
    ),
  };
}
