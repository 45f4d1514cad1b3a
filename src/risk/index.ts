/** Pre-trade risk: caps, cash and limits checked before any order leaves. */
export {
  describeDenial,
  RiskBook,
  type Denial,
  type Plan,
  type PlanLeg,
  type PrecheckResult,
  type RiskLimits,
} from './precheck.ts';
