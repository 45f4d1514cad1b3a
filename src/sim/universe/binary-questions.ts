/**
 * The independent yes/no questions of the default universe, as each venue phrases them. Dated from the
 * scenario's year so a different start time still asks about the right year. Data only; `binaries.ts` lists them.
 */
import type { KalshiPriceStructure } from '../../core/market.ts';
import { POLY_FEE_PPM } from './builder.ts';
import type { EtDate } from './calendar.ts';

export interface BinarySpec {
  readonly id: string;
  readonly statement: string;
  /** Centre of the starting probability; each seed jitters it. */
  readonly p: number;
  readonly close: EtDate;
  readonly kalshi?: {
    readonly event: string;
    readonly suffix?: string;
    readonly title: string;
    readonly subtitle?: string;
    readonly category: string;
    readonly structure?: KalshiPriceStructure;
  };
  readonly poly?: {
    readonly question: string;
    readonly category: string;
    readonly feePpm: number;
    /** YES on Polymarket pays when the statement is false. */
    readonly inverted?: boolean;
    readonly minShares?: number;
  };
}

/** The question list, dated from the scenario's year `y` (the year whose end the year-end markets settle at). */
export function binarySpecs(y: number): BinarySpec[] {
  const n = y + 1;
  const yy = String(y % 100).padStart(2, '0');
  const nn = String(n % 100).padStart(2, '0');
  const dec31: EtDate = { year: y, month: 11, day: 31 };
  const endNext: EtDate = { year: n, month: 11, day: 31 };
  const { feeFree, geopolitics, politics, economy, finance, crypto } = POLY_FEE_PPM;
  return [
    {
      id: `nyc-snow-dec-${y}`,
      statement: `Central Park records at least 1 inch of snow in December ${y}`,
      p: 0.3,
      close: { year: n, month: 0, day: 1 },
      kalshi: {
        event: `KXNYCSNOWM-${yy}DEC`,
        suffix: '1',
        title: `Will Central Park get at least 1 inch of snow in December ${y}?`,
        subtitle: '1 inch or more',
        category: 'Climate and Weather',
      },
      poly: {
        question: `Will NYC get 1+ inch of snow in December ${y}?`,
        category: 'Weather',
        feePpm: feeFree,
        minShares: 1,
      },
    },
    {
      id: `hottest-year-${y}`,
      statement: `${y} is the hottest year on record (NASA GISTEMP)`,
      p: 0.35,
      close: { year: n, month: 0, day: 15 },
      poly: { question: `Will ${y} be the hottest year on record?`, category: 'Weather', feePpm: feeFree },
    },
    {
      id: `white-christmas-nyc-${y}`,
      statement: `Snow falls in Central Park on December 25, ${y}`,
      p: 0.08,
      close: { year: y, month: 11, day: 26 },
      kalshi: {
        event: `KXWHITEXMAS-${yy}`,
        suffix: 'NYC',
        title: `Will it snow in NYC on Christmas Day ${y}?`,
        category: 'Climate and Weather',
      },
    },
    {
      id: `us-recession-${n}`,
      statement: `The NBER dates a US recession starting in ${n}`,
      p: 0.25,
      close: endNext,
      kalshi: {
        event: `KXRECSSNBER-${nn}`,
        title: `Will the US enter a recession in ${n}?`,
        category: 'Economics',
      },
      poly: { question: `US recession in ${n}?`, category: 'Economy', feePpm: economy },
    },
    {
      id: `gdp-q4-${y}`,
      statement: `US real GDP grows faster than 2.0% annualised in Q4 ${y} (advance estimate)`,
      p: 0.5,
      close: { year: n, month: 0, day: 29 },
      kalshi: {
        event: `KXGDP-${yy}Q4`,
        suffix: 'T2.0',
        title: `Will Q4 ${y} GDP growth be above 2.0%?`,
        subtitle: 'Above 2.0%',
        category: 'Economics',
      },
    },
    {
      id: `gas-above-3-${y}`,
      statement: `The AAA US average gas price is above $3.00 on December 31, ${y}`,
      p: 0.55,
      close: dec31,
      kalshi: {
        event: `KXAAAGASM-${yy}DEC31`,
        suffix: 'T3.00',
        title: `Will average US gas prices be above $3.00 on Dec 31, ${y}?`,
        subtitle: 'Above $3.00',
        category: 'Economics',
      },
      poly: {
        question: `Will US gas prices average under $3.00 on December 31, ${y}?`,
        category: 'Economy',
        feePpm: economy,
        inverted: true,
      },
    },
    {
      id: `shutdown-jan-${n}`,
      statement: `The US federal government shuts down before January 31, ${n}`,
      p: 0.3,
      close: { year: n, month: 0, day: 30 },
      kalshi: {
        event: `KXGOVSHUT-${nn}JAN30`,
        title: `Will the government shut down before Jan 31, ${n}?`,
        category: 'Politics',
      },
      poly: {
        question: `Will Congress avoid a government shutdown through January 30, ${n}?`,
        category: 'Politics',
        feePpm: politics,
        inverted: true,
      },
    },
    {
      id: `debt-40t-${y}`,
      statement: `US total public debt exceeds $40 trillion on December 31, ${y}`,
      p: 0.5,
      close: dec31,
      poly: {
        question: `Will US national debt exceed $40T by December 31, ${y}?`,
        category: 'Economy',
        feePpm: economy,
      },
    },
    {
      id: `mortgage-below-6-${y}`,
      statement: `The 30-year mortgage rate (Freddie Mac) falls below 6% by December 31, ${y}`,
      p: 0.35,
      close: dec31,
      kalshi: {
        event: `KXMORTGAGE-${yy}DEC31`,
        suffix: 'T6.00',
        title: `Will the 30-year mortgage rate fall below 6% by Dec 31, ${y}?`,
        category: 'Economics',
      },
    },
    {
      id: `approval-43-${y}`,
      statement: `Donald Trump's RCP approval average is above 43% on December 31, ${y}`,
      p: 0.35,
      close: dec31,
      kalshi: {
        event: `KXTRUMPAPPROVAL-${yy}DEC31`,
        suffix: 'T43',
        title: `Will Trump's approval rating be above 43% on Dec 31, ${y}?`,
        category: 'Politics',
      },
    },
    {
      id: `filibuster-${y}`,
      statement: `The Senate eliminates the legislative filibuster in ${y}`,
      p: 0.04,
      close: dec31,
      poly: {
        question: `Will the Senate eliminate the filibuster in ${y}?`,
        category: 'Politics',
        feePpm: politics,
      },
    },
    {
      id: `scotus-retirement-${n}`,
      statement: `A Supreme Court justice announces retirement in ${n}`,
      p: 0.3,
      close: endNext,
      kalshi: {
        event: `KXSCOTUSRETIRE-${nn}`,
        title: `Will a Supreme Court justice retire in ${n}?`,
        category: 'Politics',
      },
      poly: {
        question: `Will a Supreme Court Justice retire in ${n}?`,
        category: 'Politics',
        feePpm: politics,
      },
    },
    {
      id: `ukraine-ceasefire-${y}`,
      statement: `Russia and Ukraine agree a ceasefire before January 1, ${n}`,
      p: 0.08,
      close: dec31,
      kalshi: {
        event: `KXUKRCEASEFIRE-${yy}DEC31`,
        title: `Will Russia and Ukraine agree to a ceasefire in ${y}?`,
        category: 'World',
      },
      poly: { question: `Russia x Ukraine ceasefire in ${y}?`, category: 'Geopolitics', feePpm: geopolitics },
    },
    {
      id: `taiwan-invasion-${n}`,
      statement: `China invades Taiwan in ${n}`,
      p: 0.04,
      close: endNext,
      poly: { question: `Will China invade Taiwan in ${n}?`, category: 'Geopolitics', feePpm: geopolitics },
    },
    {
      id: `iran-deal-${n}`,
      statement: `The US and Iran announce a nuclear agreement in ${n}`,
      p: 0.15,
      close: endNext,
      kalshi: {
        event: `KXIRANDEAL-${nn}`,
        title: `Will the US and Iran reach a nuclear deal in ${n}?`,
        category: 'World',
      },
      poly: { question: `US x Iran nuclear deal in ${n}?`, category: 'Geopolitics', feePpm: geopolitics },
    },
    {
      id: `zelenskyy-putin-${y}`,
      statement: `Zelenskyy and Putin meet in person before January 1, ${n}`,
      p: 0.04,
      close: dec31,
      poly: {
        question: `Will Zelenskyy and Putin meet in ${y}?`,
        category: 'Geopolitics',
        feePpm: geopolitics,
      },
    },
    {
      id: `btc-ath-${y}`,
      statement: `Bitcoin sets a new all-time high before January 1, ${n}`,
      p: 0.12,
      close: dec31,
      kalshi: {
        event: `KXBTCATH-${yy}DEC31`,
        title: `Will Bitcoin hit a new all-time high by Dec 31, ${y}?`,
        category: 'Crypto',
      },
      poly: {
        question: `Will Bitcoin hit a new all-time high by December 31, ${y}?`,
        category: 'Crypto',
        feePpm: crypto,
      },
    },
    {
      id: `mstr-sells-btc-${y}`,
      statement: `MicroStrategy (Strategy) sells any bitcoin in ${y}`,
      p: 0.05,
      close: dec31,
      poly: { question: `MicroStrategy sells Bitcoin in ${y}?`, category: 'Crypto', feePpm: crypto },
    },
    {
      id: `usdt-200b-${y}`,
      statement: `Tether's USDT market cap exceeds $200B on December 31, ${y}`,
      p: 0.45,
      close: dec31,
      poly: {
        question: `Will Tether's market cap exceed $200B by December 31, ${y}?`,
        category: 'Crypto',
        feePpm: crypto,
      },
    },
    {
      id: `avengers-opening-${y}`,
      statement: `Avengers: Doomsday opens above $250M at the domestic box office`,
      p: 0.55,
      close: { year: y, month: 11, day: 21 },
      kalshi: {
        event: `KXOPENINGWEEKEND-${yy}DEC18`,
        suffix: 'AVE',
        title: `Will Avengers: Doomsday's domestic opening weekend be above $250M?`,
        subtitle: 'Above $250M',
        category: 'Entertainment',
      },
      poly: {
        question: `Will Avengers: Doomsday gross over $250M in its opening weekend?`,
        category: 'Culture',
        feePpm: feeFree,
      },
    },
    {
      id: `spotify-top-artist-${y}`,
      statement: `Bad Bunny is Spotify's most-streamed artist globally in ${y}`,
      p: 0.35,
      close: { year: y, month: 11, day: 3 },
      kalshi: {
        event: `KXSPOTIFYARTISTY-${yy}`,
        suffix: 'BBUN',
        title: `Will Bad Bunny be Spotify's top global artist of ${y}?`,
        category: 'Entertainment',
      },
      poly: {
        question: `Will Bad Bunny be Spotify's top artist of ${y}?`,
        category: 'Culture',
        feePpm: feeFree,
      },
    },
    {
      id: `swift-album-${y}`,
      statement: `Taylor Swift announces a new studio album before January 1, ${n}`,
      p: 0.2,
      close: dec31,
      poly: {
        question: `Will Taylor Swift announce a new album before ${n}?`,
        category: 'Culture',
        feePpm: feeFree,
      },
    },
    {
      id: `dune-rt-${y}`,
      statement: `Dune: Part Three's Rotten Tomatoes critics score is above 85% a week after release`,
      p: 0.6,
      close: { year: y, month: 11, day: 25 },
      kalshi: {
        event: `KXRTDUNE3-${yy}`,
        suffix: '85',
        title: `Will Dune: Part Three's Rotten Tomatoes score be above 85%?`,
        subtitle: 'Above 85%',
        category: 'Entertainment',
      },
    },
    {
      id: `gpt6-${y}`,
      statement: `OpenAI releases GPT-6 before January 1, ${n}`,
      p: 0.12,
      close: dec31,
      kalshi: {
        event: `KXGPT6-${yy}DEC31`,
        title: `Will OpenAI release GPT-6 by Dec 31, ${y}?`,
        category: 'Science and Technology',
      },
      poly: { question: `GPT-6 released by December 31, ${y}?`, category: 'Tech', feePpm: feeFree },
    },
    {
      id: `spacex-ipo-${n}`,
      statement: `SpaceX shares begin public trading in ${n}`,
      p: 0.35,
      close: endNext,
      kalshi: { event: `KXSPACEXIPO-${nn}`, title: `Will SpaceX IPO in ${n}?`, category: 'Companies' },
    },
    {
      id: `waymo-nyc-${n}`,
      statement: `Waymo opens a public robotaxi service in New York City in ${n}`,
      p: 0.2,
      close: endNext,
      kalshi: {
        event: `KXWAYMOCITY-${nn}`,
        suffix: 'NYC',
        title: `Will Waymo launch in New York City in ${n}?`,
        subtitle: 'New York City',
        category: 'Companies',
      },
    },
    {
      id: `tesla-q4-deliveries-${y}`,
      statement: `Tesla delivers more than 450,000 vehicles in Q4 ${y}`,
      p: 0.4,
      close: { year: n, month: 0, day: 2 },
      kalshi: {
        event: `KXTESLADELIVERIES-${yy}Q4`,
        suffix: 'T450000',
        title: `Will Tesla deliver more than 450,000 vehicles in Q4 ${y}?`,
        subtitle: 'Above 450,000',
        category: 'Companies',
      },
    },
    {
      id: `musk-trillionaire-${y}`,
      statement: `Elon Musk's net worth exceeds $1 trillion before January 1, ${n}`,
      p: 0.05,
      close: dec31,
      poly: {
        question: `Will Elon Musk become a trillionaire before ${n}?`,
        category: 'Finance',
        feePpm: finance,
      },
    },
    {
      id: `who-pandemic-${n}`,
      statement: `The WHO declares a new pandemic in ${n}`,
      p: 0.05,
      close: endNext,
      poly: {
        question: `Will the WHO declare a new pandemic in ${n}?`,
        category: 'Politics',
        feePpm: politics,
      },
    },
    {
      id: `tnote-4pt5-${y}`,
      statement: `The 10-year Treasury yield closes above 4.50% on December 31, ${y}`,
      p: 0.25,
      close: dec31,
      kalshi: {
        event: `KXTNOTE-${yy}DEC31`,
        suffix: 'T4.50',
        title: `Will the 10-year Treasury yield be above 4.50% on Dec 31, ${y}?`,
        subtitle: 'Above 4.50%',
        category: 'Financials',
        structure: 'deci_cent',
      },
    },
  ];
}
