/**
 * Market and account history the engine does not keep but Kalshi reports: traded volume and the last trade
 * price per market, each account's last known position per market, and settlements. Fed by the engine's
 * event stream from the moment the front is mounted.
 */
import type { Outcome } from '../../core/market.ts';
import { asQty, type Micros, type Px, type Qty } from '../../core/units.ts';
import type { Exchange } from '../engine/exchange.ts';

export interface SettlementRecord {
  readonly account: string;
  readonly market: string;
  readonly result: Outcome;
  readonly payout: Micros;
  /** Contracts held when the market settled. */
  readonly yes: Qty;
  readonly no: Qty;
  readonly tsMs: number;
}

export class KalshiActivity {
  private readonly volume = new Map<string, number>();
  private readonly lastPx = new Map<string, Px>();
  private readonly lastPosition = new Map<string, { yes: number; no: number }>();
  private readonly settlementLog: SettlementRecord[] = [];
  private readonly stop: () => void;

  constructor(exchange: Exchange) {
    this.stop = exchange.subscribe((e) => {
      switch (e.type) {
        case 'trade':
          this.volume.set(e.trade.market, (this.volume.get(e.trade.market) ?? 0) + e.trade.qty);
          this.lastPx.set(e.trade.market, e.trade.yesPx);
          break;
        case 'position':
          this.lastPosition.set(`${e.account}\u0000${e.market}`, { yes: e.yes, no: e.no });
          break;
        case 'settlement': {
          // The position event that follows shows zero; the one before it is what was held.
          const held = this.lastPosition.get(`${e.account}\u0000${e.market}`) ?? { yes: 0, no: 0 };
          this.settlementLog.push({
            account: e.account,
            market: e.market,
            result: e.result,
            payout: e.payout,
            yes: asQty(held.yes),
            no: asQty(held.no),
            tsMs: e.tsMs,
          });
          break;
        }
        default:
          break;
      }
    });
  }

  volumeOf(market: string): Qty {
    return asQty(this.volume.get(market) ?? 0);
  }

  lastPriceOf(market: string): Px | undefined {
    return this.lastPx.get(market);
  }

  /** Settlements of `account`, oldest first. */
  settlements(account: string): readonly SettlementRecord[] {
    return this.settlementLog.filter((s) => s.account === account);
  }

  dispose(): void {
    this.stop();
  }
}
