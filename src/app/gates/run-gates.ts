/** `arb gates`: run the chain, print each gate (text or JSON), exit 0 only when all are green. */
import { ExitCode } from '../exit-codes.ts';
import type { CommandContext } from '../commands/context.ts';
import { chainVerdict, type GateResult } from './gate-chain.ts';
import { runGateChain } from './run-chain.ts';

export interface RawGatesOptions {
  connectionFile?: string;
  mapping?: string;
  config?: string;
  stateDir?: string;
  json?: boolean;
}

const MARK = { green: 'GREEN  ', red: 'RED    ', skipped: 'SKIPPED' } as const;

export const gateLine = (r: GateResult): string => `${MARK[r.status]} ${r.name.padEnd(11)} ${r.reason}`;

export async function runGates(ctx: CommandContext, raw: RawGatesOptions): Promise<ExitCode> {
  const { io } = ctx;
  const { results } = await runGateChain({
    cwd: io.cwd,
    env: io.env,
    configFile: raw.config,
    connectionFile: raw.connectionFile,
    mappingFile: raw.mapping,
    stateDir: raw.stateDir,
    ...(raw.json ? {} : { onGate: (r) => io.stdout(`${gateLine(r)}\n`) }),
  });
  const verdict = chainVerdict(results);
  if (raw.json) io.stdout(`${JSON.stringify({ pass: verdict.pass, gates: results })}\n`);
  if (verdict.pass) {
    if (!raw.json) io.stdout('arb gates: all green\n');
    return ExitCode.Ok;
  }
  const firstRed = results.find((r) => r.status === 'red') ?? verdict.blocking!;
  io.stderr(`arb gates: gate "${firstRed.name}" is ${firstRed.status}: ${firstRed.reason}\n`);
  return ExitCode.GateRed;
}
