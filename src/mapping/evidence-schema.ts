/**
 * The version 2 parts of the mapping schema: per-market evidence and operator approvals. Every field is
 * optional (a missing field means "unknown"); what is present must be well formed, with messages that say
 * what was expected.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

const shown = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

/** `2026-01-09T00:00:00Z`, with optional seconds, fraction and a `Z` or `±hh:mm` offset. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

const isoTime = (field: string) =>
  z
    .string({
      error: (i) => `${field} must be an ISO 8601 time like 2026-01-09T23:00:00Z (got ${shown(i.input)})`,
    })
    .refine((s) => ISO_INSTANT.test(s) && Number.isFinite(Date.parse(s)), {
      error: (i) => `${field} must be an ISO 8601 time like 2026-01-09T23:00:00Z (got ${shown(i.input)})`,
    });

const text = (field: string) =>
  z
    .string({ error: (i) => `${field} must be a string (got ${shown(i.input)})` })
    .min(1, { error: `${field} must not be empty` });

const clause = (field: string) =>
  z.union([z.boolean(), z.string().min(1)], {
    error: (i) =>
      `${field} must be true or the clause's text (the rules have it) or false (they do not) (got ${shown(i.input)})`,
  });

export const clausesSchema = z.strictObject({
  void: clause('void').exactOptional(),
  fiftyFifty: clause('fiftyFifty').exactOptional(),
  earlyClose: clause('earlyClose').exactOptional(),
});

export const sha256Hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

export const rulesSchema = z
  .strictObject({
    text: text('rules.text').exactOptional(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, { error: 'rules.sha256 must be 64 lower-case hex digits' })
      .exactOptional(),
    from: text('rules.from').exactOptional(),
  })
  .superRefine((r, ctx) => {
    if (r.text === undefined && r.sha256 === undefined)
      ctx.addIssue({
        code: 'custom',
        message: 'rules needs its text or its sha256 (with from: where the text is)',
      });
    else if (r.text !== undefined && r.sha256 !== undefined && sha256Hex(r.text) !== r.sha256)
      ctx.addIssue({
        code: 'custom',
        path: ['sha256'],
        message: `rules.sha256 does not match rules.text (the text hashes to ${sha256Hex(r.text)})`,
      });
  });

export const evidenceSchema = z.strictObject({
  title: text('title').exactOptional(),
  yesMeans: text('yesMeans').exactOptional(),
  resolutionSource: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
      error: (i) => `resolutionSource must be a name or a list of names (got ${shown(i.input)})`,
    })
    .exactOptional(),
  closeTime: isoTime('closeTime').exactOptional(),
  settlementTime: isoTime('settlementTime').exactOptional(),
  rules: rulesSchema.exactOptional(),
  clauses: clausesSchema.exactOptional(),
});

export const approvalSchema = z.strictObject({
  by: text('approval.by'),
  at: isoTime('approval.at'),
  reason: text('approval.reason'),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/, {
    error: 'approval.hash must be sha256:<64 hex digits> (written by arb mapping approve)',
  }),
  covers: z.array(z.string(), { error: 'approval.covers must be a list of reason codes' }),
});

/** Keys of each version 2 object, for "unknown key" messages. */
export const V2_KEYS: Readonly<Record<string, readonly string[]>> = {
  evidence: Object.keys(evidenceSchema.shape),
  rules: ['text', 'sha256', 'from'],
  clauses: Object.keys(clausesSchema.shape),
  approval: Object.keys(approvalSchema.shape),
};
