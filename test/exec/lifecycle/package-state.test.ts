/**
 * Property tests for the package state machine: well-formed executions (with re-deliveries and junk) against
 * the reference model, random events dropped anywhere into executions against the invariants, and the named
 * scenarios.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itSeeded } from '../../support/seeds.ts';
import type { Transition, TransitionEffect } from '../../../src/exec/lifecycle/order-state.ts';
import {
  PACKAGE_STATES,
  exposure,
  hedgedQty,
  newPackage,
  packageTransition,
  type PackageEvent,
  type PackageEventType,
  type PackageSnapshot,
  type PackageState,
} from '../../../src/exec/lifecycle/package-state.ts';
import { check, checkEqual, show } from './check.ts';
import { adversarialPackageRun, wellFormedPackageRun } from './package-arbitraries.ts';
import { expectedPackage, hedgedSize, held, isNaked } from './reference-models.ts';

/** The seed these properties always ran with, kept as the regression case next to each run's fresh one. */
const SEEDS = [42];
const RUNS = 500;
const EFFECTS: readonly TransitionEffect[] = ['applied', 'duplicate', 'stale', 'anomaly'];
/**
 * What a re-delivery (right after the original) may do: the sends, give-ups and leg and unwind results (they
 * carry their order's key) are plain duplicates; a copy of an abort is an anomaly once the original ended its
 * phase; a recovery is a fresh read of the venues (stale for a finished package, applied again to an unhedged
 * one).
 */
const REPEAT_EFFECTS: { readonly [K in PackageEventType]: readonly TransitionEffect[] } = {
  leg_sent: ['duplicate'],
  complete_sent: ['duplicate'],
  unwind_sent: ['duplicate'],
  give_up: ['duplicate'],
  leg_done: ['duplicate'],
  abort: ['anomaly'],
  recovered: ['stale', 'applied'],
  reversal: ['duplicate', 'stale', 'anomaly'],
  unwind_done: ['duplicate'],
};

/** States that mean naked contracts, and states that mean none (each fixed by the quantities). */
const NAKED_STATES: readonly PackageState[] = ['exposed', 'completing', 'unwinding', 'unhedged'];
const FLAT_STATES: readonly PackageState[] = ['hedged', 'partial', 'unwound', 'missed'];

const realLeg = (p: PackageSnapshot, leg: number) => Number.isInteger(leg) && leg >= 0 && leg < p.legs;

/** What the quantities say about the state, whatever led there. */
function checkConsistent(p: PackageSnapshot, where: () => string): void {
  check(p.bought.length === p.legs && p.sold.length === p.legs, () => `legs: ${where()}`);
  const h = hedgedSize(p.bought, p.sold);
  checkEqual(hedgedQty(p), h, () => `hedgedQty: ${where()}`);
  const naked = held(p.bought, p.sold).map((x) => Math.max(0, x - h));
  checkEqual(exposure(p), naked, () => `exposure: ${where()}`);
  const zero = (xs: readonly number[]) => xs.every((x) => x === 0);
  if (p.state === 'planned') check(zero(p.bought) && zero(p.sold), () => `planned holds: ${where()}`);
  if (p.state === 'legging') check(zero(p.sold), () => `sold while legging: ${where()}`);
  if (NAKED_STATES.includes(p.state)) check(isNaked(p.bought, p.sold), () => `not naked: ${where()}`);
  if (FLAT_STATES.includes(p.state)) {
    checkEqual(expectedPackage(p.qty, p.bought, p.sold, false), p.state, () => `flat state: ${where()}`);
  }
}

/** One step, with everything that must hold whatever the event. */
function step(s: PackageSnapshot, e: PackageEvent): Transition<PackageSnapshot> {
  const t = packageTransition(s, e);
  const where = () => `${s.state} ${show(s.bought)}−${show(s.sold)} + ${show(e)} → ${show(t)}`;
  check(t !== undefined && PACKAGE_STATES.includes(t.next.state), where);
  check(EFFECTS.includes(t.effect), where);
  if ('leg' in e && !realLeg(s, e.leg)) check(t.effect === 'anomaly', () => `bad leg accepted: ${where()}`);
  // Duplicates, stale news and anomalies are recorded, never applied.
  if (t.effect !== 'applied') checkEqual(t.next, s, () => `changed: ${where()}`);
  if (t.effect === 'anomaly') check(/\S/.test(t.why ?? ''), () => `anomaly without a why: ${where()}`);
  checkConsistent(t.next, where);
  return t;
}

describe(`package machine, well-formed executions (fast-check, ${RUNS} runs a seed)`, () => {
  itSeeded('ends where the reference model says, despite re-deliveries and junk', SEEDS, (seed) => {
    const finals = new Set<PackageState>();
    fc.assert(
      fc.property(wellFormedPackageRun, (run) => {
        let s = newPackage(run.qty, run.legs);
        for (const { event, tag } of run.events) {
          const t = step(s, event);
          const where = () => `${tag} ${show(event)} in ${s.state}: ${show(t)}`;
          if (tag === 'junk') check(t.effect === 'anomaly', where);
          if (tag === 'step') check(t.effect !== 'anomaly', where);
          if (tag === 'repeat') check(REPEAT_EFFECTS[event.type].includes(t.effect), where);
          s = t.next;
        }
        const expected = expectedPackage(run.qty, run.bought, run.sold, run.stopped);
        check(expected !== 'still exposed', () => `the executor left exposure: ${show(run)}`);
        checkEqual(s.state, expected, () => `final state of ${show(run)}`);
        checkEqual({ bought: s.bought, sold: s.sold }, { bought: run.bought, sold: run.sold }, () =>
          show(run),
        );
        finals.add(s.state);
      }),
      { seed, numRuns: RUNS },
    );
    expect([...finals].sort()).toEqual(['hedged', 'missed', 'partial', 'unhedged', 'unwound']);
  });
});

describe(`package machine, random events anywhere in an execution (fast-check, ${RUNS} runs a seed)`, () => {
  itSeeded('never throws and keeps state and quantities consistent', SEEDS, (seed) => {
    const reached = new Set<PackageState>();
    fc.assert(
      fc.property(adversarialPackageRun, ({ qty, legs, events }) => {
        let s = newPackage(qty, legs);
        for (const e of events) {
          s = step(s, e).next;
          reached.add(s.state);
        }
      }),
      { seed, numRuns: RUNS },
    );
    expect([...reached].sort()).toEqual([...PACKAGE_STATES].sort());
  });
});

/** Applies events in turn from a fresh 2-leg package of 10; returns every transition. */
function play(events: readonly PackageEvent[], qty = 10, legs = 2): Transition<PackageSnapshot>[] {
  let s = newPackage(qty, legs);
  return events.map((e) => {
    const t = step(s, e);
    s = t.next;
    return t;
  });
}
const last = <T>(xs: readonly T[]): T => xs[xs.length - 1]!;
const legged = (a: number, b: number): PackageEvent[] => [
  { type: 'leg_sent', leg: 0 },
  { type: 'leg_done', leg: 0, filled: a, key: 'L0' },
  { type: 'leg_sent', leg: 1 },
  { type: 'leg_done', leg: 1, filled: b, key: 'L1' },
];

describe('package machine, named scenarios', () => {
  it('leg B rejected after A filled → exposed → unwind A → unwound', () => {
    const ts = play([
      ...legged(10, 0),
      { type: 'unwind_sent', leg: 0 },
      { type: 'unwind_done', leg: 0, sold: 10, key: 'U0' },
    ]);
    expect(ts[3]!.next.state).toBe('exposed');
    expect(exposure(ts[3]!.next)).toEqual([10, 0]);
    expect(ts.slice(4).map((t) => t.next.state)).toEqual(['unwinding', 'unwound']);
  });

  it('B fills 4 of 10 → exposed → unwind the 6 excess on A → partial, hedged 4', () => {
    const ts = play([
      ...legged(10, 4),
      { type: 'unwind_sent', leg: 0 },
      { type: 'unwind_done', leg: 0, sold: 6, key: 'U0' },
    ]);
    expect(ts[3]!.next.state).toBe('exposed');
    expect(last(ts).next.state).toBe('partial');
    expect(hedgedQty(last(ts).next)).toBe(4);
  });

  it('B fills 4 of 10 → a completion buys the other 6 → hedged', () => {
    const ts = play([
      ...legged(10, 4),
      { type: 'complete_sent', leg: 1 },
      { type: 'leg_done', leg: 1, filled: 6, key: 'C1' },
    ]);
    expect(ts.slice(4).map((t) => t.next.state)).toEqual(['completing', 'hedged']);
  });

  it('an unwind that falls short stays unwinding; giving up leaves it unhedged', () => {
    const ts = play([
      ...legged(10, 0),
      { type: 'unwind_sent', leg: 0 },
      { type: 'unwind_done', leg: 0, sold: 3, key: 'U0' },
      { type: 'give_up', reason: 'book empty' },
    ]);
    expect(ts.slice(4).map((t) => t.next.state)).toEqual(['unwinding', 'unwinding', 'unhedged']);
    expect(last(ts).next.reason).toBe('book empty');
  });

  it('recovered after a crash with exposure → unhedged', () => {
    const ts = play([
      { type: 'leg_sent', leg: 0 },
      { type: 'leg_done', leg: 0, filled: 10, key: 'L0' },
      { type: 'leg_sent', leg: 1 },
      { type: 'recovered', bought: [10, 3], sold: [0, 0] },
    ]);
    expect(last(ts).next).toMatchObject({ state: 'unhedged', bought: [10, 3] });
    expect(last(ts).next.reason).toMatch(/exposure/);
  });

  it('events for a leg that does not exist are anomalies, whatever the state', () => {
    for (const e of [
      { type: 'leg_sent', leg: 2 },
      { type: 'leg_done', leg: -1, filled: 1, key: 'x' },
      { type: 'unwind_done', leg: 0.5, sold: 1, key: 'y' },
    ] as const) {
      expect(play([{ type: 'leg_sent', leg: 0 }, e])[1]!.effect).toBe('anomaly');
    }
  });

  it('an unwind or completion result delivered twice counts once (keyed by its order)', () => {
    const unwound = play([
      ...legged(10, 0),
      { type: 'unwind_sent', leg: 0 },
      { type: 'unwind_done', leg: 0, sold: 4, key: 'U0' },
      { type: 'unwind_done', leg: 0, sold: 4, key: 'U0' },
    ]);
    expect(last(unwound).effect).toBe('duplicate');
    expect(last(unwound).next.sold).toEqual([4, 0]);
    const completed = play([
      ...legged(10, 4),
      { type: 'complete_sent', leg: 1 },
      { type: 'leg_done', leg: 1, filled: 3, key: 'C1' },
      { type: 'leg_done', leg: 1, filled: 3, key: 'C1' },
    ]);
    expect(last(completed).effect).toBe('duplicate');
    expect(last(completed).next.bought).toEqual([10, 7]);
  });

  it('a closed package whose legs change later (a late fill) is re-evaluated: exposure makes it unhedged', () => {
    const ts = play([...legged(10, 10), { type: 'recovered', bought: [10, 13], sold: [0, 0] }]);
    expect(ts[3]!.next.state).toBe('hedged');
    expect(last(ts).next).toMatchObject({ state: 'unhedged', bought: [10, 13] });
    // A missed package whose unknown first leg turns out to have filled on both sides is hedged after all.
    const found = play([...legged(0, 0).slice(0, 2), { type: 'recovered', bought: [10, 10], sold: [0, 0] }]);
    expect(found[1]!.next.state).toBe('missed');
    expect(last(found)).toMatchObject({ effect: 'applied', next: { state: 'hedged' } });
  });

  itSeeded('replaying a whole execution twice ends where replaying it once does', SEEDS, (seed) => {
    fc.assert(
      fc.property(wellFormedPackageRun, (run) => {
        const fold = (events: readonly PackageEvent[]) =>
          events.reduce((s, e) => packageTransition(s, e).next, newPackage(run.qty, run.legs));
        const events = run.events.map((x) => x.event);
        const once = fold(events);
        const twice = fold([...events, ...events]);
        checkEqual(
          { state: twice.state, bought: twice.bought, sold: twice.sold },
          { state: once.state, bought: once.bought, sold: once.sold },
          () => show(run),
        );
      }),
      { seed, numRuns: RUNS },
    );
  });
});
