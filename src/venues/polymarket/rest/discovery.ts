/**
 * Discovery: every open Gamma event, the CLOB facts of its markets, and from both `VenueMarket`s in core units
 * and `VenueEvent`s, a negRisk event being mutually exclusive and an augmented one listing its placeholder
 * outcomes (`negRiskOther`), which must never count towards exhaustiveness.
 */
import { type MarketIdTable, uniformGrid } from '../../../core/market.ts';
import type { Discovery, VenueEvent, VenueMarket } from '../../venue.ts';
import { err, ok } from '../../../core/errors.ts';
import type { VenueResult } from '../../venue.ts';
import type { PolyClient } from './client.ts';
import type { GammaEvent } from './decode-markets.ts';
import { resolveFees } from './fee-policy.ts';
import type { Markets } from './markets.ts';

/**
 * Every market of `events` must be in `cache`. A market whose fees cannot be established (fee-policy.ts) is
 * refused: listed in `refused` with the reason, left out of `markets`; the fee model of every other market is
 * recorded in the cache, for the fills.
 */
export function toDiscovery(events: readonly GammaEvent[], cache: Markets, ids: MarketIdTable): Discovery {
  const markets: VenueMarket[] = [];
  const venueEvents: VenueEvent[] = [];
  const refused: { key: string; reason: string }[] = [];
  for (const e of events) {
    for (const m of e.markets) {
      const info = cache.get(m.conditionId)!;
      const fees = resolveFees(info.fees, m.fees);
      if (!fees.ok) {
        refused.push({ key: info.conditionId, reason: fees.reason });
        continue;
      }
      cache.setFees(info.conditionId, fees.model);
      markets.push({
        id: ids.intern('polymarket', info.conditionId),
        venue: 'polymarket',
        key: info.conditionId,
        title: m.question,
        eventKey: e.slug,
        tokens: info.tokens,
        grid: uniformGrid(info.tick),
        minSize: info.minSize,
        fees: fees.model,
        closeTimeMs: m.endDateMs,
        status: m.closed ? 'closed' : m.acceptingOrders && m.active ? 'open' : 'paused',
        ...(m.subtitle === undefined ? {} : { subtitle: m.subtitle }),
      });
    }
    const placeholders = e.augmented ? e.markets.filter((m) => m.negRiskOther).map((m) => m.conditionId) : [];
    venueEvents.push({
      venue: 'polymarket',
      key: e.slug,
      title: e.title,
      marketKeys: e.markets.map((m) => m.conditionId),
      mutuallyExclusive: e.negRisk,
      ...(e.augmented ? { augmented: true, placeholderKeys: placeholders } : {}),
    });
  }
  return { markets, events: venueEvents, ...(refused.length > 0 ? { refused } : {}) };
}

/** Gamma events, then `/clob-markets` for each of their markets, then the discovery built from both. */
export async function discover(
  rest: PolyClient,
  markets: Markets,
  ids: MarketIdTable,
): Promise<VenueResult<Discovery>> {
  const events = await rest.events();
  if (!events.ok) return events;
  const failed = await markets.ensure([
    ...new Set(events.value.flatMap((e) => e.markets.map((m) => m.conditionId))),
  ]);
  if (failed) return err(failed);
  return ok(toDiscovery(events.value, markets, ids));
}
