/**
 * Codec primitives: typed field readers that throw `PolyCodecError` naming the field, and exact conversions of
 * venue numbers (strings or JSON numbers) to core units, never through a float.
 */
import { type Level, normalizeLevels } from '../../core/market.ts';
import { type Px, pxFromDollars, type Qty, qtyFromDecimal } from '../../core/units.ts';

export class PolyCodecError extends Error {
  readonly code = 'POLYMARKET.MALFORMED';
  constructor(message: string) {
    super(message);
    this.name = 'PolyCodecError';
  }
}

export type Obj = Record<string, unknown>;

export const fail = (what: string, v: unknown): never => {
  const shown = JSON.stringify(v);
  throw new PolyCodecError(`${what}: unexpected ${shown === undefined ? 'undefined' : shown.slice(0, 80)}`);
};

export function obj(v: unknown, what: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(`${what} (expected an object)`, v);
  return v as Obj;
}

export function arr(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) return fail(`${what} (expected a list)`, v);
  return v;
}

export function str(o: Obj, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== 'string') return fail(`${what}.${key} (expected a string)`, v);
  return v;
}

export function optStr(o: Obj, key: string, what: string): string | undefined {
  return o[key] === undefined || o[key] === null ? undefined : str(o, key, what);
}

export function bool(o: Obj, key: string, what: string, dflt?: boolean): boolean {
  const v = o[key];
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== 'boolean') return fail(`${what}.${key} (expected true or false)`, v);
  return v;
}

/** A unit conversion that names the field when it fails. */
export function unit<T>(what: string, text: string, f: (s: string) => T): T {
  try {
    return f(text);
  } catch (e) {
    throw new PolyCodecError(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A decimal given as a string or a JSON number (Gamma and `/clob-markets` send numbers). */
export function decimalText(v: unknown, what: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) {
    const s = String(v);
    if (/e/i.test(s)) return fail(`${what} (number out of range)`, v);
    return s;
  }
  return fail(`${what} (expected a decimal)`, v);
}

export const pxOf = (v: unknown, what: string): Px => unit(what, decimalText(v, what), pxFromDollars);
export const qtyOf = (v: unknown, what: string): Qty => unit(what, decimalText(v, what), qtyFromDecimal);

/** Milliseconds from a string or number of ms ("1767225600000"). */
export function msOf(v: unknown, what: string): number {
  const s = decimalText(v, what);
  if (!/^\d{1,15}$/.test(s)) return fail(`${what} (expected integer ms)`, v);
  return Number(s);
}

/** Unix seconds (string or number) → ms. */
export function secondsToMs(v: unknown, what: string): number {
  const s = decimalText(v, what);
  if (!/^\d{1,12}$/.test(s)) return fail(`${what} (expected unix seconds)`, v);
  return Number(s) * 1000;
}

/** `[{price, size}]` → levels best first for `side`; duplicate prices are an error, not summed. */
export function parseLevels(v: unknown, side: 'bid' | 'ask', what: string): Level[] {
  const seen = new Set<number>();
  const out: Level[] = [];
  for (const [i, item] of arr(v, what).entries()) {
    const o = obj(item, `${what}[${i}]`);
    const px = pxOf(o.price, `${what}[${i}].price`);
    const qty = qtyOf(o.size, `${what}[${i}].size`);
    if (px <= 0 || px >= 10_000) fail(`${what}[${i}].price (outside (0, 1))`, o.price);
    if (seen.has(px)) fail(`${what}[${i}].price (listed twice)`, o.price);
    seen.add(px);
    out.push({ px, qty });
  }
  return normalizeLevels(out, side);
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PolyCodecError(`${what}: response is not JSON: ${JSON.stringify(text.slice(0, 60))}`);
  }
}

/** An error body: `{"error": "...", "errorMsg": "..."}`, tolerating text and odd shapes. */
export function parseErrorBody(text: string): { error: string; errorMsg: string } {
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'object' && v !== null) {
      const o = v as Obj;
      const error =
        typeof o.error === 'string' ? o.error : o.error === undefined ? '' : JSON.stringify(o.error);
      return { error, errorMsg: typeof o.errorMsg === 'string' ? o.errorMsg : '' };
    }
    return { error: String(v), errorMsg: '' };
  } catch {
    return { error: text.slice(0, 200), errorMsg: '' };
  }
}
