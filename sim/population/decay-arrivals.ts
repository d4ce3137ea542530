import type { Rng } from "../engine/rng.ts";
import type { Seconds } from "../scenario/types.ts";

export interface DecayProcess {
  /** λ0, arrivals per second at `start`. */
  readonly initial_rate: number;
  readonly half_life: Seconds;
  readonly start: Seconds;
  readonly until: Seconds;
}

/**
 * Arrival times of a Poisson process with exponentially decaying rate
 * λ(t) = λ0 · 2^(−(t − start)/half_life) on [start, until), at most `max` of
 * them, in increasing order.
 *
 * Guo et al. (IMC 2005, "Measurements, Analysis, and Modeling of
 * BitTorrent-like Systems") found the arrival rate of peers to a torrent
 * decreasing exponentially after its release, λ(t) = λ0 · e^(−t/τ); here
 * τ = half_life / ln 2, so that the scenario speaks in half-lives.
 *
 * Exact, by time change: unit-rate Poisson epochs E (sums of exponential(1)
 * gaps) mapped through the inverse of the cumulative rate
 * Λ(t) = λ0 · τ · (1 − e^(−t/τ)), i.e. t = −τ · ln(1 − E / (λ0 · τ)). The
 * expected number of arrivals is Λ(until − start), at most λ0 · τ however long
 * the window: a decaying crowd has a finite size.
 */
export function decayArrivalTimes(p: DecayProcess, max: number, rng: Rng): Seconds[] {
  const tau = p.half_life / Math.LN2;
  const mass = p.initial_rate * tau; // Λ(∞)
  const window = p.until - p.start;
  const times: Seconds[] = [];
  let epoch = 0;
  while (times.length < max) {
    epoch += rng.exponential(1);
    if (epoch >= mass) break; // the process has no more arrivals, however long we wait
    const t = -tau * Math.log(1 - epoch / mass);
    if (t >= window) break;
    times.push(p.start + t);
  }
  return times;
}

/** Λ(until − start): the expected number of arrivals before the cap at the group's count. */
export function expectedDecayArrivals(p: DecayProcess): number {
  const tau = p.half_life / Math.LN2;
  return p.initial_rate * tau * (1 - Math.exp(-(p.until - p.start) / tau));
}
