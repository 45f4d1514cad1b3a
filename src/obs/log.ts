/**
 * Structured JSON logging (pino) with secrets redacted by field name wherever they sit in the logged object,
 * so logging a config, a venue client's options or a request never leaks a credential.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Field names that hold credentials: every config secret plus the usual names venue clients use. */
export const SECRET_FIELD_NAMES = [
  'privateKeyPem',
  'privateKey',
  'apiKey',
  'apiSecret',
  'apiPassphrase',
  'secret',
  'passphrase',
  'password',
] as const;

/** Auth headers of both venues (as sent, and as Node's lowercased incoming headers). */
export const SECRET_HEADER_NAMES = [
  'KALSHI-ACCESS-SIGNATURE',
  'POLY_API_KEY',
  'POLY_PASSPHRASE',
  'POLY_SIGNATURE',
  'Authorization',
  'Cookie',
].flatMap((h) => [h, h.toLowerCase()]);

export const REDACTED = '[redacted]';

/** How deep below the logged object a secret field is still found (config.venues.kalshi.privateKeyPem is 3). */
const MAX_DEPTH = 5;

function redactPaths(): string[] {
  const prefixes = Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => '*.'.repeat(depth));
  const fields = SECRET_FIELD_NAMES.flatMap((name) => prefixes.map((p) => `${p}${name}`));
  const headers = SECRET_HEADER_NAMES.flatMap((name) =>
    prefixes.slice(0, 4).map((p) => `${p}headers[${JSON.stringify(name)}]`),
  );
  return [...fields, ...headers];
}

export interface CreateLoggerOptions {
  level: LogLevel;
  /** Where JSON lines go; default stderr, so stdout stays free for command output (`--json`). */
  destination?: DestinationStream;
  /** Fields on every line, e.g. { component: 'exec' }. */
  base?: Record<string, unknown>;
}

export function createLogger(options: CreateLoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { pid: process.pid, ...options.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactPaths(), censor: REDACTED },
    },
    // Synchronous so the last lines before a crash reach the file; nothing on the hot path logs per tick.
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
}
