/**
 * Cross-checks a schema-valid mapping against the markets that actually exist, and against itself. Every
 * problem is reported (never just the first), each with the path of the relation it is about and a message a
 * trader can act on. Errors mean "trading on this could lose money"; warnings mean "look at this".
 */
import { consistencyIssues, type IndexedRelation } from './consistency.ts';
import { issueError, issueWarning, type MappingIssue } from './issues.ts';
import type { MappingFile, MappingRelation, MarketRef } from './types.ts';
import { UniverseIndex, type MappingUniverse, type UniverseMarket } from './universe.ts';
import { isoInstant } from '../core/time.ts';

const HOUR_MS = 3_600_000;

export interface CheckOptions {
  /** Equivalent markets closing further apart than this are an error: they may settle on different facts. */
  readonly maxCloseGapMs?: number;
  /** …and further apart than this a warning. */
  readonly warnCloseGapMs?: number;
  /** Relations below this confidence are ignored when trading: reported as a warning. */
  readonly minConfidence?: number;
}

export const DEFAULT_MAX_CLOSE_GAP_MS = 48 * HOUR_MS;
export const DEFAULT_WARN_CLOSE_GAP_MS = 24 * HOUR_MS;
/** Hand-checked and generated relations sit at 0.95–1; converted ones with unconfirmed assumptions lower. */
export const DEFAULT_MIN_CONFIDENCE = 0.9;

export function checkMapping(
  mapping: MappingFile,
  universe: MappingUniverse,
  opts: CheckOptions = {},
): MappingIssue[] {
  return checkIndexed(
    mapping.relations.map((relation, index) => ({ relation, index })),
    universe,
    opts,
  );
}

/**
 * As `checkMapping`, for relations that keep their original file positions (some were dropped by the schema).
 * Without a universe (a file checked offline) only what the file says about itself is checked: no unknown,
 * closed or placeholder markets, no close-time gaps.
 */
export function checkIndexed(
  relations: readonly IndexedRelation[],
  universe: MappingUniverse | undefined,
  opts: CheckOptions = {},
): MappingIssue[] {
  return [...relationChecks(relations, universe, opts), ...consistencyIssues(relations)];
}

/** The checks of each relation on its own (markets, sets, close times, confidence): no consistency. */
export function relationChecks(
  relations: readonly IndexedRelation[],
  universe: MappingUniverse | undefined,
  opts: CheckOptions = {},
): MappingIssue[] {
  const index = universe === undefined ? undefined : new UniverseIndex(universe);
  return relations.flatMap((r) => relationIssues(r.relation, `relations.${r.index}`, index, opts));
}

function relationIssues(
  r: MappingRelation,
  at: string,
  universe: UniverseIndex | undefined,
  opts: CheckOptions,
): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const minConfidence = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (r.confidence < minConfidence)
    issues.push(
      issueWarning(
        `${at}.confidence`,
        `confidence ${r.confidence} is below the minimum ${minConfidence}: this relation will be ignored`,
        { code: 'low-confidence' },
      ),
    );
  /** The market behind a ref, or an "unknown market" error. */
  const lookup = (ref: MarketRef, path: string): UniverseMarket | undefined => {
    if (!universe) return undefined;
    const m = universe.get(ref.venue, ref.market);
    if (!m)
      issues.push(
        issueError(
          `${path}.market`,
          `unknown ${ref.venue} market "${ref.market}"${universe.hint(ref.venue, ref.market)}`,
          { code: 'unknown-market' },
        ),
      );
    else if (m.closed === true)
      issues.push(
        issueWarning(path, `${describe(m)} is closed: this relation can no longer be traded`, {
          code: 'closed-market',
        }),
      );
    return m;
  };

  switch (r.kind) {
    case 'equivalent':
    case 'implies': {
      const a = lookup(r.a, `${at}.a`);
      const b = lookup(r.b, `${at}.b`);
      if (sameRef(r.a, r.b)) {
        issues.push(
          issueError(`${at}.b`, `a market is related to itself: a and b are both ${refText(r.a)}`, {
            code: 'self-relation',
          }),
        );
        break;
      }
      for (const [m, side] of [
        [a, 'a'],
        [b, 'b'],
      ] as const)
        if (m?.placeholder === true) issues.push(placeholderWarning(m, `${at}.${side}`));
      if (r.kind === 'equivalent' && a && b) issues.push(...closeGapIssues(a, b, at, opts));
      break;
    }
    case 'exclusive':
      issues.push(...exclusiveIssues(r, at, lookup));
      break;
  }
  return issues;
}

function exclusiveIssues(
  r: Extract<MappingRelation, { kind: 'exclusive' }>,
  at: string,
  lookup: (ref: MarketRef, path: string) => UniverseMarket | undefined,
): MappingIssue[] {
  const issues: MappingIssue[] = [];
  if (r.markets.length < 2)
    issues.push(
      issueError(
        `${at}.markets`,
        `an exclusive set needs at least 2 markets (has ${r.markets.length}): nothing to trade against`,
        { code: 'set-too-small' },
      ),
    );
  const firstAt = new Map<string, number>();
  const found: UniverseMarket[] = [];
  r.markets.forEach((ref, j) => {
    const path = `${at}.markets.${j}`;
    const k = `${ref.venue}:${ref.market}`;
    const first = firstAt.get(k);
    if (first !== undefined) {
      issues.push(
        issueError(path, `${refText(ref)} is listed twice in this set (also markets.${first})`, {
          code: 'duplicate-market',
        }),
      );
      return;
    }
    firstAt.set(k, j);
    const m = lookup(ref, path);
    if (!m) return;
    found.push(m);
    if (m.placeholder !== true) return;
    if (r.exhaustive)
      issues.push(
        issueError(
          path,
          `${describe(m)} is a placeholder outcome ("Other"): the venue can re-cut what it pays on, so a set ` +
            `containing it cannot be treated as exhaustive (drop it and set exhaustive: false)`,
          { code: 'placeholder-in-exhaustive-set' },
        ),
      );
    else issues.push(placeholderWarning(m, path));
  });
  if (r.exhaustive) {
    // On one venue, an exhaustive set normally is one event's outcomes; markets from several events of the
    // same venue suggest a hand-assembled set that may miss an outcome.
    const eventsPerVenue = new Map<string, Set<string>>();
    for (const m of found) {
      if (m.eventKey === undefined) continue;
      const set = eventsPerVenue.get(m.venue) ?? new Set<string>();
      set.add(m.eventKey);
      eventsPerVenue.set(m.venue, set);
    }
    for (const [venue, events] of eventsPerVenue)
      if (events.size > 1)
        issues.push(
          issueWarning(
            `${at}.markets`,
            `exhaustive set mixes ${venue} markets from ${events.size} events (${[...events].join(', ')}): ` +
              `check that exactly one of them must resolve YES`,
            { code: 'mixed-events' },
          ),
        );
  }
  return issues;
}

function closeGapIssues(
  a: UniverseMarket,
  b: UniverseMarket,
  at: string,
  opts: CheckOptions,
): MappingIssue[] {
  const gap = Math.abs(a.closeTimeMs - b.closeTimeMs);
  const max = opts.maxCloseGapMs ?? DEFAULT_MAX_CLOSE_GAP_MS;
  const warn = opts.warnCloseGapMs ?? DEFAULT_WARN_CLOSE_GAP_MS;
  if (!Number.isFinite(gap) || gap <= warn) return []; // an unknown close time is not evidence of a gap
  const message =
    `equivalent markets close ${formatGap(gap)} apart: ${describe(a)} closes ${isoInstant(a.closeTimeMs)}, ` +
    `${describe(b)} closes ${isoInstant(b.closeTimeMs)}; they may settle on different facts`;
  return [
    gap > max
      ? issueError(at, message, { code: 'close-gap' })
      : issueWarning(at, message, { code: 'close-gap' }),
  ];
}

function placeholderWarning(m: UniverseMarket, path: string): MappingIssue {
  return issueWarning(
    path,
    `${describe(m)} is a placeholder outcome ("Other"): what it pays on can change when the venue adds outcomes`,
    { code: 'placeholder' },
  );
}

const sameRef = (x: MarketRef, y: MarketRef): boolean => x.venue === y.venue && x.market === y.market;
const refText = (r: MarketRef): string => `${r.venue} ${r.market}`;
const describe = (m: UniverseMarket): string => `${m.venue} ${m.key}`;

/** "5 days", "2.5 days", "30 hours": days from two days up, hours below. */
export function formatGap(ms: number): string {
  const round = (x: number): string => String(Math.round(x * 10) / 10);
  return ms >= 48 * HOUR_MS ? `${round(ms / (24 * HOUR_MS))} days` : `${round(ms / HOUR_MS)} hours`;
}
