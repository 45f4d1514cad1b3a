/**
 * The mapping file's schema (versions 1 and 2) and its parser. Each relation is validated on its own, so one bad
 * relation does not hide the problems of the others: `parseMappingLenient` returns the valid relations *and*
 * every issue, which is what lets `loadMapping` report schema and cross-reference problems in one pass.
 * Version 2 adds per-market `evidence`, `approval` and `exhaustiveEvidence` (evidence-schema.ts); a version 1
 * file using them is told to say version 2, so an old reader can never silently drop them.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../core/errors.ts';
import { VENUES } from '../core/market.ts';
import { approvalSchema, evidenceSchema, V2_KEYS } from './evidence-schema.ts';
import { issueError, joinPath, type MappingIssue } from './issues.ts';
import { parseText, type MappingFormat } from './syntax.ts';
import type { MappingFile, MappingRelation } from './types.ts';

const shown = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

const marketRef = z.strictObject({
  venue: z.enum(VENUES, {
    error: (i) => `venue must be "kalshi" or "polymarket" (got ${shown(i.input)})`,
  }),
  market: z
    .string({ error: 'market must be a string: a Kalshi ticker or a Polymarket condition id' })
    .min(1, { error: 'market must not be empty' }),
  evidence: evidenceSchema.exactOptional(),
});

const notes = z.strictObject({
  resolutionSource: z.string().exactOptional(),
  closeTimes: z.array(z.string()).exactOptional(),
  voidRules: z.string().exactOptional(),
  comment: z.string().exactOptional(),
});

const confidence = z
  .number({ error: (i) => `confidence must be a number from 0 to 1 (got ${shown(i.input)})` })
  .min(0, { error: (i) => `confidence must be a number from 0 to 1 (got ${shown(i.input)})` })
  .max(1, { error: (i) => `confidence must be a number from 0 to 1 (got ${shown(i.input)})` });

const meta = {
  id: z.string({ error: 'id must be a non-empty string' }).min(1, { error: 'id must not be empty' }),
  confidence,
  notes: notes.exactOptional(),
  approval: approvalSchema.exactOptional(),
};

const RELATION_SCHEMAS = {
  equivalent: z.strictObject({
    kind: z.literal('equivalent'),
    ...meta,
    a: marketRef,
    b: marketRef,
    polarity: z.enum(['same', 'inverted'], {
      error: (i) => `polarity must be "same" or "inverted" (got ${shown(i.input)})`,
    }),
  }),
  exclusive: z.strictObject({
    kind: z.literal('exclusive'),
    ...meta,
    markets: z.array(marketRef),
    exhaustive: z.boolean({ error: 'exhaustive must be true or false' }),
    exhaustiveEvidence: z
      .string({ error: 'exhaustiveEvidence must be a string: why exactly one member must resolve YES' })
      .min(1, { error: 'exhaustiveEvidence must not be empty' })
      .exactOptional(),
  }),
  implies: z.strictObject({ kind: z.literal('implies'), ...meta, a: marketRef, b: marketRef }),
} as const;

type RelationKind = keyof typeof RELATION_SCHEMAS;
const KINDS = Object.keys(RELATION_SCHEMAS) as RelationKind[];
const isKind = (k: unknown): k is RelationKind => typeof k === 'string' && k in RELATION_SCHEMAS;

const fileSchema = z.strictObject({
  version: z.union([z.literal(1), z.literal(2)], {
    error: (i) => `unsupported mapping version ${shown(i.input)} (this build reads versions 1 and 2)`,
  }),
  source: z.string({ error: 'source must be a string saying where the mapping came from' }),
  relations: z.array(z.unknown(), { error: 'relations must be a list' }),
});

/** Allowed keys per object, for "unknown key" messages (zod only says which key it did not expect). */
function allowedKeys(path: readonly PropertyKey[], kind: RelationKind | undefined): string[] {
  // Without a kind we are validating the envelope, whose relations are not parsed yet: keys are top-level.
  if (kind === undefined) return Object.keys(fileSchema.shape);
  const last = path[path.length - 1];
  if (last === 'notes') return Object.keys(notes.shape);
  if (typeof last === 'string' && last in V2_KEYS) return [...V2_KEYS[last]!];
  if (last === 'a' || last === 'b' || path[path.length - 2] === 'markets')
    return Object.keys(marketRef.shape);
  return Object.keys(RELATION_SCHEMAS[kind].shape);
}

function zodIssues(
  prefix: readonly (string | number)[],
  issues: readonly z.core.$ZodIssue[],
  kind?: RelationKind,
): MappingIssue[] {
  const out: MappingIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys(issue.path, kind);
      for (const key of issue.keys)
        out.push(issueError(joinPath([...path, key]), `unknown key (allowed: ${allowed.join(', ')})`));
    } else {
      out.push(issueError(joinPath(path), issue.message));
    }
  }
  return out;
}

/** Where a version 1 file uses version 2 fields: each is an error, so nothing is silently ignored. */
function v2FieldsIn(r: MappingRelation, at: readonly (string | number)[]): MappingIssue[] {
  const out: MappingIssue[] = [];
  const needs = (path: readonly (string | number)[], what: string): void =>
    void out.push(issueError(joinPath(path), `${what} needs a version 2 file (set version: 2)`));
  if (r.approval) needs([...at, 'approval'], 'approval');
  const sides =
    r.kind === 'exclusive'
      ? r.markets.map((m, j) => [m, ['markets', j]] as const)
      : ([
          [r.a, ['a']],
          [r.b, ['b']],
        ] as const);
  for (const [m, path] of sides) if (m.evidence) needs([...at, ...path, 'evidence'], 'evidence');
  if (r.kind === 'exclusive' && r.exhaustiveEvidence !== undefined)
    needs([...at, 'exhaustiveEvidence'], 'exhaustiveEvidence');
  return out;
}

/** One relation, validated; `index` is its position in the file, for paths. */
function parseRelation(raw: unknown, index: number, version: 1 | 2): Result<MappingRelation, MappingIssue[]> {
  const at = ['relations', index];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return err([issueError(joinPath(at), 'a relation must be an object with a "kind"')]);
  const kind = (raw as { kind?: unknown }).kind;
  if (!isKind(kind))
    return err([
      issueError(
        joinPath([...at, 'kind']),
        `kind must be ${KINDS.map((k) => `"${k}"`).join(', ')} (got ${shown(kind)})`,
      ),
    ]);
  const parsed = RELATION_SCHEMAS[kind].safeParse(raw);
  if (!parsed.success) return err(zodIssues(at, parsed.error.issues, kind));
  const relation = parsed.data as MappingRelation;
  const v2 = version === 1 ? v2FieldsIn(relation, at) : [];
  return v2.length > 0 ? err(v2) : ok(relation);
}

/** Ids must be unique: every later use of an id is reported, pointing at the first. */
function duplicateIds(rawRelations: readonly unknown[]): MappingIssue[] {
  const first = new Map<string, number>();
  const out: MappingIssue[] = [];
  rawRelations.forEach((raw, i) => {
    const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
    if (typeof id !== 'string' || id === '') return;
    const seen = first.get(id);
    if (seen === undefined) first.set(id, i);
    else
      out.push(
        issueError(
          joinPath(['relations', i, 'id']),
          `duplicate relation id "${id}" (first used at relations.${seen})`,
        ),
      );
  });
  return out;
}

export interface LenientParse {
  /** The envelope and every relation that passed the schema, each with its index in the file. */
  readonly mapping: MappingFile;
  readonly indices: readonly number[];
  readonly issues: readonly MappingIssue[];
}

/**
 * Validates already-parsed data. Returns undefined `mapping` only when the envelope itself is unusable (not an
 * object, wrong version, no relation list); otherwise the valid relations plus every issue found.
 */
export function validateMapping(data: unknown): Result<LenientParse, MappingIssue[]> {
  const top = fileSchema.safeParse(data);
  if (!top.success) {
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      return err([issueError('(root)', 'a mapping file is an object with version, source and relations')]);
    return err(zodIssues([], top.error.issues));
  }
  const issues: MappingIssue[] = [];
  const relations: MappingRelation[] = [];
  const indices: number[] = [];
  top.data.relations.forEach((raw, i) => {
    const r = parseRelation(raw, i, top.data.version);
    if (r.ok) {
      relations.push(r.value);
      indices.push(i);
    } else issues.push(...r.error);
  });
  issues.push(...duplicateIds(top.data.relations));
  return ok({ mapping: { version: top.data.version, source: top.data.source, relations }, indices, issues });
}

/** Text → a lenient parse (see `validateMapping`); syntax errors carry `file:line:col`. */
export function parseMappingLenient(
  text: string,
  format: MappingFormat,
  file?: string,
): Result<LenientParse, MappingIssue[]> {
  const data = parseText(text, format, file);
  return data.ok ? validateMapping(data.value) : data;
}

/** Text → a valid mapping file, or every schema and syntax problem (no cross-reference checks: see `checkMapping`). */
export function parseMapping(
  text: string,
  format: MappingFormat,
  file?: string,
): Result<MappingFile, MappingIssue[]> {
  const parsed = parseMappingLenient(text, format, file);
  if (!parsed.ok) return parsed;
  return parsed.value.issues.length > 0 ? err([...parsed.value.issues]) : ok(parsed.value.mapping);
}
