/**
 * Operator approvals: an operator who has read both markets' rules can let a relation that needs review trade.
 * An approval is bound to the relation's content (a SHA-256 over the relation without its approval, keys
 * sorted), so editing the relation afterwards voids it; and it lists the review reasons it covers, so a new
 * doubt that appears later (the venue moves the close time) is not covered either.
 *
 * `approveInText` writes one into the file's own text. YAML: the relation is found with the `yaml` Document
 * API and the approval spliced in as text at the end of its block (replacing an older approval), so the rest of
 * the file, comments and layout included, is unchanged byte for byte; a relation written as a flow map falls
 * back to the library re-printing the document (comments kept). JSON is re-serialised with its indentation.
 */
import { isMap, isScalar, isSeq, parseDocument, stringify } from 'yaml';
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
  const value = { ...approval, covers: [...approval.covers] };
  const version = isMap(doc.contents)
    ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'version')
    : undefined;
  if (item.flow === true || !item.range || !isScalar(version?.value) || !version.value.range) {
    // A relation written as a flow map ({…}) cannot take a block: let the library re-print the document.
    item.set('approval', doc.createNode(value));
    if (doc.get('version') === 1) doc.set('version', 2);
    return ok(doc.toString({ lineWidth: 0 }));
  }
  // A block map: splice the approval in as text, so every other byte of the file (layout, comments) stays.
  const start = item.range[0];
  const column = start - (text.lastIndexOf('\n', start - 1) + 1);
  const block = stringify({ approval: value }, { lineWidth: 0 })
    .trimEnd()
    .split('\n')
    .map((line, i) => (i === 0 ? line : `${' '.repeat(column)}${line}`))
    .join('\n');
  const edits: { from: number; to: number; text: string }[] = [];
  const old = item.items.find((p) => isScalar(p.key) && p.key.value === 'approval');
  const oldKey = isScalar(old?.key) ? old.key.range : undefined;
  const oldValue = old && (isMap(old.value) || isScalar(old.value)) ? old.value.range : undefined;
  if (oldKey && oldValue) edits.push({ from: oldKey[0], to: oldValue[1], text: `${block}\n` });
  else {
    const end = item.range[1];
    const lead = text[end - 1] === '\n' ? '' : '\n';
    edits.push({ from: end, to: end, text: `${lead}${' '.repeat(column)}${block}\n` });
  }
  if (version.value.value === 1)
    edits.push({ from: version.value.range[0], to: version.value.range[1], text: '2' });
  edits.sort((x, y) => y.from - x.from);
  let out = text;
  for (const e of edits) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return ok(out);
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
