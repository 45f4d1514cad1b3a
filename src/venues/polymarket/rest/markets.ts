/**
 * What the adapter knows about markets: per condition id the CLOB facts (tokens, tick, minimum size, negRisk,
 * fees from `/clob-markets`, and the fee model discovery settled on), and per token its market and outcome.
 * Filled by discovery and on demand, a few lookups at a time, and kept current by the market channel: a
 * `tick_size_change` moves the tick, a `market_resolved` marks the market resolved (no new orders).
 */
import { ok } from '../../../core/errors.ts';
import type { PolymarketFeeModel } from '../../../core/fees.ts';
import type { Outcome } from '../../../core/market.ts';
import type { Px } from '../../../core/units.ts';
import type { VenueError, VenueResult } from '../../venue.ts';
import type { PolyClient } from './client.ts';
import type { ClobMarketInfo } from './decode-markets.ts';

export class Markets {
  private readonly byCondition = new Map<string, ClobMarketInfo>();
  private readonly byToken = new Map<string, { market: string; outcome: Outcome }>();
  /** The fee model discovery settled on (fee-policy.ts), by condition id. */
  private readonly feeModels = new Map<string, PolymarketFeeModel>();
  /** Markets the venue said are resolved, with the winning token when it said which. */
  private readonly resolvedMarkets = new Map<string, string | undefined>();

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

  /** Make sure every market is known; the first failure, if any (and no more lookups after it). */
  async ensure(conditionIds: readonly string[]): Promise<VenueError | undefined> {
    const failures = await this.lookUp(conditionIds, true);
    return failures.values().next().value;
  }

  /** Look every market up, whatever happens to the others; the failures by condition id. */
  ensureAll(conditionIds: readonly string[]): Promise<Map<string, VenueError>> {
    return this.lookUp(conditionIds, false);
  }

  private async lookUp(
    conditionIds: readonly string[],
    stopAtFirst: boolean,
  ): Promise<Map<string, VenueError>> {
    const todo = conditionIds.filter((c) => !this.get(c));
    const failures = new Map<string, VenueError>();
    const worker = async (): Promise<void> => {
      for (let c = todo.pop(); c !== undefined && !(stopAtFirst && failures.size > 0); c = todo.pop()) {
        const r = await this.info(c);
        if (!r.ok) failures.set(c, r.error);
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, worker));
    return failures;
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

  /** The venue changed the market's minimum tick (`tick_size_change`): orders are checked against the new one. */
  setTick(conditionId: string, tick: Px): void {
    const info = this.get(conditionId);
    if (info && info.tick !== tick) this.put({ ...info, tick });
  }

  /** The venue resolved the market (`market_resolved`): it takes no new orders. */
  markResolved(conditionId: string, winningAssetId: string | undefined): void {
    this.resolvedMarkets.set(conditionId.toLowerCase(), winningAssetId);
  }

  isResolved(conditionId: string): boolean {
    return this.resolvedMarkets.has(conditionId.toLowerCase());
  }
}
