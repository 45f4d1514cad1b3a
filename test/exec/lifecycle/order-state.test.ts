/**
 * Property tests for the order state machine: random event sequences, realistic (one venue truth seen late,
 * twice and out of order) and adversarial (anything at all), against the reference models.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itSeeded } from '../../support/seeds.ts';
import {
  ORDER_STATES,
  isTerminalOrder,
  newOrder,
  orderTransition,
  type OrderEvent,
  type OrderSnapshot,
  type OrderState,
  type Transition,
  type TransitionEffect,
} from '../../../src/exec/lifecycle/order-state.ts';
import { check, checkEqual, show } from './check.ts';
import { adversarialOrderRun, realisticOrderRun } from './order-arbitraries.ts';
import { addFact, expectedOrder, factsState, noFacts, sum } from './reference-models.ts';

/** The seed these properties always ran with, kept as the regression case next to each run's fresh one. */
const SEEDS = [42];
const RUNS = 500;
const EFFECTS: readonly TransitionEffect[] = ['applied', 'duplicate', 'stale', 'anomaly'];

/** The observable content of a snapshot, for "nothing changed" comparisons. */
const content = (s: OrderSnapshot) => ({
  ...s,
  fillIds: [...s.fillIds].sort(),
  reversedIds: [...s.reversedIds].sort(),
});

/** One step, with everything that must hold whatever the event. */
function step(s: OrderSnapshot, e: OrderEvent): Transition<OrderSnapshot> {
  const t = orderTransition(s, e);
  const where = () => `${s.state} + ${show(e)} → ${show(t)}`;
  check(t !== undefined && ORDER_STATES.includes(t.next.state), where);
  check(EFFECTS.includes(t.effect), where);
  // Only a reversal (the venue undoing a fill) may take filled back.
  check(e.type === 'reversal' || t.next.filled >= s.filled, () => `filled decreased: ${where()}`);
  check(t.next.filled <= s.qty, () => `filled over the size: ${where()}`);
  check(
    !isTerminalOrder(s.state) || isTerminalOrder(t.next.state),
    () => `left a terminal state: ${where()}`,
  );
  // Only `applied` changes anything: duplicates, stale news and anomalies are recorded, never applied.
  if (t.effect === 'applied')
    check(show(content(t.next)) !== show(content(s)), () => `no change: ${where()}`);
  else checkEqual(content(t.next), content(s), () => `changed: ${where()}`);
  if (t.effect === 'anomaly') check(/\S/.test(t.why ?? ''), () => `anomaly without a why: ${where()}`);
  return t;
}

describe(`order machine, realistic venue histories (fast-check, ${RUNS} runs a seed)`, () => {
  itSeeded('agrees with the reference model whatever the order and repeats of events', SEEDS, (seed) => {
    const finals = new Set<OrderState>();
    fc.assert(
      fc.property(realisticOrderRun, ({ qty, events }) => {
        let s = newOrder(qty);
        for (const e of events) {
          const t = step(s, e);
          // One consistent venue truth never contradicts itself, however it is delivered.
          check(t.effect !== 'anomaly', () => `anomaly: ${s.state} + ${show(e)}: ${t.why}`);
          s = t.next;
        }
        checkEqual({ state: s.state, filled: s.filled }, expectedOrder(qty, events), () => 'final');
        // Each fill id counted once: Polymarket's matched + confirmed of one trade is one fill.
        const unique = new Map(
          events.flatMap((e) => (e.type === 'fill' ? [[e.fillId, e.qty] as const] : [])),
        );
        checkEqual([...s.fillIds].sort(), [...unique.keys()].sort(), () => 'fill ids');
        checkEqual(s.fillSum, sum([...unique.values()]), () => 'fill sum');
        finals.add(s.state);
      }),
      { seed, numRuns: RUNS },
    );
    // The runs reached every state a client can end in (only `pending` is impossible once `sent` is recorded).
    expect([...finals].sort()).toEqual(ORDER_STATES.filter((x) => x !== 'pending').sort());
  });
});

describe(`order machine, adversarial sequences (fast-check, ${RUNS} runs a seed)`, () => {
  itSeeded('never throws, stays defined and flags anomalies exactly where the spec says', SEEDS, (seed) => {
    let anomalies = 0;
    fc.assert(
      fc.property(adversarialOrderRun, ({ qty, events }) => {
        let s = newOrder(qty);
        let facts = noFacts(qty);
        for (const e of events) {
          const t = step(s, e);
          const ref = addFact(facts, e);
          const where = () => `${s.state} + ${show(e)} → ${show(t)}`;
          check(
            (t.effect === 'anomaly') === ref.anomaly,
            () => `anomaly should be ${ref.anomaly}: ${where()}`,
          );
          facts = ref.facts;
          checkEqual({ state: t.next.state, filled: t.next.filled }, factsState(facts), where);
          checkEqual([...t.next.fillIds].sort(), [...facts.fills.keys()].sort(), where);
          checkEqual(t.next.fillSum, sum([...facts.fills.values()]), where);
          if (t.effect === 'anomaly') anomalies++;
          s = t.next;
        }
      }),
      { seed, numRuns: RUNS },
    );
    expect(anomalies).toBeGreaterThan(0);
  });
});

/** Applies events in turn; returns every transition, so a scenario can look at each step's effect. */
function play(qty: number, events: readonly OrderEvent[]): Transition<OrderSnapshot>[] {
  let s = newOrder(qty);
  return events.map((e) => {
    const t = step(s, e);
    s = t.next;
    return t;
  });
}
const last = <T>(xs: readonly T[]): T => xs[xs.length - 1]!;
const SENT: OrderEvent = { type: 'sent' };

describe('order machine, named scenarios', () => {
  it('a fill before the placement reply: the late "open, 0 filled" reply is stale', () => {
    const ts = play(10, [
      SENT,
      { type: 'fill', fillId: 't1', qty: 4 },
      { type: 'report', status: 'open', filled: 0 },
    ]);
    expect(ts.map((t) => t.effect)).toEqual(['applied', 'applied', 'stale']);
    expect(last(ts).next).toMatchObject({ state: 'partially_filled', filled: 4 });
  });

  it('an "open" report after a "filled" one changes nothing: terminal venue statuses are sticky', () => {
    const ts = play(10, [
      SENT,
      { type: 'report', status: 'filled', filled: 10 },
      { type: 'report', status: 'open', filled: 6 },
    ]);
    expect(last(ts).effect).toBe('stale');
    expect(last(ts).next).toMatchObject({ state: 'filled', filled: 10 });
  });

  it('a Polymarket trade reported matched, then confirmed with the same id, counts once', () => {
    const fill: OrderEvent = { type: 'fill', fillId: '0xabc', qty: 5 };
    const ts = play(10, [SENT, { type: 'report', status: 'open', filled: 0 }, fill, fill]);
    expect(ts.map((t) => t.effect)).toEqual(['applied', 'applied', 'applied', 'duplicate']);
    expect(last(ts).next).toMatchObject({ state: 'partially_filled', filled: 5, fillSum: 5 });
  });

  it('a lost reply, then the order found by a query', () => {
    const ts = play(10, [SENT, { type: 'unknown' }, { type: 'report', status: 'open', filled: 3 }]);
    expect(ts[1]!.next.state).toBe('unknown');
    expect(last(ts).next).toMatchObject({ state: 'partially_filled', filled: 3, known: true });
  });

  it('a lost reply, then "not found": void (and a second query says the same)', () => {
    const ts = play(10, [SENT, { type: 'unknown' }, { type: 'not_found' }, { type: 'not_found' }]);
    expect(ts.map((t) => t.effect)).toEqual(['applied', 'applied', 'applied', 'duplicate']);
    expect(last(ts).next.state).toBe('void');
  });

  it('void, then the order shows up after all: an anomaly for the operator, not a silent resurrection', () => {
    const ts = play(10, [SENT, { type: 'not_found' }, { type: 'report', status: 'open', filled: 2 }]);
    expect(last(ts).effect).toBe('anomaly');
    expect(last(ts).next).toMatchObject({ state: 'void', filled: 0 });
  });

  it('a rejection after a fill is an anomaly: recorded with its code, never applied', () => {
    const ts = play(10, [
      SENT,
      { type: 'fill', fillId: 't1', qty: 2 },
      { type: 'rejected', code: 'MARKET_CLOSED' },
    ]);
    expect(last(ts).effect).toBe('anomaly');
    expect(last(ts).why).toContain('MARKET_CLOSED');
    expect(last(ts).next).toMatchObject({ state: 'partially_filled', filled: 2 });
  });

  it('a fill arriving after the cancel still counts; the order stays cancelled', () => {
    const ts = play(10, [
      SENT,
      { type: 'report', status: 'cancelled', filled: 0 },
      { type: 'fill', fillId: 't1', qty: 3 },
    ]);
    expect(last(ts).effect).toBe('applied');
    expect(last(ts).next).toMatchObject({ state: 'cancelled', filled: 3 });
  });

  it('a Polymarket trade matched, then FAILED: the fill stops counting, in the fills and in the venue’s matched size', () => {
    // An IOC order filled 10 by two trades; the venue keeps saying MATCHED 10 after one of them failed.
    const ts = play(10, [
      SENT,
      { type: 'fill', fillId: 'ta', qty: 6 },
      { type: 'fill', fillId: 'tb', qty: 4 },
      { type: 'report', status: 'filled', filled: 10 },
      { type: 'reversal', fillId: 'ta', qty: 6 },
      { type: 'report', status: 'filled', filled: 10 },
      { type: 'reversal', fillId: 'ta', qty: 6 },
    ]);
    expect(ts.map((t) => t.effect)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
      'stale',
      'duplicate',
    ]);
    // Done at the venue, short of its size: cancelled with 4 filled, and later reports cannot bring the 6 back.
    expect(last(ts).next).toMatchObject({ state: 'cancelled', filled: 4, fillSum: 4, reversedSum: 6 });
  });

  it('a resting order whose fill failed goes back to what is really filled, and can still fill', () => {
    const ts = play(10, [
      SENT,
      { type: 'report', status: 'open', filled: 3 },
      { type: 'fill', fillId: 'ta', qty: 3 },
      { type: 'reversal', fillId: 'ta', qty: 3 },
      { type: 'fill', fillId: 'ta', qty: 3 },
      { type: 'fill', fillId: 'tc', qty: 2 },
    ]);
    expect(ts.map((t) => t.effect)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'duplicate',
      'applied',
    ]);
    expect(last(ts).next).toMatchObject({ state: 'partially_filled', filled: 2 });
  });
});
