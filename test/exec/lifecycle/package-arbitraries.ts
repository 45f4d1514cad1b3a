/**
 * Event sequences for the package state machine. Well-formed executions come from a tiny executor that
 * follows the protocol in the machine's header (legs in order, each sized to what the last filled; then one
 * completion at a time, or unwinds, or give up; a crash anywhere ends in `recovered`), driven by a tape of
 * random choices. It keeps its own books, so the tests can compare the machine with what the venues hold.
 */
import fc from 'fast-check';
import type { PackageEvent } from '../../../src/exec/lifecycle/package-state.ts';
import { held, hedgedSize, isNaked } from './reference-models.ts';

/** step: the executor's event, first delivery; repeat: a re-delivery of it; junk: an impossible event. */
export type Tag = 'step' | 'repeat' | 'junk';

export interface PackageRun {
  readonly qty: number;
  readonly legs: number;
  readonly events: readonly { readonly event: PackageEvent; readonly tag: Tag }[];
  /** What the legs really hold at the end, by the executor's own books. */
  readonly bought: readonly number[];
  readonly sold: readonly number[];
  /** The engine gave up, or crashed and was recovered: it no longer acts on the package. */
  readonly stopped: boolean;
}

/** Random choices read in order (wrapping around); zeros, where shrinking goes, pick the first option. */
class Tape {
  private i = 0;
  constructor(private readonly xs: readonly number[]) {}
  /** 0 … n−1. */
  pick(n: number): number {
    return n <= 1 ? 0 : this.xs[this.i++ % this.xs.length]! % n;
  }
  chance(oneIn: number): boolean {
    return this.pick(oneIn) === 0;
  }
  /** How much of `max` an order filled: usually all of it, sometimes any part. */
  upTo(max: number): number {
    return this.pick(3) === 0 ? this.pick(max + 1) : max;
  }
}

/** What the executor does about naked contracts (complete twice as likely: it is the rarest path otherwise). */
type Action = 'complete' | 'unwind_excess' | 'flatten' | 'give_up';
const EXPOSED_ACTIONS: readonly Action[] = ['complete', 'complete', 'unwind_excess', 'flatten', 'give_up'];
const UNWINDING_ACTIONS: readonly Action[] = ['unwind_excess', 'flatten', 'give_up'];

export function execute(qty: number, legs: number, choices: readonly number[]): PackageRun {
  const tape = new Tape(choices);
  const bought = Array<number>(legs).fill(0);
  const sold = Array<number>(legs).fill(0);
  const events: { event: PackageEvent; tag: Tag }[] = [];
  let stopped = false;

  // Every event is idempotent for the machine (leg and unwind results carry their order's key), so any may be
  // re-delivered.
  const emit = (event: PackageEvent) => {
    events.push({ event, tag: 'step' });
    if (tape.chance(6)) events.push({ event, tag: 'repeat' });
  };
  /** A crash now: recovery reads the venues, where an order in flight may have traded meanwhile. */
  const crash = (inFlight?: () => void): boolean => {
    if (stopped || !tape.chance(15)) return false;
    inFlight?.();
    emit({ type: 'recovered', bought: [...bought], sold: [...sold] });
    stopped = true;
    return true;
  };
  const done = (): PackageRun => ({ qty, legs, events, bought, sold, stopped });

  // Legging: each leg sized to what the previous one filled; a leg that fills nothing ends it.
  let size = qty;
  for (let leg = 0; leg < legs; leg++) {
    if (tape.chance(8)) {
      emit({ type: 'abort', reason: 'quote moved' });
      break;
    }
    emit({ type: 'leg_sent', leg });
    const filled = tape.upTo(size);
    if (crash(() => (bought[leg] = filled))) return done();
    bought[leg] = filled;
    emit({ type: 'leg_done', leg, filled, key: `L${leg}` });
    if (filled === 0) break;
    size = filled;
  }

  // Remediation while naked: complete a short leg (one at a time), unwind, or give up.
  let unwinding = false;
  for (let round = 0; isNaked(bought, sold) && round < 4; round++) {
    if (crash()) return done();
    // Once unwinding, the machine only takes more unwinds or a give-up.
    const actions = unwinding ? UNWINDING_ACTIONS : EXPOSED_ACTIONS;
    const action = actions[tape.pick(actions.length)]!;
    const h = held(bought, sold);
    if (action === 'complete') {
      const top = Math.max(...h);
      const short = h.flatMap((x, i) => (x < top ? [i] : []));
      const leg = short[tape.pick(short.length)]!;
      emit({ type: 'complete_sent', leg });
      const extra = tape.upTo(top - h[leg]!);
      if (crash(() => (bought[leg]! += extra))) return done();
      bought[leg]! += extra;
      emit({ type: 'leg_done', leg, filled: extra, key: `C${leg}-${round}` });
    } else if (action === 'unwind_excess' || action === 'flatten') {
      const hedged = hedgedSize(bought, sold);
      const toSell = h.map((x) => Math.max(0, action === 'unwind_excess' ? x - hedged : x));
      const sell = toSell.flatMap((x, i) => (x > 0 ? [i] : []));
      for (const leg of sell) emit({ type: 'unwind_sent', leg });
      unwinding = true;
      for (const leg of sell) {
        if (!isNaked(bought, sold)) break; // flat already: the executor cancels the rest
        const n = tape.upTo(toSell[leg]!);
        if (crash(() => (sold[leg]! += n))) return done();
        sold[leg]! += n;
        emit({ type: 'unwind_done', leg, sold: n, key: `U${leg}-${round}` });
      }
    } else break;
  }
  if (isNaked(bought, sold)) {
    emit({ type: 'give_up', reason: 'exposure left' });
    stopped = true;
  }
  crash();
  return done();
}

/** Events the machine must refuse whatever its state: a leg that does not exist, a recovery of the wrong shape. */
export const junkEvent = (legs: number): fc.Arbitrary<PackageEvent> => {
  const badLeg = fc.constantFrom(-1, legs, legs + 3, 0.5, Number.NaN);
  return fc.oneof(
    badLeg.map((leg): PackageEvent => ({ type: 'leg_sent', leg })),
    badLeg.map((leg): PackageEvent => ({ type: 'leg_done', leg, filled: 5, key: 'junk' })),
    badLeg.map((leg): PackageEvent => ({ type: 'complete_sent', leg })),
    badLeg.map((leg): PackageEvent => ({ type: 'unwind_sent', leg })),
    badLeg.map((leg): PackageEvent => ({ type: 'unwind_done', leg, sold: 5, key: 'junk' })),
    fc
      .constantFrom(legs - 1, legs + 1)
      .map((n): PackageEvent => ({ type: 'recovered', bought: Array(n).fill(3), sold: Array(n).fill(0) })),
  );
};

/** A well-formed execution with re-deliveries, and junk sprinkled anywhere. */
export const wellFormedPackageRun: fc.Arbitrary<PackageRun> = fc
  .record({ qty: fc.integer({ min: 1, max: 20 }), legs: fc.integer({ min: 2, max: 4 }) })
  .chain(({ qty, legs }) =>
    fc
      .record({
        choices: fc.array(fc.nat(), { minLength: 1, maxLength: 60 }),
        junk: fc.array(fc.tuple(fc.nat(), junkEvent(legs)), { maxLength: 4 }),
      })
      .map(({ choices, junk }) => {
        const run = execute(qty, legs, choices);
        const events = [...run.events];
        for (const [at, event] of junk) events.splice(at % (events.length + 1), 0, { event, tag: 'junk' });
        return { ...run, events };
      }),
  );

/** Any event at all, mostly for real legs, with quantities anywhere from nothing to over the size. */
export const anyPackageEvent = (qty: number, legs: number): fc.Arbitrary<PackageEvent> => {
  const leg = fc.oneof({ weight: 6, arbitrary: fc.nat(legs - 1) }, fc.constantFrom(-1, legs, 0.5));
  const n = fc.nat(qty + 3);
  // Mostly fresh keys, sometimes one the execution used (a late re-delivery).
  const key = fc.oneof(
    fc.string({ minLength: 1, maxLength: 4 }),
    fc.constantFrom('L0', 'L1', 'U0-0', 'C1-0'),
  );
  const amounts = fc.array(n, { minLength: legs, maxLength: legs });
  return fc.oneof(
    leg.map((l): PackageEvent => ({ type: 'leg_sent', leg: l })),
    fc.record({ leg, filled: n, key }).map((r): PackageEvent => ({ type: 'leg_done', ...r })),
    fc.constant<PackageEvent>({ type: 'abort', reason: 'junk' }),
    leg.map((l): PackageEvent => ({ type: 'complete_sent', leg: l })),
    leg.map((l): PackageEvent => ({ type: 'unwind_sent', leg: l })),
    fc.record({ leg, sold: n, key }).map((r): PackageEvent => ({ type: 'unwind_done', ...r })),
    fc.constant<PackageEvent>({ type: 'give_up', reason: 'junk' }),
    fc.record({ bought: amounts, sold: amounts }).map((r): PackageEvent => ({ type: 'recovered', ...r })),
    junkEvent(legs),
  );
};

/**
 * Random events dropped anywhere into a well-formed execution: purely random sequences hardly ever reach
 * completing or unwinding, so the junk would never be tried there.
 */
export const adversarialPackageRun = fc
  .record({ qty: fc.integer({ min: 1, max: 20 }), legs: fc.integer({ min: 1, max: 4 }) })
  .chain(({ qty, legs }) =>
    fc
      .record({
        choices: fc.array(fc.nat(), { minLength: 1, maxLength: 60 }),
        noise: fc.array(fc.tuple(fc.nat(), anyPackageEvent(qty, legs)), { maxLength: 30 }),
      })
      .map(({ choices, noise }) => {
        const events = execute(qty, legs, choices).events.map((x) => x.event);
        for (const [at, event] of noise) events.splice(at % (events.length + 1), 0, event);
        return { qty, legs, events };
      }),
  );
