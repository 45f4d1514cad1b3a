/**
 * A small, honest micro-benchmark harness: warm up, then take many samples, each timing a batch of calls
 * (so the timer's own cost is amortised), and report the median, p99 and max of the per-call times.
 * Speed is asserted here, in `npm run bench`, never in unit tests.
 */
import { hrtime } from 'node:process';

export interface BenchResult {
  readonly name: string;
  readonly unit: string;
  readonly median: number;
  readonly p99?: number;
  readonly max?: number;
  readonly n?: number;
  readonly note?: string;
}

export interface TimeOptions {
  /** Calls per sample. */
  readonly batch?: number;
  readonly samples?: number;
  readonly warmupSamples?: number;
}

/** A sink the optimiser cannot prove unused. */
export let blackhole: unknown;
export const consume = (v: unknown): void => {
  blackhole = v;
};

function quantile(sorted: readonly number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

/** Time `fn(i)` and report nanoseconds per call. */
export function timeNsPerCall(name: string, fn: (i: number) => unknown, opts: TimeOptions = {}): BenchResult {
  const batch = opts.batch ?? 1_000;
  const samples = opts.samples ?? 200;
  const perCall: number[] = [];
  let k = 0;
  for (let s = 0; s < (opts.warmupSamples ?? 20) + samples; s++) {
    const t0 = hrtime.bigint();
    for (let i = 0; i < batch; i++) consume(fn(k++));
    const ns = Number(hrtime.bigint() - t0) / batch;
    if (s >= (opts.warmupSamples ?? 20)) perCall.push(ns);
  }
  perCall.sort((a, b) => a - b);
  return {
    name,
    unit: 'ns/call',
    median: round(quantile(perCall, 0.5)),
    p99: round(quantile(perCall, 0.99)),
    max: round(perCall[perCall.length - 1]!),
    n: samples * batch,
  };
}

export const round = (x: number): number => Math.round(x * 10) / 10;

/** Median, p99 and max of per-event samples (in the unit given), with their count. */
export function summarize(name: string, unit: string, samples: Float64Array, note?: string): BenchResult {
  const sorted = Array.from(samples).sort((a, b) => a - b);
  return {
    name,
    unit,
    median: round(quantile(sorted, 0.5)),
    p99: round(quantile(sorted, 0.99)),
    max: round(sorted[sorted.length - 1]!),
    n: sorted.length,
    ...(note === undefined ? {} : { note }),
  };
}

/** What one `hrtime.bigint()` pair costs with nothing between: the floor under every per-event sample. */
export function timerOverheadNs(samples = 200_000): Float64Array {
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const t0 = hrtime.bigint();
    out[i] = Number(hrtime.bigint() - t0);
  }
  return out;
}
