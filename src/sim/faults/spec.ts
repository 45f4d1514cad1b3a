/**
 * Fault specs: what can go wrong, where, how often and when. Validated with zod so a malformed spec is refused
 * with path-qualified messages ("[1].params.ms: …") instead of half-applying.
 */
import { BOT_ACCOUNT } from '../venue-exchanges.ts';
import { z } from 'zod';
import type { Venue } from '../../core/market.ts';
import type { RejectCode } from '../engine/types.ts';

export const REST_KINDS = ['latency', 'http_429', 'http_5xx', 'timeout', 'drop_response'] as const;
export const WS_KINDS = [
  'ws_disconnect',
  'ws_gap',
  'ws_duplicate',
  'ws_reorder',
  'ws_malformed',
  'book_stale',
  'book_freeze',
] as const;
export const EXCHANGE_KINDS = ['reject_orders', 'partial_fill', 'halt', 'cancel_only'] as const;
export const PROCESS_KINDS = ['price_jump'] as const;
export const FAULT_KINDS = [...REST_KINDS, ...WS_KINDS, ...EXCHANGE_KINDS, ...PROCESS_KINDS] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultVenue = Venue | '*';

const REJECT_CODES = [
  'MARKET_NOT_FOUND',
  'MARKET_NOT_OPEN',
  'EXCHANGE_HALTED',
  'CANCEL_ONLY',
  'INVALID_PRICE',
  'INVALID_SIZE',
  'BELOW_MIN_SIZE',
  'INVALID_EXPIRATION',
  'INSUFFICIENT_BALANCE',
  'INSUFFICIENT_POSITION',
  'POST_ONLY_WOULD_CROSS',
  'FOK_NOT_FILLED',
  'DUPLICATE_CLIENT_ORDER_ID',
  'DUPLICATE_ORDER_ID',
  'ORDER_NOT_FOUND',
  'ORDER_NOT_OPEN',
  'NOT_OWNER',
  'INJECTED_REJECT',
] as const satisfies readonly RejectCode[];

const ms = z.number().min(0, 'must be ≥ 0 ms').finite();
const market = z.string().min(1).optional();
/** Which account an order fault hits: the bot by default (agents keep the simulated market liquid), "*" for all. */
const faultAccount = z.string().min(1).default(BOT_ACCOUNT);
const noParams = z.strictObject({}).prefault({});

/** Fixed ms, uniform `[min, max]`, or normal `{mean, sd}` (clamped at 0). */
const latencyMs = z.union(
  [
    ms,
    z.tuple([ms, ms]).refine(([lo, hi]) => lo <= hi, 'uniform range needs min ≤ max'),
    z.strictObject({ mean: ms, sd: ms }),
  ],
  { error: 'expected a number of ms, a uniform range [min, max] or a normal {mean, sd}' },
);

const PARAMS = {
  latency: z.strictObject({ ms: latencyMs }),
  http_429: noParams,
  http_5xx: z.strictObject({ status: z.int().min(500).max(599).default(500) }).prefault({}),
  timeout: noParams,
  drop_response: noParams,
  /** A close code sends a clean close frame with it; without one the socket is cut (the client sees 1006). */
  ws_disconnect: z
    .strictObject({
      code: z
        .int()
        .min(1000)
        .max(4999)
        .refine(
          (c) => ![1004, 1005, 1006, 1015].includes(c),
          'reserved close code; omit it to cut the socket',
        )
        .optional(),
    })
    .prefault({}),
  ws_gap: z.strictObject({ market }).prefault({}),
  ws_duplicate: z.strictObject({ market }).prefault({}),
  ws_malformed: z.strictObject({ market }).prefault({}),
  ws_reorder: z.strictObject({ market, maxHoldMs: z.int().positive().default(1000) }).prefault({}),
  book_stale: z.strictObject({ ms: z.int().positive(), market }),
  /** `process: true` also stops the price process requoting the market, so the real book stands still too. */
  book_freeze: z.strictObject({ market, process: z.boolean().default(false) }).prefault({}),
  /** Order faults hit the bot's account unless `account` names another, or `"*"` for every account. */
  reject_orders: z
    .strictObject({ code: z.enum(REJECT_CODES).default('INJECTED_REJECT'), market, account: faultAccount })
    .prefault({}),
  /** Fill at most `fraction` of each order's size now (floored to 0.01 contract); the rest follows its TIF. */
  partial_fill: z.strictObject({
    fraction: z.number().min(0).lt(1, 'must be below 1'),
    market,
    account: faultAccount,
  }),
  halt: noParams,
  cancel_only: noParams,
  /** `yesDelta` in probability units: 0.05 moves the fair YES price up five points. */
  price_jump: z.strictObject({
    market: z.string().min(1),
    yesDelta: z
      .number()
      .gt(-1)
      .lt(1)
      .refine((d) => d !== 0, 'must not be 0'),
  }),
} as const satisfies Record<FaultKind, z.ZodType>;

const base = {
  venue: z.enum(['kalshi', 'polymarket', '*']),
  /** REST: `METHOD /path/glob`, `/path/glob` (any method) or `*`; WS kinds: a channel name or `*`. */
  endpoint: z.string().min(1).optional(),
  probability: z.number().min(0).max(1).default(1),
  /** Apply at most this many times. */
  count: z.int().positive().optional(),
  /** Active from this sim-clock time (ms since epoch) … */
  fromMs: z.number().finite().optional(),
  /** … until just before this one. */
  untilMs: z.number().finite().optional(),
  /** Free text to recognise the fault by in listings. */
  label: z.string().optional(),
};

const kindSchema = <K extends FaultKind>(kind: K) =>
  z.strictObject({ ...base, kind: z.literal(kind), params: PARAMS[kind] });

const SPEC = z
  .discriminatedUnion('kind', [
    kindSchema('latency'),
    kindSchema('http_429'),
    kindSchema('http_5xx'),
    kindSchema('timeout'),
    kindSchema('drop_response'),
    kindSchema('ws_disconnect'),
    kindSchema('ws_gap'),
    kindSchema('ws_duplicate'),
    kindSchema('ws_reorder'),
    kindSchema('ws_malformed'),
    kindSchema('book_stale'),
    kindSchema('book_freeze'),
    kindSchema('reject_orders'),
    kindSchema('partial_fill'),
    kindSchema('halt'),
    kindSchema('cancel_only'),
    kindSchema('price_jump'),
  ])
  .superRefine((s, ctx) => {
    if (s.fromMs !== undefined && s.untilMs !== undefined && s.untilMs <= s.fromMs) {
      ctx.addIssue({ code: 'custom', path: ['untilMs'], message: 'must be after fromMs' });
    }
    const category = categoryOf(s.kind);
    if (s.endpoint !== undefined) {
      if (category === 'exchange' || category === 'process') {
        ctx.addIssue({
          code: 'custom',
          path: ['endpoint'],
          message: `does not apply to ${s.kind}${s.kind === 'halt' || s.kind === 'cancel_only' ? '' : ' (use params.market)'}`,
        });
      } else if (category === 'rest' && !REST_ENDPOINT.test(s.endpoint)) {
        ctx.addIssue({
          code: 'custom',
          path: ['endpoint'],
          message: 'expected "METHOD /path" (e.g. "POST /portfolio/*"), "/path" or "*"',
        });
      } else if (category === 'ws' && /\s/.test(s.endpoint)) {
        ctx.addIssue({ code: 'custom', path: ['endpoint'], message: 'expected a channel name or "*"' });
      }
    }
    const oneShot = category === 'process' || s.kind === 'halt' || s.kind === 'cancel_only';
    if (oneShot && s.count !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['count'],
        message: `does not apply to ${s.kind}, which acts once while active (bound it with untilMs)`,
      });
    }
    if (oneShot && s.probability !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['probability'],
        message: `does not apply to ${s.kind}, which switches on at fromMs (schedule it instead)`,
      });
    }
    if (s.kind === 'price_jump' && s.venue === '*') {
      ctx.addIssue({
        code: 'custom',
        path: ['venue'],
        message: 'price_jump needs one venue: market keys are per venue',
      });
    }
  });

export type FaultSpec = z.output<typeof SPEC>;
/** What a caller writes: defaults may be left out. */
export type FaultSpecInput = z.input<typeof SPEC>;
export type FaultSpecOf<K extends FaultKind> = Extract<FaultSpec, { kind: K }>;

const REST_ENDPOINT = /^(?:(?:[A-Z]+|\*) +)?(?:\/\S*|\*)$/;

export type FaultCategory = 'rest' | 'ws' | 'exchange' | 'process';

export function categoryOf(kind: FaultKind): FaultCategory {
  if ((REST_KINDS as readonly string[]).includes(kind)) return 'rest';
  if ((WS_KINDS as readonly string[]).includes(kind)) return 'ws';
  if ((EXCHANGE_KINDS as readonly string[]).includes(kind)) return 'exchange';
  return 'process';
}

export interface SpecIssue {
  /** "params.ms", "[2].kind", or "(root)". */
  readonly path: string;
  readonly message: string;
}

export type SpecParse<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: SpecIssue[] };

/** Validate one spec. `prefix` qualifies paths when the spec sits in a list. */
export function parseFaultSpec(input: unknown, prefix: (string | number)[] = []): SpecParse<FaultSpec> {
  const kind = typeof input === 'object' && input !== null ? (input as { kind?: unknown }).kind : undefined;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ path: formatPath(prefix), message: 'expected a fault spec object' }] };
  }
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    const got = kind === undefined ? 'missing' : `unknown fault kind ${JSON.stringify(kind)}`;
    return {
      ok: false,
      issues: [
        {
          path: formatPath([...prefix, 'kind']),
          message: `${got}; expected one of: ${FAULT_KINDS.join(', ')}`,
        },
      ],
    };
  }
  const r = SPEC.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({
      path: formatPath([...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]),
      message: i.code === 'unrecognized_keys' ? `unknown key(s): ${i.keys.join(', ')}` : i.message,
    })),
  };
}

/** One spec or a list; a list is all-or-nothing, with issues from every bad element. */
export function parseFaultSpecs(input: unknown): SpecParse<FaultSpec[]> {
  const list = Array.isArray(input) ? input : [input];
  const specs: FaultSpec[] = [];
  const issues: SpecIssue[] = [];
  list.forEach((item, i) => {
    const r = parseFaultSpec(item, Array.isArray(input) ? [i] : []);
    if (r.ok) specs.push(r.value);
    else issues.push(...r.issues);
  });
  if (Array.isArray(input) && input.length === 0)
    issues.push({ path: '(root)', message: 'empty list of faults' });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: specs };
}

export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(root)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function formatIssues(issues: readonly SpecIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}

/** Thrown by `FaultInjector.add` for a spec that does not validate. */
export class FaultSpecError extends Error {
  constructor(readonly issues: readonly SpecIssue[]) {
    super(`invalid fault spec: ${formatIssues(issues)}`);
    this.name = 'FaultSpecError';
  }
}
