/**
 * The pre-run gate chain of `arb gates` and `arb live`, as pure decisions: each gate turns what its probe found
 * into green or red with a reason; a gate whose prerequisite is not green is skipped (saying which); the chain
 * passes only when every gate is green. The probes (sockets, files) live in probes.ts; nothing here does I/O,
 * so every verdict is tested without a venue.
 */
import type { Level, Venue } from '../../core/market.ts';
import type { Micros } from '../../core/units.ts';
import type { VenueError, VenueResult } from '../../venues/venue.ts';
import type { KillSwitchState } from '../operator/kill-state.ts';

export const GATE_NAMES = [
  'config',
  'connection',
  'reachable',
  'credentials',
  'clock',
  'stream',
  'smoke',
  'store',
  'kill',
  'mapping',
] as const;
export type GateName = (typeof GATE_NAMES)[number];
export type GateStatus = 'green' | 'red' | 'skipped';

export interface GateResult {
  readonly name: GateName;
  readonly title: string;
  readonly status: GateStatus;
  readonly reason: string;
}

export const GATE_TITLES: Record<GateName, string> = {
  config: 'config valid',
  connection: 'credentials present (connection file)',
  reachable: 'venues reachable',
  credentials: 'credentials accepted (read-only authenticated call)',
  clock: 'clock skew within bounds',
  stream: 'stream preflight (subscribe, snapshot)',
  smoke: 'dual-venue smoke (balances; REST and stream books agree)',
  store: 'order store without safe-mode reasons',
  kill: 'kill switch off',
  mapping: 'mapping has tradable relations',
};

/** What each gate needs green before its probe means anything (a venue that is down has no clock to compare). */
export const GATE_NEEDS: Record<GateName, readonly GateName[]> = {
  config: [],
  connection: [],
  reachable: ['connection'],
  credentials: ['reachable'],
  clock: ['reachable'],
  stream: ['credentials'],
  smoke: ['stream'],
  store: ['config'],
  kill: ['config'],
  mapping: ['config'],
};

/** The reason a gate is skipped, or undefined when all it needs is green. */
export function skipReason(name: GateName, done: readonly GateResult[]): string | undefined {
  for (const need of GATE_NEEDS[name]) {
    const r = done.find((d) => d.name === need);
    if (r?.status !== 'green') return `needs "${need}" green (it is ${r?.status ?? 'not run'})`;
  }
  return undefined;
}

export const green = (name: GateName, reason: string): GateResult => ({
  name,
  title: GATE_TITLES[name],
  status: 'green',
  reason,
});
export const red = (name: GateName, reason: string): GateResult => ({
  name,
  title: GATE_TITLES[name],
  status: 'red',
  reason,
});
export const skipped = (name: GateName, reason: string): GateResult => ({
  name,
  title: GATE_TITLES[name],
  status: 'skipped',
  reason,
});

/** All green passes; otherwise the first gate that is not green is the one to name. */
export function chainVerdict(results: readonly GateResult[]): { pass: boolean; blocking?: GateResult } {
  const blocking = results.find((r) => r.status !== 'green');
  return blocking ? { pass: false, blocking } : { pass: true };
}

type PerVenue<T> = Partial<Record<Venue, T>>;
const entries = <T>(p: PerVenue<T>): [Venue, T][] => Object.entries(p) as [Venue, T][];
const errorText = (e: VenueError): string =>
  `${e.code}${e.status ? ` (HTTP ${e.status})` : ''}: ${e.message}`;

/** Every venue answered its public endpoint (or why not: refused, timed out, an HTTP error). */
export function judgeReachable(found: PerVenue<{ ok: true } | { ok: false; error: string }>): GateResult {
  const down = entries(found).filter(([, r]) => !r.ok) as [Venue, { ok: false; error: string }][];
  if (down.length > 0) return red('reachable', down.map(([v, r]) => `${v}: ${r.error}`).join('; '));
  return green('reachable', `${Object.keys(found).join(', ')} answered`);
}

/** The authenticated read (balance) succeeded on every venue; a rejection names the venue and the venue's code. */
export function judgeCredentials(found: PerVenue<VenueResult<Micros>>): GateResult {
  const bad = entries(found).filter(([, r]) => !r.ok);
  if (bad.length > 0)
    return red(
      'credentials',
      bad
        .map(([v, r]) => {
          const e = (r as { ok: false; error: VenueError }).error;
          return `${v}: ${e.kind === 'fatal' ? 'key rejected' : 'authenticated call failed'}: ${errorText(e)}`;
        })
        .join('; '),
    );
  return green(
    'credentials',
    entries(found)
      .map(([v, r]) => `${v} balance ${(r as { ok: true; value: Micros }).value} micros`)
      .join(', '),
  );
}

/**
 * One reading of a venue's clock: the server time it reported (truncated to `resolutionMs`, Polymarket's `/time`
 * and an HTTP Date header are whole seconds) between our clock before the request and after the reply.
 */
export interface ClockSample {
  readonly serverMs: number;
  readonly resolutionMs: number;
  readonly localBeforeMs: number;
  readonly localAfterMs: number;
}

/**
 * The smallest skew the sample allows: the server's true time lies in [serverMs, serverMs + resolution) and it
 * was read at some instant between before and after, so only a gap outside every such pairing is real skew.
 */
export function minimumSkewMs(s: ClockSample): number {
  const low = s.serverMs - s.localAfterMs;
  const high = s.serverMs + s.resolutionMs - s.localBeforeMs;
  if (low <= 0 && high >= 0) return 0;
  return low > 0 ? low : high;
}

export function judgeClock(found: PerVenue<ClockSample | undefined>, maxSkewMs: number): GateResult {
  const parts: string[] = [];
  const far: string[] = [];
  for (const [v, s] of entries(found)) {
    if (s === undefined) {
      parts.push(`${v}: no server time exposed`);
      continue;
    }
    const skew = minimumSkewMs(s);
    const text = `${v}: ${skew === 0 ? 'no measurable skew' : `at least ${skew} ms ${skew > 0 ? 'ahead of' : 'behind'} us`}`;
    parts.push(text);
    if (Math.abs(skew) > maxSkewMs) far.push(text);
  }
  if (far.length > 0) return red('clock', `${far.join('; ')} (bound ${maxSkewMs} ms; fix NTP on this host)`);
  return green('clock', `${parts.join('; ')} (bound ${maxSkewMs} ms)`);
}

export interface StreamProbe {
  readonly market: string;
  /** The first snapshot's book, or why none came. */
  readonly snapshot?: { yesBids: readonly Level[]; yesAsks: readonly Level[] };
  readonly error?: string;
}

export function judgeStream(found: PerVenue<StreamProbe>): GateResult {
  const bad = entries(found).filter(([, p]) => p.snapshot === undefined);
  if (bad.length > 0)
    return red(
      'stream',
      bad.map(([v, p]) => `${v}: no snapshot for ${p.market}: ${p.error ?? 'none came'}`).join('; '),
    );
  return green(
    'stream',
    entries(found)
      .map(([v, p]) => `${v}: subscribed to ${p.market}, snapshot received`)
      .join('; '),
  );
}

/** Top of book (best level each side, price and size): what the smoke test compares between REST and stream. */
export function topOfBookAgrees(
  a: { yesBids: readonly Level[]; yesAsks: readonly Level[] },
  b: { yesBids: readonly Level[]; yesAsks: readonly Level[] },
): boolean {
  const same = (x?: Level, y?: Level): boolean => x?.px === y?.px && x?.qty === y?.qty;
  return same(a.yesBids[0], b.yesBids[0]) && same(a.yesAsks[0], b.yesAsks[0]);
}

const top = (b: { yesBids: readonly Level[]; yesAsks: readonly Level[] }): string =>
  `bid ${b.yesBids[0] ? `${b.yesBids[0].qty}@${b.yesBids[0].px}` : 'none'} / ask ${b.yesAsks[0] ? `${b.yesAsks[0].qty}@${b.yesAsks[0].px}` : 'none'}`;

export interface SmokeProbe {
  readonly market: string;
  /** Attempts made; the books move, so agreement on any attempt counts. */
  readonly attempts: number;
  readonly agreed: boolean;
  /** The last pair compared (for the reason), or why the REST read failed. */
  readonly last?: { rest: StreamProbe['snapshot'] & object; stream: StreamProbe['snapshot'] & object };
  readonly error?: string;
}

export function judgeSmoke(found: PerVenue<SmokeProbe>): GateResult {
  const bad = entries(found).filter(([, p]) => !p.agreed);
  if (bad.length > 0)
    return red(
      'smoke',
      bad
        .map(
          ([v, p]) =>
            `${v} ${p.market}: ${p.error ?? (p.last ? `REST ${top(p.last.rest)} vs stream ${top(p.last.stream)}` : 'no book')} after ${p.attempts} attempt${p.attempts === 1 ? '' : 's'}`,
        )
        .join('; '),
    );
  return green(
    'smoke',
    entries(found)
      .map(([v, p]) => `${v} ${p.market}: REST and stream agree`)
      .join('; '),
  );
}

export function judgeStore(
  found:
    | { exists: false }
    | {
        exists: true;
        safeModeReasons: readonly { code: string; detail: string }[];
        unresolvedIntents: number;
      },
): GateResult {
  if (!found.exists) return green('store', 'no order store yet (first run)');
  if (found.safeModeReasons.length > 0)
    return red(
      'store',
      `safe mode: ${found.safeModeReasons.map((r) => `${r.code}: ${r.detail}`).join('; ')} (check "arb status", then "arb ack")`,
    );
  const pending =
    found.unresolvedIntents > 0
      ? `; ${found.unresolvedIntents} intent(s) without an outcome, resolved by crash recovery at start`
      : '';
  return green('store', `no safe-mode reasons${pending}`);
}

export function judgeKill(k: KillSwitchState, envKill: boolean): GateResult {
  const set = [
    ...(k.global ? ['global (KILL file)'] : []),
    ...(envKill ? ['global (ARB_KILL)'] : []),
    ...Object.entries(k.venues).flatMap(([v, on]) => (on ? [`${v} (KILL.${v} file)`] : [])),
  ];
  if (set.length > 0) return red('kill', `kill switch set: ${set.join(', ')} ("arb resume" lifts it)`);
  return green('kill', 'no kill switch set');
}

export function judgeMappingGate(
  found: { file: undefined } | { file: string; trades: number; review: number; refused: number },
): GateResult {
  if (found.file === undefined)
    return red('mapping', 'no mapping file (give --mapping or set paths.mappingFile)');
  const { trades, review, refused } = found;
  if (trades === 0)
    return red(
      'mapping',
      `${found.file}: no tradable relation (${review} need review, ${refused} refused; "arb mapping check ${found.file}")`,
    );
  return green('mapping', `${found.file}: ${trades} tradable, ${review} need review, ${refused} refused`);
}
