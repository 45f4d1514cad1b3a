/**
 * The session's event log: one JSON line (pino) per opportunity, denied plan, finished package and lost book, in
 * `<stateDir>/logs/<paper|live>.jsonl`, appended run after run. stderr stays for the progress lines and stdout for
 * the report, so the log never mixes with what a terminal or a script reads.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pino from 'pino';
import type { EngineEvents } from '../../exec/index.ts';
import { createLogger, type LogLevel } from '../../obs/log.ts';

export interface RunLog {
  readonly file: string;
  readonly events: EngineEvents;
  /** Flush and close the file. */
  close(): void;
}

export function openRunLog(opts: {
  readonly cwd: string;
  readonly stateDir: string;
  readonly name: 'paper' | 'live';
  readonly level: LogLevel;
  readonly seed: number;
}): RunLog {
  const file = resolve(opts.cwd, opts.stateDir, 'logs', `${opts.name}.jsonl`);
  mkdirSync(dirname(file), { recursive: true });
  const destination = pino.destination({ dest: file, sync: true, mkdir: true });
  const log = createLogger({
    level: opts.level,
    base: { component: opts.name, seed: opts.seed },
    destination,
  });
  const events: EngineEvents = {
    opportunity: (o) =>
      log.info(
        { event: 'opportunity', id: o.id, lane: o.lane, edgeMicros: o.edge, qty: o.qty },
        'opportunity',
      ),
    planDenied: (o, reasons) => log.info({ event: 'plan_denied', id: o.id, reasons }, 'plan denied'),
    packageDone: (r, o) =>
      log.info(
        {
          event: 'package',
          id: o.id,
          packageId: r.packageId,
          lane: o.lane,
          status: r.status,
          ...(r.aborted ? { aborted: r.aborted } : {}),
          decisions: r.decisions,
          nakedMicrosMs: r.nakedMicrosMs,
          hedged: r.hedgedQty,
          expectedMicros: r.expectedMicros,
          realizedMicros: r.realizedMicros,
          legs: r.legs.map((l) => ({
            venue: l.leg.venue,
            market: l.leg.market,
            outcome: l.leg.outcome,
            side: l.requested < 0 ? 'SELL' : 'BUY',
            // Unwinds sell at any price into the bids; their fills say what they got.
            ...(l.requested >= 0 ? { px: l.leg.px } : {}),
            requested: Math.abs(l.requested),
            filled: l.filled,
            costMicros: l.cost,
            feeMicros: l.fees,
            outcomeOfOrder: l.outcome,
            ...(l.error !== undefined ? { error: l.error } : {}),
          })),
        },
        'package done',
      ),
    bookLost: (venue, market, reason) =>
      log.info({ event: 'book_lost', venue, market, reason }, 'book lost until resynced'),
    recovered: (r) => log.info({ event: 'recovery', ...r }, 'startup recovery done'),
    safeMode: (on, reasons) =>
      log.warn(
        { event: 'safe_mode', on, reasons: reasons.map((x) => ({ code: x.code, detail: x.detail })) },
        on ? 'safe mode on' : 'safe mode off',
      ),
    warn: (message, fields) => log.warn(fields ?? {}, message),
    startupStep: (venue, step) =>
      log.info({ event: 'startup_step', ...(venue ? { venue } : {}), step }, `starting: ${step}`),
    venueGate: (t) =>
      t.open
        ? log.info({ event: 'venue_gate', ...t }, `${t.venue}: heartbeats acknowledged, new orders allowed`)
        : log.warn({ event: 'venue_gate', ...t }, `${t.venue}: new orders stopped: ${t.reason}`),
  };
  return {
    file,
    events,
    close: () => {
      log.flush();
      destination.end();
    },
  };
}
