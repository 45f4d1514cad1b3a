/** The running price process as the rest of the simulator sees it. */
import type { Venue } from '../../core/market.ts';

/** A news shock, recorded so tests and the window tracker can tell which dislocations the process caused. */
export interface ShockRecord {
  readonly tsMs: number;
  readonly prop: string;
  /** Probability points the proposition moved. */
  readonly delta: number;
  /** The venue that repriced at once; the others caught up after `lagMs`. */
  readonly leader: Venue;
  readonly lagMs: number;
}

/** Live controls the fault injector and the admin API use. */
export interface PriceProcessControl {
  /** Jump one venue's view of a market's fair YES price by `yesDelta` probability points. */
  jump(venue: Venue, marketKey: string, yesDelta: number): void;
  /** Stop (or resume) requoting a market, or every market of a venue when `marketKey` is undefined. */
  setFrozen(venue: Venue, marketKey: string | undefined, frozen: boolean): void;
  /** Pause (or resume) the whole process: no drift, news, trading or requotes. */
  setPaused(paused: boolean): void;
  stop(): void;
}
