/**
 * Implementation of `arb mapping check` and `arb mapping approve` (loaded only when they run). Both judge the
 * file offline, from what it records: the trading path judges it again against what the venues list, which
 * can only add reasons (a venue that moved a close time), never remove one.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { err, ok, type Result } from '../../core/errors.ts';
import {
  approveInText,
  formatIssues,
  formatOf,
  judgeMapping,
  parseMappingLenient,
  relationHash,
  verdictCounts,
  type MappingFile,
  type MappingFormat,
  type RelationVerdict,
} from '../../mapping/index.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { loadConfigFor, printConfigIssues } from '../commands/config.ts';
import type { CommandContext } from '../commands/context.ts';
import { ExitCode } from '../exit-codes.ts';
import { isoInstant } from '../../core/time.ts';

export interface CheckOptions {
  json?: boolean;
  config?: string;
}

export interface ApproveOptions {
  reason: string;
  by?: string;
  config?: string;
}

interface Read {
  readonly path: string;
  readonly text: string;
  readonly format: MappingFormat;
  readonly mapping: MappingFile;
}

/** The file, parsed; every schema problem at once when it is not a valid mapping. */
function readMapping(ctx: CommandContext, file: string): Result<Read, string> {
  const path = resolve(ctx.io.cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err(`cannot read ${file}: ${code === 'ENOENT' ? 'file not found' : String(e)}`);
  }
  const format = formatOf(file);
  const parsed = parseMappingLenient(text, format, file);
  if (!parsed.ok) return err(`${file} is not a valid mapping file:\n${formatIssues(parsed.error)}`);
  if (parsed.value.issues.length > 0)
    return err(`${file} is not a valid mapping file:\n${formatIssues(parsed.value.issues)}`);
  return ok({ path, text, format, mapping: parsed.value.mapping });
}

function minConfidence(ctx: CommandContext, config: string | undefined, who: string): number | undefined {
  const { source, result } = loadConfigFor(ctx, config);
  if (result.ok) return result.value.detection.minConfidence;
  ctx.io.stderr(`${who}: `);
  printConfigIssues(ctx, source, result.error);
  return undefined;
}

export function runMappingCheck(ctx: CommandContext, file: string, raw: CheckOptions): ExitCode {
  const min = minConfidence(ctx, raw.config, 'arb mapping check');
  if (min === undefined) return ExitCode.UsageOrConfig;
  const read = readMapping(ctx, file);
  if (!read.ok) {
    ctx.io.stderr(`arb mapping check: ${read.error}\n`);
    return ExitCode.UsageOrConfig;
  }
  const verdicts = judgeMapping(read.value.mapping, { minConfidence: min });
  const counts = verdictCounts(verdicts);
  if (raw.json) {
    const relations = verdicts.map((v) => ({
      id: v.id,
      kind: v.kind,
      verdict: v.verdict,
      reasons: v.reasons,
      index: v.index,
      trades: v.trades,
      ...(v.approval && { approval: v.approval }),
    }));
    ctx.io.stdout(`${JSON.stringify({ relations, counts, version: read.value.mapping.version })}\n`);
  } else ctx.io.stdout(checkText(file, read.value.mapping, verdicts));
  return ExitCode.Ok;
}

function checkText(file: string, mapping: MappingFile, verdicts: readonly RelationVerdict[]): string {
  const c = verdictCounts(verdicts);
  const lines = [
    `${file} (version ${mapping.version}): ${verdicts.length} relations: ${c.tradable} tradable, ` +
      `${c.review} review (${c.approved} approved), ${c.refused} refused`,
    '',
  ];
  const width = Math.max(2, ...verdicts.map((v) => v.id.length));
  lines.push(
    `  ${'VERDICT'.padEnd(9)} ${'TRADES'.padEnd(6)} ${'KIND'.padEnd(10)} ${'ID'.padEnd(width)}  REASONS`,
  );
  for (const v of verdicts)
    lines.push(
      `  ${v.verdict.padEnd(9)} ${(v.trades ? 'yes' : 'no').padEnd(6)} ${v.kind.padEnd(10)} ${v.id.padEnd(width)}  ` +
        [...new Set(v.reasons.map((r) => r.code))].join(', '),
    );
  const explained = verdicts.filter((v) => v.reasons.length > 0);
  if (explained.length > 0) lines.push('', 'Reasons:');
  for (const v of explained) {
    const a = v.approval;
    lines.push(`  ${v.id} (${v.verdict}${a ? `; approval by ${a.by} at ${a.at}: ${a.status}` : ''})`);
    for (const r of v.reasons) lines.push(`    ${r.verdict} ${r.code} ${r.path}: ${r.message}`);
  }
  if (c.review - c.approved > 0)
    lines.push(
      '',
      `Approve a relation in review after checking it: arb mapping approve ${file} ID --reason "…"`,
    );
  return `${lines.map((l) => l.trimEnd()).join('\n')}\n`;
}

export function runMappingApprove(
  ctx: CommandContext,
  file: string,
  id: string,
  raw: ApproveOptions,
): ExitCode {
  const who = 'arb mapping approve';
  const min = minConfidence(ctx, raw.config, who);
  if (min === undefined) return ExitCode.UsageOrConfig;
  const read = readMapping(ctx, file);
  if (!read.ok) {
    ctx.io.stderr(`${who}: ${read.error}\n`);
    return ExitCode.UsageOrConfig;
  }
  const { mapping } = read.value;
  const index = mapping.relations.findIndex((r) => r.id === id);
  if (index < 0) {
    ctx.io.stderr(
      `${who}: ${file} has no relation with id "${id}" (run "arb mapping check ${file}" for the ids)\n`,
    );
    return ExitCode.UsageOrConfig;
  }
  const reason = raw.reason.trim();
  if (reason === '') {
    ctx.io.stderr(`${who}: --reason must say what was checked\n`);
    return ExitCode.UsageOrConfig;
  }
  // Judged as the version 2 file it becomes, so the reasons covered are the ones it will be judged on.
  const verdict = judgeMapping({ ...mapping, version: 2 }, { minConfidence: min })[index]!;
  const relation = mapping.relations[index]!;
  const reasonsText = verdict.reasons.map((r) => `  ${r.verdict} ${r.code}: ${r.message}\n`).join('');
  if (verdict.verdict === 'refused') {
    ctx.io.stderr(
      `${who}: "${id}" is refused, which an approval cannot lift (the evidence contradicts it); fix the file:\n${reasonsText}`,
    );
    return ExitCode.UsageOrConfig;
  }
  if (verdict.verdict === 'tradable') {
    ctx.io.stdout(`${who}: "${id}" is tradable: nothing to approve, file unchanged\n`);
    return ExitCode.Ok;
  }
  const covers = [...new Set(verdict.reasons.map((r) => r.code).filter((c) => !c.startsWith('approval-')))];
  const by = raw.by ?? ctx.io.env.USER ?? ctx.io.env.USERNAME ?? 'unknown';
  const at = isoInstant(ctx.io.now());
  const written = approveInText(read.value.text, read.value.format, id, {
    by,
    at,
    reason,
    hash: relationHash(relation),
    covers,
  });
  if (!written.ok) {
    ctx.io.stderr(`${who}: cannot write the approval into ${file}: ${written.error}\n`);
    return ExitCode.RuntimeFailure;
  }
  writeFileAtomic(read.value.path, written.value);
  // Read back what was written: the approval must now hold, or the file is left as written and we say so.
  const again = readMapping(ctx, file);
  const now = again.ok ? judgeMapping(again.value.mapping, { minConfidence: min })[index] : undefined;
  if (!now?.trades) {
    ctx.io.stderr(
      `${who}: wrote the approval, but "${id}" still does not trade: run "arb mapping check ${file}"\n`,
    );
    return ExitCode.RuntimeFailure;
  }
  ctx.io.stdout(
    `${who}: approved "${id}" by ${by} at ${at}, covering ${covers.join(', ')}` +
      `${mapping.version === 1 ? `; ${file} is now version 2` : ''}. It trades until the relation is edited.\n`,
  );
  return ExitCode.Ok;
}
