/**
 * The simulated universe: scenario types, the built-in scenarios, loading and validating scenario files, the
 * mapping a scenario implies, and a summary for display.
 */
export type * from './types.ts';
export { buildDefaultScenario, DEFAULT_START_TIME_MS, type ScenarioOptions } from './default-scenario.ts';
export { buildSmallScenario } from './small-scenario.ts';
export { DEFAULT_BOT_CASH_MICROS, DEFAULT_PROCESS } from './process.ts';
export { builtinScenarioNames, loadScenario, parseScenario, writeMappingFile } from './load.ts';
export { scenarioMapping } from './relations.ts';
export {
  formatScenarioSummary,
  scenarioSummary,
  type ScenarioSummary,
  type VenueSummary,
} from './summary.ts';
export { formatScenarioIssues, scenarioIssues, type ScenarioIssue } from './validate.ts';
