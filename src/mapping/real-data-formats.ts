/**
 * The recorded real-data formats the NBA converter reads, validated loosely (only the fields we use; extra
 * fields pass): another bot's Kalshi↔Polymarket pairs file, a raw Kalshi `/events` response and a raw
 * Polymarket Gamma `/events` dump. These are offline fixtures, not venue payloads on the hot path, so they
 * are parsed here rather than in a venue folder.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../core/errors.ts';
import { issueError, joinPath, type MappingIssue } from './issues.ts';

export const pairsFileSchema = z.object({
  markets: z.array(
    z.object({
      event_id: z.string(),
      sport: z.string(),
      description: z.string().optional(),
      kalshi: z.object({
        markets: z.object({ main: z.string().min(1), opponent: z.string().min(1) }),
        market_a_refers_to: z.string().optional(),
      }),
      polymarket: z.object({ markets: z.object({ slug: z.string().optional() }).optional() }).optional(),
      /** Team code → Polymarket token id, written in the market's outcome order (checked against Gamma). */
      poly_token_ids: z.record(z.string(), z.string()).optional(),
      poly_condition_id: z.string().optional(),
      poly_title: z.string().optional(),
    }),
  ),
});
export type PairsFile = z.infer<typeof pairsFileSchema>;
export type PairEntry = PairsFile['markets'][number];

export const kalshiEventsSchema = z.object({
  events: z.array(
    z.object({
      event_ticker: z.string(),
      series_ticker: z.string().optional(),
      title: z.string(),
      sub_title: z.string().optional(),
      mutually_exclusive: z.boolean().optional(),
    }),
  ),
});
export type KalshiEvents = z.infer<typeof kalshiEventsSchema>;

/** Gamma encodes `outcomes` and `clobTokenIds` as JSON strings inside the JSON. */
const jsonStringList = z.string().transform((s, ctx) => {
  try {
    const v: unknown = JSON.parse(s);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    // fall through to the issue below
  }
  ctx.addIssue({ code: 'custom', message: 'expected a JSON-encoded list of strings' });
  return z.NEVER;
});

export const gammaEventsSchema = z.array(
  z.object({
    slug: z.string(),
    title: z.string().optional(),
    negRisk: z.boolean().optional(),
    markets: z.array(
      z.object({
        conditionId: z.string(),
        question: z.string().optional(),
        slug: z.string().optional(),
        endDate: z.string().optional(),
        outcomes: jsonStringList.optional(),
        clobTokenIds: jsonStringList.optional(),
        closed: z.boolean().optional(),
        negRiskOther: z.boolean().optional(),
        sportsMarketType: z.string().optional(),
      }),
    ),
  }),
);
export type GammaEvents = z.infer<typeof gammaEventsSchema>;
export type GammaMarket = GammaEvents[number]['markets'][number];

/** Parses `data` or returns the first few problems, path-qualified under `name`. */
export function parseWith<T>(schema: z.ZodType<T>, data: unknown, name: string): Result<T, MappingIssue[]> {
  const r = schema.safeParse(data);
  if (r.success) return ok(r.data);
  return err(
    r.error.issues.slice(0, 10).map((i) => issueError(joinPath([name, ...i.path.map(String)]), i.message)),
  );
}
