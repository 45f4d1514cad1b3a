/**
 * What the adapter knows about markets: per condition id the CLOB facts (tokens, tick, minimum size, negRisk,
 * fees from `/clob-markets`, and the fee model discovery settled on), and per token its market and outcome.
 * Filled by discovery and on demand, a few lookups at a time.
 */
import { ok } from '../../../core/errors.ts';
import type { PolymarketFeeModel } from '../../../core/fees.ts';
import type { Outcome } from '../../../core/market.ts';
import type { VenueError, VenueResult } from '../../venue.ts';
import type { PolyClient } from './client.ts';
import type { ClobMarketInfo } from './decode-markets.ts';

export class Markets {
  private readonly byCondition = new Map<string, ClobMarketInfo>();
  private readonly byToken = new Map<string, { market: string; outcome: Outcome }>();
  /** The fee model discovery settled on (fee-policy.ts), by condition id. */
  private readonly feeModels = new Map<string, PolymarketFeeModel>();

  constructor(
    private readonly rest: PolyClient,
    /** Concurrent `/clob-markets` lookups in `ensure` (default 8). */
    private readonly concurrency = 8,
  ) {}

  put(info: ClobMarketInfo): void {
    this.byCondition.set(info.conditionId.toLowerCase(), info);
    this.byToken.set(info.tokens.yes, { market: info.conditionId, outcome: 'YES' });
    this.byToken.set(info.tokens.no, { market: info.conditionId, outcome: 'NO' });
  }

  get(conditionId: string): ClobMarketInfo | undefined {
    return this.byCondition.get(conditionId.toLowerCase());
  }

  /** CLOB facts for a market, from the cache or `/clob-markets/{id}`. */
  async info(conditionId: string): Promise<VenueResult<ClobMarketInfo>> {
    const hit = this.get(conditionId);
    if (hit) return ok(hit);
    const r = await this.rest.clobMarket(conditionId);
    if (r.ok) this.put(r.value);
    return r;
  }

  /** Make sure every market is known; the first failure, if any. */
  async ensure(conditionIds: readonly string[]): Promise<VenueError | undefined> {
    const todo = conditionIds.filter((c) => !this.get(c));
    let failure: VenueError | undefined;
    const worker = async (): Promise<void> => {
      for (let c = todo.pop(); c !== undefined && !failure; c = todo.pop()) {
        const r = await this.info(c);
        if (!r.ok) failure = r.error;
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, worker));
    return failure;
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
