/**
 * The field-level decoding every Kalshi decoder shares (REST here, the WebSocket book frames, orders and the
 * `user_orders` channel): a zod check whose error lists every bad field with its path, and exact string → unit
 * conversions (`_dollars` prices, `_fp` counts) whose error names the field. Never NaN, never a half-built value.
 */
import type { z } from 'zod';
import { err, ok, type Result } from '../../../core/errors.ts';
import {
  PX_ONE,
  type Px,
  pxFromDollars,
  type Qty,
  qtyFromDecimal,
  signedQtyFromDecimal,
} from '../../../core/units.ts';
import { KalshiCodecError } from '../errors.ts';

const fail = (message: string) => err(new KalshiCodecError(message));

/** JSON text → a schema-checked value; the error lists every bad field with its path. */
export function decodeJson<T>(schema: z.ZodType<T>, text: string, what: string): Result<T, KalshiCodecError> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail(`${what}: malformed JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return checkShape(schema, raw, what);
}

export function checkShape<T>(schema: z.ZodType<T>, raw: unknown, what: string): Result<T, KalshiCodecError> {
  const r = schema.safeParse(raw);
  if (r.success) return ok(r.data);
  const issues = r.error.issues.map(
    (i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`,
  );
  return fail(`${what}: ${issues.join('; ')}`);
}

/** Runs exact unit conversions; a UnitError becomes a codec error naming `field`. */
export function unit<T>(field: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new KalshiCodecError(`${field}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Collects codec errors thrown by `unit` into a Result. */
export function attempt<T>(f: () => T): Result<T, KalshiCodecError> {
  try {
    return ok(f());
  } catch (e) {
    if (e instanceof KalshiCodecError) return err(e);
    throw e;
  }
}

/** A tradable price: strictly between 0 and 1. */
export function parseTradablePx(field: string, text: string): Px {
  const px = unit(field, () => pxFromDollars(text));
  if (px <= 0 || px >= PX_ONE)
    throw new KalshiCodecError(`${field}: price ${JSON.stringify(text)} is not inside (0, 1)`);
  return px;
}

export const parseCount = (field: string, text: string): Qty => unit(field, () => qtyFromDecimal(text));
export const parseSignedCount = (field: string, text: string): number =>
  unit(field, () => signedQtyFromDecimal(text));
