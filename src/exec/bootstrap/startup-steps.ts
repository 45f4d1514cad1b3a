/**
 * Start-up steps with deadlines. Every step of `Engine.start` (market discovery, balances, the first heartbeat,
 * recovery, book subscription, first books) runs under its own timeout on the injected clock, and a stop request
 * (SIGINT) ends whichever step is running at once. A step that runs out of time is a `StartupError`
 * (`STARTUP.TIMEOUT`) naming the venue and the step (`polymarket: first books not received within 15000 ms (12 of
 * 40 markets)`); a stop is a `StartupAborted` (./startup-errors.ts). The step's own work is not awaited any
 * further (its late result or failure is dropped): the caller closes the sockets, which ends it.
 */
import type { Clock } from '../../core/clock.ts';
import type { Venue } from '../../core/market.ts';
import { StartupAborted, StartupError } from './startup-errors.ts';

/** Deadlines per start-up step, ms. */
export interface StartupTimeouts {
  readonly discoveryMs: number;
  readonly balanceMs: number;
  /** The first heartbeat of a venue with a dead-man switch acknowledged. */
  readonly heartbeatMs: number;
  readonly recoveryMs: number;
  /** Book streams connected and subscribed. */
  readonly subscribeMs: number;
  /** A first snapshot of every subscribed book. */
  readonly firstBooksMs: number;
}

export const DEFAULT_STARTUP: StartupTimeouts = {
  discoveryMs: 300_000,
  balanceMs: 15_000,
  heartbeatMs: 15_000,
  recoveryMs: 120_000,
  subscribeMs: 15_000,
  firstBooksMs: 30_000,
};

export interface StepSpec {
  readonly venue?: Venue;
  /** What is awaited, as a noun phrase: "market discovery", "first books". */
  readonly step: string;
  /** How the timeout reads: "not received", "not done", "not acknowledged". */
  readonly failure: string;
  /** undefined: no deadline. */
  readonly ms: number | undefined;
  /** Progress to add to a timeout's message: "(12 of 40 markets)". */
  readonly detail?: () => string;
}

/** `work` within its deadline, unless `abort` fires first. */
export function withinStep<T>(
  clock: Clock,
  spec: StepSpec,
  work: Promise<T>,
  abort?: Promise<string>,
): Promise<T> {
  // Whatever happens to the step's own work once it has lost the race is dropped, never unhandled.
  work.catch(() => undefined);
  const label = `${spec.venue ? `${spec.venue}: ` : ''}${spec.step}`;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer =
      spec.ms === undefined
        ? undefined
        : clock.setTimeout(() => {
            if (settled) return;
            settled = true;
            const detail = spec.detail?.();
            reject(
              new StartupError(
                'STARTUP.TIMEOUT',
                spec.venue,
                spec.step,
                `${label} ${spec.failure} within ${spec.ms} ms${detail ? ` ${detail}` : ''}`,
              ),
            );
          }, spec.ms);
    const done = (): boolean => {
      if (settled) return false;
      settled = true;
      clock.clearTimer(timer);
      return true;
    };
    work.then(
      (v) => done() && resolve(v),
      (e: unknown) => done() && reject(e),
    );
    abort?.then((signal) => done() && reject(new StartupAborted(signal, label)));
  });
}

/** Which subscribed books have had their first snapshot, per venue (the "first books" step). */
export class FirstBooks {
  private readonly missing = new Map<Venue, Set<string>>();
  private readonly totals = new Map<Venue, number>();
  private readonly waiters = new Map<Venue, () => void>();

  constructor(keysByVenue: ReadonlyMap<Venue, readonly string[]>) {
    for (const [v, keys] of keysByVenue) {
      this.missing.set(v, new Set(keys));
      this.totals.set(v, keys.length);
    }
  }

  snapshot(venue: Venue, market: string): void {
    const m = this.missing.get(venue);
    if (!m?.delete(market) || m.size > 0) return;
    this.waiters.get(venue)?.();
  }

  /** Resolves once every book of `venue` has had a snapshot. */
  done(venue: Venue): Promise<void> {
    if ((this.missing.get(venue)?.size ?? 0) === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(venue, resolve));
  }

  /** "(12 of 40 markets)": how many have a book so far. */
  detail(venue: Venue): string {
    const total = this.totals.get(venue) ?? 0;
    return `(${total - (this.missing.get(venue)?.size ?? 0)} of ${total} markets)`;
  }
}

/** The steps of one start: each announced, then run under its deadline from `limits` (none without them). */
export class StartupSteps {
  constructor(
    private readonly clock: Clock,
    private readonly limits: StartupTimeouts | undefined,
    private readonly abort: Promise<string> | undefined,
    private readonly announce?: (venue: Venue | undefined, step: string) => void,
  ) {}

  run<T>(
    venue: Venue | undefined,
    step: string,
    deadline: keyof StartupTimeouts,
    failure: string,
    work: () => Promise<T>,
    detail?: () => string,
  ): Promise<T> {
    this.announce?.(venue, step);
    const spec: StepSpec = {
      ...(venue ? { venue } : {}),
      step,
      failure,
      ms: this.limits?.[deadline],
      ...(detail ? { detail } : {}),
    };
    return withinStep(this.clock, spec, work(), this.abort);
  }
}
