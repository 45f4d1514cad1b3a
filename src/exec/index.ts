/** Execution: the engine loop, packages and their order lifecycle, the order store, paper fills, the run report. */
export { Engine, type EngineConfig, type EngineEvents, type EngineOptions } from './engine/engine.ts';
export { Halts, type Halt, type HaltChange, type HaltStrength, type TradingState } from './halts.ts';
export {
  PackageExecutor,
  DEFAULT_LEGGING,
  type LeggingPolicy,
  type PackageResult,
  type SizedPlan,
} from './package-executor.ts';
export { OrderRunner, DEFAULT_ORDER_TIMING, type OrderTiming } from './order-runner.ts';
export { recover, type RecoveryReport } from './recovery.ts';
export {
  CRASH_POINTS,
  CrashPoints,
  isCrashPoint,
  parseCrashSpec,
  type CrashPoint,
  type CrashSpec,
} from './crash-points.ts';
export {
  OrderStore,
  StoreVersionError,
  type SafeModeReason,
  type StoredFill,
  type StoredIntent,
  type StoredOrder,
  type StoredPackage,
  type StoredPosition,
} from './store/order-store.ts';
export { exposure, hedgedQty } from './lifecycle/package-state.ts';
export { PaperVenue, type BookSource, type PaperVenueOptions } from './paper-venue.ts';
export { RunStats, type RunSummary } from './run-report.ts';
export { buildUniverse, type HeldBackRelation, type TradingUniverse } from './bootstrap/trading-universe.ts';
export {
  DEFAULT_GATE_POLICY,
  VenueGate,
  type GatePolicy,
  type GateState,
  type GateTransition,
  type VenueGateView,
} from './venue-gate.ts';
export { HeartbeatSupervisor, type HeartbeatSettings } from './heartbeats.ts';
export { DEFAULT_STARTUP, withinStep, type StartupTimeouts } from './bootstrap/startup-steps.ts';
export { StartupAborted, StartupError, type StartupErrorCode } from './bootstrap/startup-errors.ts';
export { FillFeed, type ReversalApplied } from './fill-feed.ts';
