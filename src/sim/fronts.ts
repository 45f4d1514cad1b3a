/**
 * The venue protocol fronts `arb sim` (and `arb paper`) mount on the simulators' servers. Each front turns its
 * venue's REST and WebSocket protocol into calls on the shared matching engine.
 */
import type { SimFront } from './host.ts';

export const SIM_FRONTS: readonly SimFront[] = [
  // kalshi front: mounted here by the Kalshi issue
  // polymarket front: mounted here by the Polymarket issue
];
