/** An opportunity: a proven portfolio with everything a trader (and the risk check) needs to judge it. */
import { stableHash64 } from '../core/hash.ts';
import type { MarketId, Outcome, Venue } from '../core/market.ts';
import type { Micros, Px, Qty } from '../core/units.ts';
import type { LaneName } from './shapes.ts';

export interface OpportunityLeg {
  readonly market: MarketId;
  readonly venue: Venue;
  readonly key: string;
  readonly outcome: Outcome;
  /** Limit price: the worst level the size reaches. */
  readonly px: Px;
  readonly qty: Qty;
  /** How old the book behind this leg was when the opportunity was priced. */
  readonly quoteAgeMs: number;
}

export interface Opportunity {
  /** Stable: hash of lane, style, legs and time bucket. The same opportunity seen again has the same id. */
  readonly id: string;
  readonly shape: number;
  readonly relationId: string;
  readonly lane: LaneName;
  readonly style: string;
  readonly legs: readonly OpportunityLeg[];
  readonly qty: Qty;
  readonly guaranteedPayout: Micros;
  readonly cost: Micros;
  readonly fees: Micros;
  /** Guaranteed payout − cost − fees, proven by the core verifier. */
  readonly edge: Micros;
  /** Edge as a share of cost, in basis points (floored). */
  readonly edgeBps: number;
  readonly detectedAtMs: number;
}

export function opportunityId(
  lane: LaneName,
  style: string,
  legs: readonly Pick<OpportunityLeg, 'venue' | 'key' | 'outcome'>[],
  bucket: number,
): string {
  const legKey = legs.map((l) => `${l.venue}:${l.key}:${l.outcome}:BUY`).join(',');
  return `${lane}-${stableHash64(`${lane}|${style}|${legKey}|${bucket}`)}`;
}
