/**
 * Range buckets: a value falls in exactly one bucket, so a bucket event is an exclusive-exhaustive set.
 * Daily high temperatures are listed on both venues (Kalshi `KXHIGHNY-26NOV26-B45.5` in a `mutually_exclusive`
 * event; Polymarket "Highest temperature in NYC on November 26?" as a negRisk event); the Nasdaq-100 year-end
 * range event (`KXNASDAQ100Y-26DEC31-B25750`) is Kalshi-only, like the real `KXINXY` range events.
 */
import { POLY_FEE_PPM, type ScenarioBuilder } from './builder.ts';
import {
  addDays,
  DAY_MS,
  etDateOf,
  etInstant,
  kalshiDay,
  longDay,
  shortDay,
  slugDay,
  yearEndTradingDay,
} from './calendar.ts';
import { withCommas } from './ladders.ts';
import { normalCdf } from '../normal-distribution.ts';
import { exclusiveShares, normalBuckets } from './probability.ts';

interface City {
  readonly kalshiSeries: string;
  /** As both venues write it in titles. */
  readonly name: string;
  readonly slugName: string;
  /** Typical late-November high, °F. */
  readonly normalHighF: number;
}

export const CITIES = {
  nyc: { kalshiSeries: 'KXHIGHNY', name: 'NYC', slugName: 'nyc', normalHighF: 50 },
  chicago: { kalshiSeries: 'KXHIGHCHI', name: 'Chicago', slugName: 'chicago', normalHighF: 41 },
  miami: { kalshiSeries: 'KXHIGHMIA', name: 'Miami', slugName: 'miami', normalHighF: 79 },
  austin: { kalshiSeries: 'KXHIGHAUS', name: 'Austin', slugName: 'austin', normalHighF: 67 },
  denver: { kalshiSeries: 'KXHIGHDEN', name: 'Denver', slugName: 'denver', normalHighF: 49 },
} as const satisfies Record<string, City>;

export interface WeatherListing {
  readonly city: keyof typeof CITIES;
  readonly kalshi: boolean;
  readonly polymarket: boolean;
  /** Polymarket minimum order in shares (a few weather markets accept 1). */
  readonly polyMinShares?: number;
}

/** Tomorrow's high in each city: two 2°F tails and four 2°F buckets around the forecast. */
export function addDailyHighs(b: ScenarioBuilder, listings: readonly WeatherListing[]): void {
  const day = addDays(etDateOf(b.startTimeMs), 1);
  for (const l of listings) {
    const city: City = CITIES[l.city];
    const rng = b.rng.fork(`weather:${l.city}`);
    const forecast = city.normalHighF + rng.normal(0, 3);
    const c = Math.round(forecast);
    // Bucket i covers [lo, lo + 1]; the tails are "≤ c−5" and "≥ c+4".
    const middles = [c - 4, c - 2, c, c + 2];
    const edges = [c - 4.5, c - 2.5, c - 0.5, c + 1.5, c + 3.5];
    const shares = exclusiveShares(normalBuckets(forecast + rng.normal(0, 0.7), 2.5, edges));
    const id = `high-${city.slugName}-${kalshiDay(day).toLowerCase()}`;
    const labels = [
      `${c - 5}° or below`,
      ...middles.map((lo) => `${lo}° to ${lo + 1}°`),
      `${c + 4}° or above`,
    ];
    const props = b.exclusive(
      `${id}:bucket`,
      labels.map((label, i) => ({
        id: `${id}:${i}`,
        statement: `The ${city.name} high on ${longDay(day)}, ${day.year} is ${label.replace(/°/g, '°F')}`,
        p0: shares[i]!,
      })),
    );
    const openMs = Math.min(b.startTimeMs - 3_600_000, etInstant(day, 10) - 2 * DAY_MS);

    if (l.kalshi) {
      const ke = b.kalshiEvent({
        series: { ticker: city.kalshiSeries, category: 'Climate and Weather' },
        ticker: `${city.kalshiSeries}-${kalshiDay(day)}`,
        title: `Highest temperature in ${city.name} on ${shortDay(day)}, ${day.year}?`,
        mutuallyExclusive: true,
      });
      // Kalshi settles on the NWS climate report the next morning.
      const closeMs = etInstant(addDays(day, 1), 10);
      const when = `${shortDay(day)}, ${day.year}`;
      const suffixes = [`T${c - 4}`, ...middles.map((lo) => `B${lo + 0.5}`), `T${c + 3}`];
      const ranges = [`<${c - 4}°`, ...middles.map((lo) => `${lo}-${lo + 1}°`), `>${c + 3}°`];
      props.forEach((prop, i) =>
        ke.market({
          suffix: suffixes[i]!,
          title: `Will the high temp in ${city.name} be ${ranges[i]!} on ${when}?`,
          subtitle: labels[i]!,
          prop,
          openTimeMs: openMs,
          closeTimeMs: closeMs,
        }),
      );
    }
    if (l.polymarket) {
      const slug = `highest-temperature-in-${city.slugName}-on-${slugDay(day)}-${day.year}`;
      const pe = b.polyEvent({
        slug,
        title: `Highest temperature in ${city.name} on ${longDay(day)}?`,
        category: 'Weather',
        feePpm: POLY_FEE_PPM.feeFree,
        negRisk: true,
        ...(l.polyMinShares === undefined ? {} : { minShares: l.polyMinShares }),
      });
      const closeMs = etInstant(addDays(day, 1), 12);
      const ranges = [
        `${c - 5}°F or below`,
        ...middles.map((lo) => `${lo}-${lo + 1}°F`),
        `${c + 4}°F or higher`,
      ];
      const slugParts = [`${c - 5}forbelow`, ...middles.map((lo) => `${lo}-${lo + 1}f`), `${c + 4}forhigher`];
      props.forEach((prop, i) => {
        const between = i > 0 && i < props.length - 1 ? 'between ' : '';
        pe.market({
          question: `Will the highest temperature in ${city.name} be ${between}${ranges[i]!} on ${longDay(day)}?`,
          slug: `${slug}-${slugParts[i]!}`,
          subtitle: ranges[i]!,
          prop,
          openTimeMs: openMs,
          closeTimeMs: closeMs,
        });
      });
    }
  }
}

/** Kalshi-only Nasdaq-100 year-end ranges, 500 points wide, with a tail bucket at each end. */
export function addNasdaqYearEndRanges(b: ScenarioBuilder, buckets: number): void {
  const rng = b.rng.fork('ndx');
  const day = yearEndTradingDay(b.startTimeMs);
  const closeMs = etInstant(day, 16);
  const spot = Math.round(rng.normal(25_800, 300));
  const sigma = 0.19 * Math.sqrt((closeMs - b.startTimeMs) / (365 * DAY_MS));
  const width = 500;
  const first = Math.round(spot / width) * width - ((buckets - 2) / 2) * width;
  const edges = Array.from({ length: buckets - 1 }, (_, i) => first + i * width);
  const cdf = edges.map((e) => normalCdf(Math.log(e / spot) / sigma));
  const mass = [...cdf, 1].map((c, i) => c - (i === 0 ? 0 : cdf[i - 1]!));
  const shares = exclusiveShares(mass);
  const id = `ndx-${day.year}-close`;
  const when = `${shortDay(day)}, ${day.year}`;
  const lo = edges[0]!;
  const hi = edges[edges.length - 1]!;
  const rows = [
    { suffix: `T${lo}`, title: `below ${lo}`, subtitle: `${withCommas(lo - 0.01)} or below` },
    ...edges.slice(0, -1).map((e) => ({
      suffix: `B${e + width / 2}`,
      title: `between ${e} and ${(e + width - 0.01).toFixed(2)}`,
      subtitle: `${withCommas(e)} to ${withCommas(e + width - 0.01)}`,
    })),
    {
      suffix: `T${(hi - 0.01).toFixed(2)}`,
      title: `above ${(hi - 0.01).toFixed(2)}`,
      subtitle: `${withCommas(hi)} or above`,
    },
  ];
  const props = b.exclusive(
    `${id}:range`,
    rows.map((r, i) => ({
      id: `${id}:${r.suffix}`,
      statement: `The Nasdaq-100 closes ${r.title} on ${when}`,
      p0: shares[i]!,
    })),
  );
  const ke = b.kalshiEvent({
    series: { ticker: 'KXNASDAQ100Y', category: 'Financials', makerFees: true },
    ticker: `KXNASDAQ100Y-${kalshiDay(day)}`,
    title: `Nasdaq-100 price range at the end of ${day.year}?`,
    mutuallyExclusive: true,
  });
  const openMs = Math.min(b.startTimeMs - DAY_MS, etInstant({ year: day.year - 1, month: 10, day: 5 }, 10));
  rows.forEach((r, i) =>
    ke.market({
      suffix: r.suffix,
      title: `Will the Nasdaq-100 be ${r.title} at the end of ${when}?`,
      subtitle: r.subtitle,
      prop: props[i]!,
      openTimeMs: openMs,
      closeTimeMs: closeMs,
    }),
  );
}
