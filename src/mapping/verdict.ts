/**
 * One verdict per relation, which is what decides whether it trades:
 *
 * - `refused`: something contradicts the relation (its evidence, its titles, the venue, the rest of the file)
 *   or the file itself rules it out (a market related to itself, confidence under the minimum). Only fixing the
 *   file changes it; an approval cannot.
 * - `review`: nothing contradicts it, but something is missing or only partly agrees (no evidence, a version 1
 *   file, an unproven exhaustive set, a close-time gap under the refusal threshold). It trades once an operator
 *   approves it (`arb mapping approve`), for the reasons they saw, until the relation is edited.
 * - `tradable`: complete evidence that agrees, and nothing else in doubt.
 *
 * The checker's existing issues map on: errors refuse, warnings need review (low confidence refuses). A set of
 * relations no world satisfies (a contradiction) refuses every relation the contradiction goes through; the
 * consistency check then runs again without them, until what is left is satisfiable. Relations already refused
 * on their own are left out of it, so one bad relation does not take good ones down with it.
 */
import type { VenueEvent } from '../venues/venue.ts';
import { approvalState } from './approval.ts';
import { relationChecks, type CheckOptions } from './check.ts';
import { consistencyIssues, type IndexedRelation } from './consistency.ts';
import { evidenceFindings, exhaustiveSetKeys, type EvidenceOptions, type Reason } from './evidence-rules.ts';
import type { MappingIssue } from './issues.ts';
import type { MappingFile, MappingRelation, MappingVersion } from './types.ts';
import { UniverseIndex, type MappingUniverse } from './universe.ts';

export type Verdict = 'tradable' | 'review' | 'refused';

export interface ApprovalView {
  readonly by: string;
  readonly at: string;
  readonly reason: string;
  /**
   * `valid`: lifts the review. `void`: the relation changed since it was approved. `incomplete`: a review
   * reason it does not cover appeared. `ignored`: the relation is refused. `unneeded`: it is tradable anyway.
   */
  readonly status: 'valid' | 'void' | 'incomplete' | 'ignored' | 'unneeded';
}

export interface RelationVerdict {
  readonly id: string;
  readonly kind: MappingRelation['kind'];
  readonly verdict: Verdict;
  readonly reasons: readonly Reason[];
  /** Position in the file. */
  readonly index: number;
  readonly approval?: ApprovalView;
  /** Whether the trading path uses it: tradable, or in review with a valid approval. */
  readonly trades: boolean;
}

export interface JudgeOptions extends CheckOptions, EvidenceOptions {
  /** Discovered markets: unknown markets, venue close times and titles are then checked too. */
  readonly universe?: MappingUniverse;
  /** Discovered events: an exclusive set one of them declares exhaustive needs no recorded evidence. */
  readonly events?: readonly VenueEvent[];
}

export const judgeMapping = (mapping: MappingFile, opts: JudgeOptions = {}): RelationVerdict[] =>
  judgeIndexed(
    mapping.relations.map((relation, index) => ({ relation, index })),
    mapping.version,
    opts,
  );

const indexOfPath = (path: string): number | undefined => {
  const m = /^relations\.(\d+)/.exec(path);
  return m ? Number(m[1]) : undefined;
};

function toReason(i: MappingIssue): Reason {
  const refused = i.severity === 'error' || i.code === 'low-confidence';
  return {
    code: i.code ?? 'check',
    verdict: refused ? 'refused' : 'review',
    path: i.path,
    message: i.message,
  };
}

export function judgeIndexed(
  relations: readonly IndexedRelation[],
  version: MappingVersion,
  opts: JudgeOptions = {},
): RelationVerdict[] {
  const index = opts.universe === undefined ? undefined : new UniverseIndex(opts.universe);
  const reasons = new Map<number, Reason[]>(relations.map((r) => [r.index, []]));
  const add = (i: MappingIssue | Reason, at: readonly number[]): void => {
    const reason = 'severity' in i ? toReason(i) : i;
    for (const n of at) {
      const list = reasons.get(n);
      if (list && !list.some((x) => x.code === reason.code && x.message === reason.message))
        list.push(reason);
    }
  };
  const at = (i: MappingIssue): number[] => [...(i.relations ?? [indexOfPath(i.path) ?? -1])];
  for (const i of relationChecks(relations, opts.universe, opts)) add(i, at(i));
  const ctx = {
    version,
    ...(index && { universe: index }),
    ...(opts.events && { venueExhaustive: exhaustiveSetKeys(opts.events) }),
    opts,
  };
  for (const r of relations)
    for (const f of evidenceFindings(r.relation, `relations.${r.index}`, ctx)) add(f, [r.index]);

  // Consistency over what could still trade; each contradiction found refuses its relations, then again.
  const refused = (n: number): boolean => (reasons.get(n) ?? []).some((x) => x.verdict === 'refused');
  let live = relations.filter((r) => !refused(r.index));
  for (let pass = 0; live.length > 0; pass++) {
    const issues = consistencyIssues(live);
    for (const i of issues) if (i.severity === 'error' || pass === 0) add(i, at(i));
    const bad = new Set(issues.filter((i) => i.severity === 'error').flatMap(at));
    if (bad.size === 0) break;
    live = live.filter((r) => !bad.has(r.index));
  }

  return relations.map(({ relation: r, index: n }) => verdictOf(r, n, reasons.get(n) ?? []));
}

function verdictOf(r: MappingRelation, index: number, found: readonly Reason[]): RelationVerdict {
  const reasons = [...found];
  const verdict: Verdict = reasons.some((x) => x.verdict === 'refused')
    ? 'refused'
    : reasons.length > 0
      ? 'review'
      : 'tradable';
  const base = { id: r.id, kind: r.kind, verdict, index };
  const state = approvalState(r, [...new Set(reasons.map((x) => x.code))]);
  if (!r.approval || !state) return { ...base, reasons, trades: verdict === 'tradable' };
  const { by, at, reason } = r.approval;
  const view = (status: ApprovalView['status']): ApprovalView => ({ by, at, reason, status });
  const path = `relations.${index}.approval`;
  if (verdict === 'refused') return { ...base, reasons, approval: view('ignored'), trades: false };
  if (verdict === 'tradable')
    return { ...base, reasons, approval: view(state.valid ? 'unneeded' : 'void'), trades: true };
  if (!state.valid) {
    reasons.push({
      code: 'approval-void',
      verdict: 'review',
      path,
      message: `approved by ${by} at ${at}, but the relation was edited since: check it again and re-approve`,
    });
    return { ...base, reasons, approval: view('void'), trades: false };
  }
  if (state.uncovered.length > 0) {
    reasons.push({
      code: 'approval-incomplete',
      verdict: 'review',
      path,
      message: `approved by ${by} at ${at} for ${r.approval.covers.join(', ') || 'nothing'}, which does not cover ${state.uncovered.join(', ')}`,
    });
    return { ...base, reasons, approval: view('incomplete'), trades: false };
  }
  return { ...base, reasons, approval: view('valid'), trades: true };
}

/** Counts per verdict, for summaries. */
export function verdictCounts(verdicts: readonly RelationVerdict[]): Record<Verdict, number> & {
  approved: number;
} {
  const c = { tradable: 0, review: 0, refused: 0, approved: 0 };
  for (const v of verdicts) {
    c[v.verdict]++;
    if (v.verdict === 'review' && v.trades) c.approved++;
  }
  return c;
}
