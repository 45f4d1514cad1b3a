/**
 * Scenario I/O: a built-in scenario by name, or a JSON/YAML file checked against the schema and cross-referenced,
 * with every problem reported at once as `path: message` (never a throw for bad input). Also writes mapping
 * files, so `arb sim` can hand a bot the mapping its scenario implies.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { err, ok, type Result } from '../../core/errors.ts';
import type { MappingFile } from '../../mapping/types.ts';
import { buildDefaultScenario } from './default-scenario.ts';
import {
  eventSchema,
  groupSchema,
  marketSchema,
  propositionSchema,
  scenarioFileSchema,
  toScenarioMarket,
  withoutUndefined,
} from './schema.ts';
import { buildSmallScenario } from './small-scenario.ts';
import type { PropositionGroup, Scenario, ScenarioEvent } from './types.ts';
import { crossReferenceIssues, type ScenarioIssue } from './validate.ts';

const BUILTIN: Readonly<Record<string, (seed: number) => Scenario>> = {
  default: buildDefaultScenario,
  small: buildSmallScenario,
};

export function builtinScenarioNames(): string[] {
  return Object.keys(BUILTIN);
}

/**
 * `default` / `small`, or a path to a scenario file (`.json`, else YAML). `seed` is the run's seed: it builds a
 * built-in scenario and replaces a file's own `seed` field.
 */
export function loadScenario(nameOrFile: string, seed: number): Result<Scenario, ScenarioIssue[]> {
  const builtin = BUILTIN[nameOrFile];
  if (builtin) return ok(builtin(seed));
  const text = readText(nameOrFile);
  if (!text.ok) return text;
  const data =
    extname(nameOrFile).toLowerCase() === '.json'
      ? parseJson(nameOrFile, text.value)
      : parseYaml(nameOrFile, text.value);
  if (!data.ok) return data;
  return parseScenario(data.value, seed);
}

/** Validates already-parsed data (a file's contents) as a scenario. */
export function parseScenario(data: unknown, seed: number): Result<Scenario, ScenarioIssue[]> {
  const top = scenarioFileSchema.safeParse(data);
  if (!top.success) return err(zodIssues(top.error.issues, []));
  const f = top.data;
  const issues: ScenarioIssue[] = [];
  const propositions = parseEach(f.propositions, 'propositions', propositionSchema, issues, (p) => p);
  const groups = parseEach(f.groups, 'groups', groupSchema, issues, (g): PropositionGroup => g);
  const events = parseEach(
    f.events,
    'events',
    eventSchema,
    issues,
    (e) => withoutUndefined(e) as ScenarioEvent,
  );
  const markets = parseEach(f.markets, 'markets', marketSchema, issues, toScenarioMarket);
  issues.push(...crossReferenceIssues({ propositions, groups, events, markets }));
  if (issues.length > 0) return err(issues);
  const strip = <T>(xs: readonly (readonly [number, T])[]): T[] => xs.map(([, x]) => x);
  return ok({
    name: f.name,
    description: f.description,
    seed,
    startTimeMs: f.startTimeMs,
    propositions: strip(propositions),
    groups: strip(groups),
    events: strip(events),
    markets: strip(markets),
    process: f.process,
    botCashMicros: f.botCashMicros,
  });
}

/** Writes a mapping file as pretty JSON (creating its directory). */
export function writeMappingFile(path: string, mapping: MappingFile): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(mapping, null, 2)}\n`);
}

/** Checks each element of a list on its own, keeping the good ones (with their index) and every issue. */
function parseEach<S extends z.ZodType, T>(
  items: readonly unknown[],
  section: string,
  schema: S,
  issues: ScenarioIssue[],
  convert: (parsed: z.infer<S>) => T,
): (readonly [number, T])[] {
  const out: (readonly [number, T])[] = [];
  items.forEach((item, i) => {
    const r = schema.safeParse(item);
    if (r.success) out.push([i, convert(r.data)]);
    else issues.push(...zodIssues(r.error.issues, [section, String(i)]));
  });
  return out;
}

function zodIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly string[]): ScenarioIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'unknown key' }));
    }
    return [{ path: path.length > 0 ? path.join('.') : '(root)', message: issue.message }];
  });
}

function readText(file: string): Result<string, ScenarioIssue[]> {
  try {
    return ok(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file (and not a built-in scenario: ' + builtinScenarioNames().join(', ') + ')'
        : code === 'EISDIR'
          ? 'is a directory'
          : String(e);
    return err([{ path: file, message: `cannot read scenario: ${why}` }]);
  }
}

function parseJson(file: string, text: string): Result<unknown, ScenarioIssue[]> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const position = /at position (\d+)/.exec(message)?.[1];
    if (position === undefined) return err([{ path: file, message: `invalid JSON: ${message}` }]);
    const before = text.slice(0, Number(position)).split('\n');
    const where = `${file}:${before.length}:${(before[before.length - 1] ?? '').length + 1}`;
    return err([
      { path: where, message: `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}` },
    ]);
  }
}

function parseYaml(file: string, text: string): Result<unknown, ScenarioIssue[]> {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length === 0) return ok(doc.toJS() as unknown);
  return err(
    doc.errors.map((e) => {
      const at = e.linePos?.[0];
      const message = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
      return { path: at ? `${file}:${at.line}:${at.col}` : file, message: `invalid YAML: ${message}` };
    }),
  );
}
