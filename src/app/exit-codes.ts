/** Process exit codes of `arb`, part of its contract with scripts and supervisors (see README). */
export const ExitCode = {
  Ok: 0,
  /** Something failed while running (I/O, a venue, a bug). */
  RuntimeFailure: 1,
  /** The command line or the config is wrong; retrying the same thing will fail the same way. */
  UsageOrConfig: 2,
  /** The command exists in the plan but is not built yet. */
  NotBuilt: 3,
  /**
   * `arb live` refused to start: it crashed (or failed to start) too often in a row (crash loop). A supervisor
   * must not restart it: restarting will fail the same way until an operator looks (`--clear-crash-loop`).
   */
  CrashLoop: 4,
  /** A pre-run gate is red (`arb gates`, or `arb live` refusing to start): the output names it. */
  GateRed: 5,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
