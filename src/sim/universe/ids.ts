/**
 * Venue identifiers in each venue's real shape, drawn from a seeded Rng so a scenario is reproducible:
 * Polymarket condition and question ids are 32-byte hashes (`0x` + 64 lowercase hex), outcome token ids are
 * uint256 values printed in decimal (76–78 digits in practice, 77 most often), event ids are plain integers.
 * Kalshi tickers are built from readable parts (series, date code, strike), so they need no randomness.
 */
import type { Rng } from '../../core/rng.ts';

/** `0x` + 64 lowercase hex digits: a Polymarket condition id or question id. */
export function hex32(rng: Rng): string {
  let out = '0x';
  for (let i = 0; i < 8; i++) out += rng.nextU32().toString(16).padStart(8, '0');
  return out;
}

/**
 * A Polymarket ERC-1155 position id as a decimal string. Lengths follow what Gamma returns (of 1,476 real
 * NBA token ids: 77 digits 77 %, 78 digits 15 %, 76 digits 8 %); a uint256 never exceeds 78 digits.
 */
export function tokenId(rng: Rng): string {
  const roll = rng.float();
  const length = roll < 0.77 ? 77 : roll < 0.92 ? 78 : 76;
  // 78-digit values must stay below 2^256 ≈ 1.1579e77, so they start 10… or 110…–114….
  let out = length === 78 ? rng.pick(['10', '110', '111', '112', '113', '114']) : String(rng.int(1, 9));
  while (out.length < length) out += String(rng.int(0, 9));
  return out;
}

/**
 * Hands out Polymarket event ids: numeric strings in a plausible range, increasing in listing order as Gamma's
 * are, unique within a scenario.
 */
export class PolyEventIds {
  private next: number;

  constructor(rng: Rng) {
    this.next = rng.int(80_000, 120_000);
  }

  take(rng: Rng): string {
    this.next += rng.int(1, 400);
    return String(this.next);
  }
}

/** Lowercase, ASCII, dash-separated: how Polymarket turns a title into a slug. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '') // "Tether's" → "tethers"
    .replace(/&/g, ' and ')
    .replace(/%/g, 'pct')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/\./g, 'pt')
    .replace(/^-+|-+$/g, '')
    .replace(/-{2,}/g, '-');
}

/** Kalshi strike fragment for "above K" markets: `T98999.99` for a $99,000 threshold (above 98,999.99). */
export function kalshiAboveStrike(threshold: number, decimals: number): string {
  if (decimals === 0) return `T${threshold}`;
  const unit = 10 ** -decimals;
  return `T${(threshold - unit).toFixed(decimals)}`;
}

/** Kalshi ticker characters: uppercase letters, digits and dots only. */
export function kalshiCode(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9.]/g, '')
    .toUpperCase();
}
