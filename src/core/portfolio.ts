/**
 * Portfolios and the payout verifier: the single place that decides whether a set of legs is an arbitrage.
 *
 * A relation between markets restricts which world states (truth assignments to the markets' YES outcomes)
 * can happen. The guaranteed payout of a portfolio is its minimum payout over the feasible states; edge is
 * guaranteed payout − cost − fees. Every detection lane proposes portfolios; only this verifier proves them.
 */
import { err, ok, type Result, ArbError } from './errors.ts';
import { feeFor, type FeeModel, type Liquidity } from './fees.ts';
import type { MarketId, Outcome, Side, Venue } from './market.ts';
import { asMicros, type Micros, MICROS_PER_QTY_PAYOUT, notional, type Px, type Qty } from './units.ts';

export interface Leg {
  readonly venue: Venue;
  readonly market: MarketId;
  readonly outcome: Outcome;
  readonly side: Side;
  readonly px: Px;
  readonly qty: Qty;
  readonly fees: FeeModel;
  /** Defaults to taker: arbitrage legs take liquidity unless a maker plan says otherwise. */
  readonly liquidity?: Liquidity;
  /**
   * The fee this leg already paid, for a leg that has filled (what the venue charged, not the model): a package
   * proven part-way through its execution counts the money that really left.
   */
  readonly feePaid?: Micros;
}

/** Constraints between markets' YES outcomes. */
export type Relation =
  /** a ⇔ b: the same proposition (possibly on two venues). */
  | { readonly kind: 'equivalent'; readonly a: MarketId; readonly b: MarketId }
  /** a ⇔ ¬b: "X wins" vs "X loses". */
  | { readonly kind: 'complement'; readonly a: MarketId; readonly b: MarketId }
  /** Mutually exclusive and exhaustive: exactly one is true (Kalshi ME events, complete negRisk events). */
  | { readonly kind: 'exactlyOne'; readonly markets: readonly MarketId[] }
  /** Mutually exclusive, maybe not exhaustive (a negRisk event with a placeholder / "other" outcome). */
  | { readonly kind: 'atMostOne'; readonly markets: readonly MarketId[] }
  /** a ⇒ b: e.g. "above 110" implies "above 100". */
  | { readonly kind: 'implies'; readonly a: MarketId; readonly b: MarketId };

export type WorldState = ReadonlyMap<MarketId, boolean>;

export interface Verdict {
  /** Minimum payout over feasible states. */
  readonly guaranteedPayout: Micros;
  /** Maximum payout over feasible states (useful for reporting). */
  readonly bestPayout: Micros;
  /** Net cash paid to open: buys minus sells. */
  readonly cost: Micros;
  readonly fees: Micros;
  /** guaranteedPayout − cost − fees. Positive means money in every feasible state. */
  readonly edge: Micros;
  readonly feasibleStates: number;
  /** A state achieving the guaranteed payout. */
  readonly worstState: WorldState;
}

export const DEFAULT_MAX_STATES = 1 << 16;

const relationMarkets = (r: Relation): readonly MarketId[] =>
  r.kind === 'exactlyOne' || r.kind === 'atMostOne' ? r.markets : [r.a, r.b];

/** Markets whose truth matters: the legs' markets plus everything linked to them through relations. */
function closure(legMarkets: Iterable<MarketId>, relations: readonly Relation[]): MarketId[] {
  const seen = new Set<MarketId>(legMarkets);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of relations) {
      const ms = relationMarkets(r);
      if (!ms.some((m) => seen.has(m))) continue;
      for (const m of ms) {
        if (!seen.has(m)) {
          seen.add(m);
          grew = true;
        }
      }
    }
  }
  return [...seen].sort((x, y) => x - y);
}

const UNSET = -1;

/** False when the partial assignment (UNSET = unknown) already violates the relation. */
function consistent(r: Relation, v: Int8Array, idx: Map<MarketId, number>): boolean {
  const get = (m: MarketId): number => v[idx.get(m)!]!;
  switch (r.kind) {
    case 'equivalent':
    case 'complement': {
      const a = get(r.a);
      const b = get(r.b);
      if (a === UNSET || b === UNSET) return true;
      return r.kind === 'equivalent' ? a === b : a !== b;
    }
    case 'implies': {
      return !(get(r.a) === 1 && get(r.b) === 0);
    }
    case 'exactlyOne':
    case 'atMostOne': {
      let trues = 0;
      let unknown = 0;
      for (const m of r.markets) {
        const x = get(m);
        if (x === 1) trues++;
        else if (x === UNSET) unknown++;
      }
      if (trues > 1) return false;
      return r.kind === 'atMostOne' || trues === 1 || unknown > 0;
    }
  }
}

export class VerifierError extends ArbError {}

/**
 * Every feasible world state over `markets` under `relations`, by depth-first search with pruning
 * (an exclusive set of n markets costs O(n²), not 2^n).
 */
export function feasibleStates(
  markets: readonly MarketId[],
  relations: readonly Relation[],
  maxStates = DEFAULT_MAX_STATES,
): Result<Int8Array[], VerifierError> {
  const idx = new Map<MarketId, number>(markets.map((m, i) => [m, i]));
  const relevant = relations.filter((r) => relationMarkets(r).every((m) => idx.has(m)));
  const byVar: Relation[][] = markets.map(() => []);
  for (const r of relevant) for (const m of relationMarkets(r)) byVar[idx.get(m)!]!.push(r);
  const v = new Int8Array(markets.length).fill(UNSET);
  const out: Int8Array[] = [];
  let overflow = false;
  const visit = (i: number): void => {
    if (overflow) return;
    if (i === markets.length) {
      if (out.length >= maxStates) overflow = true;
      else out.push(v.slice());
      return;
    }
    for (const val of [0, 1]) {
      v[i] = val;
      if (byVar[i]!.every((r) => consistent(r, v, idx))) visit(i + 1);
    }
    v[i] = UNSET;
  };
  visit(0);
  if (overflow) {
    return err(new VerifierError('PORTFOLIO.TOO_MANY_STATES', `more than ${maxStates} feasible states`));
  }
  if (out.length === 0) {
    return err(new VerifierError('PORTFOLIO.INFEASIBLE', 'the relations admit no world state'));
  }
  return ok(out);
}

/** Signed cash paid to open the leg (a sell receives cash, so it is negative). */
export function legCost(leg: Leg): Micros {
  const n = notional(leg.px, leg.qty);
  return asMicros(leg.side === 'BUY' ? n : -n);
}

export function legFee(leg: Leg): Micros {
  if (leg.feePaid !== undefined) return leg.feePaid;
  return feeFor(leg.fees, leg.liquidity ?? 'taker', leg.px, leg.qty, leg.side);
}

/** What the leg pays at resolution when its market's YES outcome is `yesTrue`. */
export function legPayout(leg: Leg, yesTrue: boolean): Micros {
  const wins = leg.outcome === 'YES' ? yesTrue : !yesTrue;
  if (!wins) return asMicros(0);
  const p = leg.qty * MICROS_PER_QTY_PAYOUT;
  return asMicros(leg.side === 'BUY' ? p : -p);
}

/** Prove (or refute) a portfolio: its guaranteed payout, cost, fees and edge under the relations. */
export function verify(
  legs: readonly Leg[],
  relations: readonly Relation[],
  maxStates = DEFAULT_MAX_STATES,
): Result<Verdict, VerifierError> {
  if (legs.length === 0)
    return err(new VerifierError('PORTFOLIO.EMPTY', 'a portfolio needs at least one leg'));
  for (const l of legs) {
    if (l.qty <= 0)
      return err(new VerifierError('PORTFOLIO.BAD_LEG', `leg on market ${l.market} has no quantity`));
  }
  const markets = closure(
    legs.map((l) => l.market),
    relations,
  );
  const states = feasibleStates(markets, relations, maxStates);
  if (!states.ok) return states;
  const idx = new Map<MarketId, number>(markets.map((m, i) => [m, i]));
  let worst = Number.POSITIVE_INFINITY;
  let best = Number.NEGATIVE_INFINITY;
  let worstState: Int8Array = states.value[0]!;
  for (const s of states.value) {
    let payout = 0;
    for (const l of legs) payout += legPayout(l, s[idx.get(l.market)!] === 1);
    if (payout < worst) {
      worst = payout;
      worstState = s;
    }
    if (payout > best) best = payout;
  }
  const cost = legs.reduce((sum, l) => sum + legCost(l), 0);
  const fees = legs.reduce((sum, l) => sum + legFee(l), 0);
  return ok({
    guaranteedPayout: asMicros(worst),
    bestPayout: asMicros(best),
    cost: asMicros(cost),
    fees: asMicros(fees),
    edge: asMicros(worst - cost - fees),
    feasibleStates: states.value.length,
    worstState: new Map(markets.map((m, i) => [m, worstState[i] === 1])),
  });
}
