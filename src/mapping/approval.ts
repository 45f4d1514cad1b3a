/**
 * Operator approvals: an operator who has read both markets' rules can let a relation that needs review trade.
 * An approval is bound to the relation's content (a SHA-256 over the relation without its approval, keys
 * sorted), so editing the relation afterwards voids it; and it lists the review reasons it covers, so a new
 * doubt that appears later (the venue moves the close time) is not covered either.
 *
 * `approveInText` writes one into the file's own text: YAML through the `yaml` Document API, which keeps
 * comments and layout; JSON re-serialised with the file's indentation.
 */
import { isMap, isSeq, parseDocument } from 'yaml';
import { err, ok, type Result } from '../core/errors.ts';
import { sha256Hex } from './evidence-schema.ts';
import type { MappingFormat } from './syntax.ts';
import type { Approval, MappingRelation } from './types.ts';

/** JSON with object keys sorted at every level: one text per content, whatever the file's key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null)
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** `sha256:<hex>` of the relation's content, its approval left out. */
export function relationHash(r: MappingRelation): string {
  const { approval: _approval, ...content } = r;
  return `sha256:${sha256Hex(canonical(content))}`;
}

/** Does `approval` still hold for `r`, and which of `reviewCodes` does it leave uncovered? */
export function approvalState(
  r: MappingRelation,
  reviewCodes: readonly string[],
): { readonly valid: boolean; readonly uncovered: readonly string[] } | undefined {
  const a = r.approval;
  if (!a) return undefined;
  if (a.hash !== relationHash(r)) return { valid: false, uncovered: [...reviewCodes] };
  return { valid: true, uncovered: reviewCodes.filter((c) => !a.covers.includes(c)) };
}

/** The file's text with `approval` recorded on relation `id` (and `version: 2`, which approvals need). */
export function approveInText(
  text: string,
  format: MappingFormat,
  id: string,
  approval: Approval,
): Result<string, string> {
  return format === 'json' ? approveJson(text, id, approval) : approveYaml(text, id, approval);
}

function approveYaml(text: string, id: string, approval: Approval): Result<string, string> {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return err(doc.errors.map((e) => e.message).join('; '));
  const relations = doc.get('relations');
  if (!isSeq(relations)) return err('the file has no relations list');
  const item = relations.items.find((it) => isMap(it) && it.get('id') === id);
  if (!isMap(item)) return err(`no relation with id "${id}"`);
  item.set('approval', doc.createNode({ ...approval, covers: [...approval.covers] }));
  if (doc.get('version') === 1) doc.set('version', 2);
  return ok(doc.toString());
}

function approveJson(text: string, id: string, approval: Approval): Result<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return err(e instanceof Error ? e.message : String(e));
  }
  const file = data as { version?: unknown; relations?: unknown };
  if (!Array.isArray(file.relations)) return err('the file has no relations list');
  const item = (file.relations as unknown[]).find(
    (r): r is Record<string, unknown> =>
      typeof r === 'object' && r !== null && (r as { id?: unknown }).id === id,
  );
  if (!item) return err(`no relation with id "${id}"`);
  item.approval = approval;
  if (file.version === 1) file.version = 2;
  const indent = /^\{\s*\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return ok(`${JSON.stringify(data, null, indent)}\n`);
}
