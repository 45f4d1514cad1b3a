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
