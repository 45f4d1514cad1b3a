// Path patterns shared by the router and the fault injector's endpoint globs:
//   /markets/:ticker          `:name` captures one segment
//   /portfolio/*/orders       a lone `*` matches exactly one segment
//   /portfolio/*              a trailing `*` matches one or more segments (everything below /portfolio)
//   /data/order*              `*` inside a segment matches any characters within that segment
// Trailing slashes are ignored and the query string is never part of a path.
// (Line comments because a block comment would end at the first "*/".)

export interface PathPattern {
  readonly source: string;
  /** Captured params when `path` matches, else undefined. */
  match(path: string): Record<string, string> | undefined;
}

type Segment =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'one' }
  | { readonly kind: 'rest' }
  | { readonly kind: 'glob'; readonly re: RegExp };

export function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/').slice(1);
}

export function compilePathPattern(pattern: string): PathPattern {
  if (!pattern.startsWith('/'))
    throw new Error(`path pattern must start with "/": ${JSON.stringify(pattern)}`);
  const parts = splitPath(pattern);
  const segments: Segment[] = parts.map((part, i): Segment => {
    if (part === '*') return i === parts.length - 1 ? { kind: 'rest' } : { kind: 'one' };
    if (part.startsWith(':') && part.length > 1) return { kind: 'param', name: part.slice(1) };
    if (part.includes('*')) {
      const body = part
        .split('*')
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*');
      return { kind: 'glob', re: new RegExp(`^${body}$`) };
    }
    return { kind: 'literal', text: part };
  });
  return {
    source: pattern,
    match(path: string): Record<string, string> | undefined {
      const actual = splitPath(path);
      const params: Record<string, string> = {};
      for (let i = 0; i < segments.length; i++) {
        const seg = segments[i]!;
        const got = actual[i];
        if (seg.kind === 'rest') return got === undefined || got === '' ? undefined : params;
        if (got === undefined) return undefined;
        switch (seg.kind) {
          case 'literal':
            if (got !== seg.text) return undefined;
            break;
          case 'param':
            if (got === '') return undefined;
            params[seg.name] = safeDecode(got);
            break;
          case 'one':
            if (got === '') return undefined;
            break;
          case 'glob':
            if (!seg.re.test(got)) return undefined;
            break;
        }
      }
      return actual.length === segments.length ? params : undefined;
    },
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
