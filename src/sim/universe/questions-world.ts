/**
 * Independent yes/no questions on weather, the economy, politics and geopolitics, as each venue phrases them.
 * Data only; `binary-questions.ts` puts the lists together in a fixed order (the scenario's random draws follow it).
 */
import { POLY_FEE_PPM } from './builder.ts';
import type { BinarySpec, QuestionYears } from './question-types.ts';

export function worldQuestions({ dec31, endNext, n, nn, y, yy }: QuestionYears): BinarySpec[] {
  const { feeFree, geopolitics, politics, economy } = POLY_FEE_PPM;
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
  ];
}
