/**
 * The Polymarket front's view of the scenario: markets by condition id and by outcome token, their events,
 * and the per-market facts the CLOB, Gamma and Data API report (tick size, minimum size, negRisk, fee rate).
 * Built once from the scenario; the tick size can be overridden at run time (`tick_size_change`).
 */
import type { Outcome } from '../../core/market.ts';
import { minTick } from '../../core/market.ts';
import type { Px } from '../../core/units.ts';
import type { Scenario, ScenarioEvent, ScenarioMarket } from '../universe/types.ts';

export interface CatalogMarket {
  readonly m: ScenarioMarket;
  readonly tokens: { readonly yes: string; readonly no: string };
  readonly event: ScenarioEvent | undefined;
  readonly negRisk: boolean;
  /** Gamma's numeric market id (a string), stable for a scenario. */
  readonly gammaId: string;
}

export interface TokenRef {
  readonly market: CatalogMarket;
  readonly outcome: Outcome;
}

export class Catalog {
  readonly markets: readonly CatalogMarket[];
  readonly events: readonly ScenarioEvent[];
  private readonly byCondition = new Map<string, CatalogMarket>();
  private readonly byToken = new Map<string, TokenRef>();
  private readonly tickOverride = new Map<string, Px>();

  constructor(scenario: Scenario) {
    this.events = scenario.events.filter((e) => e.venue === 'polymarket');
    const eventOf = new Map<string, ScenarioEvent>();
    for (const e of this.events) for (const k of e.markets) eventOf.set(k, e);
    const out: CatalogMarket[] = [];
    let n = 0;
    for (const m of scenario.markets) {
      if (m.venue !== 'polymarket' || !m.tokens) continue;
      const event = eventOf.get(m.key);
      const cm: CatalogMarket = {
        m,
        tokens: m.tokens,
        event,
        negRisk: event?.negRisk ?? false,
        gammaId: String(500_000 + n++),
      };
      out.push(cm);
      this.byCondition.set(m.key.toLowerCase(), cm);
      this.byToken.set(m.tokens.yes, { market: cm, outcome: 'YES' });
      this.byToken.set(m.tokens.no, { market: cm, outcome: 'NO' });
    }
    this.markets = out;
  }

  market(conditionId: string): CatalogMarket | undefined {
    return this.byCondition.get(conditionId.toLowerCase());
  }

  token(tokenId: string): TokenRef | undefined {
    return this.byToken.get(tokenId);
  }

  tokenOf(cm: CatalogMarket, outcome: Outcome): string {
    return outcome === 'YES' ? cm.tokens.yes : cm.tokens.no;
  }

  /** The label of a token's outcome as the venue lists it: "Yes"/"No", or the market's own (team names, Up/Down). */
  label(cm: CatalogMarket, outcome: Outcome): string {
    const labels = cm.m.outcomes ?? ['Yes', 'No'];
    return outcome === 'YES' ? labels[0] : labels[1];
  }

  /** The market's minimum tick: the scenario grid's, unless changed at run time. */
  tick(cm: CatalogMarket): Px {
    return this.tickOverride.get(cm.m.key) ?? minTick(cm.m.grid);
  }

  setTick(cm: CatalogMarket, tick: Px): void {
    this.tickOverride.set(cm.m.key, tick);
  }
}
