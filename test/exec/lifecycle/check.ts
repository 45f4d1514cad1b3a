/**
 * Assertions for the hot loops of the property tests. `expect` costs microseconds a call and the loops make
 * tens of thousands, so these build their message only on failure; fast-check then shrinks and reports it.
 */
import { isDeepStrictEqual } from 'node:util';

export function check(ok: boolean, message: () => string): asserts ok {
  if (!ok) throw new Error(message());
}

export function checkEqual<T>(actual: T, expected: T, message: () => string): void {
  check(
    isDeepStrictEqual(actual, expected),
    () => `${message()}\n  actual:   ${show(actual)}\n  expected: ${show(expected)}`,
  );
}

/** JSON with Sets and Maps spelled out (and NaN kept readable). */
export const show = (x: unknown): string =>
  JSON.stringify(x, (_k, v: unknown) =>
    v instanceof Set ? [...v] : v instanceof Map ? [...v] : Number.isNaN(v) ? 'NaN' : v,
  );
