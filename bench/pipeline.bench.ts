/**
 * The hot path of issue 6: venue WebSocket frame text → the adapter's own decoder and book synchroniser →
 * `BookStore` → incremental detection of the affected relations, at 10,000 markets and 5,000 relations.
 *
 * Per venue, one continuous stream of real wire frames is played through one pipeline:
 *   1. warm-up (JIT, caches), untimed;
 *   2. every update timed on its own (`hrtime.bigint()` around the call, nothing subtracted): median, p99, max;
 *   3. small batches timed as a whole: the mean per update without per-call timer cost, and updates per second;
 *   4. detection alone on the same stream: after each update, `onBookChange` (incremental) and `rescan` (every
 *      shape) on the same book state, timed apart; their medians give the speed-up.
 * Then the pipeline's books must equal the generator's, no resync may have been asked for, and the detector's
 * live set must equal a full rescan's: a benchmark of a broken pipeline would be worthless.
 * Polymarket runs with hash checking off (the stream's hashes are right, but checking costs more than the rest
 * of the path together); a shorter run with it on is reported apart.
 */
import { hrtime } from 'node:process';
import type { MarketId } from '../src/core/market.ts';
import { buildFixture, type Fixture, loadPipeline, type VenueStream } from './fixture.ts';
import { type BenchResult, round, summarize, timerOverheadNs } from './harness.ts';
import type { Pipeline } from './pipeline.ts';

const SEED = 6;
const WARM = 20_000;
const TIMED = 100_000;
const BATCH = 100;
const BATCHED = 100_000;
/** Updates with a full rescan each: a rescan prices every shape, so this is sampled, not the whole stream. */
const RESCANS = 300;
const FRAMES = WARM + TIMED + BATCHED + RESCANS;
const HASHED_WARM = 5_000;
const HASHED_TIMED = 20_000;
/** Updates timed with the engine's own market-id lookup, after the same warm-up. */
const ROUTED_TIMED = 40_000;

type Venue = 'kalshi' | 'polymarket';
const log = (s: string): void => void process.stderr.write(`  ${s}\n`);
const secondsSince = (t0: bigint): string => (Number(hrtime.bigint() - t0) / 1e9).toFixed(1);

type Feed = (frame: Buffer, ts: number) => void;

function feeder(p: Pipeline, venue: Venue): Feed {
  return venue === 'kalshi' ? (f, ts) => p.kalshiFrame(f, ts) : (f, ts) => p.polyFrame(f, ts);
}

/** Time each of `n` frames from `from` on its own; returns the samples (ns). */
function timeEach(feed: Feed, s: VenueStream, from: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const frame = s.frames[from + k]!;
    const ts = s.ts[from + k]!;
    const t0 = hrtime.bigint();
    feed(frame, ts);
    out[k] = Number(hrtime.bigint() - t0);
  }
  return out;
}

interface DetectSamples {
  incremental: number[];
  rescan: number[];
}

function runVenue(p: Pipeline, fx: Fixture, venue: Venue, detect: DetectSamples): BenchResult[] {
  const s = fx[venue];
  const feed = feeder(p, venue);
  let i = 0;
  for (; i < WARM; i++) feed(s.frames[i]!, s.ts[i]!);

  const evals0 = p.detector.evaluations;
  const opps0 = p.opportunities;
  const each = timeEach(feed, s, i, TIMED);
  i += TIMED;
  const shapesPerUpdate = (p.detector.evaluations - evals0) / TIMED;
  const oppsPerUpdate = (p.opportunities - opps0) / TIMED;

  const batches = new Float64Array(BATCHED / BATCH);
  let total = 0;
  for (let b = 0; b < batches.length; b++) {
    const t0 = hrtime.bigint();
    for (let k = 0; k < BATCH; k++, i++) feed(s.frames[i]!, s.ts[i]!);
    const ns = Number(hrtime.bigint() - t0);
    total += ns;
    batches[b] = ns / BATCH;
  }
  const perSecond = Math.round(BATCHED / (total / 1e9));

  // Detection alone: the frame goes through decode and books untimed, then both detectors see the same state.
  p.detect = false;
  for (let k = 0; k < 10; k++) p.detector.rescan(s.ts[i]!);
  for (let k = 0; k < RESCANS; k++, i++) {
    const ts = s.ts[i]!;
    feed(s.frames[i]!, ts);
    const m = p.lastMarket as MarketId;
    const t0 = hrtime.bigint();
    p.detector.onBookChange(m, ts);
    const t1 = hrtime.bigint();
    p.detector.rescan(ts);
    const t2 = hrtime.bigint();
    detect.incremental.push(Number(t1 - t0));
    detect.rescan.push(Number(t2 - t1));
  }
  p.detect = true;
  for (; i < s.frames.length; i++) feed(s.frames[i]!, s.ts[i]!);

  const pipeline = summarize(
    `pipeline.${venue}`,
    'ns/update',
    each,
    `each update timed alone; ${shapesPerUpdate.toFixed(2)} shapes re-priced and ` +
      `${(oppsPerUpdate * 100).toFixed(2)}% opportunity reports per update`,
  );
  return [
    pipeline,
    summarize(`pipeline.${venue}.batched`, 'ns/update', batches, `mean per update over batches of ${BATCH}`),
    { name: `pipeline.${venue}.throughput`, unit: 'updates/s', median: perSecond, n: BATCHED },
  ];
}

/** The pipeline must have done the work for real: same books as the generator, no resyncs, detection exact. */
function check(p: Pipeline, fx: Fixture): void {
  if (p.kalshiCommands !== 0 || p.polyResyncs !== 0)
    throw new Error(`bench stream caused resyncs (kalshi ${p.kalshiCommands}, poly ${p.polyResyncs})`);
  for (const mirror of fx.mirrors) {
    const id = mirror.market.id;
    const got = p.books.levels(id);
    const same = (a: readonly { px: number; qty: number }[], b: readonly { px: number; qty: number }[]) =>
      a.length === b.length && a.every((l, k) => l.px === b[k]!.px && l.qty === b[k]!.qty);
    if (
      !p.books.isTrusted(id) ||
      !same(got.yesBids, mirror.levels('bid')) ||
      !same(got.yesAsks, mirror.levels('ask'))
    )
      throw new Error(`book of ${mirror.market.venue} ${mirror.market.key} differs from the stream's`);
  }
  const live = [...p.detector.opportunities().keys()].sort((a, b) => a - b).join(',');
  const full = [...p.detector.rescan(fx.polymarket.ts.at(-1)!).keys()].sort((a, b) => a - b).join(',');
  if (live !== full) throw new Error('incremental detection disagrees with a full rescan');
}

function hashedPolymarket(fx: Fixture): BenchResult {
  const p = loadPipeline(fx, { verifyHashes: true });
  const feed = feeder(p, 'polymarket');
  for (let i = 0; i < HASHED_WARM; i++) feed(fx.polymarket.frames[i]!, fx.polymarket.ts[i]!);
  const each = timeEach(feed, fx.polymarket, HASHED_WARM, HASHED_TIMED);
  if (p.polyResyncs !== 0) throw new Error('hash-checked stream saw mismatches');
  return summarize(
    'pipeline.polymarket.hash_checked',
    'ns/update',
    each,
    'the same stream with book hashes checked (the adapter default): SHA-1 of the whole book per frame',
  );
}

/** The same stream start, routed through `MarketIdTable.get` as `src/exec/engine.ts` routes it today. */
function engineRouted(fx: Fixture, venue: Venue): BenchResult {
  const p = loadPipeline(fx, { verifyHashes: false, engineRouting: true });
  const feed = feeder(p, venue);
  for (let i = 0; i < WARM; i++) feed(fx[venue].frames[i]!, fx[venue].ts[i]!);
  return summarize(
    `pipeline.${venue}.engine_routing`,
    'ns/update',
    timeEach(feed, fx[venue], WARM, ROUTED_TIMED),
    'market id found with MarketIdTable.get (one map per venue), as the engine does',
  );
}

export function pipelineBenches(): BenchResult[] {
  let t0 = hrtime.bigint();
  const fx = buildFixture(SEED, FRAMES, HASHED_WARM + HASHED_TIMED);
  const u = fx.universe;
  log(
    `fixture: ${u.markets.length} markets, ${u.relations.length} relations ` +
      `(${Object.entries(u.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}), ${fx.kalshi.frames.length + fx.polymarket.frames.length} frames, ` +
      `${fx.jumps} jumps, in ${secondsSince(t0)} s`,
  );
  t0 = hrtime.bigint();
  const p = loadPipeline(fx, { verifyHashes: false });
  log(`pipeline: ${p.detector.shapes.length} shapes, every book live, in ${secondsSince(t0)} s`);

  const overhead = timerOverheadNs();
  const results: BenchResult[] = [
    summarize('harness.timer_overhead', 'ns', overhead, 'an hrtime.bigint() pair with nothing between'),
  ];
  const detect: DetectSamples = { incremental: [], rescan: [] };
  for (const venue of ['kalshi', 'polymarket'] as const) {
    t0 = hrtime.bigint();
    results.push(...runVenue(p, fx, venue, detect));
    log(`${venue}: ${fx[venue].frames.length} frames in ${secondsSince(t0)} s`);
  }
  check(p, fx);
  log(`checked: books equal the stream's, no resyncs, incremental = rescan (${p.opportunities} reports)`);

  const inc = summarize('detect.incremental', 'ns/update', Float64Array.from(detect.incremental));
  const full = summarize(
    'detect.rescan',
    'ns/update',
    Float64Array.from(detect.rescan),
    `every one of ${p.detector.shapes.length} shapes, sampled on ${RESCANS} updates per venue`,
  );
  results.push(inc, full, {
    name: 'detect.incremental_vs_rescan',
    unit: 'ratio',
    median: round(full.median / inc.median),
    n: detect.incremental.length,
    note: 'median rescan ns / median incremental ns, detection alone, same updates and book states',
  });
  t0 = hrtime.bigint();
  results.push(engineRouted(fx, 'kalshi'), engineRouted(fx, 'polymarket'));
  log(`engine routing: ${secondsSince(t0)} s`);
  t0 = hrtime.bigint();
  results.push(hashedPolymarket(fx));
  log(`polymarket with hashes: ${secondsSince(t0)} s`);
  return results;
}
