/**
 * Query-string parameters as Kalshi takes them: repeated keys or comma-separated lists (K1), integer
 * timestamps in Unix seconds, and `limit` + opaque `cursor` pagination where an empty cursor means "last page".
 */

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const good = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

/** `tickers=A&tickers=B` and `tickers=A,B` both give [A, B]. */
export function listParam(q: URLSearchParams, name: string): string[] {
  return q
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function optionalString(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name);
  return v === null || v === '' ? undefined : v;
}

export function intParam(
  q: URLSearchParams,
  name: string,
  range: { min: number; max: number },
): Parsed<number | undefined> {
  const raw = q.get(name);
  if (raw === null || raw === '') return good(undefined);
  if (!/^-?\d{1,15}$/.test(raw)) return bad(`${name}: expected an integer, got ${JSON.stringify(raw)}`);
  const n = Number(raw);
  if (n < range.min || n > range.max)
    return bad(`${name}: must be between ${range.min} and ${range.max}, got ${n}`);
  return good(n);
}

export function boolParam(q: URLSearchParams, name: string): Parsed<boolean> {
  const raw = q.get(name);
  if (raw === null || raw === '' || raw === 'false') return good(false);
  if (raw === 'true') return good(true);
  return bad(`${name}: expected true or false, got ${JSON.stringify(raw)}`);
}

export interface PageRequest {
  readonly limit: number;
  /** The key after which (ascending) or before which (descending) the page starts. */
  readonly after: number | undefined;
}

export function pageRequest(q: URLSearchParams, defaultLimit: number, maxLimit: number): Parsed<PageRequest> {
  const limit = intParam(q, 'limit', { min: 1, max: maxLimit });
  if (!limit.ok) return limit;
  const cursor = q.get('cursor');
  if (cursor === null || cursor === '') return good({ limit: limit.value ?? defaultLimit, after: undefined });
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^k(-?\d{1,15})$/.exec(decoded);
  if (!m) return bad(`cursor: not a cursor this endpoint issued: ${JSON.stringify(cursor)}`);
  return good({ limit: limit.value ?? defaultLimit, after: Number(m[1]) });
}

/**
 * One page of `items` (already filtered and in the endpoint's order, each with a key that is stable while the
 * list grows: a chronological index or a fixed position), and the cursor of the next page ('' when none).
 */
export function page<T>(
  items: readonly { readonly key: number; readonly item: T }[],
  order: 'asc' | 'desc',
  req: PageRequest,
): { readonly items: T[]; readonly cursor: string } {
  const start =
    req.after === undefined
      ? items
      : items.filter((x) => (order === 'asc' ? x.key > req.after! : x.key < req.after!));
  const slice = start.slice(0, req.limit);
  const last = slice[slice.length - 1];
  const more = start.length > slice.length && last !== undefined;
  return {
    items: slice.map((x) => x.item),
    cursor: more ? Buffer.from(`k${last.key}`, 'utf8').toString('base64url') : '',
  };
}
