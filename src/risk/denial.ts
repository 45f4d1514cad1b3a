/** Why the pre-trade check refused a plan: one denial per limit it breaks, each with the numbers that broke it. */
import type { Venue } from '../core/market.ts';
import type { Micros } from '../core/units.ts';

export type Denial =
  | { readonly code: 'CASH'; readonly venue: Venue; readonly need: Micros; readonly free: Micros }
  | { readonly code: 'MARKET_CAP'; readonly market: string; readonly after: Micros; readonly cap: Micros }
  | { readonly code: 'EVENT_CAP'; readonly event: string; readonly after: Micros; readonly cap: Micros }
  | { readonly code: 'MAX_OPEN_PACKAGES'; readonly open: number; readonly max: number }
  | { readonly code: 'MIN_EDGE'; readonly edgeBps: number; readonly minBps: number }
  | { readonly code: 'DUPLICATE'; readonly id: string }
  | { readonly code: 'EMPTY' };

export type PrecheckResult =
  { readonly ok: true } | { readonly ok: false; readonly denials: readonly Denial[] };

export function describeDenial(d: Denial): string {
  switch (d.code) {
    case 'CASH':
      return `not enough cash on ${d.venue}: need ${usd(d.need)}, free ${usd(d.free)}`;
    case 'MARKET_CAP':
      return `market ${d.market} would hold ${usd(d.after)}, over its ${usd(d.cap)} cap`;
    case 'EVENT_CAP':
      return `event ${d.event} would hold ${usd(d.after)}, over its ${usd(d.cap)} cap`;
    case 'MAX_OPEN_PACKAGES':
      return `${d.open} packages already open (max ${d.max})`;
    case 'MIN_EDGE':
      return `edge ${d.edgeBps} bps is under the ${d.minBps} bps minimum`;
    case 'DUPLICATE':
      return `opportunity ${d.id} was already planned`;
    case 'EMPTY':
      return 'the plan has no legs';
  }
}

const usd = (m: Micros): string => `$${(m / 1e6).toFixed(2)}`;
