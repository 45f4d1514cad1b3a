/** Everything the CLI touches outside itself, injectable so tests run commands in-process and capture output. */
import type { Env } from './config/index.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Env;
  /** Directory that relative paths (and the default `arb.config.yaml`) are resolved against. */
  cwd: string;
  /**
   * Calls `handler` once when the process is asked to stop (SIGINT, SIGTERM); returns an unsubscribe function.
   * Long-running commands wait on this; tests inject their own so nobody sends real signals in-process.
   */
  onStopSignal: (handler: (signal: string) => void) => () => void;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    onStopSignal: processStopSignals,
  };
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function processStopSignals(handler: (signal: string) => void): () => void {
  let fired = false;
  const listener = (signal: NodeJS.Signals): void => {
    if (fired) return;
    fired = true;
    handler(signal);
  };
  for (const s of STOP_SIGNALS) process.on(s, listener);
  return () => {
    for (const s of STOP_SIGNALS) process.off(s, listener);
  };
}
