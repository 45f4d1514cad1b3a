/**
 * Typed errors with stable codes. Expected business outcomes are returned values (see `Result`);
 * these are for malformed input and broken invariants, which callers count and report.
 */
export class ArbError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ArbError';
    this.code = code;
    this.details = details;
  }
}

export type UnitErrorCode = 'UNITS.MALFORMED' | 'UNITS.TOO_PRECISE' | 'UNITS.OUT_OF_RANGE' | 'UNITS.UNSAFE';

/** A venue string that could not be turned into an exact integer unit. */
export class UnitError extends ArbError {
  readonly input: string;

  constructor(code: UnitErrorCode, input: string, message: string) {
    super(code, `${message}: ${JSON.stringify(input.length > 64 ? `${input.slice(0, 64)}…` : input)}`, {
      input,
    });
    this.name = 'UnitError';
    this.input = input;
  }
}

export type Result<T, E = ArbError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
