/**
 * Field builders shared by the config schema. Secrets and dollar amounts are tagged in `fieldTags` so the
 * code that redacts secrets and prints dollars finds them by walking the schema, not from a second list
 * that could drift from it.
 */
import { z } from 'zod';
import { microsFromUsd, type Micros } from '../../core/units.ts';

export interface FieldTag {
  /** Never printed or logged: replaced by "[redacted]". */
  secret?: boolean;
  /** Written in dollars in the file, held as integer micros. */
  usd?: boolean;
}

export const fieldTags = z.registry<FieldTag>();

/** A credential. Optional: a missing credential is the live-mode gate's business, not the schema's. */
export function secret() {
  return z.string().min(1, 'must not be empty').optional().register(fieldTags, { secret: true });
}

export function httpUrl() {
  return z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).optional();
}

export function wsUrl() {
  return z.url({ protocol: /^wss?$/, error: 'expected a ws:// or wss:// URL' }).optional();
}

/**
 * A dollar amount given as a string ("250.00") or a number (250), stored as integer micros. The conversion
 * goes through the decimal text (never float arithmetic), so "0.10" is exactly 100000 micros, and anything
 * that is not a plain decimal ("1e-3", "abc", more than 6 decimals) is rejected rather than rounded.
 */
export function usd(defaultDollars: string) {
  return z
    .union([z.string(), z.number()], { error: 'expected a dollar amount such as "250.00" or 250' })
    .transform((value, ctx): Micros => {
      const text = String(value);
      let micros: Micros;
      try {
        micros = microsFromUsd(text);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        ctx.addIssue({
          code: 'custom',
          message: `not an exact dollar amount (write e.g. "250.00" or 250): ${why}`,
        });
        return z.NEVER;
      }
      if (micros < 0) {
        ctx.addIssue({ code: 'custom', message: `must not be negative, got ${JSON.stringify(text)}` });
        return z.NEVER;
      }
      return micros;
    })
    .prefault(defaultDollars)
    .register(fieldTags, { usd: true });
}

/** Contract counts trade in steps of 0.01, so more decimals than that could never be honoured exactly. */
export function contracts(defaultContracts: number) {
  return z
    .number()
    .min(0.01)
    .refine(
      (n) => /^\d+(\.\d{1,2})?$/.test(String(n)),
      'at most 2 decimal places (contracts trade in 0.01 steps)',
    )
    .default(defaultContracts);
}
