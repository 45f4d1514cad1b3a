/** Pre-trade risk: the risk book (cash, caps, open packages) and the check every plan passes before any order. */
export { describeDenial, type Denial, type PrecheckResult } from './denial.ts';
export { RiskBook, type HeldLeg, type Plan, type PlanLeg, type RiskLimits } from './risk-book.ts';
