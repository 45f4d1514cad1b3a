/**
 * `arb live` against `arb sim` with a mapping in which one relation is refused (its Polymarket side records
 * another resolution source): the same news opens a window on that pair and on a good one, and the simulators'
 * own record of the bot's orders shows the refused pair was never traded while the good one was.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/exec/index.ts';
import type { MappingFile, MappingRelation } from '../../src/mapping/index.ts';
import { tempDir } from '../app/helpers.ts';
import {
  type ArbProcess,
  getJson,
  isolatedPairs,
  parseProgress,
  postJson,
  spawnArb,
  startSimWithFiles,
} from './support.ts';

const running: ArbProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.kill();
});

interface SimOrder {
  readonly market: string;
  readonly account: string;
}

describe('arb live trades no refused relation (default scenario, seed 1)', () => {
  it('never orders the refused pair’s markets, and still trades another pair in the same run', async () => {
    const cwd = tempDir();
    const { sim, admin, mapping } = await startSimWithFiles(cwd);
    running.push(sim);
    const [bad, good] = isolatedPairs(mapping);
    expect(bad && good).toBeTruthy();
    const relationOf = (p: typeof bad) =>
      mapping.relations.find(
        (r) => r.kind === 'equivalent' && r.a.market === p!.kalshi && r.b.market === p!.polymarket,
      )!;
    const refused = relationOf(bad);
    // The mapper recorded a different source for the Polymarket side: the evidence contradicts the equivalence.
    const edited: MappingFile = {
      ...mapping,
      relations: mapping.relations.map((r): MappingRelation => {
        if (r !== refused || r.kind !== 'equivalent') return r;
        return {
          ...r,
          b: { ...r.b, evidence: { ...r.b.evidence, resolutionSource: 'A different data vendor' } },
        };
      }),
    };
    writeFileSync(join(cwd, 'mapping.json'), `${JSON.stringify(edited, null, 2)}\n`);
    await postJson(`${admin.kalshi}/process`, { paused: true });

    const live = spawnArb(
      [
        'live',
        '--venues',
        'sim.json',
        '--mapping',
        'mapping.json',
        '--duration',
        '20',
        '--summary',
        'live.json',
      ],
      cwd,
    );
    running.push(live);
    const held = await live.waitFor(
      /^arb live: 1 mapping relation held back /,
      60_000,
      'the held-back line (after the pre-run gates)',
    );
    expect(held.text).toBe(
      `arb live: 1 mapping relation held back (1 refused, 0 need review without an approval): ${refused.id}; ` +
        `"arb mapping check mapping.json" gives the reasons`,
    );
    await live.waitFor(/^arb live: trading \d+ markets on sim\.json/, 20_000, 'the trading line');
    // The same news on Kalshi for both pairs: both open a cross-venue window.
    for (const p of [bad!, good!])
      await postJson(`${admin.kalshi}/faults`, {
        kind: 'price_jump',
        params: { market: p.kalshi, yesDelta: 0.08 },
      });
    await live.waitForLine(
      (l) => {
        const pr = parseProgress(l);
        return pr && pr.hedged >= 1 ? pr : undefined;
      },
      20_000,
      'a hedged package',
    );
    const exit = await Promise.race([
      live.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`arb live still running:\n${live.stderr()}`)), 40_000),
      ),
    ]);
    expect(exit).toEqual({ code: 0, signal: null });

    const orders = [
      ...(await getJson<SimOrder[]>(`${admin.kalshi}/orders?account=bot`)),
      ...(await getJson<SimOrder[]>(`${admin.polymarket}/orders?account=bot`)),
    ];
    const on = (p: typeof bad) => orders.filter((o) => o.market === p!.kalshi || o.market === p!.polymarket);
    expect(on(bad)).toEqual([]);
    expect(on(good).length).toBeGreaterThanOrEqual(2);

    const report = JSON.parse(readFileSync(join(cwd, 'live.json'), 'utf8')) as RunSummary;
    expect(report.mapping).toEqual({
      heldBack: 1,
      byVerdict: { review: 0, refused: 1 },
      approved: 0,
      relations: [{ id: refused.id, verdict: 'refused', reasons: ['source-mismatch'] }],
    });
    expect(live.stdout()).toMatch(/^ {2}mapping {7}1 relations held back \(1 refused, 0 need review\)$/m);
    const logged = readFileSync(join(cwd, '.arb/logs/live.jsonl'), 'utf8');
    expect(logged).toContain(`relation held back (refused): ${refused.id}: source-mismatch: `);
    sim.child.kill('SIGTERM');
    expect(await sim.exited).toEqual({ code: 0, signal: null });
  }, 150_000);
});
