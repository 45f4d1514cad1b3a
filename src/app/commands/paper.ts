/**
 * `arb paper`: paper trading. By default it starts both venue simulators in-process, connects to them over
 * loopback through the real Kalshi and Polymarket adapters exactly as it would to the venues, and trades them
 * with simulated fills until Ctrl-C (or `--duration`), then prints the run report.
 */
import type { Command } from 'commander';
import type { RawPaperOptions } from '../paper/run-paper.ts';
import type { CommandContext, CommandModule } from './context.ts';
import { durationSecondsOption, integerIn, seedOption } from './option-parsers.ts';

const EXAMPLES = `
Examples:
  arb paper                                  trade the embedded simulators until Ctrl-C (what npm start runs)
  arb paper --duration 120 --summary run.json
  arb paper --sim-clock --duration 3600 --seed 7 --summary a.json    an hour in seconds, reproducible
  arb paper --connection-file sim.json       also publish the simulators' URLs and admin API (arb sim format)
  arb paper --data live                      real public market data, simulated fills (needs internet)
`;

/** News shocks per hour for the embedded simulators: busier than the scenario default so minutes show trades. */
const PAPER_NEWS_PER_HOUR = 180;

export const paperCommand: CommandModule = {
  names: ['paper'],
  built: true,
  register(program: Command, ctx: CommandContext): void {
    program
      .command('paper')
      .description('paper-trade against the venue simulators (or live data) with simulated fills')
      .option('--data <sim|live>', 'market data: the embedded simulators, or the real venues', 'sim')
      .option(
        '--seed <n>',
        'seed for the simulators and every random choice (default: config sim.seed)',
        seedOption,
      )
      .option('--scenario <name|file>', 'simulated universe for --data sim (default: config sim.scenario)')
      .option(
        '--duration <seconds>',
        'stop after this long (default: run until Ctrl-C)',
        durationSecondsOption,
      )
      .option('--sim-clock', 'run on a simulated clock, in-process, as fast as possible (needs --duration)')
      .option('--summary <file>', 'also write the run report as JSON (money as integer micros)')
      .option('--quiet', 'no progress lines, only the final report')
      .option('--config <file>', 'config file (default: ./arb.config.yaml if present)')
      .option(
        '--news-per-hour <n>',
        'news shocks per hour in the embedded simulators',
        integerIn(0, 100_000),
        PAPER_NEWS_PER_HOUR,
      )
      .option('--json', 'print the run report as JSON on stdout instead of text')
      .option(
        '--state-dir <dir>',
        'where the paper order store (paper.db, new each run) and logs live (default: config paths.stateDir, .arb)',
      )
      .option(
        '--connection-file <file>',
        "write the embedded simulators' URLs, admin API and test keys here (arb sim format, removed at exit)",
      )
      .addHelpText('after', EXAMPLES)
      .action(async (raw: RawPaperOptions) => {
        // Loaded on use: these imports (venue adapters, wallet crypto) cost a second at startup for every command.
        const { runPaper } = await import('../paper/run-paper.ts');
        ctx.exit(await runPaper(ctx, raw));
      });
  },
};
