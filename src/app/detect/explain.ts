/** Turns opportunities into text a trader can check by hand: what to buy, where, at what price, and why it pays. */
import type { Venue } from '../../core/market.ts';
import { asPx, formatUsd, pxToDecimal } from '../../core/units.ts';
import type { LaneName, Opportunity } from '../../hot/index.ts';
import { isoTimeOfDay } from '../../core/time.ts';

export interface MarketLabel {
  readonly title: string;
}

const contracts = (qty: number): string => {
  const c = qty / 100;
  return `${Number.isInteger(c) ? c : c.toFixed(2)} contract${c === 1 ? '' : 's'}`;
};

const ageText = (ms: number): string => (ms < 1_000 ? `${ms} ms` : `${(ms / 1_000).toFixed(1)} s`);

/** Prices with at least two decimals ("0.30", "0.455"), as traders read them. */
export function formatPrice(px: number): string {
  const s = pxToDecimal(asPx(px));
  const dot = s.indexOf('.');
  return dot < 0 ? `${s}.00` : s.length - dot - 1 < 2 ? s.padEnd(dot + 3, '0') : s;
}

/** Polymarket condition ids are 66 characters: keep both ends. */
export const shortKey = (key: string): string =>
  /^0x[0-9a-f]{40,}$/i.test(key) ? `${key.slice(0, 8)}…${key.slice(-6)}` : key;

/** The same legs at the same size, whichever lane found them: one trade. */
export const tradeKey = (o: Pick<Opportunity, 'legs' | 'qty'>): string =>
  `${o.qty}|${o.legs
    .map((l) => `${l.venue}:${l.key}:${l.outcome}`)
    .sort()
    .join(',')}`;

/** Why the portfolio pays in every outcome, in one sentence. */
export function whyItPays(o: Pick<Opportunity, 'lane' | 'style' | 'legs'>): string {
  const n = o.legs.length;
  switch (o.lane as LaneName) {
    case 'intra_venue':
      return 'the book is crossed: YES and NO of the same market together pay $1 whatever happens.';
    case 'cross_venue':
    case 'parity': {
      const where = o.lane === 'cross_venue' ? 'on two venues' : 'on the same venue';
      return o.style === 'YES_A+YES_B' || o.style === 'NO_A+NO_B'
        ? `the markets ${where} are opposite propositions (one pays exactly when the other does not), so one of each pays $1.`
        : `the markets ${where} are the same proposition, so YES on one and NO on the other pays $1.`;
    }
    case 'event_tree':
      return o.style === 'YES-basket'
        ? `exactly one of these ${n} outcomes happens, so one YES of each pays $1.`
        : `at most one of these ${n} outcomes happens, so one NO of each pays at least $${n - 1}.`;
    case 'structural':
      return 'the first market implies the second (a higher threshold implies a lower one), so NO on the first plus YES on the second pays at least $1.';
  }
}

export function explainOpportunity(
  o: Opportunity,
  label: (venue: Venue, key: string) => MarketLabel | undefined,
  startMs: number,
  alsoFoundBy: readonly string[] = [],
): string {
  const lines: string[] = [];
  const when = isoTimeOfDay(o.detectedAtMs);
  const minutes = ((o.detectedAtMs - startMs) / 60_000).toFixed(1);
  const also = alsoFoundBy.length > 0 ? ` (also found as ${alsoFoundBy.join(', ')})` : '';
  lines.push(
    `${o.lane}${also}  edge ${formatUsd(o.edge)} (${o.edgeBps} bps) on ${contracts(o.qty)} per leg, at ${when} (+${minutes} min)  [${o.id}]`,
  );
  const keyWidth = Math.max(...o.legs.map((l) => shortKey(l.key).length));
  for (const l of o.legs) {
    const title = label(l.venue, l.key)?.title ?? '';
    lines.push(
      `    buy ${l.outcome.padEnd(3)} ${l.venue.padEnd(10)} ${shortKey(l.key).padEnd(keyWidth)} @ ${formatPrice(l.px).padEnd(6)} (book unchanged ${ageText(l.quoteAgeMs)})  ${title}`,
    );
  }
  lines.push(
    `    pays ${formatUsd(o.guaranteedPayout)} in every outcome; costs ${formatUsd(o.cost)} + fees ${formatUsd(o.fees)} → edge ${formatUsd(o.edge)}`,
  );
  lines.push(`    why: ${whyItPays(o)}`);
  return lines.join('\n');
}
