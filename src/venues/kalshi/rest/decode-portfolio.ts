/** Portfolio payloads (`/portfolio/balance`, `/portfolio/positions`, K2) → Micros and held contracts. */
import { ok, type Result } from '../../../core/errors.ts';
import { asQty, type Micros, microsFromCents, microsFromUsd, type Qty } from '../../../core/units.ts';
import type { VenuePosition } from '../../venue.ts';
import { KalshiCodecError } from '../errors.ts';
import { attempt, parseSignedCount, unit } from './decode-fields.ts';
import type { WireBalance, WirePosition } from './schemas.ts';

/** `balance_dollars` when present (exact), else the integer-cent `balance`. */
export function decodeBalance(w: WireBalance): Result<Micros, KalshiCodecError> {
  return attempt(() => {
    if (w.balance_dollars) return unit('balance_dollars', () => microsFromUsd(w.balance_dollars!));
    if (typeof w.balance === 'number' && Number.isSafeInteger(w.balance)) return microsFromCents(w.balance);
    throw new KalshiCodecError('balance: neither balance_dollars nor an integer balance');
  });
}

/** Signed `position_fp` → held contracts: positive is YES, negative NO (the historic convention, K2). */
export function decodePosition(
  w: WirePosition,
): Result<{ market: string; outcome: 'YES' | 'NO'; qty: Qty } | undefined, KalshiCodecError> {
  return attempt(() => {
    const field = `${w.ticker}.position_fp`;
    const n = parseSignedCount(field, w.position_fp);
    if (n === 0) return undefined;
    return { market: w.ticker, outcome: n > 0 ? 'YES' : 'NO', qty: unit(field, () => asQty(Math.abs(n))) };
  });
}

/** Every held position (flat ones left out); the first that does not decode fails the whole list. */
export function decodePositions(list: readonly WirePosition[]): Result<VenuePosition[], KalshiCodecError> {
  const out: VenuePosition[] = [];
  for (const w of list) {
    const p = decodePosition(w);
    if (!p.ok) return p;
    if (p.value) out.push(p.value);
  }
  return ok(out);
}
