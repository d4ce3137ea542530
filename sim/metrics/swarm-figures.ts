/**
 * Run-level swarm figures for summary.json, gathered at each metrics sample:
 * upload utilization over the time leechers were present (payload, and with
 * protocol overhead: wire_utilization), piece replication
 * (lowest min copies, time-averaged mean copies, most pieces held only by
 * seeds) and entropy (Legout et al. 2006, see entropy.ts).
 */
import type { SwarmObserver, SwarmSnapshot } from "../observe/events.ts";
import { entropyStats, peerEntropies, piecesOnlyAtSeeds } from "./entropy.ts";
import { round } from "./stats.ts";

export class SwarmFigures implements SwarmObserver {
  private lastTimeS = -1;
  private lastUploaded = 0;
  private lastCapacityBps = 0;
  private lastLeechers = 0;
  private uploadedBits = 0;
  private lastWire = 0;
  private wireBits = 0;
  private capacityBits = 0;
  private minCopies: number | null = null;
  private copiesTime = 0;
  private copiesWeightS = 0;
  private maxSeedOnly = 0;
  private entropy: ReturnType<typeof entropyStats> | null = null;
  /** false for distributions without pieces: replication and entropy are reported empty. */
  private pieceLevel = true;

  onSample(s: SwarmSnapshot): void {
    if (s.timeS === this.lastTimeS) return;
    this.pieceLevel = s.pieceLevel ?? true;
    let leechers = 0;
    let capacityBps = 0;
    let uploaded = 0;
    let wire = 0;
    const wireBytes = s.wireUploadedBytes ?? s.uploadedBytes;
    for (let i = 0; i < s.peers.length; i++) {
      uploaded += s.uploadedBytes[i];
      wire += wireBytes[i];
      if (s.present[i] !== 1) continue;
      if (s.piecesHave[i] !== s.pieceCount) leechers++;
      capacityBps += s.peers[i].uploadBps;
    }
    if (this.lastTimeS >= 0 && (leechers > 0 || this.lastLeechers > 0)) {
      const dt = s.timeS - this.lastTimeS;
      // Trapezoid: peers come and go within the interval.
      this.capacityBits += ((capacityBps + this.lastCapacityBps) / 2) * dt;
      this.uploadedBits += (uploaded - this.lastUploaded) * 8;
      this.wireBits += (wire - this.lastWire) * 8;
    }
    if (leechers > 0 && s.pieceCount > 0) {
      let min = Number.POSITIVE_INFINITY;
      let sum = 0;
      for (let p = 0; p < s.pieceCount; p++) {
        min = Math.min(min, s.availability[p]);
        sum += s.availability[p];
      }
      this.minCopies = this.minCopies === null ? min : Math.min(this.minCopies, min);
      const dt = this.lastTimeS >= 0 ? s.timeS - this.lastTimeS : 0;
      this.copiesTime += (sum / s.pieceCount) * dt;
      this.copiesWeightS += dt;
      this.maxSeedOnly = Math.max(this.maxSeedOnly, piecesOnlyAtSeeds(s));
    }
    this.lastTimeS = s.timeS;
    this.lastUploaded = uploaded;
    this.lastWire = wire;
    this.lastCapacityBps = capacityBps;
    this.lastLeechers = leechers;
  }

  onEnd(s: SwarmSnapshot): void {
    this.entropy = entropyStats(peerEntropies(s));
  }

  /** The `swarm` section of summary.json. */
  result() {
    return {
      upload_utilization:
        this.capacityBits > 0 ? round(this.uploadedBits / this.capacityBits, 4) : null,
      min_piece_copies: this.pieceLevel ? this.minCopies : null,
      mean_piece_copies:
        this.pieceLevel && this.copiesWeightS > 0
          ? round(this.copiesTime / this.copiesWeightS, 3)
          : null,
      max_pieces_only_at_seeds: this.pieceLevel ? this.maxSeedOnly : null,
      entropy: (this.pieceLevel && this.entropy) || entropyStats([]),
      // The same with every byte on the uplinks, protocol overhead included:
      // capacity used, where upload_utilization is the goodput.
      wire_utilization: this.capacityBits > 0 ? round(this.wireBits / this.capacityBits, 4) : null,
    };
  }
}

export type SwarmFiguresResult = ReturnType<SwarmFigures["result"]>;
