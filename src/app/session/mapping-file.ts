/** Reading a mapping file for a session: the file's problems as one message, never a stack trace. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { err, ok, type Result } from '../../core/errors.ts';
import { formatOf, parseMapping, type MappingFile } from '../../mapping/index.ts';

export function readMappingFile(path: string, cwd: string): Result<MappingFile, string> {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (e) {
    return err(`cannot read mapping file ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = parseMapping(text, formatOf(path), path);
  if (!parsed.ok) {
    return err(
      `mapping file ${path} is not usable:\n${parsed.error.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
    );
  }
  return ok(parsed.value);
}
