/**
 * The venue protocol fronts `arb sim` (and `arb paper`) mount on the simulators' servers. Each front turns its
 * venue's REST and WebSocket protocol into calls on the shared matching engine.
 */
import type { SimFront } from './host.ts';
import { kalshiFront } from './kalshi/index.ts';
import { POLYMARKET_FRONT } from './polymarket/index.ts';

export const SIM_FRONTS: readonly SimFront[] = [kalshiFront, POLYMARKET_FRONT];
