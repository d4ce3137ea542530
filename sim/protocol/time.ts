/** Protocol times are integer microseconds, as the engine's (sim/engine/time.ts). */
export const US_PER_SECOND = 1_000_000;

/** Clock the protocol reads: the current simulated time in µs. */
export interface Clock {
  readonly now: number;
}
