/** Everything the CLI touches outside itself, injectable so tests run commands in-process and capture output. */
import type { Env } from './config/index.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Env;
  /** Directory that relative paths (and the default `arb.config.yaml`) are resolved against. */
  cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  };
}
