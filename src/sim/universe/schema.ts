/**
 * The scenario file format: `types.ts` as a zod schema. Grids are either `{ranges: [{start, end, step}]}` in Px
 * integers or a Kalshi price-level-structure name; fees are the core FeeModel objects. Optional fields a
 * hand-written file rarely cares about (description, start time, process knobs, bot cash) have the defaults the
 * built-in scenarios use. Shapes are checked here, element by element; cross-references in `validate.ts`.
 */
import { z } from 'zod';
import { kalshiGrid, type TickGrid } from '../../core/market.ts';
import { asPx, asQty } from '../../core/units.ts';
import { DEFAULT_START_TIME_MS } from './default-scenario.ts';
import { DEFAULT_BOT_CASH_MICROS, DEFAULT_PROCESS } from './process.ts';
import type { ScenarioMarket } from './types.ts';

const KALSHI_STRUCTURES = ['linear_cent', 'deci_cent', 'tapered_deci_cent'] as const;
const nonEmpty = z.string().min(1, 'must not be empty');
const ppm = z.int().min(0).max(1_000_000);
const px = z.int().min(0).max(10_000);
const range = (lo: number) =>
  z
    .tuple([z.number().min(lo), z.number().min(lo)])
    .refine(([min, max]) => min <= max, 'expected [min, max] with min ≤ max');

const tickRange = z
  .strictObject({ start: px, end: px, step: z.int().min(1).max(10_000) })
  .refine((r) => r.start <= r.end, 'start must not exceed end');

const grid = z.union([
  z.enum(KALSHI_STRUCTURES),
  z.strictObject({ ranges: z.array(tickRange).min(1, 'a grid needs at least one range') }),
]);

const fees = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('kalshi'), takerRatePpm: ppm, makerRatePpm: ppm, multiplierPpm: ppm }),
  z.strictObject({
    kind: z.literal('polymarket'),
    ratePpm: ppm,
    exponent: z.int().min(1).max(4),
    takerOnly: z.boolean(),
  }),
  z.strictObject({ kind: z.literal('none') }),
]);

export const propositionSchema = z.strictObject({
  id: nonEmpty,
  statement: z.string(),
  p0: z.number().gt(0, 'must be above 0').lt(1, 'must be below 1'),
});

export const groupSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('independent'), id: nonEmpty, props: z.array(nonEmpty) }),
  z.strictObject({
    kind: z.literal('exclusive'),
    id: nonEmpty,
    props: z.array(nonEmpty).min(2),
    exhaustive: z.boolean(),
  }),
  z.strictObject({
    kind: z.literal('ladder'),
    id: nonEmpty,
    props: z.array(nonEmpty).min(1),
    thresholds: z.array(z.number()),
  }),
]);

export const marketSchema = z.strictObject({
  venue: z.enum(['kalshi', 'polymarket']),
  key: nonEmpty,
  eventKey: nonEmpty,
  seriesKey: nonEmpty.optional(),
  title: z.string(),
  subtitle: z.string().optional(),
  slug: nonEmpty.optional(),
  questionId: nonEmpty.optional(),
  tokens: z.strictObject({ yes: nonEmpty, no: nonEmpty }).optional(),
  outcomes: z.tuple([nonEmpty, nonEmpty]).optional(),
  prop: nonEmpty,
  inverted: z.boolean().default(false),
  grid,
  priceLevelStructure: z.enum(KALSHI_STRUCTURES).optional(),
  minSize: z.int().min(1, 'must be at least 1 Qty (0.01 contract)'),
  fees,
  openTimeMs: z.int(),
  closeTimeMs: z.int(),
  placeholder: z.boolean().optional(),
});

export const eventSchema = z.strictObject({
  venue: z.enum(['kalshi', 'polymarket']),
  key: nonEmpty,
  title: z.string(),
  subtitle: z.string().optional(),
  seriesKey: nonEmpty.optional(),
  category: z.string(),
  mutuallyExclusive: z.boolean(),
  negRisk: z.boolean().optional(),
  negRiskAugmented: z.boolean().optional(),
  id: nonEmpty.optional(),
  markets: z.array(nonEmpty),
});

const d = DEFAULT_PROCESS;
export const processSchema = z.strictObject({
  mmRequoteMs: z.int().positive().default(d.mmRequoteMs),
  mmHalfSpreadTicks: z.int().min(0).default(d.mmHalfSpreadTicks),
  mmLevels: z.int().positive().default(d.mmLevels),
  mmLevelContracts: range(0).default([...d.mmLevelContracts] as [number, number]),
  driftVolPerSqrtHour: z.number().min(0).default(d.driftVolPerSqrtHour),
  driftStepMs: z.int().positive().default(d.driftStepMs),
  noiseTradesPerMarketHour: z.number().min(0).default(d.noiseTradesPerMarketHour),
  noiseTradeContracts: range(0).default([...d.noiseTradeContracts] as [number, number]),
  newsShocksPerHour: z.number().min(0).default(d.newsShocksPerHour),
  newsShockSize: range(0).default([...d.newsShockSize] as [number, number]),
  venueLagMs: range(0).default([...d.venueLagMs] as [number, number]),
});

/** The top level; list elements are checked one by one so one bad market does not hide the others' problems. */
export const scenarioFileSchema = z.strictObject({
  name: nonEmpty,
  description: z.string().default(''),
  /** Ignored in favour of the run's seed (kept so a written scenario reads back unchanged). */
  seed: z.int().optional(),
  startTimeMs: z.int().default(DEFAULT_START_TIME_MS),
  propositions: z.array(z.unknown()),
  groups: z.array(z.unknown()).default([]),
  events: z.array(z.unknown()).default([]),
  markets: z.array(z.unknown()),
  process: processSchema.prefault({}),
  botCashMicros: z.int().min(0).default(DEFAULT_BOT_CASH_MICROS),
});

/** A parsed market in the file's form → the scenario's, resolving a named grid to its price ranges. */
export function toScenarioMarket(m: z.infer<typeof marketSchema>): ScenarioMarket {
  const { grid, priceLevelStructure, ...rest } = m;
  const tickGrid: TickGrid =
    typeof grid === 'string'
      ? kalshiGrid(grid)
      : { ranges: grid.ranges.map((r) => ({ start: asPx(r.start), end: asPx(r.end), step: asPx(r.step) })) };
  return withoutUndefined({
    ...rest,
    grid: tickGrid,
    priceLevelStructure: priceLevelStructure ?? (typeof grid === 'string' ? grid : undefined),
    minSize: asQty(m.minSize),
  }) as ScenarioMarket;
}

/** Drops keys zod leaves as `undefined` so the result satisfies `exactOptionalPropertyTypes`. */
export function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
