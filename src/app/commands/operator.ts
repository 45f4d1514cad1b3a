/**
 * Operator commands on the order store: `arb status`, `arb ack`, and `arb debug crash-points`. Status and ack
 * read the store directly (never a venue), so they work while the engine runs, after a crash, and offline.
 */
import type { Command } from 'commander';
import type { OperatorOptions } from '../operator/run-operator.ts';
import type { CommandContext, CommandModule } from './context.ts';
import { integerIn, repeatable } from './option-parsers.ts';

const STORE_OPTIONS = (c: Command): Command =>
  c
    .option('--state-dir <dir>', 'where the order store lives (default: config paths.stateDir, .arb)')
    .option('--paper', 'the paper store (paper.db) instead of the live one (live.db)')
    .option('--config <file>', 'config file (default: ./arb.config.yaml if present)')
    .option('--json', 'print JSON on stdout');

const STATUS_HELP = `
The JSON has: mode, engine {state, pid, lastSeenMs}, tradingState, safeMode (boolean), safeModeReasons
[{id, code, detail, raisedMs}], packages {byState, recent}, openOrders, unresolvedIntents, positions,
unhedged (naked exposure per package leg; empty when fully hedged) and balances. Money is integer micros.

Examples:
  arb status
  arb status --json | jq '.safeModeReasons'
  arb status --state-dir /var/lib/arb
`;

const ACK_HELP = `
Safe mode turns on when startup recovery (or the engine) finds something it cannot explain or fix: an unhedged
package, a fill or order that is not ours, positions that differ from the venue's. Look first ("arb status"),
fix what needs fixing on the venue, then acknowledge. A running engine resumes within a second.

Examples:
  arb ack --dry-run       # show what would be acknowledged
  arb ack                 # acknowledge every open reason (and print them)
  arb ack --id 3 --id 4   # only these reasons
`;

export const statusCommand: CommandModule = {
  names: ['status', 'ack', 'debug'],
  built: true,
  register(program: Command, ctx: CommandContext): void {
    STORE_OPTIONS(
      program
        .command('status')
        .description(
          'show the trading state from the order store: safe mode, packages, orders, positions, exposure',
        ),
    )
      .addHelpText('after', STATUS_HELP)
      .action(async (raw: OperatorOptions) => {
        const { runStatus } = await import('../operator/run-operator.ts');
        ctx.exit(runStatus(ctx, raw));
      });
    STORE_OPTIONS(
      program
        .command('ack')
        .description('acknowledge safe-mode reasons (after checking them) so new packages are allowed again'),
    )
      .option(
        '--id <n>',
        'acknowledge only this reason id, as arb status shows it (repeatable)',
        repeatable(integerIn(1, Number.MAX_SAFE_INTEGER, 'a reason number')),
      )
      .option('--dry-run', 'show what would be acknowledged, change nothing')
      .option('--by <name>', 'who is acknowledging (recorded; default: $USER)')
      .addHelpText('after', ACK_HELP)
      .action(async (raw: OperatorOptions) => {
        const { runAck } = await import('../operator/run-operator.ts');
        ctx.exit(runAck(ctx, raw));
      });
    const debug = program.command('debug').description('tools for testing arb itself');
    debug
      .command('crash-points')
      .description('list the named crash points ARB_CRASH_AT=<point>[:<n>] can kill the process at')
      .option('--json', 'print [{name, description}] as JSON')
      .action(async (raw: { json?: boolean }) => {
        const { runCrashPoints } = await import('../operator/run-operator.ts');
        ctx.exit(runCrashPoints(ctx, raw));
      });
  },
};
