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

/** Milliseconds from a string or number of ms ("1767225600000"). */
export function msOf(v: string | number, field: string): number {
  const s = decimalText(v, field);
  if (!/^\d{1,15}$/.test(s)) return fail(`${field} (expected integer ms)`, v);
  return Number(s);
}

/** Unix seconds (string or number) → ms. */
export function secondsToMs(v: string | number, field: string): number {
  const s = decimalText(v, field);
  if (!/^\d{1,12}$/.test(s)) return fail(`${field} (expected unix seconds)`, v);
  return Number(s) * 1000;
}

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
