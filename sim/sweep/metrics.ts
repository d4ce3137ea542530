/**
 * The summary.json figures a sweep can collect, as dotted paths. Checked when
 * the sweep file is read, so a typo is caught before anything runs.
 */

/** Numeric keys of summary.json (see sim/metrics/summary.ts), in file order. */
export const SWEEP_METRICS = [
  "sim_end_s",
  "peers.total",
  "peers.leechers",
  "peers.completed",
  "peers.aborted",
  "peers.banned",
  "download_time_s.mean",
  "download_time_s.p50",
  "download_time_s.p90",
  "download_time_s.p99",
  "download_time_s.max",
  "bytes.uploaded",
  "bytes.downloaded",
  "bytes.wasted_corrupt",
  "bytes.wasted_duplicate",
  "bytes.lost_in_transit",
  "hash_failures",
  "redownloaded_pieces",
  "events",
  "last_completion_s",
  "swarm.upload_utilization",
  "swarm.min_piece_copies",
  "swarm.mean_piece_copies",
  "swarm.max_pieces_only_at_seeds",
  "swarm.entropy.mean",
  "swarm.entropy.p10",
  "swarm.entropy.p50",
  "swarm.entropy.min",
] as const;

export type SweepMetric = (typeof SWEEP_METRICS)[number];

/** Collected when the sweep file names no `metrics`. */
export const DEFAULT_SWEEP_METRICS: readonly SweepMetric[] = [
  "download_time_s.mean",
  "download_time_s.p90",
  "last_completion_s",
  "swarm.upload_utilization",
];

/** The value at a dotted path of a summary; null when absent or not a finite number. */
export function metricValue(summary: unknown, path: string): number | null {
  let node: unknown = summary;
  for (const seg of path.split(".")) {
    if (node === null || typeof node !== "object") return null;
    node = (node as Record<string, unknown>)[seg];
  }
  return typeof node === "number" && Number.isFinite(node) ? node : null;
}
