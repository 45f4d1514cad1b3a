/**
 * The one list of CLI commands, in the order `arb --help` shows them. Adding a command = one module in this
 * folder exporting a CommandModule, plus one line here.
 */
import { configCommand } from './config.ts';
import { gatesCommand } from './gates.ts';
import { liveCommand } from './live.ts';
import { mappingCommand } from './mapping.ts';
import type { CommandModule } from './context.ts';
import { notBuiltCommands } from './not-built.ts';
import { statusCommand } from './operator.ts';
import { paperCommand } from './paper.ts';
import { reportCommand } from './report.ts';
import { simCommand } from './sim.ts';

const builtNames = (): string[] => COMMANDS.filter((m) => m.built).flatMap((m) => m.names);

export const COMMANDS: readonly CommandModule[] = [
  paperCommand,
  liveCommand,
  statusCommand,
  gatesCommand,
  notBuiltCommands(builtNames),
  simCommand,
  reportCommand,
  mappingCommand,
  configCommand,
];

export type { CommandContext, CommandModule } from './context.ts';
