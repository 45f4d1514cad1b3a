/**
 * `arb mapping check FILE [--json]` and `arb mapping approve FILE ID --reason TEXT [--by NAME]`: the verdict of
 * every relation of a mapping file (tradable, review, refused, with reasons), and an operator's approval of a
 * relation that needs review, recorded in the file.
 */
import type { Command } from 'commander';
import type { ApproveOptions, CheckOptions } from '../mapping/run-mapping.ts';
import type { CommandContext, CommandModule } from './context.ts';

const CHECK_HELP = `
Verdicts (the trading path uses the same checker, against what the venues list):
  tradable  complete evidence on every market, and it agrees: traded
  review    nothing contradicts it, but something is missing or only partly agrees (no evidence, a version 1
            file, an unproven exhaustive set, a gap in close or settlement times): traded only once approved
  refused   the evidence, the titles or the rest of the file contradict it: never traded; fix the file

--json prints {"relations":[{"id","kind","verdict","reasons":[{code, verdict, path, message}],
  "index","trades","approval"?}],"counts":{tradable, review, refused, approved},"version"}.
Each reason code is explained in docs/operations.md ("Mapping verdicts").

Exit codes: 0 the file was read (whatever the verdicts), 2 it could not be read or is not a valid mapping.

Examples:
  arb mapping check mapping.yaml
  arb mapping check mapping.json --json | jq '.relations[] | select(.verdict != "tradable")'
`;

const APPROVE_HELP = `
Records {by, at, reason, hash, covers} under the relation's "approval" key, keeping the file's format (YAML
comments stay). The approval is bound to the relation's content: editing the relation afterwards voids it. It
covers the review reasons shown now; a new kind of doubt found later (the venue moves the close time) is not
covered and holds the relation back again. Only "review" can be approved: a refused relation means the evidence
contradicts it, so the file must be fixed. A version 1 file becomes version 2 (approvals need it).

Exit codes: 0 recorded (or nothing to approve: the relation is tradable), 2 not recorded (unreadable file,
unknown id, refused relation).

Examples:
  arb mapping approve mapping.yaml eq:nba-cle-uta --reason "read both rules: same NBA result, no void clause"
  arb mapping approve mapping.json ex:fed-dec --reason "Fed moves in 25 bp steps" --by alice
`;

export const mappingCommand: CommandModule = {
  names: ['mapping'],
  built: true,
  register(program: Command, ctx: CommandContext): void {
    const mapping = program
      .command('mapping')
      .description('check a mapping file (a verdict per relation) and approve relations that need review');
    mapping
      .command('check')
      .description('print every relation’s verdict (tradable, review, refused) and the reasons')
      .argument('<file>', 'mapping file (.json is JSON, anything else YAML)')
      .option('--json', 'print the verdicts as JSON')
      .option(
        '--config <file>',
        'config file, for detection.minConfidence (default: ./arb.config.yaml if present)',
      )
      .addHelpText('after', CHECK_HELP)
      .action(async (file: string, raw: CheckOptions) => {
        const { runMappingCheck } = await import('../mapping/run-mapping.ts');
        ctx.exit(runMappingCheck(ctx, file, raw));
      });
    mapping
      .command('approve')
      .description('record an operator’s approval of a relation in review, so that it trades')
      .argument('<file>', 'mapping file to write the approval into')
      .argument('<id>', 'the relation’s id')
      .requiredOption('--reason <text>', 'why it is safe to trade (what was checked)')
      .option('--by <name>', 'who approves (default: $USER)')
      .option(
        '--config <file>',
        'config file, for detection.minConfidence (default: ./arb.config.yaml if present)',
      )
      .addHelpText('after', APPROVE_HELP)
      .action(async (file: string, id: string, raw: ApproveOptions) => {
        const { runMappingApprove } = await import('../mapping/run-mapping.ts');
        ctx.exit(runMappingApprove(ctx, file, id, raw));
      });
  },
};
