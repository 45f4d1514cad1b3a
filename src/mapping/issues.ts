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
  /** A stable name for the kind of problem (`unknown-market`, `contradiction`…), for verdicts and tools. */
  readonly code?: string;
  /** File positions of every relation the problem involves, when it is about several (a contradiction). */
  readonly relations?: readonly number[];
}

/** What an issue may say besides path and message. */
export interface IssueExtra {
  readonly code?: string;
  readonly relations?: readonly number[];
}

export const issueError = (path: string, message: string, extra: IssueExtra = {}): MappingIssue => ({
  path,
  message,
  severity: 'error',
  ...extra,
});

export const issueWarning = (path: string, message: string, extra: IssueExtra = {}): MappingIssue => ({
  path,
  message,
  severity: 'warning',
  ...extra,
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
