/** Implementations of `arb status`, `arb ack` and `arb debug crash-points` (loaded when run). */
import { existsSync } from 'node:fs';
import { CRASH_POINTS, OrderStore } from '../../exec/index.ts';
import type { CommandContext } from '../commands/context.ts';
import { loadConfigOrReport } from '../commands/config.ts';
import { ExitCode } from '../exit-codes.ts';
import { storePath } from '../state-store.ts';
import { statusText, statusView } from './status-view.ts';

export interface OperatorOptions {
  stateDir?: string;
  paper?: boolean;
  config?: string;
  json?: boolean;
  /** Reason ids (`--id`, repeatable), already parsed. */
  id?: number[];
  dryRun?: boolean;
  by?: string;
}

/** Open the store the options name, or explain why not (exit code in `error`). */
function openStore(
  ctx: CommandContext,
  raw: OperatorOptions,
  command: string,
  writable: boolean,
): { store: OrderStore; mode: 'live' | 'paper' } | ExitCode {
  const { io } = ctx;
  let stateDir = raw.stateDir;
  if (stateDir === undefined) {
    const config = loadConfigOrReport(ctx, raw.config);
    if (config === undefined) return ExitCode.UsageOrConfig;
    stateDir = config.paths.stateDir;
  }
  const mode = raw.paper ? 'paper' : 'live';
  const path = storePath(io.cwd, stateDir, mode);
  if (!existsSync(path)) {
    io.stderr(
      `arb ${command}: no ${mode} order store at ${path} (arb ${mode} has not run with this state directory; see --state-dir)\n`,
    );
    return ExitCode.UsageOrConfig;
  }
  try {
    return { store: writable ? OrderStore.open(path) : OrderStore.openReadOnly(path), mode };
  } catch (e) {
    io.stderr(`arb ${command}: cannot open ${path}: ${e instanceof Error ? e.message : String(e)}\n`);
    return ExitCode.RuntimeFailure;
  }
}

export function runStatus(ctx: CommandContext, raw: OperatorOptions): ExitCode {
  const opened = openStore(ctx, raw, 'status', false);
  if (typeof opened === 'number') return opened;
  const { store, mode } = opened;
  try {
    const now = Date.now();
    const view = statusView(store, mode, now);
    ctx.io.stdout(raw.json ? `${JSON.stringify(view, null, 2)}\n` : statusText(view, now));
    return ExitCode.Ok;
  } finally {
    store.close();
  }
}

export function runAck(ctx: CommandContext, raw: OperatorOptions): ExitCode {
  const ids = raw.id ?? [];
  const opened = openStore(ctx, raw, 'ack', !raw.dryRun);
  if (typeof opened === 'number') return opened;
  const { store } = opened;
  try {
    const open = store.safeModeReasons();
    const chosen = ids.length === 0 ? open : open.filter((r) => ids.includes(r.id));
    const unknown = ids.filter((id) => !open.some((r) => r.id === id));
    if (unknown.length > 0) {
      ctx.io.stderr(`arb ack: no open safe-mode reason with id ${unknown.join(', ')} (see arb status)\n`);
      return ExitCode.UsageOrConfig;
    }
    const by = raw.by ?? ctx.io.env.USER ?? 'operator';
    const acked = raw.dryRun ? chosen : store.ack(Date.now(), by, ids.length === 0 ? undefined : ids);
    const remaining = raw.dryRun ? open.length : store.safeModeReasons().length;
    if (raw.json) {
      ctx.io.stdout(
        `${JSON.stringify({ dryRun: raw.dryRun ?? false, acknowledged: acked, remaining, safeMode: remaining > 0 }, null, 2)}\n`,
      );
      return ExitCode.Ok;
    }
    if (acked.length === 0) {
      ctx.io.stdout('arb ack: nothing to acknowledge: not in safe mode\n');
      return ExitCode.Ok;
    }
    const verb = raw.dryRun ? 'would acknowledge' : `acknowledged (by ${by})`;
    ctx.io.stdout(
      `arb ack: ${verb}:\n${acked.map((r) => `  [${r.id}] ${r.code}: ${r.detail}\n`).join('')}` +
        (raw.dryRun
          ? ''
          : remaining > 0
            ? `arb ack: ${remaining} reason(s) still open: still in safe mode\n`
            : 'arb ack: safe mode is off; a running engine resumes within a second\n'),
    );
    return ExitCode.Ok;
  } finally {
    store.close();
  }
}

export function runCrashPoints(ctx: CommandContext, raw: { json?: boolean }): ExitCode {
  const points = Object.entries(CRASH_POINTS).map(([name, description]) => ({ name, description }));
  if (raw.json) ctx.io.stdout(`${JSON.stringify(points, null, 2)}\n`);
  else
    ctx.io.stdout(
      `Crash points (ARB_CRASH_AT=<point>[:<n>] kills arb with SIGKILL the n-th time it gets there; default n = 1):\n` +
        points.map((p) => `  ${p.name.padEnd(22)} ${p.description}\n`).join(''),
    );
  return ExitCode.Ok;
}
