/** Request bodies of the admin API's POST endpoints, validated so a bad call gets a 400 that says what is wrong. */
import { z } from 'zod';

export const ResolveBody = z.strictObject({ market: z.string().min(1), result: z.enum(['YES', 'NO']) });
export const ExchangeStatusBody = z.strictObject({ status: z.enum(['open', 'cancel_only', 'halted']) });
export const ProcessBody = z.strictObject({ paused: z.boolean() });
export const AdvanceBody = z.strictObject({
  ms: z
    .int()
    .positive()
    .max(366 * 24 * 3_600_000),
});
/** Dollars as a decimal string or a plain number; converted exactly through its text. */
export const DepositBody = z.strictObject({
  account: z.string().min(1),
  usd: z.union([z.string(), z.number()], { error: 'expected dollars as a string ("100.00") or a number' }),
});

export type BodyParse<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): BodyParse<T> {
  if (body === undefined) return { ok: false, message: 'missing JSON body' };
  const r = schema.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    message: r.error.issues
      .map((i) => {
        const path = i.path.length > 0 ? i.path.join('.') : '(body)';
        return `${path}: ${i.code === 'unrecognized_keys' ? `unknown key(s): ${i.keys.join(', ')}` : i.message}`;
      })
      .join('; '),
  };
}
