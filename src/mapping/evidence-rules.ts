/**
 * The evidence rules: what each relation's recorded evidence (and, when markets were discovered, what the
 * venues say now) tells about whether the markets really resolve together. Each finding is a reason with the
 * verdict it forces: `refused` when the evidence contradicts the relation, `review` when it is missing or
 * only partly agrees. Every threshold here is an option with a documented default.
 */
import type { VenueEvent } from '../venues/venue.ts';
import { formatGap } from './check.ts';
import { sha256Hex } from './evidence-schema.ts';
import { venueSaysExhaustive } from './event-trees.ts';
import { compareEquivalentTitles, compareImplicationTitles, type Titled } from './title-compare.ts';
import type { Evidence, MappingRelation, MappingVersion, MarketRef, PayoutClause } from './types.ts';
import type { UniverseIndex, UniverseMarket } from './universe.ts';
import { isoInstant } from '../core/time.ts';

const HOUR_MS = 3_600_000;

export interface Reason {
  /** Stable name of the rule (docs/operations.md lists them all). */
  readonly code: string;
  readonly verdict: 'review' | 'refused';
  /** Where in the file (`relations.3.a.evidence`). */
  readonly path: string;
  readonly message: string;
}

export interface EvidenceOptions {
  /** Expected settlements further apart than this need review (default 24 h)… */
  readonly reviewSettlementGapMs?: number;
  /** …and further apart than this are refused (default 7 days). */
  readonly maxSettlementGapMs?: number;
  /** Recorded close time vs the venue's: further apart than this needs review (default 1 h). */
  readonly venueCloseToleranceMs?: number;
  /** Close-time gaps from evidence, when no venue was asked (defaults as `CheckOptions`: 24 h review, 48 h refused). */
  readonly warnCloseGapMs?: number;
  readonly maxCloseGapMs?: number;
}

export const DEFAULT_REVIEW_SETTLEMENT_GAP_MS = 24 * HOUR_MS;
export const DEFAULT_MAX_SETTLEMENT_GAP_MS = 7 * 24 * HOUR_MS;
export const DEFAULT_VENUE_CLOSE_TOLERANCE_MS = HOUR_MS;

/** The evidence fields a market needs before a relation through it can trade without review. */
export const REQUIRED_EVIDENCE = [
  'yesMeans',
  'resolutionSource',
  'closeTime',
  'settlementTime',
  'rules',
  'clauses.void',
  'clauses.fiftyFifty',
  'clauses.earlyClose',
] as const;

export interface EvidenceContext {
  readonly version: MappingVersion;
  /** The discovered markets, when there are some (the trading path). */
  readonly universe?: UniverseIndex;
  /** Market sets the venues declare exhaustive (`exhaustiveSetKeys`). */
  readonly venueExhaustive?: ReadonlySet<string>;
  readonly opts?: EvidenceOptions;
}

interface Side {
  readonly ref: MarketRef;
  readonly path: string;
  readonly ev: Evidence;
  readonly venue: UniverseMarket | undefined;
}

const name = (s: Side): string => `${s.ref.venue} ${s.ref.market}`;
const timeOf = (iso: string | undefined): number | undefined =>
  iso === undefined ? undefined : Date.parse(iso);
const normal = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
const sources = (ev: Evidence): string[] | undefined =>
  ev.resolutionSource === undefined
    ? undefined
    : (typeof ev.resolutionSource === 'string' ? [ev.resolutionSource] : [...ev.resolutionSource]).map(
        normal,
      );
const shownSource = (ev: Evidence): string => JSON.stringify(ev.resolutionSource);

function sidesOf(r: MappingRelation, at: string, universe: UniverseIndex | undefined): Side[] {
  const refs: [MarketRef, string][] =
    r.kind === 'exclusive'
      ? r.markets.map((m, j) => [m, `${at}.markets.${j}`])
      : [
          [r.a, `${at}.a`],
          [r.b, `${at}.b`],
        ];
  return refs.map(([ref, path]) => ({
    ref,
    path,
    ev: ref.evidence ?? {},
    venue: universe?.get(ref.venue, ref.market),
  }));
}

function missing(ev: Evidence): string[] {
  const known: Record<(typeof REQUIRED_EVIDENCE)[number], boolean> = {
    yesMeans: ev.yesMeans !== undefined,
    resolutionSource: ev.resolutionSource !== undefined,
    closeTime: ev.closeTime !== undefined,
    settlementTime: ev.settlementTime !== undefined,
    rules: ev.rules !== undefined,
    'clauses.void': ev.clauses?.void !== undefined,
    'clauses.fiftyFifty': ev.clauses?.fiftyFifty !== undefined,
    'clauses.earlyClose': ev.clauses?.earlyClose !== undefined,
  };
  return REQUIRED_EVIDENCE.filter((f) => !known[f]);
}

const CLAUSE_NAMES = {
  void: 'a void clause',
  fiftyFifty: 'a 50-50 clause',
  earlyClose: 'an early-close clause',
};
const present = (c: PayoutClause | undefined): boolean | undefined =>
  c === undefined ? undefined : c !== false;

function pairFindings(
  x: Side,
  y: Side,
  at: string,
  kind: MappingRelation['kind'],
  o: EvidenceOptions,
): Reason[] {
  const out: Reason[] = [];
  const sx = sources(x.ev);
  const sy = sources(y.ev);
  if (sx && sy) {
    const shared = sx.filter((s) => sy.includes(s));
    const same = shared.length === new Set(sx).size && shared.length === new Set(sy).size;
    if (shared.length === 0)
      out.push({
        code: 'source-mismatch',
        verdict: 'refused',
        path: at,
        message: `${name(x)} resolves on ${shownSource(x.ev)}, ${name(y)} on ${shownSource(y.ev)}: different sources can report different outcomes`,
      });
    else if (!same)
      out.push({
        code: 'source-differs',
        verdict: 'review',
        path: at,
        message: `${name(x)} resolves on ${shownSource(x.ev)}, ${name(y)} on ${shownSource(y.ev)}: the sources only partly agree`,
      });
  }
  for (const k of ['void', 'fiftyFifty', 'earlyClose'] as const) {
    const cx = x.ev.clauses?.[k];
    const cy = y.ev.clauses?.[k];
    const [px, py] = [present(cx), present(cy)];
    if (px === undefined || py === undefined) continue;
    if (px !== py) {
      const [has, lacks] = px ? [x, y] : [y, x];
      out.push({
        code: 'payout-clause-mismatch',
        verdict: 'refused',
        path: at,
        message: `${name(has)} has ${CLAUSE_NAMES[k]} that ${name(lacks)} lacks: one side can pay differently from the other`,
      });
    } else if (typeof cx === 'string' && typeof cy === 'string' && normal(cx) !== normal(cy))
      out.push({
        code: 'payout-clause-differs',
        verdict: 'review',
        path: at,
        message: `${CLAUSE_NAMES[k]} is worded differently on ${name(x)} and ${name(y)}: check they trigger on the same facts`,
      });
  }
  if (kind === 'implies') return out;
  const gap = (
    code: string,
    a: number | undefined,
    b: number | undefined,
    warn: number,
    max: number,
    what: string,
  ): void => {
    if (a === undefined || b === undefined) return;
    const g = Math.abs(a - b);
    if (g <= warn) return;
    out.push({
      code,
      verdict: g > max ? 'refused' : 'review',
      path: at,
      message: `${name(x)} and ${name(y)} ${what} ${formatGap(g)} apart (${isoInstant(a)} vs ${isoInstant(b)})`,
    });
  };
  gap(
    'settlement-gap',
    timeOf(x.ev.settlementTime),
    timeOf(y.ev.settlementTime),
    o.reviewSettlementGapMs ?? DEFAULT_REVIEW_SETTLEMENT_GAP_MS,
    o.maxSettlementGapMs ?? DEFAULT_MAX_SETTLEMENT_GAP_MS,
    'are expected to settle',
  );
  // With discovered markets the checker compares the venues' close times (check.ts); offline, the recorded ones.
  if (kind === 'equivalent' && x.venue === undefined && y.venue === undefined)
    gap(
      'close-gap',
      timeOf(x.ev.closeTime),
      timeOf(y.ev.closeTime),
      o.warnCloseGapMs ?? 24 * HOUR_MS,
      o.maxCloseGapMs ?? 48 * HOUR_MS,
      'close',
    );
  return out;
}

/** What the venue says now vs what was recorded. */
function venueFindings(s: Side, o: EvidenceOptions): Reason[] {
  const v = s.venue;
  if (!v) return [];
  const out: Reason[] = [];
  const close = timeOf(s.ev.closeTime);
  const tolerance = o.venueCloseToleranceMs ?? DEFAULT_VENUE_CLOSE_TOLERANCE_MS;
  if (close !== undefined && Number.isFinite(v.closeTimeMs) && Math.abs(close - v.closeTimeMs) > tolerance)
    out.push({
      code: 'venue-close-changed',
      verdict: 'review',
      path: `${s.path}.evidence.closeTime`,
      message: `${name(s)} closes ${isoInstant(v.closeTimeMs)} on the venue, not ${s.ev.closeTime} as recorded`,
    });
  if (s.ev.title !== undefined && v.title !== undefined && normal(s.ev.title) !== normal(v.title))
    out.push({
      code: 'venue-title-changed',
      verdict: 'review',
      path: `${s.path}.evidence.title`,
      message: `${name(s)} is titled "${v.title}" on the venue, not "${s.ev.title}" as recorded`,
    });
  const recorded =
    s.ev.rules?.sha256 ?? (s.ev.rules?.text === undefined ? undefined : sha256Hex(s.ev.rules.text));
  if (recorded !== undefined && v.rules !== undefined && sha256Hex(v.rules) !== recorded)
    out.push({
      code: 'venue-rules-changed',
      verdict: 'review',
      path: `${s.path}.evidence.rules`,
      message: `${name(s)}'s rules on the venue differ from the rules recorded (sha256 ${sha256Hex(v.rules)} vs ${recorded})`,
    });
  return out;
}

function titleFindings(r: MappingRelation, sides: readonly Side[], at: string): Reason[] {
  if (r.kind === 'exclusive') return [];
  const [a, b] = sides as [Side, Side];
  const texts = (s: Side): { title?: Titled; yes?: Titled } => {
    const title = s.venue?.title ?? s.ev.title;
    return {
      ...(title !== undefined && { title: { label: `${name(s)} title`, text: title } }),
      ...(s.ev.yesMeans !== undefined && { yes: { label: `${name(s)} yesMeans`, text: s.ev.yesMeans } }),
    };
  };
  const [ta, tb] = [texts(a), texts(b)];
  const found = [];
  for (const k of ['title', 'yes'] as const) {
    const x = ta[k];
    const y = tb[k];
    if (!x || !y) continue;
    found.push(
      ...(r.kind === 'equivalent'
        ? compareEquivalentTitles(x, y, r.polarity)
        : compareImplicationTitles(x, y)),
    );
  }
  return found.map((f) => ({ ...f, path: at }));
}

/** An exhaustive set is proved by recorded evidence, or by the venue (one event it declares exhaustive, whole). */
function exhaustiveFindings(r: MappingRelation, at: string, ctx: EvidenceContext): Reason[] {
  if (r.kind !== 'exclusive' || !r.exhaustive || r.exhaustiveEvidence !== undefined) return [];
  if (ctx.venueExhaustive?.has(setKey(r.markets.map((m) => [m.venue, m.market]))) === true) return [];
  return [
    {
      code: 'exhaustive-unproven',
      verdict: 'review',
      path: `${at}.exhaustive`,
      message:
        'the set is declared exhaustive, but no venue says exactly one member resolves YES and no exhaustiveEvidence ' +
        'is recorded: an outcome nobody listed would make the all-YES basket lose',
    },
  ];
}

/** One key per set of markets, whatever their order. */
const setKey = (markets: readonly (readonly [string, string])[]): string =>
  markets
    .map(([v, k]) => `${v}:${k}`)
    .sort()
    .join('|');

/** The sets of markets the venues themselves declare exhaustive (one event each, listed whole). */
export const exhaustiveSetKeys = (events: readonly VenueEvent[]): Set<string> =>
  new Set(
    events.filter(venueSaysExhaustive).map((e) => setKey(e.marketKeys.map((k) => [e.venue, k] as const))),
  );

export function evidenceFindings(r: MappingRelation, at: string, ctx: EvidenceContext): Reason[] {
  const o = ctx.opts ?? {};
  const sides = sidesOf(r, at, ctx.universe);
  const out: Reason[] = [...exhaustiveFindings(r, at, ctx), ...titleFindings(r, sides, at)];
  if (ctx.version === 1) {
    out.push({
      code: 'version-1',
      verdict: 'review',
      path: at,
      message:
        'a version 1 file records no evidence: add version 2 evidence, or approve it after checking the rules',
    });
    return out;
  }
  for (const s of sides) {
    const gaps = missing(s.ev);
    if (gaps.length > 0)
      out.push({
        code: 'missing-evidence',
        verdict: 'review',
        path: `${s.path}.evidence`,
        message: `${name(s)}: no recorded ${gaps.join(', ')} (missing means unknown, never "matches")`,
      });
    out.push(...venueFindings(s, o));
  }
  for (let i = 0; i < sides.length; i++)
    for (let j = i + 1; j < sides.length; j++) out.push(...pairFindings(sides[i]!, sides[j]!, at, r.kind, o));
  // An exclusive set compares every pair of members: one finding can come from several pairs.
  const unique = new Map(out.map((f) => [`${f.code}|${f.path}|${f.message}`, f]));
  return [...unique.values()];
}
