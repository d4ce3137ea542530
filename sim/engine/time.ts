/**
 * Simulated time is an integer number of microseconds, held in a JS number
 * (exact up to 2^53 µs ≈ 285 years). Integers make event order independent of
 * floating-point rounding, so runs are reproducible bit for bit.
 */
export type TimeUs = number;

export const US_PER_MS = 1_000;
export const US_PER_SECOND = 1_000_000;

/** Seconds (possibly fractional) → integer microseconds, rounded to nearest. */
export function secondsToUs(seconds: number): TimeUs {
  return Math.round(seconds * US_PER_SECOND);
}

export function usToSeconds(us: TimeUs): number {
  return us / US_PER_SECOND;
}
