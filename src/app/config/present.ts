/** Config as people and logs may see it: secrets redacted, dollar amounts back in dollars. */
import { microsToUsd } from '../../core/units.ts';
import { taggedPaths } from './schema-walk.ts';
import { ConfigSchema, type Config } from './schema.ts';

export const REDACTED = '[redacted]';

/** Key paths of every secret in the schema (e.g. venues.kalshi.privateKeyPem). */
export const SECRET_PATHS: readonly (readonly string[])[] = taggedPaths(ConfigSchema, 'secret');
const USD_PATHS = taggedPaths(ConfigSchema, 'usd');

/** A copy of `cfg` with every secret that is set replaced by "[redacted]". */
export function redactConfig(cfg: Config): Config {
  const copy = structuredClone(cfg);
  for (const path of SECRET_PATHS) {
    updateIn(copy, path, (value) => (value === undefined ? value : REDACTED));
  }
  return copy;
}

/**
 * The effective config in the file's own terms: secrets redacted and money as dollar strings ("100.00"),
 * so `arb config show` output is itself a valid config file.
 */
export function presentConfig(cfg: Config): Record<string, unknown> {
  const copy = redactConfig(cfg) as unknown as Record<string, unknown>;
  for (const path of USD_PATHS) {
    updateIn(copy, path, (value) => (typeof value === 'number' ? dollars(value) : value));
  }
  return copy;
}

/** Micros → dollars with at least two decimals and no trailing zeros beyond them ("0.10", "12.345"). */
function dollars(micros: number): string {
  return microsToUsd(micros).replace(/(\.\d\d\d*?)0+$/, '$1');
}

function updateIn(target: object, path: readonly string[], update: (value: unknown) => unknown): void {
  let node = target as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) return;
    node = next as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (last === undefined || !(last in node)) return;
  node[last] = update(node[last]);
}
