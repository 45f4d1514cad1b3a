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
  /** Wall-clock time in ms since the epoch, for what commands record (an approval's time); tests inject it. */
  now: () => number;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    onStopSignal: processStopSignals,
    now: () => Date.now(),
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

/**
 * The next stop signal as a promise, for commands that run until asked to stop. Subscribe before starting
 * anything, so a signal that arrives during startup is not lost; call `dispose` when done.
 */
export function awaitStopSignal(io: Pick<CliIo, 'onStopSignal'>): {
  stop: Promise<string>;
  dispose: () => void;
} {
  let fire: ((signal: string) => void) | undefined;
  const stop = new Promise<string>((resolve) => (fire = resolve));
  const dispose = io.onStopSignal((signal) => fire?.(signal));
  return { stop, dispose };
}
