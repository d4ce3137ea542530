/**
 * The first invariant a `--check` run finds broken. Thrown from inside the
 * simulation (a link reservation, a block arrival, a completion), so the run
 * stops at the event that broke it; the message gives the simulated time,
 * the peers involved and the figures that disagree.
 */
export class InvariantViolation extends Error {
  override readonly name = "InvariantViolation";

  constructor(
    /** Which invariant: "link capacity", "byte conservation", … */
    readonly invariant: string,
    /** Simulated time of the event that broke it, in microseconds. */
    readonly timeUs: number,
    /** The peers involved (may be empty for swarm-wide figures). */
    readonly peers: readonly number[],
    /** What disagrees, with the figures. */
    readonly detail: string,
  ) {
    const who =
      peers.length === 0 ? "" : ` (peer${peers.length > 1 ? "s" : ""} ${peers.join(", ")})`;
    super(`${invariant} violated at t=${formatTimeUs(timeUs)}${who}: ${detail}`);
  }
}

/** Simulated time to the microsecond, in seconds: `12.000345s`. */
export function formatTimeUs(us: number): string {
  return `${(us / 1e6).toFixed(6)}s`;
}

/** A byte rate for messages: `1,250,000 B/s (10 Mbit/s)`. */
export function formatRate(bytesPerSec: number): string {
  const mbit = (bytesPerSec * 8) / 1e6;
  return `${Math.round(bytesPerSec).toLocaleString("en-US")} B/s (${mbit.toPrecision(4)} Mbit/s)`;
}

/** Relative slack for float sums of rates and integrals (rounding only, never modelling). */
export const REL_TOLERANCE = 1e-9;
