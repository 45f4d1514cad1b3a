/**
 * Detection against the simulators, in-process and on a simulated clock: the scenario's venues and price
 * process run, every book change of the matching engines feeds the hot book store, the incremental detector
 * prices the affected shapes, and the simulator's own window tracker records the truth to judge it by.
 *
 * This is the fastest honest way to see what detection finds (`arb report opportunities`) and to test it
 * (an hour of market activity in seconds). Trading through the real adapters over loopback is `arb paper`.
 */
import { SimClock } from '../../core/clock.ts';
import { MarketIdTable, type MarketId } from '../../core/market.ts';
import { Rng } from '../../core/rng.ts';
import { asQty, qtyFromContracts } from '../../core/units.ts';
import {
  BookStore,
  buildShapes,
  Detector,
  type EvalContext,
  LANES,
  type LaneLimits,
  type LaneName,
  MarketTable,
  type Opportunity,
} from '../../hot/index.ts';
import { judgeMapping, resolveRelations, universeFromScenario } from '../../mapping/index.ts';
import { PriceProcess } from '../../sim/process/index.ts';
import { ArbWindowTracker, type ArbWindow } from '../../sim/truth/arb-windows.ts';
import { scenarioMapping, type Scenario } from '../../sim/universe/index.ts';
import { createVenueExchanges, type VenueExchanges } from '../../sim/venue-exchanges.ts';

export interface SimDetectionOptions {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly durationMs: number;
  readonly limits?: Partial<Record<LaneName, Partial<LaneLimits>>>;
  /** Largest size one opportunity may propose (contracts). */
  readonly maxContracts?: number;
  /** Called for every opportunity when it first appears (per id). */
  readonly onOpportunity?: (o: Opportunity, exchanges: VenueExchanges) => void;
}

export interface SimDetectionResult {
  /** Each distinct opportunity (by id) at its first sighting, in order. */
  readonly opportunities: readonly Opportunity[];
  /** The simulator's truth: every arbitrage window its books offered. */
  readonly windows: readonly ArbWindow[];
  /** Opportunity sightings per relation id: [first, last] detection time. */
  readonly sightings: ReadonlyMap<string, readonly [number, number][]>;
  readonly ids: MarketIdTable;
  readonly events: number;
  readonly evaluations: number;
  readonly endMs: number;
}

const DEFAULT_LIMIT: LaneLimits = { enabled: true, minEdgeBps: 0, minSize: asQty(100) };

export function runSimDetection(opts: SimDetectionOptions): SimDetectionResult {
  const { scenario } = opts;
  const clock = new SimClock(scenario.startTimeMs);
  const exchanges = createVenueExchanges(scenario, clock);
  const process = new PriceProcess({ scenario, exchanges, clock, rng: new Rng(opts.seed) }).start();
  const mapping = scenarioMapping(scenario);
  const tracker = new ArbWindowTracker({ exchanges, clock, mapping, markets: scenario.markets }).start();

  const ids = new MarketIdTable();
  const table = new MarketTable();
  const books = new BookStore();
  for (const m of scenario.markets) {
    const id = ids.intern(m.venue, m.key);
    table.add({ id, venue: m.venue, key: m.key, grid: m.grid, minSize: m.minSize, fees: m.fees });
    books.addMarket(id, m.grid);
  }
  const limits = Object.fromEntries(
    LANES.map((l) => [l, { ...DEFAULT_LIMIT, ...opts.limits?.[l] }]),
  ) as Record<LaneName, LaneLimits>;
  const ctx: EvalContext = {
    books,
    markets: table,
    limits,
    maxSize: qtyFromContracts(opts.maxContracts ?? 1_000),
    idBucketMs: 60_000,
  };
  // Detection uses what trading would: the relations whose verdict lets them trade (all of the simulator's own).
  const verdicts = judgeMapping(mapping, { universe: universeFromScenario(scenario), minConfidence: 0 });
  const traded = { ...mapping, relations: mapping.relations.filter((_, i) => verdicts[i]!.trades) };
  const shapes = buildShapes(resolveRelations(traded, ids, { minConfidence: 0 }), table);

  const seen = new Set<string>();
  const opportunities: Opportunity[] = [];
  const sightings = new Map<string, [number, number][]>();
  const open = new Map<number, [number, number]>();
  const detector = new Detector(shapes, ctx, {
    onOpportunity: (o) => {
      const span = open.get(o.shape);
      if (span) span[1] = o.detectedAtMs;
      else {
        const s: [number, number] = [o.detectedAtMs, o.detectedAtMs];
        open.set(o.shape, s);
        const list = sightings.get(o.relationId) ?? [];
        list.push(s);
        sightings.set(o.relationId, list);
      }
      if (seen.has(o.id)) return;
      seen.add(o.id);
      opportunities.push(o);
      opts.onOpportunity?.(o, exchanges);
    },
    onClosed: (shape) => {
      const span = open.get(shape);
      if (span) span[1] = clock.now();
      open.delete(shape);
    },
  });

  // Start from the exchanges' books, then follow every level change they announce.
  for (const ex of Object.values(exchanges)) {
    for (const key of ex.marketKeys()) {
      const id = ids.get(ex.venue, key)!;
      const b = ex.book(key)!;
      const now = clock.now();
      books.snapshot(
        id,
        b.bids.map((l) => ({ px: l.yesPx, qty: l.qty })),
        b.asks.map((l) => ({ px: l.yesPx, qty: l.qty })),
        now,
        now,
      );
      detector.onBookChange(id, now);
    }
    ex.subscribe((e) => {
      if (e.type !== 'book') return;
      const id = ids.get(ex.venue, e.market) as MarketId;
      books.level(id, e.side, e.yesPx, e.qty, e.tsMs, e.tsMs);
      detector.onBookChange(id, e.tsMs);
    });
  }
  clock.advance(opts.durationMs);
  tracker.stop();
  process.stop();
  return {
    opportunities,
    windows: tracker.windows(),
    sightings,
    ids,
    events: exchanges.kalshi.seq + exchanges.polymarket.seq,
    evaluations: detector.evaluations,
    endMs: clock.now(),
  };
}
