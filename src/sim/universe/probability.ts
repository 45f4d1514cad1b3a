/**
 * Where the scenario's true probabilities come from. Floats are fine here: these are model probabilities, not
 * money. Every p0 is rounded to four decimals so scenario files stay readable, and kept inside [0.03, 0.97]
 * so no market starts pinned to a price edge where market makers cannot quote both sides.
 */
import type { Rng } from '../../core/rng.ts';
import { normalCdf } from '../normal-distribution.ts';

export const P_MIN = 0.03;
export const P_MAX = 0.97;

const round4 = (p: number): number => Math.round(p * 10_000) / 10_000;

/** A probability in [lo, hi] (defaults to the scenario's allowed range), rounded to four decimals. */
export function clampP(p: number, lo = P_MIN, hi = P_MAX): number {
  return round4(Math.min(hi, Math.max(lo, p)));
}

/**
 * Shares of an exclusive-exhaustive outcome set: each at least `floor`, the rest split by `weights`, rounded to
 * four decimals with the largest absorbing the rounding so the floating sum is 1 to within 1e-12.
 */
export function exclusiveShares(weights: readonly number[], floor = P_MIN): number[] {
  const n = weights.length;
  if (n < 2) throw new RangeError('an exclusive set needs at least two outcomes');
  if (n * floor >= 1) throw new RangeError(`${n} outcomes cannot each have ${floor}`);
  const total = weights.reduce((a, w) => a + Math.max(0, w), 0);
  const spare = 1 - n * floor;
  const shares = weights.map((w) => round4(floor + (spare * Math.max(0, w)) / (total || 1)));
  let largest = 0;
  shares.forEach((s, i) => {
    if (s > shares[largest]!) largest = i;
  });
  const rest = shares.reduce((a, s, i) => (i === largest ? a : a + s), 0);
  shares[largest] = 1 - rest;
  return shares;
}

/** Two-outcome split (a game's winner): team A's share drawn around `meanA`, B gets the rest. */
export function twoWay(rng: Rng, meanA = 0.5, sd = 0.16): [number, number] {
  const a = clampP(rng.normal(meanA, sd), 0.08, 0.92);
  return [a, 1 - a];
}

/**
 * Weights for a crowded field (an election, an award): a few favourites and a long tail, by a noisy power law
 * in rank order so the listing order is the market's order of likelihood.
 */
export function fieldWeights(rng: Rng, n: number, steepness = 1.3): number[] {
  return Array.from({ length: n }, (_, i) => (1 / (i + 1) ** steepness) * Math.exp(rng.normal(0, 0.25)));
}

/**
 * P(value > K) for a log-normal value around `spot` with log-volatility `sigma`, for each threshold.
 * Thresholds whose probability falls outside [P_MIN, P_MAX] (or collides with its neighbour after rounding)
 * are dropped, so the survivors are strictly decreasing: exactly what a ladder group requires.
 */
export function ladderProbabilities(spot: number, sigma: number, thresholds: readonly number[]): Rungs {
  const sorted = [...thresholds].sort((a, b) => a - b);
  return strictlyDecreasingRungs(
    sorted,
    sorted.map((k) => 1 - normalCdf(Math.log(k / spot) / sigma)),
  );
}

/** Same as `ladderProbabilities` for a normally distributed value (CPI prints, unemployment, game totals). */
export function normalLadderProbabilities(mean: number, sd: number, thresholds: readonly number[]): Rungs {
  const sorted = [...thresholds].sort((a, b) => a - b);
  return strictlyDecreasingRungs(
    sorted,
    sorted.map((k) => 1 - normalCdf((k - mean) / sd)),
  );
}

export interface Rungs {
  readonly thresholds: number[];
  readonly p: number[];
}

/**
 * Keeps the rungs (ascending thresholds) whose rounded probability lies in [P_MIN, P_MAX] and is strictly
 * below the previous kept one, so the result is a valid ladder however the probabilities were modelled.
 */
export function strictlyDecreasingRungs(thresholds: readonly number[], p: readonly number[]): Rungs {
  const out: Rungs = { thresholds: [], p: [] };
  thresholds.forEach((k, i) => {
    const q = round4(p[i]!);
    const prev = out.p[out.p.length - 1];
    if (q < P_MIN || q > P_MAX || (prev !== undefined && q >= prev)) return;
    out.thresholds.push(k);
    out.p.push(q);
  });
  return out;
}

/** Probability mass of each bucket of a normal value cut at `edges` (ascending): edges.length + 1 buckets. */
export function normalBuckets(mean: number, sd: number, edges: readonly number[]): number[] {
  const cdf = edges.map((e) => normalCdf((e - mean) / sd));
  return [...cdf, 1].map((c, i) => c - (i === 0 ? 0 : cdf[i - 1]!));
}
