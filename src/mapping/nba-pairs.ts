/**
 * Converts another bot's hand-curated Kalshi↔Polymarket game pairs (`pairs_*.json`) into our mapping format.
 *
 * Per game, Kalshi lists one market per team (`<event>-<TEAM>`, YES = that team wins); Polymarket lists one
 * market (a condition id) whose YES token is the *first* outcome ("Bucks" in ["Bucks", "Lakers"]). So:
 * - Kalshi's market for the first-outcome team  ≡ the Polymarket market   (`equivalent`, polarity `same`)
 * - Kalshi's market for the other team          ≡ the Polymarket market   (`equivalent`, polarity `inverted`)
 * - the two Kalshi team markets form an `exclusive` pair, exhaustive only in sports without ties (NBA,
 *   college football, NHL, MLB). NFL regular-season games can end tied, and other sports are not known
 *   here, so their pairs are `exhaustive: false` with a note.
 *
 * Which team is the first outcome is read from the Gamma dump when the market is in it (`clobTokenIds[0]` is
 * matched against the pair's per-team token ids): confidence 0.95. Without Gamma data, the pairs file's own
 * token-id order is taken as the outcome order (it held for every game we could check), but unconfirmed:
 * confidence 0.5, under the default minimum, so such relations are reported and not traded. A pair without
 * a condition id is looked up by slug in the Gamma dump (its moneyline market); failing that, only the
 * Kalshi pair is produced. Everything skipped or assumed is reported in `issues`, by `markets.<i>`.
 */
import { err, ok, type Result } from '../core/errors.ts';
import { issueWarning, type MappingIssue } from './issues.ts';
import {
  gammaEventsSchema,
  pairsFileSchema,
  parseWith,
  type GammaMarket,
  type PairEntry,
} from './real-data-formats.ts';
import type { MappingFile, MappingRelation } from './types.ts';

export const CONFIRMED_PAIR_CONFIDENCE = 0.95;
export const UNCONFIRMED_ORDER_CONFIDENCE = 0.5;
/** Sports where a game cannot end without a winner (overtime, shootouts, extra innings). */
const NO_TIE_SPORTS = new Set(['NBA', 'WNBA', 'CFP', 'NCAAF', 'NCAAB', 'NHL', 'MLB']);
const VOID_RULES =
  'Polymarket resolves 50-50 if the game is cancelled with no make-up game; check that Kalshi settles the same way';

export interface PairsConversion {
  readonly mapping: MappingFile;
  /** Per game, what was produced and how the Polymarket outcome order was known. */
  readonly games: readonly {
    readonly kalshiEvent: string;
    readonly sport: string;
    readonly conditionId?: string;
    readonly outcomeOrder: 'gamma' | 'pairs-file' | 'unknown';
  }[];
  readonly issues: readonly MappingIssue[];
}

export function pairsToMapping(
  pairs: unknown,
  opts: { readonly source: string; readonly gammaEvents?: unknown },
): Result<PairsConversion, MappingIssue[]> {
  const file = parseWith(pairsFileSchema, pairs, 'pairs');
  if (!file.ok) return file;
  const gamma =
    opts.gammaEvents === undefined ? undefined : parseWith(gammaEventsSchema, opts.gammaEvents, 'gamma');
  if (gamma && !gamma.ok) return err(gamma.error);
  const byCondition = new Map<string, GammaMarket>();
  const moneylineBySlug = new Map<string, GammaMarket>();
  for (const e of gamma?.value ?? [])
    for (const m of e.markets) {
      byCondition.set(m.conditionId, m);
      if (m.sportsMarketType === 'moneyline') moneylineBySlug.set(e.slug, m);
    }

  const relations: MappingRelation[] = [];
  const games: PairsConversion['games'][number][] = [];
  const issues: MappingIssue[] = [];
  file.value.markets.forEach((entry, i) => {
    const at = `markets.${i}`;
    const { main, opponent } = entry.kalshi.markets;
    const event = eventOf(main);
    if (eventOf(opponent) !== event) {
      issues.push(
        issueWarning(
          `${at}.kalshi.markets`,
          `${main} and ${opponent} are not markets of one Kalshi event: skipped`,
        ),
      );
      return;
    }
    const sport = entry.sport.toUpperCase();
    relations.push(kalshiPair(event, sport, main, opponent));
    const slug = entry.polymarket?.markets?.slug;
    const conditionId =
      entry.poly_condition_id ?? (slug === undefined ? undefined : moneylineBySlug.get(slug)?.conditionId);
    if (conditionId === undefined) {
      games.push({ kalshiEvent: event, sport, outcomeOrder: 'unknown' });
      issues.push(
        issueWarning(
          at,
          `no Polymarket condition id${slug === undefined ? '' : ` (slug ${slug} is not in the Gamma data)`}: ` +
            'only the Kalshi pair was produced',
        ),
      );
      return;
    }
    const order = firstOutcomeTeam(entry, byCondition.get(conditionId));
    if (typeof order === 'string') {
      games.push({ kalshiEvent: event, sport, conditionId, outcomeOrder: 'unknown' });
      issues.push(issueWarning(`${at}.poly_token_ids`, `${order}: cross-venue equivalences skipped`));
      return;
    }
    const first = [main, opponent].find((t) => t.endsWith(`-${order.team}`));
    if (first === undefined) {
      games.push({ kalshiEvent: event, sport, conditionId, outcomeOrder: 'unknown' });
      issues.push(
        issueWarning(
          `${at}.kalshi.markets`,
          `no Kalshi ticker ends in -${order.team} (the first Polymarket outcome): skipped`,
        ),
      );
      return;
    }
    const second = first === main ? opponent : main;
    games.push({ kalshiEvent: event, sport, conditionId, outcomeOrder: order.from });
    if (order.from === 'pairs-file')
      issues.push(
        issueWarning(
          `${at}.poly_token_ids`,
          `market ${conditionId} is not in the Gamma data: outcome order taken from the pairs file, unconfirmed`,
        ),
      );
    const confidence = order.from === 'gamma' ? CONFIRMED_PAIR_CONFIDENCE : UNCONFIRMED_ORDER_CONFIDENCE;
    const teams = entry.poly_title ?? entry.description ?? event;
    for (const [ticker, polarity] of [
      [first, 'same'],
      [second, 'inverted'],
    ] as const)
      relations.push({
        kind: 'equivalent',
        id: `eq:kalshi:${ticker}|polymarket:${conditionId}`,
        confidence,
        a: { venue: 'kalshi', market: ticker },
        b: { venue: 'polymarket', market: conditionId },
        polarity,
        notes: {
          resolutionSource: `pairs file (${opts.source}); Polymarket outcome order from ${order.from === 'gamma' ? 'Gamma' : 'the pairs file'}`,
          voidRules: VOID_RULES,
          comment: `${teams}: Kalshi ${ticker} YES = ${polarity === 'same' ? '' : 'NOT '}Polymarket first outcome (${order.team} wins)`,
        },
      });
  });
  return ok({ mapping: { version: 1, source: opts.source, relations }, games, issues });
}

/** `KXNBAGAME-26JAN09MILLAL-MIL` → `KXNBAGAME-26JAN09MILLAL`. */
const eventOf = (ticker: string): string => ticker.slice(0, Math.max(0, ticker.lastIndexOf('-')));

function kalshiPair(event: string, sport: string, main: string, opponent: string): MappingRelation {
  const exhaustive = NO_TIE_SPORTS.has(sport);
  return {
    kind: 'exclusive',
    id: `ex:kalshi:${event}`,
    confidence: CONFIRMED_PAIR_CONFIDENCE,
    // Sorted, so two pairs files naming the teams in a different order give the same relation.
    markets: [main, opponent].sort().map((market) => ({ venue: 'kalshi' as const, market })),
    exhaustive,
    notes: {
      comment: exhaustive
        ? `${sport} game: exactly one team wins (no ties)`
        : `${sport} game: at most one team wins (a tie is possible${sport === 'NFL' ? ' in the NFL regular season' : ''}), so not exhaustive`,
    },
  };
}

/** Which team code holds the YES (first-outcome) token, and how we know; a reason string when we cannot tell. */
function firstOutcomeTeam(
  entry: PairEntry,
  market: GammaMarket | undefined,
): { team: string; from: 'gamma' | 'pairs-file' } | string {
  const tokens = Object.entries(entry.poly_token_ids ?? {});
  if (tokens.length !== 2) return `expected 2 team token ids, found ${tokens.length}`;
  if (market === undefined) return { team: tokens[0]![0], from: 'pairs-file' };
  const [yes, no] = market.clobTokenIds ?? [];
  const first = tokens.find(([, token]) => token === yes);
  const second = tokens.find(([, token]) => token === no);
  if (!first || !second || first === second)
    return `the pair's token ids are not the two tokens of Polymarket market ${market.conditionId}`;
  return { team: first[0], from: 'gamma' };
}
