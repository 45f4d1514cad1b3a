/** `arb sim` options: commander hands over strings; this turns them into checked values or clear messages. */
import { isAbsolute, resolve } from 'node:path';

export const DEFAULT_KALSHI_PORT = 7701;
export const DEFAULT_POLYMARKET_PORT = 7702;
export const DEFAULT_CONNECTION_FILE = '.arb/sim-connection.json';
const MAX_SEED = 0xffff_ffff;

export interface RawSimOptions {
  seed: string;
  scenario: string;
  host: string;
  kalshiPort: string;
  polymarketPort: string;
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
  const seed = integer(raw.seed, 0, MAX_SEED);
  if (seed === undefined)
    errors.push(`--seed must be an integer from 0 to ${MAX_SEED} (got ${JSON.stringify(raw.seed)})`);
  const ports = (['kalshiPort', 'polymarketPort'] as const).map((key) => {
    const port = integer(raw[key], 0, 65_535);
    const flag = key === 'kalshiPort' ? '--kalshi-port' : '--polymarket-port';
    if (port === undefined)
      errors.push(
        `${flag} must be a port number from 0 to 65535, 0 = any free port (got ${JSON.stringify(raw[key])})`,
      );
    return port;
  });
  const [kalshiPort, polymarketPort] = ports;
  if (kalshiPort !== undefined && kalshiPort !== 0 && kalshiPort === polymarketPort) {
    errors.push(`--kalshi-port and --polymarket-port must differ (both ${kalshiPort})`);
  }
  if (raw.host.trim() === '') errors.push('--host must not be empty');
  if (raw.scenario.trim() === '') errors.push('--scenario must not be empty');
  if (raw.connectionFile.trim() === '') errors.push('--connection-file must not be empty');
  if (raw.mappingFile !== undefined && raw.mappingFile.trim() === '')
    errors.push('--mapping-file must not be empty');
  if (errors.length > 0 || seed === undefined || kalshiPort === undefined || polymarketPort === undefined) {
    return { ok: false, errors };
  }
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

function integer(text: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
}

/** Scenario names are bare words; anything with a slash or an extension is a file (resolved against cwd). */
const looksLikeFile = (s: string): boolean => isAbsolute(s) || /[/\\]/.test(s) || /\.(json|ya?ml)$/i.test(s);
