/**
 * `arb` entry point. Returns the exit code instead of calling process.exit, so tests run the real CLI
 * in-process and bin/arb.mjs stays a one-liner.
 */
import { CommanderError } from 'commander';
import { processIo, type CliIo } from './cli-io.ts';
import { ExitCode } from './exit-codes.ts';
import { buildProgram } from './program.ts';

export type { CliIo } from './cli-io.ts';
export { ExitCode } from './exit-codes.ts';

export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const fullIo: CliIo = { ...processIo(), ...io };
  let code: number = ExitCode.Ok;
  const program = buildProgram(fullIo, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and --version end with exitCode 0; anything else commander rejects (unknown command or
      // option, missing argument, bare `arb`) is a usage error and commander has already said why.
      return e.exitCode === 0 ? ExitCode.Ok : ExitCode.UsageOrConfig;
    }
    fullIo.stderr(`arb: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return ExitCode.RuntimeFailure;
  }
}
