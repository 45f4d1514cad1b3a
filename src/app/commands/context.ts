import type { Command } from 'commander';
import type { CliIo } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';

/** What a command's action gets: the I/O to use and a way to report its exit code to `main`. */
export interface CommandContext {
  io: CliIo;
  exit(code: ExitCode): void;
}

/** Each command module exports one of these; commands/index.ts lists them in help order. */
export interface CommandModule {
  /** Top-level command names this module registers. */
  names: readonly string[];
  /** Whether it does real work yet (drives "Available now: …" in the not-built message). */
  built: boolean;
  register(program: Command, ctx: CommandContext): void;
}
