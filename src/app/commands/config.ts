/** `arb config check|show [file] [--json]`: validate or print the effective config (file + ARB_* env). */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { type Config, type ConfigIssue, loadConfig, presentConfig } from '../config/index.ts';
import { ExitCode } from '../exit-codes.ts';
import type { CommandContext, CommandModule } from './context.ts';

export const DEFAULT_CONFIG_FILE = 'arb.config.yaml';

interface JsonFlag {
  json?: boolean;
}

export const configCommand: CommandModule = {
  names: ['config'],
  built: true,
  register(program: Command, ctx: CommandContext): void {
    const config = program
      .command('config')
      .description('check or show the effective config (file + ARB_* env)');

    config
      .command('check [file]')
      .description(`validate the config (default file: ./${DEFAULT_CONFIG_FILE} if present)`)
      .option('--json', 'print {ok, source, issues:[{path, message}]} as JSON')
      .action((file: string | undefined, opts: JsonFlag) => {
        const { source, result } = loadConfigFor(ctx, file);
        const issues = result.ok ? [] : result.error;
        if (opts.json) {
          ctx.io.stdout(`${JSON.stringify({ ok: result.ok, source, issues }, null, 2)}\n`);
        } else if (result.ok) {
          ctx.io.stdout(`config OK (${source})\n`);
        } else {
          printConfigIssues(ctx, source, issues);
        }
        ctx.exit(result.ok ? ExitCode.Ok : ExitCode.UsageOrConfig);
      });

    config
      .command('show [file]')
      .description('print the effective config, secrets redacted')
      .option('--json', 'print JSON instead of YAML')
      .action((file: string | undefined, opts: JsonFlag) => {
        const { source, result } = loadConfigFor(ctx, file);
        if (!result.ok) {
          printConfigIssues(ctx, source, result.error);
          ctx.exit(ExitCode.UsageOrConfig);
          return;
        }
        const shown = presentConfig(result.value);
        ctx.io.stdout(
          opts.json
            ? `${JSON.stringify(shown, null, 2)}\n`
            : `# effective config from ${source} + ARB_* env; secrets redacted\n${stringify(shown)}`,
        );
        ctx.exit(ExitCode.Ok);
      });
  },
};

/** Resolves which file to read: the argument, else ./arb.config.yaml when it exists, else none. */
export function loadConfigFor(ctx: CommandContext, file: string | undefined) {
  const chosen =
    file ?? (existsSync(resolve(ctx.io.cwd, DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined);
  return {
    source: chosen ?? 'defaults',
    result: loadConfig({ file: chosen, env: ctx.io.env, cwd: ctx.io.cwd }),
  };
}

/** The config a command runs with; when it is invalid, its problems are printed and the caller exits 2. */
export function loadConfigOrReport(ctx: CommandContext, file: string | undefined): Config | undefined {
  const { source, result } = loadConfigFor(ctx, file);
  if (result.ok) return result.value;
  printConfigIssues(ctx, source, result.error);
  return undefined;
}

export function printConfigIssues(ctx: CommandContext, source: string, issues: readonly ConfigIssue[]): void {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const lines = issues.map((issue) => `  ${issue.path}: ${issue.message}\n`).join('');
  ctx.io.stderr(`config invalid (${source}): ${count}\n${lines}`);
}
