/** Config problems as `path: message` pairs, the unit every config error is reported in. */
import type { z } from 'zod';
import { objectShape, schemaAt } from './schema-walk.ts';

export interface ConfigIssue {
  /** Where: a key path (`risk.maxOpenPackages`), `env ARB_…`, or a file (`arb.config.yaml:3:7`). */
  path: string;
  message: string;
}

/** Lowercase with underscores and dashes removed: how env segments and misspelt keys are compared. */
export const normalizeKey = (key: string): string => key.toLowerCase().replace(/[_-]/g, '');

/** The known key a misspelling most likely meant, if one is close enough to suggest. */
export function suggestKey(wrong: string, known: readonly string[]): string | undefined {
  const target = normalizeKey(wrong);
  const exact = known.find((k) => normalizeKey(k) === target);
  if (exact) return exact;
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = editDistance(target, normalizeKey(key));
    if (distance <= Math.max(1, Math.floor(target.length / 4)) && (!best || distance < best.distance)) {
      best = { key, distance };
    }
  }
  return best?.key;
}

/** "did you mean …?" when a key is close, else the list of valid keys. */
export function keyHint(wrong: string, known: readonly string[]): string {
  const hint = suggestKey(wrong, known);
  return hint ? `did you mean "${hint}"?` : `expected one of: ${known.join(', ')}`;
}

/** Zod issues → config issues, one per unknown key, with paths joined by dots. */
export function fromZodIssues(root: z.core.$ZodType, issues: readonly z.core.$ZodIssue[]): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      const parent = schemaAt(root, path);
      const known = Object.keys((parent && objectShape(parent)) ?? {});
      for (const key of issue.keys) {
        out.push({ path: [...path, key].join('.'), message: `unknown key (${keyHint(key, known)})` });
      }
    } else {
      out.push({ path: path.length > 0 ? path.join('.') : '(root)', message: issue.message });
    }
  }
  return out;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
