export {
  createLogger,
  REDACTED,
  SECRET_FIELD_NAMES,
  SECRET_HEADER_NAMES,
  type CreateLoggerOptions,
  type Logger,
  type LogLevel,
} from './log.ts';
