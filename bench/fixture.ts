/**
 * Everything the pipeline benchmarks feed on, generated once and deterministically from a seed: the universe,
 * each venue's initial books as snapshot frames, and each venue's update stream as wire frames with their
 * timestamps. `loadPipeline` builds a fresh pipeline and brings every book live through the adapters' own
 * subscription and snapshot path, so the timed frames meet exactly the state a running engine would have.
 */
import { Rng } from '../src/core/rng.ts';
import { initialBook, type MirrorBook } from './mirror.ts';
import { Pipeline, type PipelineOptions } from './pipeline.ts';
import { ChangeStream, type LevelChange } from './stream.ts';
import { buildUniverse, FULL_SIZE, type Universe, type UniverseSize } from './universe.ts';
import { KalshiWire, polyBook, polyPriceChange } from './wire.ts';

/** Markets per Kalshi subscribe command: the synchroniser's default, so the replies follow its commands. */
export const KALSHI_CHUNK = 25;
const START_MS = 1_767_225_600_000;

export interface VenueStream {
  /** Frame bytes, as a socket hands them over (small buffers share Node's pool, so they sit in sequence). */
  readonly frames: Buffer[];
  /** Receive time of each frame, ms. */
  readonly ts: Float64Array;
}

export interface Fixture {
  readonly universe: Universe;
  /** Subscription replies, then one snapshot per market. */
  readonly kalshiSetup: Buffer[];
  readonly polySetup: Buffer[];
  readonly kalshi: VenueStream;
  readonly polymarket: VenueStream;
  /** The generator's final books, to check the pipeline's against. */
  readonly mirrors: MirrorBook[];
  readonly jumps: number;
}

/**
 * `hashedFrames`: how many Polymarket frames, from the start, carry their real book hash (a run that checks
 * hashes may read only those).
 */
export function buildFixture(
  seed: number,
  framesPerVenue: number,
  hashedFrames: number,
  size: UniverseSize = FULL_SIZE,
): Fixture {
  const rng = new Rng(seed);
  const universe = buildUniverse(rng.fork('universe'), size);
  const bookRng = rng.fork('books');
  const mirrors = universe.markets.map((m) => initialBook(bookRng, m));
  const kalshiWire = new KalshiWire();
  const kBooks = mirrors.filter((b) => b.market.venue === 'kalshi');
  const pBooks = mirrors.filter((b) => b.market.venue === 'polymarket');
  // As the venue answers the synchroniser's subscribes (one per chunk, ids from 1): `subscribed` for the
  // first, a merging `ok` (with its seq) for each later one, each followed by its markets' snapshots.
  const setup: string[] = [];
  for (let i = 0; i * KALSHI_CHUNK < kBooks.length; i++) {
    const chunk = kBooks.slice(i * KALSHI_CHUNK, (i + 1) * KALSHI_CHUNK);
    const subscribed = kBooks.slice(0, (i + 1) * KALSHI_CHUNK).map((b) => b.market.key);
    setup.push(i === 0 ? kalshiWire.subscribed(1) : kalshiWire.ok(i + 1, subscribed));
    for (const b of chunk) setup.push(kalshiWire.snapshot(b));
  }
  const kalshiSetup = setup.map((t) => Buffer.from(t));
  const polySetup = pBooks.map((b) => Buffer.from(polyBook(b, START_MS)));

  let jumps = 0;
  const stream = (
    label: string,
    books: MirrorBook[],
    encode: (c: LevelChange, ts: number, index: number) => string,
  ): VenueStream => {
    const r = rng.fork(label);
    const frames: Buffer[] = [];
    const ts: number[] = [];
    let now = START_MS + 1;
    // Every change is framed (a jump's burst may run a few past the count), so the mirrors end where the
    // pipeline's books must.
    const gen = new ChangeStream(r, r.shuffle([...books]), (c) => {
      now += r.int(0, 2);
      ts.push(now);
      frames.push(Buffer.from(encode(c, now, frames.length)));
    });
    gen.run(framesPerVenue, () => frames.length);
    jumps += gen.jumps;
    return { frames, ts: Float64Array.from(ts) };
  };
  const kalshi = stream('kalshi-stream', kBooks, (c, ts) => kalshiWire.delta(c, ts));
  const polymarket = stream('poly-stream', pBooks, (c, ts, i) => polyPriceChange(c, ts, i < hashedFrames));
  return { universe, kalshiSetup, polySetup, kalshi, polymarket, mirrors, jumps };
}

/** A fresh pipeline with every book live (subscribed, snapshotted), ready for the streams. */
export function loadPipeline(fx: Fixture, opts: PipelineOptions): Pipeline {
  const p = new Pipeline(fx.universe, opts, KALSHI_CHUNK);
  p.kalshi.open(START_MS);
  for (const f of fx.kalshiSetup) p.kalshiFrame(f, START_MS);
  for (const f of fx.polySetup) p.polyFrame(f, START_MS);
  for (const m of fx.universe.markets)
    if (!p.books.isTrusted(m.id)) throw new Error(`pipeline: ${m.venue} ${m.key} did not come live`);
  return p;
}
