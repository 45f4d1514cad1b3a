/**
 * Commands that are planned but not built yet. They are registered for real (so `arb --help` shows the whole
 * surface and `arb paper --help` works) and each one says plainly that it is not built and exits 3. To
 * build one, give it its own module in this folder, list it in commands/index.ts and drop it from here.
 */
import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.ts';
import type { CommandContext, CommandModule } from './context.ts';

interface Planned {
  name: string;
  args?: string;
  description: string;
  plannedIn: string;
}

const PLANNED: readonly Planned[] = [
  {
    name: 'replay',
    args: '[bundle]',
    description: 're-run a recorded session deterministically',
    plannedIn: 'the record-and-replay issue',
  },
  {
    name: 'kill',
    description: 'stop opening new trades now (kill switch)',
    plannedIn: 'the operator-commands issue',
  },
];

/** Builds the stub module; `availableNow` lists the built commands to point the user at. */
export function notBuiltCommands(availableNow: () => readonly string[]): CommandModule {
  return {
    names: PLANNED.map((p) => p.name),
    built: false,
    register(program: Command, ctx: CommandContext): void {
      for (const planned of PLANNED) {
        const command = program
          .command(planned.args ? `${planned.name} ${planned.args}` : planned.name)
          .description(`${planned.description} (not built yet)`)
          // Whatever options the finished command will take, today the honest answer is "not built" (3),
          // not "unknown option" (2).
          .allowUnknownOption()
          .allowExcessArguments();
        command.action(() => {
          const available = availableNow()
            .map((name) => `arb ${name}`)
            .join(', ');
          ctx.io.stderr(
            `arb ${planned.name}: not built yet (planned in ${planned.plannedIn}). Available now: ${available}.\n`,
          );
          ctx.exit(ExitCode.NotBuilt);
        });
      }
    },
  };
}
