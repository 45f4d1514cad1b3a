/**
 * Mapping text → plain data, JSON or YAML, with the position of a syntax error in the issue's path
 * (`mapping.yaml:3:7`, or `3:7` when no file name is known) so an editor can jump to it.
 */
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { err, ok, type Result } from '../core/errors.ts';
import { issueError, type MappingIssue } from './issues.ts';
import { jsonErrorOffset, lineColumn } from './json-position.ts';

export type MappingFormat = 'json' | 'yaml';

/** `.json` files are JSON; everything else (`.yaml`, `.yml`, no extension) is YAML. */
export const formatOf = (file: string): MappingFormat =>
  extname(file).toLowerCase() === '.json' ? 'json' : 'yaml';

const at = (file: string | undefined, line: number, col: number): string =>
  file === undefined ? `${line}:${col}` : `${file}:${line}:${col}`;

export function parseText(
  text: string,
  format: MappingFormat,
  file?: string,
): Result<unknown, MappingIssue[]> {
  return format === 'json' ? parseJson(text, file) : parseYaml(text, file);
}

function parseYaml(text: string, file: string | undefined): Result<unknown, MappingIssue[]> {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length === 0) return ok(doc.toJS() as unknown);
  return err(
    doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      // Pretty messages end in " at line L, column C:" plus a code excerpt; the position goes in the path.
      const first = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
      const message =
        e.code === 'MULTIPLE_DOCS'
          ? 'a mapping file holds a single YAML document (remove the extra "---")'
          : first;
      return issueError(
        pos ? at(file, pos.line, pos.col) : (file ?? '(root)'),
        `YAML syntax error: ${message}`,
      );
    }),
  );
}

function parseJson(text: string, file: string | undefined): Result<unknown, MappingIssue[]> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // V8 gives a position for some errors only; the scanner finds it for all.
    const { line, col } = lineColumn(text, jsonErrorOffset(text));
    const clean = message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/, [\s\S]*is not valid JSON$/, '') // drop V8's excerpt: the position says where
      .replace(/^Unexpected end of JSON input$/, 'unexpected end of input');
    return err([issueError(at(file, line, col), `JSON syntax error: ${clean}`)]);
  }
}
