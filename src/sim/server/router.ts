/** Method + path-pattern routing with the distinction clients need: no such path (404) vs wrong method (405). */
import { compilePathPattern, type PathPattern } from './path-pattern.ts';
import type { Handler } from './types.ts';

interface Route {
  readonly method: string;
  readonly pattern: PathPattern;
  readonly handler: Handler;
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly handler: Handler; readonly params: Record<string, string> }
  | { readonly kind: 'method_not_allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'not_found' };

export class Router {
  private readonly routes: Route[] = [];

  /** `method` '*' accepts any method. Earlier routes win when two patterns match the same path. */
  add(method: string, pattern: string, handler: Handler): void {
    this.routes.push({ method: method.toUpperCase(), pattern: compilePathPattern(pattern), handler });
  }

  match(method: string, path: string): RouteMatch {
    const allow = new Set<string>();
    for (const r of this.routes) {
      const params = r.pattern.match(path);
      if (!params) continue;
      if (r.method === '*' || r.method === method || (method === 'HEAD' && r.method === 'GET')) {
        return { kind: 'found', handler: r.handler, params };
      }
      allow.add(r.method);
    }
    return allow.size > 0 ? { kind: 'method_not_allowed', allow: [...allow].sort() } : { kind: 'not_found' };
  }
}
