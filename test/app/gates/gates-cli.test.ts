/** `arb gates` without venues: the config, connection, store, kill and mapping gates, in-process. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.ts';

interface GatesJson {
  pass: boolean;
  gates: { name: string; status: string; reason: string }[];
}

describe('arb gates (no venues)', () => {
  it('checks ./arb.config.yaml when present, as every command does: a bad key is a red config gate', async () => {
    const cwd = tempDir({ 'arb.config.yaml': 'risk:\n  maxOpenPackages: -1\n' });
    const run = await runCli(['gates', '--json'], { cwd });
    expect(run.code).toBe(5);
    const out = JSON.parse(run.stdout) as GatesJson;
    expect(out.pass).toBe(false);
    expect(out.gates[0]).toMatchObject({ name: 'config', status: 'red' });
    expect(out.gates[0]!.reason).toMatch(/^arb\.config\.yaml: risk\.maxOpenPackages: /);
    // What needs the config is skipped, not red for the same cause.
    expect(out.gates.find((g) => g.name === 'kill')).toMatchObject({
      status: 'skipped',
      reason: 'needs "config" green (it is red)',
    });
  });

  it('no connection file: "connection" red and the venue gates skipped; kill and mapping still judged', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'st'));
    writeFileSync(join(cwd, 'st', 'KILL'), '');
    const run = await runCli(['gates', '--state-dir', 'st'], { cwd });
    expect(run.code).toBe(5);
    expect(run.stdout).toMatch(/^RED {5}connection {2}no connection file \(give --connection-file\)$/m);
    for (const g of ['reachable', 'credentials', 'clock', 'stream', 'smoke'])
      expect(run.stdout).toMatch(new RegExp(`^SKIPPED ${g} +needs "`, 'm'));
    expect(run.stdout).toMatch(/^GREEN {3}store {7}no order store yet \(first run\)$/m);
    expect(run.stdout).toMatch(/^RED {5}kill {8}kill switch set: global \(KILL file\)/m);
    expect(run.stdout).toMatch(/^RED {5}mapping {5}no mapping file/m);
    expect(run.stderr).toBe(
      'arb gates: gate "connection" is red: no connection file (give --connection-file)\n',
    );
  });
});
