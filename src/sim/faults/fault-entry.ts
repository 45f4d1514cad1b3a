/** One active fault as the injector holds it, and the matching rules every decision shares. */
import type { TimerHandle } from '../../core/clock.ts';
import type { Venue } from '../../core/market.ts';
import type { RestEndpointMatcher } from './endpoint.ts';
import type { FaultSpec, FaultVenue } from './spec.ts';

export interface FaultEntry {
  readonly id: string;
  readonly spec: FaultSpec;
  readonly rest: RestEndpointMatcher | undefined;
  applied: number;
  note: string | undefined;
  /** State faults: currently switched on. */
  engaged: boolean;
  /** price_jump: has fired (or found nothing to act on). */
  done: boolean;
  readonly timers: TimerHandle[];
}

/** Is the per-event fault live now, and does its probability roll succeed? The injector counts it when it fires. */
export type Fire = (e: FaultEntry, venue: Venue) => boolean;

export const appliesTo = (target: FaultVenue, venue: Venue): boolean => target === '*' || target === venue;

export const venuesOf = (target: FaultVenue): Venue[] =>
  target === '*' ? ['kalshi', 'polymarket'] : [target];

/** Faults switched on and off by timers rather than decided per request, frame or order. */
export function isStateFault(s: FaultSpec): boolean {
  return (
    s.kind === 'halt' ||
    s.kind === 'cancel_only' ||
    s.kind === 'price_jump' ||
    (s.kind === 'book_freeze' && s.params.process)
  );
}

export function marketMatches(s: FaultSpec, market: string | undefined): boolean {
  const want = 'market' in s.params ? (s.params as { market?: string | undefined }).market : undefined;
  return want === undefined || want === market;
}
