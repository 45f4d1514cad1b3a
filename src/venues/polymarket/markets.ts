/**
 * What the adapter knows about markets: per condition id the CLOB facts (tokens, tick, minimum size, negRisk,
 * fees from `/clob-markets`, and the fee model discovery settled on), and per token its market and outcome. Filled by discovery and on demand.
 */
import type { PolymarketFeeModel } from '../../core/fees.ts';
import type { Outcome } from '../../core/market.ts';
import type { ClobMarketInfo } from './codec.ts';

export class MarketCache {
  private readonly byCondition = new Map<string, ClobMarketInfo>();
  private readonly byToken = new Map<string, { market: string; outcome: Outcome }>();
  /** The fee model discovery settled on (fee-policy.ts), by condition id. */
  private readonly feeModels = new Map<string, PolymarketFeeModel>();

  put(info: ClobMarketInfo): void {
    this.byCondition.set(info.conditionId.toLowerCase(), info);
    this.byToken.set(info.tokens.yes, { market: info.conditionId, outcome: 'YES' });
    this.byToken.set(info.tokens.no, { market: info.conditionId, outcome: 'NO' });
  }

  get(conditionId: string): ClobMarketInfo | undefined {
    return this.byCondition.get(conditionId.toLowerCase());
  }

  setFees(conditionId: string, model: PolymarketFeeModel): void {
    this.feeModels.set(conditionId.toLowerCase(), model);
  }

  /** The market's fee model as discovery resolved it, else the CLOB's `fd`; undefined when unknown. */
  fees(conditionId: string): PolymarketFeeModel | undefined {
    return this.feeModels.get(conditionId.toLowerCase()) ?? this.get(conditionId)?.fees;
  }

  token(tokenId: string): { market: string; outcome: Outcome } | undefined {
    return this.byToken.get(tokenId);
  }
}
