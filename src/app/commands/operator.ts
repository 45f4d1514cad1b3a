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

const FEED_HELP = `
The capture is fed to the sync exactly as the socket would have fed it: every frame at its receive time, the
client's own commands (subscribes, get_snapshot…) so subscription replies bind as they did. It prints each
market's final book (best bid and ask, every level) and the sync's counters: gaps, resyncs, books invalidated,
hashes checked and failed (Polymarket). A malformed line is named, skipped and counted. Exit 0 when the file was
read (whatever the replay found), 2 when it could not be read or the options are wrong.

--json prints {"venue","file","markets":{"<market>":{"live","bestBid","bestAsk","bids","asks"}},
"stats":{"gaps","resyncs","invalid","hashChecked","hashFailed","frames","commandsSent","malformedLines","live"},
"issues":[…]}, levels as {"px","qty"} in integer units (px 1 = $0.0001, qty 1 = 0.01 contract), best first.

Examples:
  arb debug feed --venue kalshi src/venues/kalshi/fixtures/session-12-markets.jsonl
  arb debug feed --venue polymarket capture.jsonl --json | jq .stats
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
      .command('feed')
      .description("feed recorded WebSocket traffic through the adapter's own book sync; print the books")
      .argument('<file>', 'JSON lines: {"receivedMs": n, "frame": …} per frame, {"sent": …} per command')
      .requiredOption('--venue <venue>', 'kalshi or polymarket: whose protocol the capture speaks')
      .option(
        '--json',
        'print {"venue","file","markets":{…},"stats":{…},"issues":[…]} (prices in Px, sizes in Qty)',
      )
      .addHelpText('after', FEED_HELP)
      .action(async (file: string, raw: { venue?: string; json?: boolean }) => {
        const { runFeed } = await import('../debug/run-feed.ts');
        runFeed(ctx, file, raw);
      });
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
