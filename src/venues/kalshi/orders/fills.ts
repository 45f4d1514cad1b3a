/**
 * The fill feed (`fillsSince`) and its opaque cursor: the newest fill second seen and the ids of fills in its
 * last two seconds (base64url JSON). Kalshi's `min_ts` is in whole seconds and its inclusiveness is not
 * documented, so the feed asks from one second earlier and drops what it has already seen: correct either way.
 */
import { err, ok } from '../../../core/errors.ts';
import type { VenueFill, VenueResult } from '../../venue.ts';
import { badResponse, invalidRequest } from '../errors.ts';
import type { KalshiRest } from '../rest/client.ts';
import { decodeFill } from './decode.ts';

export interface FillCursor {
  readonly ts: number | undefined;
  readonly seen: ReadonlySet<string>;
}

export function decodeFillCursor(
  cursor: string | undefined,
): { ok: true; value: FillCursor } | { ok: false; message: string } {
  if (cursor === undefined || cursor === '') return { ok: true, value: { ts: undefined, seen: new Set() } };
  try {
    const raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      typeof raw === 'object' &&
      raw !== null &&
      Number.isSafeInteger((raw as { t?: unknown }).t) &&
      Array.isArray((raw as { s?: unknown }).s) &&
      (raw as { s: unknown[] }).s.every((x) => typeof x === 'string')
    ) {
      const r = raw as { t: number; s: string[] };
      return { ok: true, value: { ts: r.t, seen: new Set(r.s) } };
    }
  } catch {
    // fall through
  }
  return {
    ok: false,
    message: `not a fills cursor this adapter issued: ${JSON.stringify(cursor.slice(0, 40))}`,
  };
}

export function encodeFillCursor(c: FillCursor): string {
  return Buffer.from(JSON.stringify({ t: c.ts ?? 0, s: [...c.seen] }), 'utf8').toString('base64url');
}

const second = (f: VenueFill): number => Math.floor(f.tsMs / 1000);

/** The cursor after `fresh` (oldest first); undefined when nothing new arrived. */
export function nextFillCursor(prev: FillCursor, fresh: readonly VenueFill[]): FillCursor | undefined {
  if (fresh.length === 0) return undefined;
  const ts = Math.max(prev.ts ?? 0, ...fresh.map(second));
  // Keep only what a query from ts − 1 can return again; older ids can never reappear.
  const keep = new Set(fresh.filter((f) => second(f) >= ts - 1).map((f) => f.id));
  for (const id of prev.seen) if (prev.ts !== undefined && prev.ts >= ts - 1) keep.add(id);
  return { ts, seen: keep };
}

/** Fills after `cursor`, oldest first, and the cursor to ask from next time (the same one when none arrived). */
export async function fillsSince(
  rest: KalshiRest,
  cursor: string | undefined,
): Promise<VenueResult<{ fills: VenueFill[]; cursor: string | undefined }>> {
  const c = decodeFillCursor(cursor);
  if (!c.ok) return err(invalidRequest(c.message));
  const all = await rest.fills(c.value.ts === undefined ? undefined : Math.max(0, c.value.ts - 1));
  if (!all.ok) return all;
  const fresh: VenueFill[] = [];
  // The venue lists newest first.
  for (const w of [...all.value].reverse()) {
    const f = decodeFill(w);
    if (!f.ok) return err(badResponse(f.error.message, false));
    if (!c.value.seen.has(f.value.id)) fresh.push(f.value);
  }
  fresh.sort((a, b) => a.tsMs - b.tsMs);
  const next = nextFillCursor(c.value, fresh);
  return ok({ fills: fresh, cursor: next === undefined ? cursor : encodeFillCursor(next) });
}
