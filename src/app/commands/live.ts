/**
 * `arb live --venues FILE`: the paper engine, placing real orders on the venues named in a connection file
 * (the `arb sim` format). Same planner, same order path; only the venue differs.
 *
 * Until the crash-safe order lifecycle exists (persisted intents, recovery on start), a crash here could leave
 * an unrecorded position, so it refuses venues that are not on this machine (loopback): the simulators only.
 */
import type { Command } from 'commander';
import type { RawLiveOptions } from '../paper/run-live.ts';
import type { CommandContext, CommandModule } from './context.ts';

const EXAMPLES = `
Examples:
  arb sim --connection-file sim.json --mapping-file mapping.json &
  arb live --venues sim.json --mapping mapping.json --duration 60 --summary live.json
`;

export const liveCommand: CommandModule = {
  names: ['live'],
  built: true,
  register(program: Command, ctx: CommandContext): void {
    program
      .command('live')
      .description(
        'trade real orders on the venues in a connection file (simulators only, until crash safety lands)',
      )
      .requiredOption('--venues <file>', 'connection file in the arb sim format (URLs and keys)')
      .option(
        '--mapping <file>',
        'mapping file (default: config paths.mappingFile; else venue event trees only)',
      )
      .option('--duration <seconds>', 'stop after this long (default: run until Ctrl-C)')
      .option('--seed <n>', 'seed for the engine’s random choices', '1')
      .option('--summary <file>', 'also write the run report as JSON (money as integer micros)')
      .option('--quiet', 'no progress lines, only the final report')
      .option('--config <file>', 'config file (default: ./arb.config.yaml if present)')
      .option('--json', 'print the run report as JSON on stdout instead of text')
      .addHelpText('after', EXAMPLES)
      .action(async (raw: RawLiveOptions) => {
        // Loaded on use: these imports (venue adapters, wallet crypto) cost a second at startup for every command.
        const { runLive } = await import('../paper/run-live.ts');
        ctx.exit(await runLive(ctx, raw));
      });
  },
};
