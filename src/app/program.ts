/** Builds the commander program: global behaviour (output, errors, help text) plus every command module. */
import { Command } from 'commander';
import type { CliIo } from './cli-io.ts';
import { COMMANDS, type CommandContext } from './commands/index.ts';
import { ExitCode } from './exit-codes.ts';

const HELP_FOOTER = `
Examples:
  arb config check                     validate ./arb.config.yaml (or the defaults) plus ARB_* env
  arb config check my.yaml --json      the same, machine-readable
  ARB_RISK__MAX_OPEN_PACKAGES=3 arb config show
                                       print the effective config, secrets redacted
  arb sim --scenario small             run both venue simulators; URLs in .arb/sim-connection.json
  arb help config                      help for one command

Exit codes:
  ${ExitCode.Ok}  ok
  ${ExitCode.RuntimeFailure}  runtime failure
  ${ExitCode.UsageOrConfig}  usage or config error
  ${ExitCode.NotBuilt}  command not built yet
  ${ExitCode.CrashLoop}  arb live: crash loop, refused to start (see --clear-crash-loop)
  ${ExitCode.GateRed}  a pre-run gate is red (arb gates, arb live)
`;

export function buildProgram(io: CliIo, exit: (code: ExitCode) => void): Command {
  const program = new Command('arb')
    .description('Arbitrage engine for binary prediction markets on Kalshi and Polymarket.')
    // Set before any subcommand exists: commander copies these settings into each new subcommand.
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // A fixed width keeps help identical in a terminal, a pipe and a test.
      getOutHelpWidth: () => 100,
      getErrHelpWidth: () => 100,
    })
    .showHelpAfterError('(run "arb --help" for usage)')
    .addHelpText('after', HELP_FOOTER);
  const ctx: CommandContext = { io, exit };
  for (const module of COMMANDS) module.register(program, ctx);
  return program;
}
