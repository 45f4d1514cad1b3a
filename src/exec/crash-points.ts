/**
 * Named crash points: places in the order path where a test can make the process die abruptly, to prove that
 * a restart recovers from exactly there. `ARB_CRASH_AT=<point>[:<n>]` kills the process (SIGKILL, no cleanup,
 * nothing flushed that was not already committed) the n-th time (default first) execution reaches the point.
 * In normal runs nothing is armed and `hit` is one comparison.
 */
export const CRASH_POINTS = {
  'after-intent-written': 'an intent is on disk; its request has not been sent',
  'after-leg-a-sent':
    "leg A's order reached the venue and its reply is in hand; nothing of the reply is stored",
  'after-leg-a-ack': "leg A's reply (order id, status) is stored; its fills are not",
  'after-leg-a-fill': "leg A's fills are stored; leg B's intent is not written",
  'after-leg-b-sent':
    "leg B's order reached the venue and its reply is in hand; nothing of the reply is stored",
  'after-leg-b-ack': "leg B's reply is stored; its fills are not",
  'after-leg-b-fill': "leg B's fills are stored; the package's outcome is not",
  'during-unwind': 'an unwind order reached the venue; its reply and fills are not stored',
  'mid-reconcile':
    'startup recovery has stored a correction (an intent resolved, a package re-evaluated); the rest is not done',
} as const;

export type CrashPoint = keyof typeof CRASH_POINTS;

export const isCrashPoint = (s: string): s is CrashPoint => Object.hasOwn(CRASH_POINTS, s);

export interface CrashSpec {
  readonly point: CrashPoint;
  readonly nth: number;
}

/** Parse `<point>[:<n>]`; an error names the valid points. */
export function parseCrashSpec(text: string): { ok: true; value: CrashSpec } | { ok: false; error: string } {
  const m = /^([a-z-]+)(?::(\d+))?$/.exec(text.trim());
  const names = Object.keys(CRASH_POINTS).join(', ');
  if (!m) return { ok: false, error: `ARB_CRASH_AT must be <point>[:<n>], got ${JSON.stringify(text)}` };
  if (!isCrashPoint(m[1]!))
    return { ok: false, error: `ARB_CRASH_AT: unknown crash point ${JSON.stringify(m[1])}; known: ${names}` };
  const nth = m[2] === undefined ? 1 : Number(m[2]);
  if (!(nth >= 1)) return { ok: false, error: `ARB_CRASH_AT: n must be 1 or more, got ${m[2]}` };
  return { ok: true, value: { point: m[1], nth } };
}

/** Counts arrivals at each point and calls `die` at the armed one. */
export class CrashPoints {
  private readonly counts = new Map<CrashPoint, number>();

  constructor(
    private readonly armed: CrashSpec | undefined,
    private readonly die: (point: CrashPoint) => void,
  ) {}

  static none(): CrashPoints {
    return new CrashPoints(undefined, () => undefined);
  }

  hit(point: CrashPoint): void {
    if (this.armed?.point !== point) return;
    const n = (this.counts.get(point) ?? 0) + 1;
    this.counts.set(point, n);
    if (n === this.armed.nth) this.die(point);
  }
}
