/**
 * Intra-venue exclusive sets generated from venue metadata, so nobody has to hand-map "exactly one team wins"
 * for every event. A set is exhaustive only when the venue says so:
 *
 * - a Kalshi `mutually_exclusive` event → `exclusive`, **not** exhaustive, over its markets. Kalshi's flag only
 *   promises *at most one* YES: an event can end with no listed winner (a tie with no tie market, a candidate
 *   not listed yet), and the all-YES basket would then lose. So these sets yield the all-NO basket only; a
 *   mapping file can still declare one exhaustive, with the evidence (`exhaustiveEvidence`).
 * - a Polymarket negRisk event that is not augmented → `exclusive`, exhaustive. This is the venue saying so:
 *   its negRisk conversion turns a NO share of one outcome into a YES share of every other, which is value for
 *   value only if exactly one outcome resolves YES, and a non-augmented event cannot gain outcomes later.
 *   An `augmented` event, or one with placeholder outcomes ("Other"), → its named outcomes only,
 *   `exhaustive: false`: the placeholder can be re-cut when outcomes are added.
 * - A market that is closed, settled or missing from the market list is left out, and then the set is no
 *   longer exhaustive: the left-out market may still be the one that resolves YES.
 * - Events with fewer than two usable markets are skipped (nothing to trade against).
 *
 * Ids are stable (`tree:<venue>:<eventKey>`), so the same event always yields the same relation id.
 */
import type { VenueEvent, VenueMarket } from '../venues/venue.ts';
import type { MappingRelation } from './types.ts';
import { isoInstant } from '../core/time.ts';

export const EVENT_TREE_CONFIDENCE = 0.95;

/** The venue itself promises that exactly one of the event's listed markets resolves YES (see above). */
export const venueSaysExhaustive = (event: VenueEvent): boolean =>
  event.venue === 'polymarket' &&
  event.mutuallyExclusive &&
  event.augmented !== true &&
  (event.placeholderKeys ?? []).length === 0;

export function eventTreeRelations(
  events: readonly VenueEvent[],
  markets: readonly VenueMarket[],
): MappingRelation[] {
  const byKey = new Map(markets.map((m) => [`${m.venue}:${m.key}`, m]));
  const out: MappingRelation[] = [];
  for (const event of events) {
    if (!event.mutuallyExclusive) continue;
    const placeholders = new Set(event.placeholderKeys ?? []);
    const usable: VenueMarket[] = [];
    let leftOut = 0;
    for (const key of event.marketKeys) {
      const m = byKey.get(`${event.venue}:${key}`);
      if (placeholders.has(key)) continue;
      if (m && (m.status === 'open' || m.status === 'paused')) usable.push(m);
      else leftOut++;
    }
    if (usable.length < 2) continue;
    const augmented = event.augmented === true || placeholders.size > 0;
    const exhaustive = venueSaysExhaustive(event) && leftOut === 0;
    out.push({
      kind: 'exclusive',
      id: `tree:${event.venue}:${event.key}`,
      confidence: EVENT_TREE_CONFIDENCE,
      markets: usable.map((m) => ({ venue: m.venue, market: m.key })),
      exhaustive,
      notes: {
        closeTimes: usable.map((m) => isoInstant(m.closeTimeMs)),
        comment: treeComment(event, augmented, leftOut),
      },
    });
  }
  return out;
}

function treeComment(event: VenueEvent, augmented: boolean, leftOut: number): string {
  const source =
    event.venue === 'kalshi'
      ? `generated from Kalshi mutually exclusive event ${event.key}`
      : `generated from Polymarket negRisk event ${event.key}`;
  const parts = [source];
  if (augmented)
    parts.push(
      'augmented or with placeholder outcomes: placeholders left out, so at most one of these resolves YES',
    );
  if (leftOut > 0)
    parts.push(`${leftOut} closed, settled or unlisted market(s) left out, so the set is not exhaustive`);
  if (event.venue === 'kalshi')
    parts.push('not exhaustive: Kalshi only promises at most one YES, so only the NO basket is traded');
  else if (!augmented && leftOut === 0) parts.push('exactly one outcome resolves YES (negRisk)');
  return parts.join('; ');
}
