/**
 * Discovery: every open Gamma event, the CLOB facts of its markets (`/clob-markets`) and their `/fee-rate`, and
 * from all three `VenueMarket`s in core units and `VenueEvent`s, a negRisk event being mutually exclusive and an
 * augmented one listing its placeholder outcomes (`negRiskOther`), which must never count towards exhaustiveness.
 *
 * One odd market never fails discovery: a market Gamma lists that does not decode, one whose CLOB facts are
 * missing or unreadable, one whose tokens the two APIs order differently, and one whose fees cannot be
 * established or whose fee sources disagree (fee-policy.ts) is refused with the reason (the engine counts and
 * logs each), and its event still names it, so no set it belongs to is taken as exhaustive. A failure that is
 * not about one market (the network, the venue's errors) fails discovery as before.
 */
import { type MarketIdTable, uniformGrid } from '../../../core/market.ts';
import { err, ok } from '../../../core/errors.ts';
import type { Discovery, VenueError, VenueEvent, VenueMarket, VenueResult } from '../../venue.ts';
import type { PolyClient } from './client.ts';
import type { GammaPage } from './decode-gamma.ts';
import { resolveFees } from './fee-policy.ts';
import type { Markets } from './markets.ts';

/** What discovery learnt besides the events: per market, its CLOB lookup failure and its `/fee-rate`. */
export interface DiscoveryFacts {
  readonly clobFailures?: ReadonlyMap<string, VenueError>;
  readonly baseFees?: ReadonlyMap<string, number | undefined>;
}

/** A lookup failure that concerns the one market (it is unknown, or its answer unreadable), not the venue. */
const aboutTheMarket = (e: VenueError): boolean =>
  e.code === 'POLYMARKET.BAD_RESPONSE' || e.code === 'POLYMARKET.NOT_FOUND' || e.status === 404;

/**
 * Every market of `page` that has CLOB facts must be in `cache`. A market that cannot be traded is listed in
 * `refused` with the reason and left out of `markets`; the fee model of every other market is recorded in the
 * cache, for the fills.
 */
export function toDiscovery(
  page: GammaPage,
  cache: Markets,
  ids: MarketIdTable,
  facts: DiscoveryFacts = {},
): Discovery {
  const markets: VenueMarket[] = [];
  const venueEvents: VenueEvent[] = [];
  const refused: { key: string; reason: string }[] = page.skipped.map((s) => ({
    key: s.key,
    reason: `unreadable on Gamma: ${s.reason}`,
  }));
  for (const e of page.events) {
    for (const s of e.skipped) refused.push({ key: s.key, reason: `unreadable on Gamma: ${s.reason}` });
    for (const m of e.markets) {
      const failed = facts.clobFailures?.get(m.conditionId);
      const info = cache.get(m.conditionId);
      if (failed || !info) {
        refused.push({ key: m.conditionId, reason: `no CLOB facts: ${failed?.message ?? 'not looked up'}` });
        continue;
      }
      if (m.tokens.yes !== info.tokens.yes || m.tokens.no !== info.tokens.no) {
        refused.push({
          key: info.conditionId,
          reason: `Gamma and the CLOB list the outcomes' tokens differently (${m.outcomes.yes}/${m.outcomes.no})`,
        });
        continue;
      }
      const fees = resolveFees(info.fees, m.fees, facts.baseFees?.get(m.conditionId));
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
        outcomes: info.outcomes,
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
      marketKeys: [...e.markets.map((m) => m.conditionId), ...e.skipped.map((s) => s.key)],
      mutuallyExclusive: e.negRisk,
      ...(e.augmented ? { augmented: true, placeholderKeys: placeholders } : {}),
    });
  }
  return { markets, events: venueEvents, ...(refused.length > 0 ? { refused } : {}) };
}

/** `/fee-rate` of each market's first token, a few at a time; a market without an answer has none. */
async function baseFees(
  rest: PolyClient,
  cache: Markets,
  keys: readonly string[],
  concurrency: number,
): Promise<Map<string, number | undefined>> {
  const out = new Map<string, number | undefined>();
  const todo = [...keys];
  const worker = async (): Promise<void> => {
    for (let k = todo.pop(); k !== undefined; k = todo.pop()) {
      const info = cache.get(k);
      if (!info) continue;
      const r = await rest.feeRate(info.tokens.yes);
      out.set(k, r.ok ? r.value : undefined);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

/** Gamma events, then `/clob-markets` and `/fee-rate` for each of their markets, then the discovery. */
export async function discover(
  rest: PolyClient,
  markets: Markets,
  ids: MarketIdTable,
  concurrency = 8,
): Promise<VenueResult<Discovery>> {
  const page = await rest.events();
  if (!page.ok) return page;
  const keys = [...new Set(page.value.events.flatMap((e) => e.markets.map((m) => m.conditionId)))];
  const clobFailures = await markets.ensureAll(keys);
  for (const e of clobFailures.values()) if (!aboutTheMarket(e)) return err(e);
  const known = keys.filter((k) => !clobFailures.has(k));
  return ok(
    toDiscovery(page.value, markets, ids, {
      clobFailures,
      baseFees: await baseFees(rest, markets, known, concurrency),
    }),
  );
}
