import type { SwarmEvent, SwarmObserver, SwarmSnapshot } from "../observe/events.ts";
import { interestTotals, piecesOnlyAtSeeds } from "./entropy.ts";
import { round } from "./stats.ts";

export const TIMESERIES_COLUMNS = [
  "time_s",
  "leechers",
  "seeds",
  "completed",
  "upload_bps",
  "upload_utilization",
  "min_piece_copies",
  "mean_piece_copies",
  "hash_failures",
  // Added after the contract's columns:
  "pieces_only_at_seeds",
  "entropy",
  "wire_upload_bps",
  "wire_utilization",
] as const;

export type TimeseriesRow = Record<(typeof TIMESERIES_COLUMNS)[number], number | null>;

/**
 * One row per metrics sample, handed to `sink` as it is produced so a long
 * run never holds its time series in memory.
 *
 * upload_utilization = payload bytes uploaded in the interval / (sum of the
 * upload capacities of the peers present at the sample × interval): how much
 * of the swarm's upload capacity is put to work (Bharambe et al. 2006) — the
 * goodput. wire_upload_bps and wire_utilization are the same with every byte
 * the uplinks carried, protocol overhead included: the capacity used.
 *
 * pieces_only_at_seeds = pieces no present leecher holds (lost if the seeds
 * leave); entropy = Σ time leechers were interested in neighbours / Σ time
 * they were connected, over the interval (Legout et al. 2006; empty when no
 * leecher was connected).
 */
export class TimeseriesRecorder implements SwarmObserver {
  private lastTimeS = -1;
  private lastUploaded = 0;
  private lastWire = 0;
  private completed = 0;
  private hashFailures = 0;
  private lastInterestedS = 0;
  private lastConnectedS = 0;

  constructor(private readonly sink: (row: TimeseriesRow) => void) {}

  onEvent(e: SwarmEvent): void {
    if (e.kind === "completion") this.completed++;
    else if (e.kind === "hash_failure") this.hashFailures++;
  }

  onSample(s: SwarmSnapshot): void {
    if (s.timeS === this.lastTimeS) return;
    let leechers = 0;
    let seeds = 0;
    let capacityBps = 0;
    let uploaded = 0;
    let wire = 0;
    const wireBytes = s.wireUploadedBytes ?? s.uploadedBytes;
    for (let i = 0; i < s.peers.length; i++) {
      uploaded += s.uploadedBytes[i];
      wire += wireBytes[i];
      if (s.present[i] !== 1) continue;
      if (s.piecesHave[i] === s.pieceCount) seeds++;
      else leechers++;
      capacityBps += s.peers[i].uploadBps;
    }
    const dt = this.lastTimeS < 0 ? 0 : s.timeS - this.lastTimeS;
    const bytes = uploaded - this.lastUploaded;
    const uploadBps = dt > 0 ? (bytes * 8) / dt : 0;
    const wireDelta = wire - this.lastWire;
    let minCopies = Number.POSITIVE_INFINITY;
    let sumCopies = 0;
    for (let p = 0; p < s.pieceCount; p++) {
      const c = s.availability[p];
      if (c < minCopies) minCopies = c;
      sumCopies += c;
    }
    const interest = interestTotals(s);
    // Piece-level columns are empty for distributions without pieces.
    const pieces = s.pieceLevel ?? true;
    this.sink({
      time_s: round(s.timeS),
      leechers,
      seeds,
      completed: this.completed,
      upload_bps: Math.round(uploadBps),
      upload_utilization: utilization(bytes, capacityBps * dt, s, this.lastCapacityBitS),
      min_piece_copies: pieces && s.pieceCount > 0 ? minCopies : null,
      mean_piece_copies: pieces && s.pieceCount > 0 ? round(sumCopies / s.pieceCount, 3) : null,
      hash_failures: pieces ? this.hashFailures : null,
      pieces_only_at_seeds: pieces ? piecesOnlyAtSeeds(s) : null,
      entropy:
        pieces && interest.connectedS - this.lastConnectedS > 0
          ? round(
              (interest.interestedS - this.lastInterestedS) /
                (interest.connectedS - this.lastConnectedS),
              4,
            )
          : null,
      wire_upload_bps: Math.round(dt > 0 ? (wireDelta * 8) / dt : 0),
      wire_utilization: utilization(wireDelta, capacityBps * dt, s, this.lastCapacityBitS),
    });
    this.lastInterestedS = interest.interestedS;
    this.lastConnectedS = interest.connectedS;
    this.lastTimeS = s.timeS;
    this.lastUploaded = uploaded;
    this.lastWire = wire;
    this.lastCapacityBitS = s.uploadCapacityBitSeconds ?? 0;
  }

  private lastCapacityBitS = 0;
}

/**
 * Bits uploaded in the interval over the upload capacity present during it
 * (the swarm's exact capacity integral; without it, the capacity at the
 * sample × the interval, which overstates utilization while peers leave).
 */
function utilization(
  bytes: number,
  fallbackBitS: number,
  s: SwarmSnapshot,
  lastCapacityBitS: number,
): number | null {
  const capacityBitS =
    s.uploadCapacityBitSeconds !== undefined
      ? s.uploadCapacityBitSeconds - lastCapacityBitS
      : fallbackBitS;
  return capacityBitS > 0 ? round((bytes * 8) / capacityBitS, 4) : null;
}
