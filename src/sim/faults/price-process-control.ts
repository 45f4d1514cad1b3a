/**
 * What the fault injector and the admin API need from the price process. The process itself is built
 * elsewhere (src/sim/process) and satisfies this structurally; until one is attached, `price_jump` faults are
 * accepted but report that nothing could act on them.
 */
import type { Venue } from '../../core/market.ts';

export interface PriceProcessControl {
  /** Move one venue's fair YES value of a market by `yesDelta` probability units (0.05 = five points). */
  jump(venue: Venue, marketKey: string, yesDelta: number): void;
  /** Stop (or resume) requoting one market, or every market of the venue when `marketKey` is undefined. */
  setFrozen(venue: Venue, marketKey: string | undefined, frozen: boolean): void;
  /** Pause (or resume) the whole process. */
  setPaused(paused: boolean): void;
}
