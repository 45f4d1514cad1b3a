/** The hot path: books, relation shapes, lane evaluation and incremental detection. Pure; no I/O, no clock. */
export { BookStore, type BookStoreStats, type Walk } from './book-store.ts';
export { MarketTable, type HotMarket } from './market-table.ts';
export {
  buildShapes,
  LANES,
  type LaneName,
  type LegOption,
  type ResolvedRelation,
  type Shape,
} from './shapes.ts';
export { evaluateShape, type EvalContext, type LaneLimits } from './evaluate.ts';
export { Detector, type DetectorListener } from './detector.ts';
export { opportunityId, type Opportunity, type OpportunityLeg } from './opportunity.ts';
export {
  DEFAULT_FILL_MODEL,
  legFillProbability,
  sizePackage,
  type FillModel,
  type SizingInput,
  type SizingResult,
} from './sizing.ts';
