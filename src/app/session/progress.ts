/** What a trader watching a session reads: a one-line progress tick and the closing report. */
import { formatUsd } from '../../core/units.ts';
import { StartupError, type Engine, type RunStats, type RunSummary } from '../../exec/index.ts';

/** Why a run failed, for its one stderr line: a start-up failure leads with its stable code (`STARTUP.…`). */
export function failureText(e: unknown): string {
  if (e instanceof StartupError) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

const clockText = (ms: number): string => {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

const lanes = (byLane: Record<string, number>): string =>
  Object.entries(byLane)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');

export function progressLine(engine: Engine, stats: RunStats, elapsedMs: number): string {
  const p = engine.progress();
  const s = stats.summary();
  const pk = s.packages;
  const done = pk.hedged + pk.partial + pk.unwound + pk.unhedged + pk.missed;
  return (
    `[${clockText(elapsedMs)}] ${p.markets} markets, ${p.booksInSync}/${p.markets} books in sync · ` +
    `${s.opportunities.total} opportunities${s.opportunities.total ? ` (${lanes(s.opportunities.byLane)})` : ''} · ` +
    `${done} packages (${pk.hedged} hedged${pk.partial ? `, ${pk.partial} partial` : ''}${pk.unwound ? `, ${pk.unwound} unwound` : ''}${pk.unhedged ? `, ${pk.unhedged} UNHEDGED` : ''}${pk.missed ? `, ${pk.missed} missed` : ''}) · ` +
    `${s.orders.count} orders, ${s.fills.count} fills · PnL expected ${formatUsd(s.pnl.expectedMicros)}, realized ${formatUsd(s.pnl.realizedMicros)}` +
    (s.safeMode.on
      ? ` · SAFE MODE (${s.safeMode.reasons.length} reason${s.safeMode.reasons.length === 1 ? '' : 's'}: arb status)`
      : '')
  );
}

/**
 * The line a session prints at start when mapping relations are held back (nothing when none is): how many,
 * why in a word, the first few ids, and the command that gives every reason.
 */
export function heldBackLine(engine: Engine, who: string, mappingFile?: string): string | undefined {
  const r = engine.universe?.relations;
  if (!r || r.heldBack.length === 0) return undefined;
  const refused = r.heldBack.filter((h) => h.verdict === 'refused').length;
  const review = r.heldBack.length - refused;
  const ids = r.heldBack.slice(0, 5).map((h) => h.id);
  const more = r.heldBack.length > ids.length ? ` and ${r.heldBack.length - ids.length} more` : '';
  const check = mappingFile === undefined ? 'arb mapping check' : `arb mapping check ${mappingFile}`;
  return (
    `${who}: ${r.heldBack.length} mapping relation${r.heldBack.length === 1 ? '' : 's'} held back ` +
    `(${refused} refused, ${review} need review without an approval): ${ids.join(', ')}${more}; "${check}" gives the reasons`
  );
}

/** micros × ms → dollar-seconds, two decimals (display only; the summary JSON keeps the integer). */
const dollarSeconds = (microsMs: number): string => (microsMs / 1e9).toFixed(2);

export function reportText(s: RunSummary): string {
  const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
  const perVenue = (r: Record<string, number>, money = false): string =>
    Object.entries(r)
      .map(([v, n]) => `${v} ${money ? formatUsd(n) : n}`)
      .join(', ') || 'none';
  const denials = Object.entries(s.plans.denials)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const zero = Object.entries(s.plans.sizedToZero)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const decisions = Object.entries(s.exposure.decisions)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return [
    `Run report (${s.mode}, data ${s.data}, ${s.clock} clock, seed ${s.seed}): ${(s.durationMs / 1000).toFixed(1)} s`,
    `  markets       ${perVenue(s.markets.byVenue)}; ${s.markets.relations} relations → ${s.markets.shapes} portfolio shapes${Object.keys(s.markets.refused).length ? `; refused ${perVenue(s.markets.refused)}` : ''}`,
    ...(s.mapping.heldBack > 0 || s.mapping.approved > 0
      ? [
          `  mapping       ${s.mapping.heldBack} relations held back (${s.mapping.byVerdict.refused} refused, ${s.mapping.byVerdict.review} need review)` +
            (s.mapping.approved > 0 ? `; ${s.mapping.approved} traded on an operator's approval` : ''),
        ]
      : []),
    `  books         ${s.books.snapshots} snapshots, ${s.books.updates} updates, ${s.books.invalidated} invalidated, ${s.books.polled} polled`,
    `  opportunities ${s.opportunities.total}${s.opportunities.total ? ` (${lanes(s.opportunities.byLane)})` : ''}`,
    `  plans         ${s.plans.made} made, ${s.plans.executed} executed, ${s.plans.denied} denied${denials ? ` (${denials})` : ''}, ${s.plans.skippedBusy} waited for a package in flight${zero ? `; sized to zero: ${zero}` : ''}`,
    `  packages      ${s.packages.hedged} hedged, ${s.packages.partial} partial, ${s.packages.unwound} unwound, ${s.packages.unhedged} unhedged, ${s.packages.missed} missed`,
    `  orders        ${s.orders.count} (${perVenue(s.orders.byVenue)}), ${s.orders.rejected} rejected, ${s.orders.unknown} unknown`,
    `  fills         ${s.fills.count} (${perVenue(s.fills.byVenue)}), ${s.fills.partial} partial`,
    ...(s.reversals.fills
      ? [
          `  reversals     ${s.reversals.fills} fills (${s.reversals.qty / 100} contracts) undone by the venue (trade FAILED); realized PnL changed by ${formatUsd(s.reversals.realizedMicros)}`,
        ]
      : []),
    `  fees          ${formatUsd(s.fees.totalMicros)} (${perVenue(s.fees.byVenue, true)})${s.fees.drift.fills ? `; ${s.fees.drift.fills} fills charged ${formatUsd(s.fees.drift.micros)} off our fee model (fee_drift)` : ''}`,
    `  PnL           expected ${formatUsd(s.pnl.expectedMicros)}, realized ${formatUsd(s.pnl.realizedMicros)} (${pct(s.pnl.realizedToExpected)} of expected), unwind losses ${formatUsd(s.pnl.unwindLossMicros)}`,
    `  capital       start ${perVenue(s.capital.startingMicros, true)}; end ${perVenue(s.capital.endingMicros, true)}; peak locked ${formatUsd(s.capital.peakLockedMicros)}`,
    `  legging       naked exposure ${dollarSeconds(s.exposure.nakedMicrosMs)} $·s (largest package ${dollarSeconds(s.exposure.maxPackageNakedMicrosMs)}), ${s.exposure.aborted} aborted${decisions ? `; exposure decisions: ${decisions}` : ''}`,
    ...s.heartbeats.map(
      (g) =>
        `  heartbeat     ${g.venue}: ${g.beats.acknowledged} acknowledged, ${g.beats.failed} failed; new orders stopped ${g.closures} times (${(g.closedMs / 1000).toFixed(1)} s)${g.open ? '' : `; CLOSED at the end: ${g.reason}`}${s.orders.gated ? `; ${s.orders.gated} orders refused by the gate` : ''}`,
    ),
    ...(s.safeMode.on
      ? [`  SAFE MODE     new packages refused until "arb ack": ${s.safeMode.reasons.join('; ')}`]
      : []),
  ].join('\n');
}
