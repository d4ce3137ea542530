/**
 * The figures compared between the real swarm and the simulated one, computed
 * by the same code from the same kind of trace (cumulative byte counters
 * sampled every 50 ms on both sides), so a difference is the model's, not
 * the bookkeeping's.
 *
 * - download time: arrival (the torrent is in the client's session / the
 *   simulated peer arrives) → every piece verified; mean and max over leechers.
 * - first byte: arrival → the first sample holding payload bytes received.
 * - mid-run window: the middle half of [last arrival, first completion],
 *   where every peer is present and every leecher still downloading: the
 *   swarm's steady state, clear of start-up and end game.
 * - leecher upload: mean payload upload rate of the leechers over the window;
 *   capacity used: payload bytes uploaded by all peers (seed included) over
 *   the window / (sum of their upload limits × window length).
 */
import type { Role } from "./plan.ts";

export interface CounterSample {
  readonly t: number;
  readonly up: number;
  readonly down: number;
}

export interface PeerTrace {
  readonly name: string;
  readonly role: Role;
  /** The upload limit, bytes per second. */
  readonly upBytesPerS: number;
  readonly arrivalS: number;
  readonly completionS: number | null;
  /** Cumulative counters in time order. */
  readonly samples: readonly CounterSample[];
}

export interface SwarmFigures {
  readonly leechers: number;
  readonly completed: number;
  readonly meanS: number | null;
  readonly maxS: number | null;
  readonly firstByteS: number | null;
  /** Last arrival − first arrival, every peer. */
  readonly arrivalSpreadS: number;
  readonly window: readonly [number, number] | null;
  readonly leecherUpBytesPerS: number | null;
  readonly capacityUsed: number | null;
}

const mean = (xs: readonly number[]) =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

/** A cumulative counter at time t, linear between samples; 0 before the first, the last after. */
export function counterAt(
  samples: readonly CounterSample[],
  t: number,
  key: "up" | "down",
): number {
  if (samples.length === 0 || t < samples[0].t) return 0;
  let lo = 0;
  let hi = samples.length - 1;
  if (t >= samples[hi].t) return samples[hi][key];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (samples[mid].t <= t) lo = mid;
    else hi = mid;
  }
  const a = samples[lo];
  const b = samples[hi];
  const f = b.t === a.t ? 1 : (t - a.t) / (b.t - a.t);
  return a[key] + f * (b[key] - a[key]);
}

/** The middle half of [last arrival, first completion]; null if no leecher completed after it. */
export function midRunWindow(peers: readonly PeerTrace[]): [number, number] | null {
  const lastArrival = Math.max(...peers.map((p) => p.arrivalS));
  const completions = peers
    .filter((p) => p.role === "leecher" && p.completionS !== null)
    .map((p) => p.completionS as number);
  if (completions.length === 0) return null;
  const firstCompletion = Math.min(...completions);
  if (!(firstCompletion > lastArrival)) return null;
  const span = firstCompletion - lastArrival;
  return [lastArrival + 0.25 * span, lastArrival + 0.75 * span];
}

export function swarmFigures(peers: readonly PeerTrace[]): SwarmFigures {
  const leechers = peers.filter((p) => p.role === "leecher");
  const done = leechers.filter((p) => p.completionS !== null);
  const times = done.map((p) => (p.completionS as number) - p.arrivalS);
  const firstBytes: number[] = [];
  for (const p of leechers) {
    const s = p.samples.find((x) => x.down > 0);
    if (s) firstBytes.push(s.t - p.arrivalS);
  }
  const arrivals = peers.map((p) => p.arrivalS);
  const window = midRunWindow(peers);
  let leecherUp: number | null = null;
  let capacityUsed: number | null = null;
  if (window) {
    const [a, b] = window;
    const sent = (p: PeerTrace) => counterAt(p.samples, b, "up") - counterAt(p.samples, a, "up");
    leecherUp = mean(leechers.map((p) => sent(p) / (b - a)));
    const capacity = peers.reduce((s, p) => s + p.upBytesPerS, 0) * (b - a);
    capacityUsed = peers.reduce((s, p) => s + sent(p), 0) / capacity;
  }
  return {
    leechers: leechers.length,
    completed: done.length,
    meanS: mean(times),
    maxS: times.length ? Math.max(...times) : null,
    firstByteS: mean(firstBytes),
    arrivalSpreadS: Math.max(...arrivals) - Math.min(...arrivals),
    window,
    leecherUpBytesPerS: leecherUp,
    capacityUsed,
  };
}

/** How much a figure moved between runs: the sample standard deviation, null below two runs. */
export interface FigureSpread {
  readonly meanS: number | null;
  readonly maxS: number | null;
  readonly firstByteS: number | null;
  readonly leecherUpBytesPerS: number | null;
  readonly capacityUsed: number | null;
}

function sampleSd(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

/** The spread of each figure over runs (the real swarm's reps; nulls skipped). */
export function spreadFigures(runs: readonly SwarmFigures[]): FigureSpread {
  const sd = (f: (r: SwarmFigures) => number | null) =>
    sampleSd(runs.map(f).filter((x): x is number => x !== null));
  return {
    meanS: sd((r) => r.meanS),
    maxS: sd((r) => r.maxS),
    firstByteS: sd((r) => r.firstByteS),
    leecherUpBytesPerS: sd((r) => r.leecherUpBytesPerS),
    capacityUsed: sd((r) => r.capacityUsed),
  };
}

/**
 * Mean of each figure over several runs (reps, or simulator seeds); nulls
 * skipped. `completed` is the fewest completed in any run, so a table never
 * hides a run where some leecher did not finish.
 */
export function meanFigures(runs: readonly SwarmFigures[]): SwarmFigures {
  const m = (f: (r: SwarmFigures) => number | null) =>
    mean(runs.map(f).filter((x): x is number => x !== null));
  return {
    leechers: runs[0]?.leechers ?? 0,
    completed: Math.min(...runs.map((r) => r.completed)),
    meanS: m((r) => r.meanS),
    maxS: m((r) => r.maxS),
    firstByteS: m((r) => r.firstByteS),
    arrivalSpreadS: m((r) => r.arrivalSpreadS) ?? 0,
    window: null,
    leecherUpBytesPerS: m((r) => r.leecherUpBytesPerS),
    capacityUsed: m((r) => r.capacityUsed),
  };
}
