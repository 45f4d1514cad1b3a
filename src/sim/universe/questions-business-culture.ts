/**
 * Independent yes/no questions on crypto, culture, technology, companies, finance and health, as each venue
 * phrases them.
 * Data only; `binary-questions.ts` puts the lists together in a fixed order (the scenario's random draws follow it).
 */
import { POLY_FEE_PPM } from './builder.ts';
import type { BinarySpec, QuestionYears } from './question-types.ts';

export function businessAndCultureQuestions({ dec31, endNext, n, nn, y, yy }: QuestionYears): BinarySpec[] {
  const { feeFree, politics, finance, crypto } = POLY_FEE_PPM;
  return [
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
