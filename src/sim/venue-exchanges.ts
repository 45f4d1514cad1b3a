/**
 * Builds the two simulated venues from a scenario: one `Exchange` per venue with that venue's settlement
 * rules, its markets, and the bot's funded account. The one place these venue rules are chosen.
 */
import type { Clock } from '../core/clock.ts';
import type { Venue } from '../core/market.ts';
import { Exchange } from './engine/exchange.ts';
import type { SimExchangeOptions } from './engine/types.ts';
import type { Scenario } from './universe/types.ts';

/** The account the bot trades from on each simulated venue. */
export const BOT_ACCOUNT = 'bot';

const VENUE_RULES: Record<
  Venue,
  Pick<SimExchangeOptions, 'autoNetPositions' | 'feeRounding' | 'idPrefix'>
> = {
  // Kalshi nets YES against NO into cash and keeps member balances in whole cents (sub-cent fee rule).
  kalshi: { autoNetPositions: true, feeRounding: 'kalshi_subcent', idPrefix: 'K' },
  // Polymarket holds both outcome tokens until merged and settles in 6-decimal collateral.
  polymarket: { autoNetPositions: false, feeRounding: 'exact', idPrefix: 'P' },
};

export type VenueExchanges = Record<Venue, Exchange>;

export function createVenueExchanges(
  scenario: Scenario,
  clock: Clock,
  opts: { hashEvents?: boolean } = {},
): VenueExchanges {
  const make = (venue: Venue): Exchange => {
    const ex = new Exchange(
      {
        venue,
        ...VENUE_RULES[venue],
        hashEvents: opts.hashEvents ?? false,
        markets: scenario.markets
          .filter((m) => m.venue === venue)
          .map((m) => ({ key: m.key, grid: m.grid, minSize: m.minSize, fees: m.fees })),
      },
      clock,
    );
    ex.openAccount(BOT_ACCOUNT, scenario.botCashMicros, { tracked: true });
    return ex;
  };
  return { kalshi: make('kalshi'), polymarket: make('polymarket') };
}
