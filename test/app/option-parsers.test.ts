import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  durationSecondsOption,
  integerIn,
  MAX_SEED,
  portOption,
  repeatable,
  seedOption,
} from '../../src/app/commands/option-parsers.ts';
import { processIo } from '../../src/app/cli-io.ts';
import { buildProgram } from '../../src/app/program.ts';
import { runCli } from './helpers.ts';

describe('option parsers', () => {
  it('take plain digits in range and nothing else', () => {
    const limit = integerIn(0, 10);
    expect(limit('0')).toBe(0);
    expect(limit(' 10 ')).toBe(10);
    expect(limit('007')).toBe(7);
    // Number() would take every one of these; an option must not.
    for (const bad of ['', ' ', '-1', '+1', '1.0', '1e1', '0x5', '11', 'ten', 'Infinity'])
      expect(() => limit(bad), bad).toThrow(InvalidArgumentError);
    expect(() => limit('11')).toThrow('must be an integer from 0 to 10');
  });

  it('seeds fit the 32 bits Rng keeps; durations are whole seconds from 1; ports include 0', () => {
    expect(seedOption(String(MAX_SEED))).toBe(MAX_SEED);
    // 2^32 would alias seed 0 inside Rng: refused rather than silently the same run.
    expect(() => seedOption(String(MAX_SEED + 1))).toThrow('must be an integer from 0 to 4294967295');
    expect(() => durationSecondsOption('0')).toThrow('must be a whole number of seconds from 1 to 2592000');
    expect(portOption('0')).toBe(0);
    expect(() => portOption('65536')).toThrow('must be a port number (0 = any free port) from 0 to 65535');
  });

  it('a repeatable option collects every value in order, each checked', () => {
    const ids = repeatable(integerIn(1, 99));
    expect(ids('4', ids('3', undefined))).toEqual([3, 4]);
    expect(() => ids('x', [3])).toThrow(InvalidArgumentError);
  });
});

/** Every option that takes a number, by its long flag. */
const NUMERIC = /^--(seed|duration|minutes|limit|min-edge-bps|news-per-hour|id|[a-z]+-port)$/;

function allCommands(c: Command): Command[] {
  return [c, ...c.commands.flatMap(allCommands)];
}

describe('the CLI parses every integer option through them', () => {
  it('every numeric option of every command has a parser', () => {
    const program = buildProgram(processIo(), () => undefined);
    const numeric = allCommands(program).flatMap((c) =>
      c.options.filter((o) => NUMERIC.test(o.long ?? '')).map((o) => ({ command: c.name(), o })),
    );
    // paper, live, report and sim have seeds; ack has --id; the rest is spread among them.
    expect(numeric.length).toBeGreaterThanOrEqual(12);
    for (const { command, o } of numeric) expect(o.parseArg, `${command} ${o.long}`).toBeTypeOf('function');
  });

  it.each([
    [['sim', '--kalshi-port', '70000'], `'--kalshi-port <port>' argument '70000'`, 'a port number'],
    [['sim', '--seed', '-3'], `'--seed <n>' argument '-3'`, 'an integer from 0 to 4294967295'],
    [['report', 'opportunities', '--minutes', '0'], `'--minutes <m>' argument '0'`, 'from 1 to 1440'],
    [['report', 'opportunities', '--limit', '1e3'], `'--limit <k>' argument '1e3'`, 'from 0 to 10000'],
    [['paper', '--duration', '0'], `'--duration <seconds>' argument '0'`, 'whole number of seconds'],
    [['paper', '--news-per-hour', '-1'], `'--news-per-hour <n>' argument '-1'`, 'from 0 to 100000'],
    // Accepted before (any safe integer), and Rng would have run seed 0 instead.
    [
      ['live', '--venues', 'v.json', '--seed', '4294967296'],
      `'--seed <n>' argument '4294967296'`,
      'to 4294967295',
    ],
    [
      ['live', '--venues', 'v.json', '--duration', 'soon'],
      `'--duration <seconds>' argument 'soon'`,
      'seconds',
    ],
    [['ack', '--id', 'x'], `'--id <n>' argument 'x'`, 'a reason number'],
  ])('%j: exit 2 with the option, the value and the rule', async (argv, what, rule) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`error: option ${what} is invalid. must be`);
    expect(run.stderr).toContain(rule);
  });
});
