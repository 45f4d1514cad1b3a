/**
 * Offset cursors as the CLOB pages lists: base64 of the decimal offset, starting at "MA==" (0) and ending
 * with "LTE=" (-1, no more pages).
 */
export const INITIAL_CURSOR = 'MA==';
export const END_CURSOR = 'LTE=';

export type Page<T> =
  | { ok: true; body: { limit: number; count: number; next_cursor: string; data: T[] } }
  | { ok: false; message: string };

export function paginate<T>(items: readonly T[], cursor: string | null, pageSize: number): Page<T> {
  const c = cursor === null || cursor === '' ? INITIAL_CURSOR : cursor;
  if (c === END_CURSOR)
    return { ok: true, body: { limit: pageSize, count: 0, next_cursor: END_CURSOR, data: [] } };
  const text = Buffer.from(c, 'base64').toString('utf8');
  if (!/^\d{1,9}$/.test(text) || Buffer.from(text).toString('base64') !== c)
    return { ok: false, message: `invalid next_cursor ${JSON.stringify(c)}` };
  const offset = Number(text);
  const data = items.slice(offset, offset + pageSize);
  const next =
    offset + pageSize < items.length ? Buffer.from(String(offset + pageSize)).toString('base64') : END_CURSOR;
  return { ok: true, body: { limit: pageSize, count: data.length, next_cursor: next, data } };
}
