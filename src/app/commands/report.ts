/**
 * `arb report opportunities`: run detection against the simulators on a simulated clock and explain what it
 * found and why each find pays, with the simulator's own count of arbitrage windows as the yardstick.
 * (The paper-run report joins this command when paper trading is built.)
 */
import type { Command } from 'commander';
import { type Venue } from '../../core/market.ts';
import { formatUsd, microsToUsd } from '../../core/units.ts';
import { LANES, type LaneName, type Opportunity } from '../../hot/index.ts';
import { formatScenarioIssues, loadScenario } from '../../sim/universe/index.ts';
import { runSimDetection } from '../detect/sim-detection.ts';
import { explainOpportunity, tradeKey } from '../detect/explain.ts';
import { ExitCode } from '../exit-codes.ts';
import type { CommandContext, CommandModule } from './context.ts';
import { integerIn, seedOption } from './option-parsers.ts';

const EXAMPLES = `
Examples:
  arb report opportunities                          10 simulated minutes of the default scenario
  arb report opportunities --minutes 60 --seed 7 --lane cross_venue --limit 5
  arb report opportunities --json > opportunities.json
`;

interface RawOptions {
  scenario: string;
  seed: number;
  minutes: number;
  lane?: string;
  limit: number;
  minEdgeBps: number;
  json?: boolean;
}

export const reportCommand: CommandModule = {
  names: ['report'],
  built: true,
  register(program: Command, ctx: CommandContext): void {
    const report = program
      .command('report')
      .description('explain what detection finds (more reports come with paper trading)');
    report
      .command('opportunities')
      .description('run detection against the simulators on a simulated clock and explain each opportunity')
      .option('--scenario <name|file>', 'built-in scenario (default, small) or a scenario file', 'default')
      .option('--seed <n>', 'seed for the scenario and the market', seedOption, 1)
      .option(
        '--minutes <m>',
        'simulated minutes to run (runs much faster than real time)',
        integerIn(1, 24 * 60),
        10,
      )
      .option('--lane <lane>', `only this lane (${LANES.join(', ')})`)
      .option('--limit <k>', 'how many opportunities to explain, best edge first', integerIn(0, 10_000), 10)
      .option(
        '--min-edge-bps <bps>',
        'minimum edge after fees, in basis points of cost',
        integerIn(0, 10_000),
        0,
      )
      .option('--json', 'print one JSON document (money as integer micros) instead of text')
      .addHelpText('after', EXAMPLES)
      .action((raw: RawOptions) => ctx.exit(runReport(raw, ctx)));
  },
};

function runReport(raw: RawOptions, { io }: CommandContext): ExitCode {
  const { seed, minutes, limit, minEdgeBps } = raw;
  if (raw.lane !== undefined && !LANES.includes(raw.lane as LaneName)) {
    io.stderr(
      `arb report opportunities: --lane must be one of ${LANES.join(', ')}, got ${JSON.stringify(raw.lane)}\n`,
    );
    return ExitCode.UsageOrConfig;
  }
  const loaded = loadScenario(raw.scenario, seed);
  if (!loaded.ok) {
    io.stderr(
      `arb report opportunities: scenario ${JSON.stringify(raw.scenario)} is not usable: ${formatScenarioIssues(loaded.error)}\n`,
    );
    return ExitCode.UsageOrConfig;
  }
  const scenario = loaded.value;
  const limits = Object.fromEntries(
    LANES.map((l) => [l, { minEdgeBps, enabled: raw.lane === undefined || raw.lane === l }]),
  );
  if (!raw.json)
    io.stderr(`running ${minutes} simulated minutes of scenario ${scenario.name} (seed ${seed}) …\n`);
  const result = runSimDetection({ scenario, seed, durationMs: minutes * 60_000, limits });
  const windows = raw.lane ? result.windows.filter((w) => w.lane === raw.lane) : result.windows;
  const matched = windows.filter((w) =>
    (result.sightings.get(w.relationId) ?? []).some(
      ([a, b]) => a <= (w.closedMs ?? result.endMs) && b >= w.openedMs - 500,
    ),
  ).length;
  // The same legs found by two lanes (a cross-venue pair is also a two-outcome basket) are one trade.
  const lanesOf = new Map<string, Set<string>>();
  for (const o of result.opportunities)
    lanesOf.set(tradeKey(o), (lanesOf.get(tradeKey(o)) ?? new Set()).add(o.lane));
  const shown = new Set<string>();
  const best = [...result.opportunities]
    .sort((a, b) => b.edge - a.edge || a.detectedAtMs - b.detectedAtMs)
    .filter(
      (o) => !shown.has(`${tradeKey(o)}@${o.detectedAtMs}`) && shown.add(`${tradeKey(o)}@${o.detectedAtMs}`),
    )
    .slice(0, limit);
  const byLane = laneSummary(result.opportunities);
  if (raw.json) {
    io.stdout(
      `${JSON.stringify({
        scenario: scenario.name,
        seed,
        minutes,
        bookEvents: result.events,
        evaluations: result.evaluations,
        truth: { windows: windows.length, matched },
        byLane,
        opportunities: best.map(jsonOpportunity),
      })}\n`,
    );
    return ExitCode.Ok;
  }
  const titles = new Map(scenario.markets.map((m) => [`${m.venue}|${m.key}`, { title: m.title }]));
  const label = (v: Venue, k: string) => titles.get(`${v}|${k}`);
  const out: string[] = [];
  out.push(
    `${result.events.toLocaleString('en-US')} book events, ${result.evaluations.toLocaleString('en-US')} shape evaluations.`,
  );
  out.push(`Simulator truth: ${windows.length} arbitrage windows; detection saw ${matched} of them.`);
  out.push('');
  out.push(
    `${'lane'.padEnd(12)} ${'found'.padStart(6)} ${'median edge'.padStart(12)} ${'best edge'.padStart(10)}`,
  );
  for (const l of LANES) {
    const s = byLane[l];
    if (!s) continue;
    out.push(
      `${l.padEnd(12)} ${String(s.count).padStart(6)} ${formatUsd(s.medianEdgeMicros).padStart(12)} ${formatUsd(s.bestEdgeMicros).padStart(10)}`,
    );
  }
  if (result.opportunities.length === 0)
    out.push('(no opportunities: try more --minutes or a lower --min-edge-bps)');
  if (best.length > 0) {
    out.push('', `Top ${best.length} by edge (each distinct opportunity at its first sighting):`, '');
    best.forEach((o, i) => {
      const also = [...(lanesOf.get(tradeKey(o)) ?? [])].filter((l) => l !== o.lane);
      out.push(`${i + 1}. ${explainOpportunity(o, label, scenario.startTimeMs, also)}`, '');
    });
  }
  io.stdout(`${out.join('\n')}\n`);
  return ExitCode.Ok;
}

function laneSummary(
  opps: readonly Opportunity[],
): Partial<Record<LaneName, { count: number; medianEdgeMicros: number; bestEdgeMicros: number }>> {
  const out: Partial<Record<LaneName, { count: number; medianEdgeMicros: number; bestEdgeMicros: number }>> =
    {};
  for (const lane of LANES) {
    const edges = opps
      .filter((o) => o.lane === lane)
      .map((o) => o.edge as number)
      .sort((a, b) => a - b);
    if (edges.length > 0)
      out[lane] = {
        count: edges.length,
        medianEdgeMicros: edges[edges.length >> 1]!,
        bestEdgeMicros: edges[edges.length - 1]!,
      };
  }
  return out;
}

function jsonOpportunity(o: Opportunity) {
  return {
    id: o.id,
    lane: o.lane,
    style: o.style,
    relationId: o.relationId,
    detectedAtMs: o.detectedAtMs,
    qty: o.qty,
    guaranteedPayoutMicros: o.guaranteedPayout,
    costMicros: o.cost,
    feesMicros: o.fees,
    edgeMicros: o.edge,
    edgeUsd: microsToUsd(o.edge),
    edgeBps: o.edgeBps,
    legs: o.legs.map((l) => ({
      venue: l.venue,
      market: l.key,
      outcome: l.outcome,
      px: l.px,
      qty: l.qty,
      quoteAgeMs: l.quoteAgeMs,
    })),
  };
}
