/**
 * A synthetic, deterministic trading universe for the hot-path benchmarks: 10,000 markets (half Kalshi on
 * linear-cent grids, half Polymarket on 0.01 or 0.001 ticks, each with its venue's fee model) and 5,000
 * relations of every kind, built the way real ones arise:
 *
 * - mirrored events: one Kalshi event and one Polymarket event listing the same exclusive outcomes, each pair of
 *   outcomes declared equivalent (two `exclusive` relations + k `equivalent` ones; the event-tree shapes then
 *   buy each outcome on either venue);
 * - single-venue exclusive events (Kalshi mutually exclusive events, Polymarket negRisk), some not exhaustive;
 * - cross-venue binary pairs, half with inverted polarity ("X wins" here, "X loses" there);
 * - same-venue parity pairs;
 * - threshold ladders ("above 100", "above 110", …): each higher threshold implies the one below;
 * - the rest standalone (only their own YES + NO shape).
 *
 * Every market gets a fair probability consistent with its relations, so books built around it are arbitrage-
 * free until the update stream dislocates them.
 */
import { type FeeModel, kalshiFeeModel, polymarketFeeModel } from '../src/core/fees.ts';
import { kalshiGrid, type MarketId, type TickGrid, uniformGrid, type Venue } from '../src/core/market.ts';
import type { Rng } from '../src/core/rng.ts';
import { asPx, asQty, type Qty } from '../src/core/units.ts';
import type { ResolvedRelation } from '../src/hot/shapes.ts';

export interface BenchMarket {
  readonly id: MarketId;
  readonly venue: Venue;
  /** Kalshi ticker; Polymarket condition id. */
  readonly key: string;
  /** Polymarket YES token id (the token the adapter follows). */
  readonly assetId: string;
  readonly grid: TickGrid;
  /** Tick size in Px. */
  readonly tick: number;
  readonly fees: FeeModel;
  readonly minSize: Qty;
  /** Fair YES probability in Px (a float): books are built around it. */
  fair: number;
}

export interface Universe {
  readonly markets: BenchMarket[];
  readonly kalshi: BenchMarket[];
  readonly polymarket: BenchMarket[];
  readonly relations: ResolvedRelation[];
  /** Relations by kind, for the report. */
  readonly counts: Record<string, number>;
}

export interface UniverseSize {
  readonly marketsPerVenue: number;
  readonly relations: number;
}

export const FULL_SIZE: UniverseSize = { marketsPerVenue: 5_000, relations: 5_000 };

/**
 * Keys as discovery hands them over: flat strings read from JSON. Built by concatenation, they would be rope
 * strings (cons strings), slower to hash and compare than any key a real adapter holds.
 */
const flat = (s: string): string => JSON.parse(JSON.stringify(s)) as string;
const hex = (rng: Rng, n: number): string =>
  Array.from({ length: n }, () => '0123456789abcdef'[rng.int(0, 15)]).join('');
const digits = (rng: Rng, n: number): string =>
  String(rng.int(1, 9)) + Array.from({ length: n - 1 }, () => String(rng.int(0, 9))).join('');

/** Splits `total` Px into `k` positive shares (a flat Dirichlet), each at least 300 Px (3 cents). */
function split(rng: Rng, k: number, total: number): number[] {
  const w = Array.from({ length: k }, () => rng.exponential(1) + 0.05);
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => 300 + ((total - 300 * k) * x) / sum);
}

export function buildUniverse(rng: Rng, size: UniverseSize = FULL_SIZE): Universe {
  const markets: BenchMarket[] = [];
  const kalshi: BenchMarket[] = [];
  const polymarket: BenchMarket[] = [];
  const relations: ResolvedRelation[] = [];
  const counts: Record<string, number> = {};
  const relate = (r: ResolvedRelation, label: string): void => {
    relations.push(r);
    counts[label] = (counts[label] ?? 0) + 1;
  };

  const make = (venue: Venue, fair: number, event: string): BenchMarket => {
    const list = venue === 'kalshi' ? kalshi : polymarket;
    if (list.length >= size.marketsPerVenue) throw new Error(`universe: out of ${venue} markets`);
    const fine = venue === 'polymarket' && rng.bool(0.2);
    const m: BenchMarket = {
      id: markets.length as MarketId,
      venue,
      key: flat(venue === 'kalshi' ? `KX${event}-${list.length}` : `0x${hex(rng, 64)}`),
      assetId: venue === 'kalshi' ? '' : flat(digits(rng, 77)),
      grid: venue === 'kalshi' ? kalshiGrid('linear_cent') : uniformGrid(asPx(fine ? 10 : 100)),
      tick: fine ? 10 : 100,
      fees: venue === 'kalshi' ? kalshiFee(rng) : polyFee(rng),
      minSize: asQty(venue === 'kalshi' ? 100 : 500),
      fair: Math.min(9_700, Math.max(300, fair)),
    };
    markets.push(m);
    list.push(m);
    return m;
  };
  const room = (k: number, p: number): boolean =>
    kalshi.length + k <= size.marketsPerVenue && polymarket.length + p <= size.marketsPerVenue;
  const left = (): number => size.relations - relations.length;
  const exclusive = (ms: BenchMarket[], exhaustive: boolean, id: string): void =>
    relate({ kind: 'exclusive', id, markets: ms.map((m) => m.id), exhaustive }, 'exclusive');
  const equivalent = (a: BenchMarket, b: BenchMarket, polarity: 'same' | 'inverted', id: string): void =>
    relate(
      { kind: 'equivalent', id, a: a.id, b: b.id, polarity },
      a.venue === b.venue ? `parity_${polarity}` : `cross_${polarity}`,
    );

  // The plan, in quotas; each step stops early if the universe runs out of markets or relations.
  for (let e = 0; e < 400 && room(6, 6) && left() >= 14; e++) {
    const k = rng.int(2, 6);
    const exhaustive = rng.bool(0.8);
    const fairs = split(rng, exhaustive ? k : k + 1, 10_000).slice(0, k);
    const ks = fairs.map((f) => make('kalshi', f, `MIR${e}`));
    const ps = fairs.map((f) => make('polymarket', f, `MIR${e}`));
    exclusive(ks, exhaustive, `mir${e}-k`);
    exclusive(ps, exhaustive, `mir${e}-p`);
    ks.forEach((km, i) => equivalent(km, ps[i]!, 'same', `mir${e}-eq${i}`));
  }
  for (let e = 0; e < 600 && room(6, 6) && left() > 0; e++) {
    const venue: Venue = e % 2 === 0 ? 'kalshi' : 'polymarket';
    const k = rng.int(2, 6);
    const exhaustive = rng.bool(0.75);
    const fairs = split(rng, exhaustive ? k : k + 1, 10_000).slice(0, k);
    exclusive(
      fairs.map((f) => make(venue, f, `EVT${e}`)),
      exhaustive,
      `evt${e}`,
    );
  }
  for (let p = 0; p < 700 && room(1, 1) && left() > 0; p++) {
    const fair = rng.int(500, 9_500);
    const inverted = p % 2 === 1;
    const a = make('kalshi', fair, `PAIR${p}`);
    const b = make('polymarket', inverted ? 10_000 - fair : fair, `PAIR${p}`);
    equivalent(a, b, inverted ? 'inverted' : 'same', `pair${p}`);
  }
  for (let p = 0; p < 100 && room(2, 2) && left() > 0; p++) {
    const venue: Venue = p % 2 === 0 ? 'kalshi' : 'polymarket';
    const fair = rng.int(500, 9_500);
    const inverted = p % 4 >= 2;
    const a = make(venue, fair, `PAR${p}`);
    const b = make(venue, inverted ? 10_000 - fair : fair, `PAR${p}`);
    equivalent(a, b, inverted ? 'inverted' : 'same', `par${p}`);
  }
  // Ladders fill the remaining relations: P(above t) falls as t rises, and above t_(i+1) implies above t_i.
  for (let l = 0; left() > 0; l++) {
    const venue: Venue = l % 2 === 0 ? 'kalshi' : 'polymarket';
    const n = Math.min(rng.int(3, 7), left() + 1);
    if (!room(venue === 'kalshi' ? n : 0, venue === 'kalshi' ? 0 : n))
      throw new Error('universe: too few markets for the relations asked');
    let fair = rng.int(7_000, 9_500);
    const rungs: BenchMarket[] = [];
    for (let i = 0; i < n; i++) {
      rungs.push(make(venue, fair, `LAD${l}`));
      fair = Math.max(300, fair - rng.int(500, 2_000));
    }
    for (let i = 1; i < n; i++)
      relate({ kind: 'implies', id: `lad${l}-${i}`, a: rungs[i]!.id, b: rungs[i - 1]!.id }, 'implies');
  }
  while (kalshi.length < size.marketsPerVenue) make('kalshi', rng.int(300, 9_700), 'SOLO');
  while (polymarket.length < size.marketsPerVenue) make('polymarket', rng.int(300, 9_700), 'SOLO');
  return { markets, kalshi, polymarket, relations, counts };
}

/** Kalshi: the standard quadratic taker fee; some series also charge makers, a few at a multiplier. */
function kalshiFee(rng: Rng): FeeModel {
  const r = rng.float();
  if (r < 0.15) return kalshiFeeModel({ makerFees: true });
  if (r < 0.2) return kalshiFeeModel({ multiplierPpm: 500_000 });
  return kalshiFeeModel();
}

/** Polymarket: many markets fee-free; the rest at category rates (P6). */
function polyFee(rng: Rng): FeeModel {
  return polymarketFeeModel(rng.pick([0, 0, 0, 30_000, 40_000, 70_000]));
}
