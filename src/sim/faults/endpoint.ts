/**
 * Where a fault applies. REST endpoints are `METHOD /path/glob` (method optional or `*`) matched against the
 * request path relative to the venue's API base; WS endpoints are channel names. Absent or `*` means anywhere.
 */
import { compilePathPattern, type PathPattern } from '../server/path-pattern.ts';

export interface RestEndpointMatcher {
  matches(method: string, path: string): boolean;
}

export function restEndpoint(endpoint: string | undefined): RestEndpointMatcher {
  if (endpoint === undefined || endpoint === '*') return { matches: () => true };
  const space = endpoint.indexOf(' ');
  const method = space < 0 ? '*' : endpoint.slice(0, space).toUpperCase();
  const pathPart = (space < 0 ? endpoint : endpoint.slice(space)).trim();
  const pattern: PathPattern | undefined = pathPart === '*' ? undefined : compilePathPattern(pathPart);
  return {
    matches: (m, p) =>
      (method === '*' || method === m.toUpperCase()) && (pattern === undefined || !!pattern.match(p)),
  };
}

export function channelMatches(endpoint: string | undefined, channel: string): boolean {
  return endpoint === undefined || endpoint === '*' || endpoint === channel;
}
