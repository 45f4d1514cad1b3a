/**
 * Loading a mapping for trading: read, parse, check against the discovered markets (errors fail the load,
 * warnings pass through to the operator), then resolve the relations to interned market ids for detection.
 */
import { readFileSync } from 'node:fs';
import { err, ok, type Result } from '../core/errors.ts';
import type { MarketId, MarketIdTable } from '../core/market.ts';
import type { ResolvedRelation } from '../hot/shapes.ts';
import { checkIndexed, DEFAULT_MIN_CONFIDENCE, type CheckOptions } from './check.ts';
import { hasErrors, issueError, type MappingIssue } from './issues.ts';
import { parseMappingLenient } from './schema.ts';
import { formatOf } from './syntax.ts';
import type { MappingFile, MappingRelation, MarketRef } from './types.ts';
import type { MappingUniverse } from './universe.ts';

export interface LoadedMapping {
  readonly mapping: MappingFile;
  readonly warnings: readonly MappingIssue[];
}

/**
 * Reads and checks a mapping file (`.json` is JSON, anything else YAML). On failure, every error *and* every
 * warning is returned, so the operator sees the whole picture at once.
 */
export function loadMapping(
  path: string,
  universe: MappingUniverse,
  opts: CheckOptions = {},
): Result<LoadedMapping, MappingIssue[]> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : String(e);
    return err([issueError(path, `cannot read mapping file: ${why}`)]);
  }
  const parsed = parseMappingLenient(text, formatOf(path), path);
  if (!parsed.ok) return parsed;
  const { mapping, indices, issues: schemaIssues } = parsed.value;
  const checked = checkIndexed(
    mapping.relations.map((relation, i) => ({ relation, index: indices[i]! })),
    universe,
    opts,
  );
  const issues = [...schemaIssues, ...checked];
  if (hasErrors(issues)) return err(issues);
  return ok({ mapping, warnings: issues });
}

/**
 * The relations detection trades on: those at or above `minConfidence`, with every market interned into `ids`
 * (the same table the book store and market table use), in file order.
 */
export function resolveRelations(
  mapping: MappingFile,
  ids: MarketIdTable,
  opts: { readonly minConfidence?: number } = {},
): ResolvedRelation[] {
  const min = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const id = (m: MarketRef): MarketId => ids.intern(m.venue, m.market);
  return mapping.relations
    .filter((r) => r.confidence >= min)
    .map((r): ResolvedRelation => {
      switch (r.kind) {
        case 'equivalent':
          return { kind: 'equivalent', id: r.id, a: id(r.a), b: id(r.b), polarity: r.polarity };
        case 'exclusive':
          return { kind: 'exclusive', id: r.id, markets: r.markets.map(id), exhaustive: r.exhaustive };
        case 'implies':
          return { kind: 'implies', id: r.id, a: id(r.a), b: id(r.b) };
      }
    });
}

/**
 * The union of several mappings (a hand-curated file plus generated event trees, say). Ids must stay unique:
 * the same id with identical content is kept once (two generators agreeing); with different content it is an
 * error naming both places (`files.1.relations.4.id`).
 */
export function mergeMappings(...files: readonly MappingFile[]): Result<MappingFile, MappingIssue[]> {
  const seen = new Map<string, { relation: MappingRelation; at: string }>();
  const relations: MappingRelation[] = [];
  const issues: MappingIssue[] = [];
  files.forEach((file, f) =>
    file.relations.forEach((r, i) => {
      const at = `files.${f}.relations.${i}`;
      const first = seen.get(r.id);
      if (!first) {
        seen.set(r.id, { relation: r, at });
        relations.push(r);
      } else if (!sameRelation(first.relation, r))
        issues.push(
          issueError(`${at}.id`, `relation id "${r.id}" is already used, differently, at ${first.at}`),
        );
    }),
  );
  if (issues.length > 0) return err(issues);
  // A version 1 relation stays evidence-less whatever it is merged with, so the union can say version 2.
  const version = files.some((f) => f.version === 2) ? 2 : 1;
  return ok({ version, source: files.map((f) => f.source).join(' + '), relations });
}

/** Structural equality, ignoring key order (relations come from JSON, YAML or code). */
function sameRelation(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameRelation((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
