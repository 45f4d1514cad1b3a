/**
 * `arb sim` options: commander has already parsed the numbers (option-parsers.ts); this checks what involves
 * more than one option or the file system, and resolves paths against the working directory.
 */
import { isAbsolute, resolve } from 'node:path';

export const DEFAULT_KALSHI_PORT = 7701;
export const DEFAULT_POLYMARKET_PORT = 7702;
export const DEFAULT_CONNECTION_FILE = '.arb/sim-connection.json';

export interface RawSimOptions {
  seed: number;
  scenario: string;
  host: string;
  kalshiPort: number;
  polymarketPort: number;
  connectionFile: string;
  mappingFile?: string;
  json?: boolean;
}

export interface SimOptions {
  readonly seed: number;
  /** A built-in scenario name, or an absolute path to a scenario file. */
  readonly scenario: string;
  readonly host: string;
  readonly kalshiPort: number;
  readonly polymarketPort: number;
  /** Absolute. */
  readonly connectionFile: string;
  readonly mappingFile: string | undefined;
  readonly json: boolean;
}

export type SimOptionsParse = { ok: true; value: SimOptions } | { ok: false; errors: string[] };

export function parseSimOptions(raw: RawSimOptions, cwd: string): SimOptionsParse {
  const errors: string[] = [];
  const { seed, kalshiPort, polymarketPort } = raw;
  if (kalshiPort !== 0 && kalshiPort === polymarketPort) {
    errors.push(`--kalshi-port and --polymarket-port must differ (both ${kalshiPort})`);
  }
  if (raw.host.trim() === '') errors.push('--host must not be empty');
  if (raw.scenario.trim() === '') errors.push('--scenario must not be empty');
  if (raw.connectionFile.trim() === '') errors.push('--connection-file must not be empty');
  if (raw.mappingFile !== undefined && raw.mappingFile.trim() === '')
    errors.push('--mapping-file must not be empty');
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      seed,
      scenario: looksLikeFile(raw.scenario) ? resolve(cwd, raw.scenario) : raw.scenario,
      host: raw.host,
      kalshiPort,
      polymarketPort,
      connectionFile: resolve(cwd, raw.connectionFile),
      mappingFile: raw.mappingFile === undefined ? undefined : resolve(cwd, raw.mappingFile),
      json: raw.json ?? false,
    },
  };
}

/** Scenario names are bare words; anything with a slash or an extension is a file (resolved against cwd). */
const looksLikeFile = (s: string): boolean => isAbsolute(s) || /[/\\]/.test(s) || /\.(json|ya?ml)$/i.test(s);
