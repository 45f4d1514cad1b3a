/**
 * Whether a kill switch is set, read from the state directory: `<stateDir>/KILL` stops every venue,
 * `<stateDir>/KILL.<venue>` one venue. Files, not store meta, so an operator can set one with `touch` even when
 * no engine runs and the store cannot be opened; the next start (and `arb gates`) sees it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { VENUES, type Venue } from '../../core/market.ts';

export interface KillSwitchState {
  readonly global: boolean;
  readonly venues: Record<Venue, boolean>;
}

export function killSwitchState(stateDir: string): KillSwitchState {
  const venues = Object.fromEntries(
    VENUES.map((v) => [v, existsSync(join(stateDir, `KILL.${v}`))]),
  ) as Record<Venue, boolean>;
  return { global: existsSync(join(stateDir, 'KILL')), venues };
}
