export { loadConfig, type LoadConfigOptions } from './load.ts';
export {
  ConfigSchema,
  LANE_NAMES,
  LOG_LEVELS,
  type Config,
  type LaneConfig,
  type LaneName,
  type LogLevel,
} from './schema.ts';
export { presentConfig, redactConfig, REDACTED, SECRET_PATHS } from './present.ts';
export type { ConfigIssue } from './issues.ts';
export type { Env } from './env-overrides.ts';
