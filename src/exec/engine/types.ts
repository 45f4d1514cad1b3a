/** What the engine is given (venues, clock, store, settings) and what it tells its caller (events). */
import type { HaltChange } from '../halts.ts';
import type { Clock } from '../../core/clock.ts';
import type { MarketIdTable, Venue } from '../../core/market.ts';
import type { FillModel, LaneLimits, LaneName, Opportunity } from '../../hot/index.ts';
import type { MappingFile } from '../../mapping/index.ts';
import type { RiskLimits } from '../../risk/index.ts';
import type { VenueAdapter } from '../../venues/venue.ts';
import type { StartupTimeouts } from '../bootstrap/startup-steps.ts';
import type { CrashPoints } from '../crash-points.ts';
import type { HeartbeatSettings } from '../heartbeats.ts';
import type { OrderTiming } from '../order-runner.ts';
import type { LeggingPolicy, PackageResult } from '../package-types.ts';
import type { RecoveryReport } from '../recovery.ts';
import type { RunStats } from '../run-report.ts';
import type { OrderStore, SafeModeReason } from '../store/order-store.ts';
import type { GateTransition } from '../venue-gate.ts';

export interface EngineConfig {
  readonly lanes: Readonly<Record<LaneName, LaneLimits>>;
  readonly risk: RiskLimits;
  readonly minConfidence: number;
  readonly kellyMultiplier: number;
  readonly fill: FillModel;
  /** Largest package the detector may propose, contracts. */
  readonly maxContracts: number;
  /** How often lost books are polled over REST, ms. */
  readonly pollMs: number;
  /** Expected time for an order to reach a venue, ms: the fill model's clock for each leg. */
  readonly expectedLatencyMs: number;
  readonly legging: LeggingPolicy;
  readonly orderTiming: OrderTiming;
  /** How often each venue's balance is re-read (and stale locked capital released), ms. */
  readonly balanceRefreshMs: number;
  /** How often an order whose outcome is unknown is asked about again, ms. */
  readonly unknownRetryMs: number;
  /** Venue heartbeats (dead-man switches) and the gate they keep (default: every 3 s, DEFAULT_GATE_POLICY). */
  readonly heartbeat?: HeartbeatSettings;
  /** Deadlines of the start-up steps; absent: none, and books are not waited for (../bootstrap/startup-steps.ts). */
  readonly startup?: StartupTimeouts;
  /** How often fills that may still change (Polymarket trades not yet final) are re-read, ms (default 2000). */
  readonly pendingFillSyncMs?: number;
}

export interface EngineEvents {
  opportunity?(o: Opportunity): void;
  planDenied?(o: Opportunity, reasons: readonly string[]): void;
  packageDone?(r: PackageResult, o: Opportunity): void;
  /** A book the engine trusted was lost (gap, bad frame, disconnect): it prices nothing until resynced. */
  bookLost?(venue: Venue, market: string, reason: string): void;
  /** Startup recovery finished (before any new order). */
  recovered?(r: RecoveryReport): void;
  /** Safe mode turned on or off; `reasons` are the unacknowledged ones. */
  safeMode?(on: boolean, reasons: readonly SafeModeReason[]): void;
  /** A start-up step begins (for progress lines): `venue` undefined for steps across venues. */
  startupStep?(venue: Venue | undefined, step: string): void;
  /** A venue's gate closed (no new orders there: its heartbeats fail) or opened again. */
  venueGate?(t: GateTransition): void;
  /** A halt was set or lifted (../halts.ts: kill switch, loss cap, failures, data health). */
  halt?(c: HaltChange): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
}

export interface EngineOptions {
  readonly venues: Readonly<Partial<Record<Venue, VenueAdapter>>>;
  readonly clock: Clock;
  readonly ids: MarketIdTable;
  readonly mapping: MappingFile | undefined;
  readonly config: EngineConfig;
  readonly stats: RunStats;
  readonly events?: EngineEvents;
  /** The order store: intents, orders, fills, positions, safe mode. Reconciled against the venues on start. */
  readonly store: OrderStore;
  readonly crash?: CrashPoints;
}
