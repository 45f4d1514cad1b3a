/**
 * `arb sim`: run both venue simulators on loopback until SIGINT/SIGTERM, for other tools and the official
 * clients. Writes a connection file (URLs plus the simulators' test keys, mode 0600) atomically once both
 * servers listen, and removes it again on a clean stop so a stale file never points at dead ports.
 */
import type { Command } from 'commander';
import { Rng } from '../../core/rng.ts';
import { createLogger } from '../../obs/log.ts';
import { type ConnectionInfo, publicConnectionInfo } from '../../sim/connection.ts';
import { SIM_FRONTS } from '../../sim/fronts.ts';
import { SimHost } from '../../sim/host.ts';
import { PriceProcess } from '../../sim/process/index.ts';
import {
  formatScenarioIssues,
  formatScenarioSummary,
  loadScenario,
  type Scenario,
  scenarioMapping,
  scenarioSummary,
  writeMappingFile,
} from '../../sim/universe/index.ts';
import { removeIfUnchanged, writeFileAtomic } from '../atomic-write.ts';
import { awaitStopSignal } from '../cli-io.ts';
import { ExitCode } from '../exit-codes.ts';
import { RealClock } from '../real-clock.ts';
import type { CommandContext, CommandModule } from './context.ts';
import { portOption, seedOption } from './option-parsers.ts';
import {
  DEFAULT_CONNECTION_FILE,
  DEFAULT_KALSHI_PORT,
  DEFAULT_POLYMARKET_PORT,
  parseSimOptions,
  type RawSimOptions,
  type SimOptions,
} from './sim-options.ts';

const EXAMPLES = `
Examples:
  arb sim                                   default scenario, seed 1, ports ${DEFAULT_KALSHI_PORT}/${DEFAULT_POLYMARKET_PORT}
  arb sim --scenario small --seed 7 --kalshi-port 0 --polymarket-port 0 --json
  curl -s http://127.0.0.1:${DEFAULT_KALSHI_PORT}/_sim/status   the admin API (docs/sim-admin.md)
`;

export const simCommand: CommandModule = {
  names: ['sim'],
  built: true,
  register(program: Command, ctx: CommandContext): void {
    program
      .command('sim')
      .description('run the venue simulators alone on loopback')
      .option('--seed <n>', 'seed for the scenario and the simulation', seedOption, 1)
      .option('--scenario <name|file>', 'built-in scenario (default, small) or a scenario file', 'default')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option(
        '--kalshi-port <port>',
        'Kalshi simulator port (0 = any free port)',
        portOption,
        DEFAULT_KALSHI_PORT,
      )
      .option(
        '--polymarket-port <port>',
        'Polymarket simulator port (0 = any free port)',
        portOption,
        DEFAULT_POLYMARKET_PORT,
      )
      .option('--connection-file <file>', 'where to write URLs and test credentials', DEFAULT_CONNECTION_FILE)
      .option('--mapping-file <file>', "also write the scenario's mapping file here")
      .option('--json', 'print the connection info (without keys) as one JSON line on stdout')
      .addHelpText('after', EXAMPLES)
      .action(async (raw: RawSimOptions) => ctx.exit(await runSim(ctx, raw)));
  },
};

async function runSim(ctx: CommandContext, raw: RawSimOptions): Promise<ExitCode> {
  const { io } = ctx;
  const parsed = parseSimOptions(raw, io.cwd);
  if (!parsed.ok) {
    for (const e of parsed.errors) io.stderr(`arb sim: ${e}\n`);
    return ExitCode.UsageOrConfig;
  }
  const opts = parsed.value;
  const loaded = loadScenario(opts.scenario, opts.seed);
  if (!loaded.ok) {
    io.stderr(
      `arb sim: scenario ${JSON.stringify(raw.scenario)} is not usable: ${formatScenarioIssues(loaded.error)}\n`,
    );
    return ExitCode.UsageOrConfig;
  }
  const scenario = loaded.value;

  // Register for signals before starting, so a stop that arrives during startup is not lost.
  const { stop: stopped, dispose: unsubscribe } = awaitStopSignal(io);
  try {
    const log = createLogger({ level: 'info', base: { component: 'sim' } });
    let host: SimHost;
    try {
      host = await SimHost.start({
        scenario,
        clock: new RealClock(),
        rng: new Rng(opts.seed),
        host: opts.host,
        kalshiPort: opts.kalshiPort,
        polymarketPort: opts.polymarketPort,
        onError: (message, fields) => log.error(fields, message),
        // Market makers, noise traders and news: the books move and arbitrage comes and goes.
        priceProcess: (ctx) => new PriceProcess(ctx).start(),
        fronts: SIM_FRONTS,
      });
    } catch (e) {
      io.stderr(
        `arb sim: cannot start the simulators on ${opts.host}: ${e instanceof Error ? e.message : String(e)}\n`,
      );
      return ExitCode.RuntimeFailure;
    }
    try {
      const info = host.connectionInfo();
      const written = writeOutputs(opts, scenario, info);
      if (opts.json) io.stdout(`${JSON.stringify(publicConnectionInfo(info))}\n`);
      io.stderr(summary(opts, scenario, info));
      const signal = await stopped;
      io.stderr(`arb sim: ${signal}, stopping\n`);
      removeIfUnchanged(opts.connectionFile, written);
      return ExitCode.Ok;
    } catch (e) {
      io.stderr(`arb sim: ${e instanceof Error ? e.message : String(e)}\n`);
      return ExitCode.RuntimeFailure;
    } finally {
      await host.close();
    }
  } finally {
    unsubscribe();
  }
}

/** Writes the connection file (0600: it holds keys) and the mapping file; returns what the former holds. */
function writeOutputs(opts: SimOptions, scenario: Scenario, info: ConnectionInfo): string {
  const content = `${JSON.stringify(info, null, 2)}\n`;
  writeFileAtomic(opts.connectionFile, content, 0o600);
  if (opts.mappingFile !== undefined) writeMappingFile(opts.mappingFile, scenarioMapping(scenario));
  return content;
}

function summary(opts: SimOptions, scenario: Scenario, info: ConnectionInfo): string {
  const lines = [
    formatScenarioSummary(scenarioSummary(scenario)),
    '',
    `kalshi       REST  ${info.kalshi.restUrl}`,
    `             WS    ${info.kalshi.wsUrl}`,
    `             admin ${info.admin.kalshi}`,
    `polymarket   CLOB  ${info.polymarket.clobUrl}`,
    `             WS    ${info.polymarket.wsUrl}  (user: ${info.polymarket.userWsUrl})`,
    `             admin ${info.admin.polymarket}`,
    `connection file (test keys, mode 0600): ${opts.connectionFile}`,
    ...(opts.mappingFile === undefined ? [] : [`mapping file: ${opts.mappingFile}`]),
    'arb sim: ready; Ctrl-C (SIGINT) or SIGTERM stops it',
  ];
  return `${lines.join('\n')}\n`;
}
