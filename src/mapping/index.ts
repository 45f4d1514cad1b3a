/**
 * Mapping files: which markets mean the same thing, which form exclusive sets, which imply which. Parsing
 * (JSON/YAML, zod), checking against the discovered markets and against itself, one verdict per relation
 * (tradable, review, refused) from its evidence, operator approvals, generated event trees, loading for
 * detection, and a converter from recorded real NBA pairs.
 */
export type {
  Approval,
  Evidence,
  MappingFile,
  MappingRelation,
  MappingVersion,
  MarketRef,
  PayoutClauses,
  RelationMeta,
  RulesEvidence,
} from './types.ts';
export { sha256Hex } from './evidence-schema.ts';
export {
  DEFAULT_MAX_SETTLEMENT_GAP_MS,
  DEFAULT_REVIEW_SETTLEMENT_GAP_MS,
  DEFAULT_VENUE_CLOSE_TOLERANCE_MS,
  REQUIRED_EVIDENCE,
  type EvidenceOptions,
  type Reason,
} from './evidence-rules.ts';
export {
  judgeIndexed,
  judgeMapping,
  verdictCounts,
  type ApprovalView,
  type JudgeOptions,
  type RelationVerdict,
  type Verdict,
} from './verdict.ts';
export { approvalState, approveInText, relationHash } from './approval.ts';
export { coreRelation, coreRelations } from './relations.ts';
export {
  formatIssues,
  hasErrors,
  issueError,
  issueWarning,
  type IssueSeverity,
  type MappingIssue,
} from './issues.ts';
export { formatOf, type MappingFormat } from './syntax.ts';
export { parseMapping, parseMappingLenient, validateMapping, type LenientParse } from './schema.ts';
export {
  universeFromScenario,
  universeFromVenueMarkets,
  type MappingUniverse,
  type ScenarioLike,
  type UniverseMarket,
} from './universe.ts';
export {
  checkIndexed,
  checkMapping,
  relationChecks,
  DEFAULT_MAX_CLOSE_GAP_MS,
  DEFAULT_MIN_CONFIDENCE,
  DEFAULT_WARN_CLOSE_GAP_MS,
  formatGap,
  type CheckOptions,
} from './check.ts';
export type { IndexedRelation } from './consistency.ts';
export { EVENT_TREE_CONFIDENCE, eventTreeRelations, venueSaysExhaustive } from './event-trees.ts';
export { loadMapping, mergeMappings, resolveRelations, type LoadedMapping } from './load.ts';
export {
  CONFIRMED_PAIR_CONFIDENCE,
  pairsToMapping,
  UNCONFIRMED_ORDER_CONFIDENCE,
  type PairsConversion,
} from './nba-pairs.ts';
export { endOfTickerDayMs, universeFromRealData, type RealUniverse } from './real-universe.ts';
