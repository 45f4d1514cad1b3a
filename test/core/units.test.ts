import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itSeeded } from '../support/seeds.ts';
import { UnitError } from '../../src/core/errors.ts';
import {
  type Px,
  type Qty,
  formatUsd,
  microsFromBaseUnits,
  microsFromCents,
  microsFromUsd,
  microsToUsd,
  notional,
  payoutMicros,
  pxComplement,
  pxFromDollars,
  pxToDecimal,
  pxToDollars,
  qtyFromDecimal,
  qtyToDecimal,
  qtyToFp,
  signedQtyFromDecimal,
  parseScaled,
} from '../../src/core/units.ts';

const px = fc.integer({ min: 0, max: 10_000 }).map((n) => n as Px);
const qty = fc.integer({ min: 0, max: 100_000_000_000 }).map((n) => n as Qty);

function unitError(fn: () => unknown): UnitError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UnitError);
    return e as UnitError;
  }
  throw new Error('expected a UnitError');
}

describe('price codecs', () => {
  it('parses Kalshi and Polymarket price strings exactly', () => {
    expect(pxFromDollars('0.5600')).toBe(5600);
    expect(pxFromDollars('0.56')).toBe(5600);
    expect(pxFromDollars('0.560000')).toBe(5600); // Kalshi responses carry up to 6 decimals
    expect(pxFromDollars('0.0025')).toBe(25);
    expect(pxFromDollars('0.001')).toBe(10);
    expect(pxFromDollars('1')).toBe(10_000);
    expect(pxFromDollars('0')).toBe(0);
    // 0.1 + 0.2 style float traps never arise: this is string arithmetic
    expect(pxFromDollars('0.3')).toBe(3000);
  });

  it('formats in each venue style', () => {
    expect(pxToDollars(5600 as Px)).toBe('0.5600');
    expect(pxToDollars(5600 as Px, 2)).toBe('0.56');
    expect(pxToDecimal(5600 as Px)).toBe('0.56');
    expect(pxToDecimal(10_000 as Px)).toBe('1');
    expect(pxToDecimal(25 as Px)).toBe('0.0025');
    expect(() => pxToDollars(25 as Px, 2)).toThrow(RangeError);
  });

  it.each([
    ['abc', 'UNITS.MALFORMED'],
    ['', 'UNITS.MALFORMED'],
    ['1e-3', 'UNITS.MALFORMED'],
    ['0x10', 'UNITS.MALFORMED'],
    [' 0.5', 'UNITS.MALFORMED'],
    ['+0.5', 'UNITS.MALFORMED'],
    ['.5', 'UNITS.MALFORMED'],
    ['NaN', 'UNITS.MALFORMED'],
    ['-0.1', 'UNITS.OUT_OF_RANGE'],
    ['1.0001', 'UNITS.OUT_OF_RANGE'],
    ['2', 'UNITS.OUT_OF_RANGE'],
    ['0.12345', 'UNITS.TOO_PRECISE'],
    ['0.000001', 'UNITS.TOO_PRECISE'],
  ])('rejects price %j with %s', (input, code) => {
    const e = unitError(() => pxFromDollars(input));
    expect(e.code).toBe(code);
    expect(e.message).toContain(JSON.stringify(input));
  });

  it('rejects non-strings without producing NaN', () => {
    expect(unitError(() => pxFromDollars(0.5 as unknown as string)).code).toBe('UNITS.MALFORMED');
    expect(unitError(() => pxFromDollars(undefined as unknown as string)).code).toBe('UNITS.MALFORMED');
  });

  itSeeded('round-trips every price in both styles', [], (seed) => {
    fc.assert(
      fc.property(px, (p) => {
        expect(pxFromDollars(pxToDollars(p))).toBe(p);
        expect(pxFromDollars(pxToDecimal(p))).toBe(p);
        expect(pxComplement(pxComplement(p))).toBe(p);
      }),
      { seed },
    );
  });
});

describe('quantity codecs', () => {
  it('parses counts exactly', () => {
    expect(qtyFromDecimal('10.00')).toBe(1000);
    expect(qtyFromDecimal('12.5')).toBe(1250);
    expect(qtyFromDecimal('0.01')).toBe(1);
    expect(signedQtyFromDecimal('-54.00')).toBe(-5400);
    expect(signedQtyFromDecimal('-0.00')).toBe(0);
    expect(unitError(() => qtyFromDecimal('-1.00')).code).toBe('UNITS.OUT_OF_RANGE');
    expect(unitError(() => qtyFromDecimal('1.001')).code).toBe('UNITS.TOO_PRECISE');
    expect(unitError(() => qtyFromDecimal('99999999999999999')).code).toBe('UNITS.UNSAFE');
  });

  itSeeded('round-trips through the Kalshi fp and Polymarket styles', [], (seed) => {
    fc.assert(
      fc.property(qty, (q) => {
        const fp = qtyToFp(q);
        expect(fp).toMatch(/^\d+\.\d{2}$/);
        expect(qtyFromDecimal(fp)).toBe(q);
        expect(qtyFromDecimal(qtyToDecimal(q))).toBe(q);
      }),
      { seed },
    );
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (d) => {
        expect(signedQtyFromDecimal(qtyToFp(d))).toBe(d);
      }),
      { seed },
    );
  });
});

describe('micros', () => {
  it('parses dollar amounts and base units', () => {
    expect(microsFromUsd('12.345678')).toBe(12_345_678);
    expect(microsFromUsd('-3.5')).toBe(-3_500_000);
    expect(microsFromBaseUnits('1000000')).toBe(1_000_000);
    expect(microsFromCents(1234)).toBe(12_340_000);
    expect(unitError(() => microsFromUsd('0.0000001')).code).toBe('UNITS.TOO_PRECISE');
  });

  itSeeded('formats exactly and for display', [], (seed) => {
    expect(microsToUsd(12_345_678)).toBe('12.345678');
    expect(microsToUsd(-500_000, 2)).toBe('-0.50');
    expect(formatUsd(12_345_678)).toBe('$12.35');
    expect(formatUsd(-100_000)).toBe('-$0.10');
    expect(formatUsd(-4_999)).toBe('$0.00');
    fc.assert(
      fc.property(fc.integer({ min: -1e14, max: 1e14 }), (m) => {
        expect(microsFromUsd(microsToUsd(m))).toBe(m);
      }),
      { seed },
    );
  });
});

describe('notional', () => {
  itSeeded('is exact: price × quantity in micros with no rounding', [], (seed) => {
    expect(notional(5500 as Px, 1000 as Qty)).toBe(5_500_000); // 10 contracts at $0.55 = $5.50
    expect(notional(1 as Px, 1 as Qty)).toBe(1); // $0.0001 × 0.01 = $0.000001
    fc.assert(
      fc.property(px, fc.integer({ min: 0, max: 1e11 }), (p, q) => {
        const n = notional(p, q as Qty);
        // Cross-check against BigInt arithmetic on the decimal strings' integer forms.
        expect(BigInt(n)).toBe(BigInt(p) * BigInt(q));
        expect(microsFromUsd(microsToUsd(n))).toBe(n);
      }),
      { seed },
    );
  });

  it('refuses to overflow', () => {
    expect(unitError(() => notional(10_000 as Px, (2 ** 50) as Qty)).code).toBe('UNITS.UNSAFE');
  });

  it('pays $1 per winning contract', () => {
    expect(payoutMicros(100 as Qty)).toBe(1_000_000);
  });
});

/** The original regex implementation: slow but obviously right, kept as the model the fast parser must match. */
function referenceParse(input: string, scale: number, allowNegative: boolean): number | string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(input);
  if (!m) return 'UNITS.MALFORMED';
  const [, sign = '', whole = '', frac = ''] = m;
  if (sign === '-' && !allowNegative && /[1-9]/.test(whole + frac.slice(0, scale)))
    return 'UNITS.OUT_OF_RANGE';
  if (/[1-9]/.test(frac.slice(scale))) return 'UNITS.TOO_PRECISE';
  const digits = (whole + frac.slice(0, scale).padEnd(scale, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > 15) return 'UNITS.UNSAFE';
  const value = Number(digits);
  return sign === '-' && value !== 0 ? -value : value;
}

describe('parseScaled matches the reference model', () => {
  const outcome = (fn: () => number): number | string => {
    try {
      return fn();
    } catch (e) {
      return (e as UnitError).code;
    }
  };
  itSeeded('on arbitrary strings over a decimal-ish alphabet, for every scale and sign rule', [], (seed) => {
    const str = fc.string({ unit: fc.constantFrom(...'0123456789.-e+ x'), maxLength: 22 });
    fc.assert(
      fc.property(str, fc.integer({ min: 0, max: 6 }), fc.boolean(), (s, scale, neg) => {
        expect(outcome(() => parseScaled(s, scale, neg))).toEqual(referenceParse(s, scale, neg));
      }),
      { seed, numRuns: 5_000 },
    );
  });
  itSeeded('on well-formed numbers of every length', [], (seed) => {
    const num = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,18}$/), fc.option(fc.stringMatching(/^\d{1,9}$/)))
      .map(([neg, w, f]) => `${neg ? '-' : ''}${w}${f === null ? '' : `.${f}`}`);
    fc.assert(
      fc.property(num, fc.integer({ min: 0, max: 6 }), fc.boolean(), (s, scale, neg) => {
        expect(outcome(() => parseScaled(s, scale, neg))).toEqual(referenceParse(s, scale, neg));
      }),
      { seed, numRuns: 5_000 },
    );
  });
});
