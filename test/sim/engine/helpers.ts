import { expect } from 'vitest';
import { SimClock } from '../../../src/core/clock.ts';
import { kalshiFeeModel, NO_FEES, polymarketFeeModel, type FeeModel } from '../../../src/core/fees.ts';
import { uniformGrid } from '../../../src/core/market.ts';
import type { Px, Qty } from '../../../src/core/units.ts';
import { Exchange } from '../../../src/sim/engine/exchange.ts';
import type { OrderRequest, SimEvent } from '../../../src/sim/engine/types.ts';

export const px = (n: number) => n as Px;
export const qty = (n: number) => n as Qty;

export function makeExchange(
  opts: {
    venue?: 'kalshi' | 'polymarket';
    fees?: FeeModel;
    minSize?: number;
    markets?: string[];
    cash?: number;
    /** Tick, Px (default 100: a linear-cent grid; 10 is Kalshi's deci-cent). */
    tick?: number;
  } = {},
) {
  const venue = opts.venue ?? 'polymarket';
  const clock = new SimClock(1_000_000);
  const fees = opts.fees ?? NO_FEES;
  const ex = new Exchange(
    {
      venue,
      autoNetPositions: venue === 'kalshi',
      feeRounding: venue === 'kalshi' ? 'kalshi_subcent' : 'exact',
      idPrefix: venue === 'kalshi' ? 'K' : 'P',
      markets: (opts.markets ?? ['M']).map((key) => ({
        key,
        grid: uniformGrid(px(opts.tick ?? 100)),
        minSize: qty(opts.minSize ?? 1),
        fees,
      })),
      hashEvents: true,
    },
    clock,
  );
  const events: SimEvent[] = [];
  ex.subscribe((e) => events.push(e));
  for (const a of ['alice', 'bob', 'carol']) ex.openAccount(a, opts.cash ?? 1_000_000_000);
  return { ex, clock, events };
}

export const order = (
  o: Partial<OrderRequest> & Pick<OrderRequest, 'account' | 'side' | 'px' | 'qty'>,
): OrderRequest => ({
  market: 'M',
  outcome: 'YES',
  tif: 'GTC',
  ...o,
});

/** The exchange's conservation identity and contract balance; throws with detail when broken. */
export function expectConserved(ex: Exchange): void {
  const t = ex.totals();
  expect(t.balance + t.reserved + t.fees + t.escrow).toBe(t.deposited);
  for (const market of ex.marketKeys()) {
    let yes = 0;
    let no = 0;
    for (const a of ex.accounts()) {
      const p = a.positions.get(market);
      yes += p?.yes ?? 0;
      no += p?.no ?? 0;
      expect(p?.yes ?? 0).toBeGreaterThanOrEqual(0);
      expect(p?.no ?? 0).toBeGreaterThanOrEqual(0);
    }
    expect(yes).toBe(no);
    expect(yes * 10_000).toBe(ex.escrowOf(market));
  }
  for (const a of ex.accounts()) {
    expect(a.balance).toBeGreaterThanOrEqual(0);
    expect(a.reserved).toBeGreaterThanOrEqual(0);
  }
}

export { kalshiFeeModel, polymarketFeeModel };
