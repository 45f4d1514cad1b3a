/** The shape of an independent yes/no question, and the years a question list is dated from. */
import type { KalshiPriceStructure } from '../../core/market.ts';
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

/** The years a question list is dated from, in the forms the questions use. */
export interface QuestionYears {
  /** The scenario's year (whose end the year-end markets settle at). */
  readonly y: number;
  /** The year after. */
  readonly n: number;
  /** Two-digit forms for Kalshi tickers: `26`, `27`. */
  readonly yy: string;
  readonly nn: string;
  /** December 31 of `y` and of `n`. */
  readonly dec31: EtDate;
  readonly endNext: EtDate;
}
