/** Reads a config file (YAML, or JSON for `.json`) into a plain object, with line:col for syntax errors. */
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { err, ok, type Result } from '../../core/errors.ts';
import type { ConfigIssue } from './issues.ts';

/** Reads `file` (relative to `cwd` if given); issues name the file as given, which is what the user typed. */
export function readConfigFile(file: string, cwd?: string): Result<Record<string, unknown>, ConfigIssue[]> {
  let text: string;
  try {
    text = readFileSync(cwd === undefined ? file : resolve(cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : String(e);
    return err([{ path: file, message: `cannot read config: ${why}` }]);
  }
  const parsed = extname(file).toLowerCase() === '.json' ? parseJson(file, text) : parseYaml(file, text);
  if (!parsed.ok) return parsed;
  const value = parsed.value ?? {}; // an empty file is an empty config: all defaults
  if (typeof value !== 'object' || Array.isArray(value)) {
    return err([
      { path: file, message: 'the top level must be a mapping of sections (venues, risk, lanes, …)' },
    ]);
  }
  return ok(value as Record<string, unknown>);
}

function parseYaml(file: string, text: string): Result<unknown, ConfigIssue[]> {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length === 0) return ok(doc.toJS() as unknown);
  return err(
    doc.errors.map((e) => {
      const at = e.linePos?.[0];
      // Pretty messages append " at line L, column C:" and a code excerpt; the position goes in the path.
      const message =
        e.code === 'MULTIPLE_DOCS'
          ? 'a config file holds a single YAML document (remove the extra "---")'
          : (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
      return { path: at ? `${file}:${at.line}:${at.col}` : file, message: `YAML: ${message}` };
    }),
  );
}

function parseJson(file: string, text: string): Result<unknown, ConfigIssue[]> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const position = /at position (\d+)/.exec(message)?.[1];
    if (position === undefined) return err([{ path: file, message: `JSON: ${message}` }]);
    const before = text.slice(0, Number(position)).split('\n');
    const line = before.length;
    const col = (before[before.length - 1] ?? '').length + 1;
    const clean = message.replace(/ in JSON at position \d+.*$/, '');
    return err([{ path: `${file}:${line}:${col}`, message: `JSON: ${clean}` }]);
  }
}
