/**
 * What the executor takes (a sized, proven plan) and gives back (a package result), and the policies it runs
 * under. Types and defaults only: the executor is ./package-executor.ts, the result's arithmetic
 * ./package-result.ts.
 */
import type { Outcome, Venue } from '../core/market.ts';
import { asMicros, type Micros, type Px, type Qty } from '../core/units.ts';
import type { VenueFill } from '../venues/venue.ts';
import type { PackageProof } from './proof.ts';

/**
 * hedged: every contract of the package held on every leg; partial: some hedged, the rest never filled or was
 * unwound; unwound: a leg missed after another filled, and everything bought was sold back; unhedged: naked
 * exposure remains (the unwind itself fell short); missed: nothing filled; unknown: an order's outcome is not
 * known yet (the package stays in flight and its markets blocked until a query or the stream finds it).
 */
export type PackageStatus = 'hedged' | 'partial' | 'unwound' | 'unhedged' | 'missed' | 'unknown';

/** A leg to buy. Legs execute in the order the plan lists them (the planner decides the order). */
export interface PlannedLeg {
  readonly venue: Venue;
  readonly market: string;
  readonly outcome: Outcome;
  readonly px: Px;
}

export interface SizedPlan {
  readonly id: string;
  readonly lane?: string;
  readonly legs: readonly PlannedLeg[];
  readonly qty: Qty;
  /** Contracts paid per contract of each leg in the worst feasible state (1, or n − 1 for a NO basket). */
  readonly payoutUnits: number;
  /** Edge after fees the verifier proved for `qty`. */
  readonly expectedEdge: Micros;
  /** How to prove the package again at any size and price (every later leg's limit comes from it). */
  readonly proof: PackageProof;
}

export interface LegResult {
  readonly leg: PlannedLeg;
  readonly clientOrderId: string;
  readonly orderId: string | undefined;
  /** Contracts asked for, Qty; negative for an unwind (a sale). */
  readonly requested: number;
  readonly filled: number;
  readonly cost: number;
  readonly fees: number;
  readonly outcome: 'ok' | 'rejected' | 'unknown';
  readonly error?: string;
}

export type ExposureDecision = 'complete' | 'flatten' | 'give_up';

export interface PackageResult {
  readonly planId: string;
  /** The store's package id (unique across restarts). */
  readonly packageId: string;
  readonly legs: readonly LegResult[];
  /** Contracts held on every leg: the part of the package that is a true arbitrage. */
  readonly hedgedQty: number;
  readonly status: PackageStatus;
  readonly expectedMicros: number;
  readonly realizedMicros: number;
  readonly unwind: {
    readonly qty: number;
    readonly proceeds: number;
    readonly fees: number;
    readonly loss: number;
  };
  /** Why legging stopped early, if it did. */
  readonly aborted?: string;
  readonly decisions: readonly { readonly decision: ExposureDecision; readonly why: string }[];
  /** Naked exposure integrated over time: micros × ms (divide by 1e9 for dollar-seconds). */
  readonly nakedMicrosMs: number;
  readonly fills: readonly (VenueFill & { readonly venue: Venue })[];
}

export interface LeggingPolicy {
  /** Longest time between one leg's reply and the next leg's send, ms. */
  readonly maxLegGapMs: number;
  /** How far above its planned price a later leg may be bought, Px (and never above what the proof allows). */
  readonly legPriceTolerancePx: number;
  /** Naked exposure allowed while legging, micros × ms. */
  readonly nakedBudgetMicrosMs: number;
  /** Largest naked position a package may risk (the cost of every leg but the last): caps its size. */
  readonly maxNakedMicros: Micros;
}

export const DEFAULT_LEGGING: LeggingPolicy = {
  maxLegGapMs: 2_000,
  legPriceTolerancePx: 100,
  nakedBudgetMicrosMs: 50 * 1_000_000 * 5_000,
  maxNakedMicros: asMicros(25_000_000),
};

/** What the engine sees of a market now, for the legging checks. */
export interface QuoteView {
  /** Contracts offered to buy `outcome` at or below `limitPx`, and the best such price; undefined if the book is lost. */
  buyable(
    venue: Venue,
    market: string,
    outcome: Outcome,
    limitPx: number,
  ): { bestPx: number; qty: number } | undefined;
}
