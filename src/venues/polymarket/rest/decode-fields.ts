/**
 * The field-level decoding every Polymarket decoder shares (REST here, and the WebSocket frames in ws/): a zod
 * check whose error names each bad field by its path (`clob-market.t (expected a list): unexpected "x"`), and
 * exact conversions of venue numbers (strings, or JSON numbers from Gamma and `/clob-markets`) to core units,
 * never through a float, whose errors name the field. Never NaN, never a half-built value.
 */
import type { z } from 'zod';
import { err, ok, type Result } from '../../../core/errors.ts';
import { type Level, normalizeLevels, type Outcome } from '../../../core/market.ts';
import { PX_ONE, type Px, pxFromDollars, type Qty, qtyFromDecimal } from '../../../core/units.ts';
import { PolyCodecError } from '../errors.ts';

const shown = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.slice(0, 80);
};

/** Throw the decoders' one error: `field (why): unexpected value`. */
export function fail(field: string, v: unknown): never {
  throw new PolyCodecError(`${field}: unexpected ${shown(v)}`);
}

/** `frame` + `['price_changes', 0, 'side']` → `frame.price_changes[0].side`. */
export function fieldPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : `.${String(k)}`;
  return out;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const k of path)
    v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** A schema check; the error names every bad field (up to three) with what was expected and what came. */
export function checkShape<T>(schema: z.ZodType<T>, raw: unknown, root: string): Result<T, PolyCodecError> {
  const r = schema.safeParse(raw);
  if (r.success) return ok(r.data);
  const issues = r.error.issues.slice(0, 3).map((i) => {
    const why = i.code === 'invalid_type' ? `expected ${EXPECTED[i.expected] ?? i.expected}` : i.message;
    return `${fieldPath(root, i.path)} (${why}): unexpected ${shown(valueAt(raw, i.path))}`;
  });
  return err(new PolyCodecError(issues.join('; ')));
}

/** As `checkShape`, throwing: for decoders that convert fields right after the check. */
export function shape<T>(schema: z.ZodType<T>, raw: unknown, root: string): T {
  const r = checkShape(schema, raw, root);
  if (!r.ok) throw r.error;
  return r.value;
}

/** Runs a decoder that throws `PolyCodecError` (and only that) and returns its outcome as a Result. */
export function attempt<T>(f: () => T): Result<T, PolyCodecError> {
  try {
    return ok(f());
  } catch (e) {
    if (e instanceof PolyCodecError) return err(e);
    throw e;
  }
}

/** JSON text → a value; the error says the body is not JSON. */
export function parseJson(text: string, what: string): Result<unknown, PolyCodecError> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return err(new PolyCodecError(`${what}: response is not JSON: ${JSON.stringify(text.slice(0, 60))}`));
  }
}

/** A unit conversion that names the field when it fails. */
export function unit<T>(field: string, text: string, f: (s: string) => T): T {
  try {
    return f(text);
  } catch (e) {
    throw new PolyCodecError(`${field}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A decimal given as a string or a JSON number, as text; a number in exponent form is refused. */
export function decimalText(v: string | number, field: string): string {
  if (typeof v === 'string') return v;
  const s = String(v);
  if (!Number.isFinite(v) || /e/i.test(s)) return fail(`${field} (number out of range)`, v);
  return s;
}

export const pxOf = (v: string | number, field: string): Px =>
  unit(field, decimalText(v, field), pxFromDollars);
export const qtyOf = (v: string | number, field: string): Qty =>
  unit(field, decimalText(v, field), qtyFromDecimal);

/** A price a level can carry: strictly between 0 and 1. */
export function tradablePxOf(v: string | number, field: string): Px {
  const px = pxOf(v, field);
  if (px <= 0 || px >= PX_ONE) fail(`${field} (outside (0, 1))`, v);
  return px;
}

/** Below this, bare digits read as `auto` are seconds: 1e11 s is the year 5138, 1e11 ms is 1973. */
const SECONDS_BELOW = 1e11;
const DIGITS = /^(\d{1,16})(?:\.(\d{1,9}))?$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** ISO 8601 text → ms, or undefined when it is not a real instant (month 13, 25:00, Feb 30). */
function isoMs(s: string): number | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, se] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const frac = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(y, mo - 1, d, h, mi, se, frac);
  const back = new Date(utc);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h) return undefined;
  if (mi > 59 || se > 59) return undefined;
  // No zone: UTC (the venue's times are UTC; a local reading would move with the machine's zone).
  const zone = (m[8] ?? 'Z').toUpperCase();
  if (zone === 'Z') return utc;
  const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  const offsetMin = Number(z[2]) * 60 + Number(z[3] ?? 0);
  return utc - (z[1] === '-' ? -1 : 1) * offsetMin * 60_000;
}

/**
 * A time in any form the venue's fields are seen in (reference, "Observed in real traffic"): unix seconds or
 * milliseconds as a string or a JSON number, with an optional fraction, or ISO 8601 (`2026-01-05T02:30:00Z`,
 * `2026-01-05 02:30:00+00` as Gamma writes `gameStartTime`, a date alone being midnight UTC). `digits` says how
 * bare digits read: `auto` where a field is seen both ways (trades' `match_time`, orders' `created_at`: below
 * 1e11 they are seconds), `ms` where the field is documented and seen in ms only (the WebSocket `timestamp`).
 * Sub-millisecond fractions are dropped.
 */
export function timeMsOf(v: string | number, field: string, digits: 'ms' | 'auto' = 'auto'): number {
  const s = decimalText(v, field).trim();
  const d = DIGITS.exec(s);
  if (d) {
    const whole = Number(d[1]);
    const frac = d[2] ?? '';
    if (digits === 'auto' && whole < SECONDS_BELOW)
      return whole * 1000 + Number(frac.padEnd(3, '0').slice(0, 3));
    if (Number.isSafeInteger(whole)) return whole;
  } else {
    const ms = isoMs(s);
    if (ms !== undefined && Number.isFinite(ms)) return ms;
  }
  return fail(`${field} (expected unix seconds, milliseconds or ISO 8601)`, v);
}

/** Milliseconds from a field documented in ms ("1767225600000"), or ISO 8601. */
export const msOf = (v: string | number, field: string): number => timeMsOf(v, field, 'ms');

/** `[{price, size}]` → levels best first for `side`; a price listed twice is an error, not summed. */
export function levelsOf(
  levels: readonly { readonly price: string | number; readonly size: string | number }[],
  side: 'bid' | 'ask',
  field: string,
): Level[] {
  const seen = new Set<number>();
  const out: Level[] = [];
  for (const [i, l] of levels.entries()) {
    const px = tradablePxOf(l.price, `${field}[${i}].price`);
    const qty = qtyOf(l.size, `${field}[${i}].size`);
    if (seen.has(px)) fail(`${field}[${i}].price (listed twice)`, l.price);
    seen.add(px);
    out.push({ px, qty });
  }
  return normalizeLevels(out, side);
}

/** An outcome label (`Yes`, `NO`, …) → our outcome; anything else is not known (the token decides then). */
export const outcomeLabel = (v: unknown): Outcome | undefined => {
  const s = typeof v === 'string' ? v.toLowerCase() : '';
  return s === 'yes' ? 'YES' : s === 'no' ? 'NO' : undefined;
};
