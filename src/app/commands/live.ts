/**
 * `arb live --venues FILE`: the paper engine, placing real orders on the venues named in a connection file
 * (the `arb sim` format). Same planner, same order path; only the venue differs.
 *
 * Crash-safe: every order is an intent in the order store before it is sent, and every start reconciles the store
 * with the venues (see run-live.ts). The pre-run gates (`arb gates`) run first: it starts only when they pass.
 */
import type { Command } from 'commander';
import type { RawLiveOptions } from '../live/run-live.ts';
import type { CommandContext, CommandModule } from './context.ts';
import { durationSecondsOption, seedOption } from './option-parsers.ts';

const EXAMPLES = `
Examples:
  arb sim --connection-file sim.json --mapping-file mapping.json &
  arb live --venues sim.json --mapping mapping.json --duration 60 --summary live.json
  arb status                      # what the store holds: safe mode, open orders, positions, exposure
  arb ack                         # acknowledge safe-mode reasons (after checking them) so trading resumes

Crash safety: each order is written to the order store (<state-dir>/live.db) before it is sent, and each start
reconciles that store with the venues. Anything unexplained or unhedged starts the engine in safe mode: it keeps
watching the markets but opens no new packages until "arb ack".

Before trading it runs the pre-run gates ("arb gates") and will not start while one is red (exit 5, naming it); a
store in safe mode is the exception (it starts in safe mode). Every start is recorded in <state-dir>/starts.json:
after supervision.crashLoopStarts (5) starts in a row without a clean stop within
supervision.crashLoopWindowMinutes (10) it refuses to start (exit 4) until --clear-crash-loop. SIGTERM or Ctrl-C:
no new packages, the package in flight finishes (up to supervision.stopTimeoutMs), open orders are cancelled.
`;

export const liveCommand: CommandModule = {
  names: ['live'],
  built: true,
  register(program: Command, ctx: CommandContext): void {
    program
      .command('live')
      .description(
        'trade real orders on the venues in a connection file, crash-safe, once the pre-run gates pass',
      )
      .requiredOption('--venues <file>', 'connection file in the arb sim format (URLs and keys)')
      .option(
        '--mapping <file>',
        'mapping file (default: config paths.mappingFile; else venue event trees only)',
      )
      .option(
        '--duration <seconds>',
        'stop after this long (default: run until Ctrl-C)',
        durationSecondsOption,
      )
      .option('--seed <n>', 'seed for the engine’s random choices', seedOption, 1)
      .option('--summary <file>', 'also write the run report as JSON (money as integer micros)')
      .option('--quiet', 'no progress lines, only the final report')
      .option('--config <file>', 'config file (default: ./arb.config.yaml if present)')
      .option('--json', 'print the run report as JSON on stdout instead of text')
      .option(
        '--state-dir <dir>',
        'where the order store (live.db) and logs live; every start recovers from it (default: config paths.stateDir, .arb)',
      )
      .option(
        '--skip-gates',
        'start without the pre-run gates (only when every venue is on loopback: arb sim)',
      )
      .option(
        '--clear-crash-loop',
        'forget the failed starts recorded in the state dir (after fixing a crash loop)',
      )
      .addHelpText('after', EXAMPLES)
      .action(async (raw: RawLiveOptions) => {
        // Loaded on use: these imports (venue adapters, wallet crypto) cost a second at startup for every command.
        const { runLive } = await import('../live/run-live.ts');
        ctx.exit(await runLive(ctx, raw));
      });
  },
};
