/**
 * Why a start did not complete, as typed errors with stable codes (the project's `ArbError` style): the CLI
 * prints the code before the message, so a supervisor or a script can tell a venue that refused from a step that
 * ran out of time without parsing prose. The message keeps naming the venue and the step.
 */
import { ArbError } from '../../core/errors.ts';
import type { Venue } from '../../core/market.ts';

export type StartupErrorCode =
  /** A start-up step ran past its deadline (`startup.*` in the config). */
  | 'STARTUP.TIMEOUT'
  /** A venue answered market discovery with an error (`cause`: the venue's error code). */
  | 'STARTUP.DISCOVERY_FAILED'
  /** A venue's balance could not be read (`cause`: the venue's error code). */
  | 'STARTUP.BALANCE_UNAVAILABLE';

/** A start-up step failed: which venue (undefined for steps across venues), which step, and why. */
export class StartupError extends ArbError {
  declare readonly code: StartupErrorCode;

  constructor(
    code: StartupErrorCode,
    readonly venue: Venue | undefined,
    readonly step: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(code, message, { ...(venue ? { venue } : {}), step, ...details });
    this.name = 'StartupError';
  }
}

/** A stop request (SIGINT, SIGTERM) arrived while starting: not a failure, the run ends as asked. */
export class StartupAborted extends ArbError {
  declare readonly code: 'STARTUP.ABORTED';

  constructor(
    readonly signal: string,
    readonly step: string,
  ) {
    super('STARTUP.ABORTED', `${signal} during start-up (${step})`, { signal, step });
    this.name = 'StartupAborted';
  }
}
