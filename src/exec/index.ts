/** Execution: the engine loop, packages, paper fills and the run report. */
export { Engine, type EngineConfig, type EngineEvents, type EngineOptions } from './engine.ts';
export { PackageExecutor, type PackageResult, type SizedPlan } from './package-executor.ts';
export { PaperVenue, type BookSource, type PaperVenueOptions } from './paper-venue.ts';
export { RunStats, type RunSummary } from './run-report.ts';
export { buildUniverse, type TradingUniverse } from './universe.ts';
