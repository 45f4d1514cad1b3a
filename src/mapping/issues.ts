/**
 * Mapping problems, reported all at once as `path: message` with a severity. Errors stop a mapping from
 * loading (trading on it could lose money); warnings load but are shown to the operator.
 */
export type IssueSeverity = 'error' | 'warning';

export interface MappingIssue {
  /** Where: a key path into the file (`relations.3.a.market`), or a file position for syntax errors (`m.yaml:3:7`). */
  readonly path: string;
  readonly message: string;
  readonly severity: IssueSeverity;
}

export const issueError = (path: string, message: string): MappingIssue => ({
  path,
  message,
  severity: 'error',
});

export const issueWarning = (path: string, message: string): MappingIssue => ({
  path,
  message,
  severity: 'warning',
});

/** Path segments joined by dots; the empty path is the file itself. */
export const joinPath = (segments: readonly (string | number)[]): string =>
  segments.length === 0 ? '(root)' : segments.map(String).join('.');

export const hasErrors = (issues: readonly MappingIssue[]): boolean =>
  issues.some((i) => i.severity === 'error');

/** One line per issue, as the CLI prints them: `  error relations.3.a.market: …`. */
export function formatIssues(issues: readonly MappingIssue[]): string {
  return issues.map((i) => `  ${i.severity} ${i.path}: ${i.message}`).join('\n');
}
