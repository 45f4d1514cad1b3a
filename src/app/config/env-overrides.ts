/**
 * `ARB_<SECTION>__<KEY>[__<KEY>…]=value` environment overrides.
 *
 * Each `__`-separated segment is matched to a schema key case-insensitively with `_` ignored, so
 * `ARB_RISK__MAX_OPEN_PACKAGES` finds `risk.maxOpenPackages` and `ARB_LANES__CROSS_VENUE__MIN_EDGE_BPS`
 * finds `lanes.cross_venue.minEdgeBps`. Variables without `__` (`ARB_CRASH_AT`) are not config and are
 * left alone; one with `__` that names no key is an error, because a silently ignored override is how a
 * cap ends up not applied.
 */
import type { z } from 'zod';
import { normalizeKey, keyHint, type ConfigIssue } from './issues.ts';
import { acceptsString, objectShape } from './schema-walk.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export interface EnvOverrides {
  /** Nested values to merge over the file's. */
  values: Record<string, unknown>;
  /** Dotted key path → the variable that set it, so a bad value can say where it came from. */
  sources: Map<string, string>;
  issues: ConfigIssue[];
}

const PREFIX = 'ARB_';

export function readEnvOverrides(root: z.core.$ZodType, env: Env): EnvOverrides {
  const result: EnvOverrides = { values: {}, sources: new Map(), issues: [] };
  for (const name of Object.keys(env).sort()) {
    const raw = env[name];
    if (raw === undefined || !name.startsWith(PREFIX) || !name.includes('__')) continue;
    const where = `env ${name}`;
    const target = resolveName(root, name.slice(PREFIX.length).split('__'));
    if ('problem' in target) {
      result.issues.push({ path: where, message: target.problem });
      continue;
    }
    const dotted = target.keys.join('.');
    const earlier = result.sources.get(dotted);
    if (earlier !== undefined) {
      result.issues.push({ path: where, message: `sets ${dotted}, which ${earlier} already sets` });
      continue;
    }
    result.sources.set(dotted, name);
    setIn(result.values, target.keys, parseValue(raw, target.schema));
  }
  return result;
}

/** The env var that set `path` or one of its parent sections, if any. */
export function envSourceOf(sources: ReadonlyMap<string, string>, path: string): string | undefined {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const source = sources.get(parts.slice(0, n).join('.'));
    if (source !== undefined) return source;
  }
  return undefined;
}

type Resolved = { keys: string[]; schema: z.core.$ZodType } | { problem: string };

function resolveName(root: z.core.$ZodType, segments: readonly string[]): Resolved {
  const keys: string[] = [];
  let node = root;
  for (const segment of segments) {
    if (segment === '') return { problem: 'names no config key: empty segment between "__" separators' };
    const shape = objectShape(node);
    if (!shape) return { problem: `names no config key: ${keys.join('.')} is a value, not a section` };
    const known = Object.keys(shape);
    const key = known.find((k) => normalizeKey(k) === normalizeKey(segment));
    const child = key === undefined ? undefined : shape[key];
    if (key === undefined || child === undefined) {
      const parent = keys.length > 0 ? keys.join('.') : 'the config';
      return { problem: `names no config key: ${parent} has no "${segment}" (${keyHint(segment, known)})` };
    }
    keys.push(key);
    node = child;
  }
  return { keys, schema: node };
}

/**
 * String-typed fields (URLs, keys, dollar amounts) take the text verbatim, so a numeric-looking key id stays
 * a string and "0.10" dollars is not routed through a float. Everything else is JSON if it parses as JSON
 * (numbers, booleans, objects), else the raw text for the schema to reject with a clear message.
 */
function parseValue(raw: string, schema: z.core.$ZodType): unknown {
  if (acceptsString(schema)) return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function setIn(target: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  let node = target;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  });
}
