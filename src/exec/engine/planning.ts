/**
 * From an opportunity to a package the engine commits to: the sizing inputs (depth, exit prices, fees, free cash
 * and room per market, from the books and the risk book), execution-aware Kelly sizing (`../../hot/sizing.ts`),
 * the package proven again at its final size (the pure `../planner.ts`), and the risk precheck. A plan that comes
 * back has been committed to the risk book (its cash locked); `undefined` means sized to zero or denied, counted
 * in the run report with why.
 */
import { feeFor } from '../../core/fees.ts';
import type { Venue } from '../../core/market.ts';
import { qtyFromContracts } from '../../core/units.ts';
import { sizePackage, type Opportunity } from '../../hot/index.ts';
import type { Plan, RiskBook } from '../../risk/index.ts';
import type { TradingUniverse } from '../bootstrap/trading-universe.ts';
import type { SizedPlan } from '../package-types.ts';
import { legOrder, planPackage } from '../planner.ts';
import type { RunStats } from '../run-report.ts';
import type { MarketData } from './market-data.ts';
import type { EngineConfig, EngineEvents } from './types.ts';

/** A committed package: what the executor sends, and what the risk book locked for it. */
export interface EnginePlan {
  readonly sized: SizedPlan;
  readonly risk: Plan;
}

export interface PlanningContext {
  readonly config: EngineConfig;
  readonly stats: RunStats;
  readonly events: EngineEvents | undefined;
  readonly universe: TradingUniverse;
  readonly risk: RiskBook;
  readonly market: MarketData;
  /** Every venue the engine trades, in its fixed order. */
  readonly venues: readonly Venue[];
}

/** One contract: sizing's fee per contract is the venue's taker fee on one. */
const ONE_CONTRACT = qtyFromContracts(1);

export function planOpportunity(c: PlanningContext, o: Opportunity): EnginePlan | undefined {
  const { stats, config, risk, market } = c;
  const u = c.universe;
  stats.plans.made++;
  const feeOf = (l: Opportunity['legs'][number]): number =>
    feeFor(u.markets.get(l.market).fees, 'taker', l.px, ONE_CONTRACT);
  // Legs go one after another, the longest-unchanged quote first (the one most likely to be a laggard about
  // to reprice, while a miss still costs nothing); each leg's order lands one expected latency after the last.
  const order = legOrder(o);
  const arrival = new Map(order.map((l, k) => [l, (k + 1) * config.expectedLatencyMs]));
  const perContract = (o.cost + o.fees) / (o.qty / 100);
  const sizing = sizePackage({
    legs: o.legs.map((l) => ({
      venue: l.venue,
      market: l.key,
      px: l.px,
      depthQty: market.depthAt(l.market, l.outcome, l.px),
      arrivalMs: arrival.get(l)!,
      unwindPx: market.bestSellPx(l.market, l.outcome),
      feePerContract: feeOf(l),
      minSize: u.markets.get(l.market).minSize,
    })),
    edgePerContract: o.edge / (o.qty / 100),
    costPerContract: perContract,
    maxQty: o.qty,
    bankroll: Object.values(stats.startingMicros).reduce((s, v) => s + v, 0),
    cashByVenue: Object.fromEntries(c.venues.map((v) => [v, risk.freeCash(v)])),
    marketRoom: Object.fromEntries(o.legs.map((l) => [l.key, risk.marketRoom(l.venue, l.key)])),
    laneRoom: Number.POSITIVE_INFINITY,
    kellyMultiplier: config.kellyMultiplier,
    fill: config.fill,
  });
  if (sizing.qty <= 0) {
    stats.sizedToZero(sizing.limitedBy);
    return undefined;
  }
  // The package at its final size, proven again on exactly what will be sent (see planner.ts).
  const decision = planPackage({
    opportunity: o,
    relations: u.shapes[o.shape]!.proof,
    market: (id) => {
      const m = u.markets.get(id);
      return { fees: m.fees, grid: m.grid, minSize: m.minSize, eventKey: u.meta.get(id)?.eventKey };
    },
    minEdgeBps: config.lanes[o.lane].minEdgeBps,
    sizedQty: sizing.qty,
    maxNakedMicros: config.legging.maxNakedMicros,
  });
  if (!decision.ok) {
    stats.sizedToZero(decision.reason);
    c.events?.warn?.(`not planned: ${decision.detail}`, { opportunity: o.id });
    return undefined;
  }
  const riskPlan = decision.risk;
  const check = risk.precheck(riskPlan);
  if (!check.ok) {
    stats.denied(check.denials.map((d) => d.code));
    c.events?.planDenied?.(
      o,
      check.denials.map((d) => d.code),
    );
    return undefined;
  }
  risk.commit(riskPlan);
  stats.plans.executed++;
  const lockedNow = c.venues.reduce((s, v) => s + risk.lockedCash(v), 0);
  stats.peakLockedMicros = Math.max(stats.peakLockedMicros, lockedNow);
  return { sized: decision.sized, risk: riskPlan };
}
