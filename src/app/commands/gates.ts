/**
 * `arb gates`: the pre-run chain `arb live` runs before it trades, on its own, so an operator (or a deploy
 * script) can check a setup before starting it. Read-only: no order is sent, nothing is written.
 */
import type { Command } from 'commander';
import type { RawGatesOptions } from '../gates/run-gates.ts';
import type { CommandContext, CommandModule } from './context.ts';

const HELP = `
Gates, in order (a gate whose prerequisite is not green is skipped):
  config       the config (file + ARB_* env) is valid
  connection   the connection file is readable and its keys are present and well formed
  reachable    each venue answers a public call (Kalshi /exchange/status, Polymarket /time)
  credentials  each venue accepts the key (one read-only authenticated call: the balance)
  clock        our clock is within gates.maxClockSkewMs of each venue's (Polymarket /time, Kalshi Date header)
  stream       a book stream subscribes and delivers a snapshot, per venue
  smoke        a book read by REST agrees with the stream's (top of book), per venue
  store        the order store (<state-dir>/live.db) has no safe-mode reasons ("arb ack" after checking)
  kill         no kill switch is set (<state-dir>/KILL, KILL.<venue>, ARB_KILL)
  mapping      the mapping file has at least one relation the trading path uses

Exit code: 0 when every gate is green, 5 when one is red or skipped (the output names it), 2 for bad options.
--json prints {"pass": bool, "gates": [{"name","title","status":"green"|"red"|"skipped","reason"}]}.

Examples:
  arb gates --connection-file venues.json --mapping mapping.json
  arb gates --connection-file venues.json --json | jq '.gates[] | select(.status != "green")'
`;

export const gatesCommand: CommandModule = {
  names: ['gates'],
  built: true,
  register(program: Command, ctx: CommandContext): void {
    program
      .command('gates')
      .description(
        'run the pre-run gates arb live requires (config, credentials, clock, streams, store, kill switch, mapping)',
      )
      .option('--connection-file <file>', 'connection file in the arb sim format (URLs and keys)')
      .option('--mapping <file>', 'mapping file (default: config paths.mappingFile)')
      .option('--config <file>', 'config file (default: ./arb.config.yaml if present)')
      .option(
        '--state-dir <dir>',
        'where the order store and kill switch files live (default: config paths.stateDir)',
      )
      .option('--json', 'print the gates as JSON on stdout')
      .addHelpText('after', HELP)
      .action(async (raw: RawGatesOptions) => {
        const { runGates } = await import('../gates/run-gates.ts');
        ctx.exit(await runGates(ctx, raw));
      });
  },
};
