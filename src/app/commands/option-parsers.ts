/**
 * Every integer option of the CLI (`--seed`, `--duration`, `--port`, `--minutes`, `--limit`, …) is parsed here,
 * as a commander `argParser`: a bad value stops the command before its action runs, commander prints
 * `error: option '--seed <n>' argument 'x' is invalid. <reason>` and `main` turns that into exit 2 (usage).
 * One place, so every command accepts the same spelling of a number and says the same thing when it is not one.
 *
 * Commander does not run a parser on a default value: defaults are given as numbers, already in range.
 */
import { InvalidArgumentError } from 'commander';

/** Seeds feed `Rng`, which keeps 32 bits: a larger seed would silently alias a smaller one. */
export const MAX_SEED = 0xffff_ffff;
/** The longest `--duration` any command accepts: 30 days, in seconds. */
export const MAX_DURATION_S = 30 * 24 * 3600;

export type OptionParser<T> = (text: string) => T;

/**
 * A whole number from `min` to `max`. Only plain digits are accepted: no sign, no exponent ("1e3"), no fraction,
 * no hex, which `Number()` would otherwise take.
 */
export function integerIn(min: number, max: number, what = 'an integer'): OptionParser<number> {
  return (text) => {
    const trimmed = text.trim();
    const n = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`must be ${what} from ${min} to ${max}`);
    }
    return n;
  };
}

export const seedOption: OptionParser<number> = integerIn(0, MAX_SEED);

/** Seconds to run for; at least one (a zero-length run is a mistake, not a request). */
export const durationSecondsOption: OptionParser<number> = integerIn(
  1,
  MAX_DURATION_S,
  'a whole number of seconds',
);

/** A TCP port to listen on; 0 asks the system for any free port. */
export const portOption: OptionParser<number> = integerIn(0, 65_535, 'a port number (0 = any free port)');

/** A repeatable option (`--id 3 --id 4`): each value through `parse`, collected in order. */
export function repeatable<T>(parse: OptionParser<T>): (text: string, previous: T[] | undefined) => T[] {
  return (text, previous) => [...(previous ?? []), parse(text)];
}
