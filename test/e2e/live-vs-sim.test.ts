/**
 * `arb live --venues` against `arb sim`, both as child processes on loopback: the bot's report must agree with the
 * simulators' own record (their admin API) of the bot's orders, fills, fees and balances, to the micro.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { microsFromUsd } from '../../src/core/units.ts';
import type { RunSummary } from '../../src/exec/index.ts';
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
  readonly id: string;
  readonly account: string;
  readonly status: string;
  readonly fees: string;
}
interface SimFill {
  readonly id: string;
  readonly orderId: string;
  readonly market: string;
  readonly fee: string;
}
interface KalshiAccount {
  readonly account: string;
  readonly balance: string;
  readonly reserved: string;
  readonly positions: { market: string; yes: string; no: string }[];
}
interface PolymarketAccount {
  readonly account: string;
  readonly balance: string;
  readonly reserved: string;
  readonly positions: { market: string; outcome: 'YES' | 'NO'; size: string }[];
}

const sumMicros = (xs: readonly string[]): number => xs.reduce((s, x) => s + microsFromUsd(x), 0);

describe('arb live --venues against arb sim (default scenario, seed 1)', () => {
  it('reports exactly what the simulators recorded: orders, fills, fees and balances, to the micro', async () => {
    const cwd = tempDir();
    const { sim, admin, mapping } = await startSimWithFiles(cwd);
    running.push(sim);
    const pairs = isolatedPairs(mapping).slice(0, 3);
    expect(pairs).toHaveLength(3);
    // Freeze the world (no drift, noise or news: both venues, one switch) so the only moves are ours.
    await postJson(`${admin.kalshi}/process`, { paused: true });

    const live = spawnArb(
      [
        'live',
        '--venues',
        'sim.json',
        '--mapping',
        'mapping.json',
        '--duration',
        '25',
        '--summary',
        'live.json',
      ],
      cwd,
    );
    running.push(live);
    await live.waitFor(
      /^arb live: trading \d+ markets on sim\.json/,
      60_000,
      'the trading line (after the pre-run gates)',
    );
    // News on Kalshi only: its view of three cross-listed propositions jumps 8 points…
    const jump = async (yesDelta: number): Promise<void> => {
      for (const p of pairs)
        await postJson(`${admin.kalshi}/faults`, {
          kind: 'price_jump',
          params: { market: p.kalshi, yesDelta },
        });
    };
    await jump(0.08);
    const first = await live.waitForLine(
      (l) => {
        const pr = parseProgress(l);
        return pr && pr.hedged >= 1 ? pr : undefined;
      },
      20_000,
      'a hedged package',
    );
    // …then overshoots 8 points the other way: windows in the opposite direction, so the bot now buys on Kalshi
    // the side it already holds the opposite of (Kalshi nets the two and reports the trade as a sale).
    await live.waitFor(/^\[\d+:\d\d\] /, 10_000, 'the next progress line');
    await jump(-0.16);
    const exit = await Promise.race([
      live.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`arb live still running:\n${live.stderr()}`)), 40_000),
      ),
    ]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(live.stderr()).toMatch(/arb live: duration reached, stopped\n$/);
    const report = JSON.parse(readFileSync(join(cwd, 'live.json'), 'utf8')) as RunSummary;

    // The simulators' own record of the bot.
    const [kOrders, pOrders, kFills, pFills, kAccounts, pAccounts] = await Promise.all([
      getJson<SimOrder[]>(`${admin.kalshi}/orders?account=bot`),
      getJson<SimOrder[]>(`${admin.polymarket}/orders?account=bot`),
      getJson<SimFill[]>(`${admin.kalshi}/fills?account=bot`),
      getJson<SimFill[]>(`${admin.polymarket}/fills?account=bot`),
      getJson<KalshiAccount[]>(`${admin.kalshi}/accounts?account=bot`),
      getJson<PolymarketAccount[]>(`${admin.polymarket}/accounts?account=bot`),
    ]);
    const kBot = kAccounts.find((a) => a.account === 'bot')!;
    const pBot = pAccounts.find((a) => a.account === 'bot')!;

    expect(report).toMatchObject({ mode: 'live', data: 'venues', clock: 'real', seed: 1 });
    expect(report.packages.hedged).toBeGreaterThanOrEqual(1);
    expect(report.orders.unknown).toBe(0);
    // Orders: every order the bot placed (and the venue did not refuse) is one the simulator holds.
    expect(report.orders.count - report.orders.rejected).toBe(kOrders.length + pOrders.length);
    expect(report.orders.rejected).toBe(0);
    expect(report.orders.byVenue).toEqual({ kalshi: kOrders.length, polymarket: pOrders.length });
    // Fills, one for one.
    expect(report.fills.count).toBe(kFills.length + pFills.length);
    expect(report.fills.byVenue).toEqual({ kalshi: kFills.length, polymarket: pFills.length });
    // Fees, converted from the venues' decimal strings exactly.
    const kFees = sumMicros(kFills.map((f) => f.fee));
    const pFees = sumMicros(pFills.map((f) => f.fee));
    expect(report.fees.byVenue).toEqual({ kalshi: kFees, polymarket: pFees });
    expect(report.fees.totalMicros).toBe(kFees + pFees);
    expect(sumMicros(kOrders.map((o) => o.fees)) + sumMicros(pOrders.map((o) => o.fees))).toBe(kFees + pFees);
    // Cash: what the bot started and ended with is what the simulators hold for it.
    expect(report.capital.startingMicros).toEqual({ kalshi: 10_000_000_000, polymarket: 10_000_000_000 });
    expect(report.capital.endingMicros).toEqual({
      kalshi: microsFromUsd(kBot.balance),
      polymarket: microsFromUsd(pBot.balance),
    });
    expect([kBot.reserved, pBot.reserved].map(microsFromUsd)).toEqual([0, 0]);

    // PnL: realized = cash change + what the positions pay in their worst case. Only the jumped pairs moved, so
    // every position is on one of them, and each pair's worst case is its minimum over YES and NO.
    const held = new Map<string, number>();
    for (const p of kBot.positions) {
      held.set(`kalshi:${p.market}:YES`, microsFromUsd(p.yes) / 10_000);
      held.set(`kalshi:${p.market}:NO`, microsFromUsd(p.no) / 10_000);
    }
    for (const p of pBot.positions)
      held.set(
        `polymarket:${p.market}:${p.outcome}`,
        (held.get(`polymarket:${p.market}:${p.outcome}`) ?? 0) + microsFromUsd(p.size) / 10_000,
      );
    const onPairs = new Set(pairs.flatMap((p) => [`kalshi:${p.kalshi}`, `polymarket:${p.polymarket}`]));
    for (const [k, q] of held) if (q > 0) expect(onPairs).toContain(k.split(':').slice(0, 2).join(':'));
    const q = (k: string): number => held.get(k) ?? 0; // in Qty (hundredths of a contract)
    let worstPayout = 0;
    for (const p of pairs) {
      const pays = (yes: boolean): number => {
        const polyYes = p.polarity === 'same' ? yes : !yes;
        return (
          (yes ? q(`kalshi:${p.kalshi}:YES`) : q(`kalshi:${p.kalshi}:NO`)) +
          (polyYes ? q(`polymarket:${p.polymarket}:YES`) : q(`polymarket:${p.polymarket}:NO`))
        );
      };
      worstPayout += Math.min(pays(true), pays(false)) * 10_000;
    }
    const cashChange =
      report.capital.endingMicros.kalshi! +
      report.capital.endingMicros.polymarket! -
      report.capital.startingMicros.kalshi! -
      report.capital.startingMicros.polymarket!;
    expect(report.pnl.realizedMicros).toBe(cashChange + worstPayout);

    // The event log has one line per package.
    const logged = readFileSync(join(cwd, '.arb/logs/live.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event?: string; status?: string });
    const packages = logged.filter((l) => l.event === 'package');
    expect(packages).toHaveLength(Object.values(report.packages).reduce((a, b) => a + b, 0));

    console.info(
      `live vs sim: ${kOrders.length}+${pOrders.length} orders, ${kFills.length}+${pFills.length} fills, fees ${kFees}+${pFees} micros, ` +
        `ending ${report.capital.endingMicros.kalshi}/${report.capital.endingMicros.polymarket} micros, packages ${JSON.stringify(report.packages)}, ` +
        `realized ${report.pnl.realizedMicros} = cash ${cashChange} + worst-case payout ${worstPayout}; first hedged at ${Math.round(first.atMs / 1000)} s`,
    );
    sim.child.kill('SIGTERM');
    expect(await sim.exited).toEqual({ code: 0, signal: null });
  }, 150_000);
});
