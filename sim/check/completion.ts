/**
 * Invariant: no leecher completes before the minimum distribution time of
 * the peers present (Kumar & Ross 2006, "Peer-assisted file distribution:
 * the minimum distribution time"):
 *
 *     T_min = max(F/u_s, F/d_min, N·F/(u_s + Σu_i))
 *
 * for N leechers present from time 0 and seeds of total upload u_s. The
 * swarms here arrive and leave over time, so each term is checked in the form
 * that holds for any arrival pattern, from the capacities of the peers that
 * were present, integrated over time (U(t) = total upload capacity present,
 * S(t) = upload capacity of the initial seeds present):
 *
 *   F/d_min        a leecher i completing at t:  t − a_i ≥ F / d_i
 *   F/u_s          every piece has left a seed:  ∫₀ᵗ S ≥ F before any completion
 *   N·F/(u_s+Σu_i) the k-th completion at t:     k·F ≤ ∫₀ᵗ U
 *                  and for leecher i itself:     F ≤ ∫_{a_i}^t U
 *
 * With every peer arriving at 0 and staying, these are exactly the three
 * terms of T_min. Presence and capacities come from the swarm's events and
 * its peer table (PeerInfo), not from its link model.
 */

import type { PeerInfo, SwarmEvent, SwarmObserver } from "../observe/events.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import { formatTimeUs, InvariantViolation, REL_TOLERANCE } from "./violation.ts";

export class CompletionBound implements SwarmObserver {
  private readonly fileBits: number;
  private peers: readonly PeerInfo[] = [];
  private present = new Uint8Array(0);
  /** ∫ U dt at each peer's arrival (bits). */
  private atArrival = new Float64Array(0);
  private lastUs = 0;
  /** Upload capacity present (bits/s), all peers / initial seeds only. */
  private uploadBps = 0;
  private seedBps = 0;
  /** ∫ U dt and ∫ S dt since 0 (bits). */
  private uploadBits = 0;
  private seedBits = 0;
  completions = 0;

  constructor(config: ScenarioConfig) {
    this.fileBits = config.torrent.size * 8;
  }

  /** The run's peer table (every planned peer; index = id), known once the run is built. */
  attach(peers: readonly PeerInfo[]): void {
    this.peers = peers;
    this.present = new Uint8Array(peers.length);
    this.atArrival = new Float64Array(peers.length);
  }

  onEvent(e: SwarmEvent): void {
    const kind = e.kind;
    if (kind !== "arrival" && kind !== "departure" && kind !== "abort" && kind !== "completion")
      return;
    const nowUs = Math.round(e.timeS * 1e6);
    this.advance(nowUs);
    const info = this.peers[e.peer];
    if (kind === "arrival") {
      this.present[e.peer] = 1;
      this.atArrival[e.peer] = this.uploadBits;
      this.uploadBps += info.uploadBps;
      if (info.initialSeed) this.seedBps += info.uploadBps;
    } else if (kind === "completion") {
      this.completed(info, nowUs);
    } else if (this.present[e.peer] === 1) {
      this.present[e.peer] = 0;
      this.uploadBps -= info.uploadBps;
      if (info.initialSeed) this.seedBps -= info.uploadBps;
    }
  }

  private advance(nowUs: number): void {
    const dtS = (nowUs - this.lastUs) / 1e6;
    this.uploadBits += this.uploadBps * dtS;
    this.seedBits += this.seedBps * dtS;
    this.lastUs = nowUs;
  }

  private completed(info: PeerInfo, nowUs: number): void {
    this.completions++;
    const F = this.fileBits;
    const slack = 1 + REL_TOLERANCE;
    const arrivalUs = Math.round(info.arrivalS * 1e6);
    const fail = (detail: string) => {
      throw new InvariantViolation("minimum distribution time", nowUs, [info.id], detail);
    };
    const took = `peer ${info.id} (group ${info.groupName}) completed the ${this.fileBytes()}-byte file at ${formatTimeUs(nowUs)}`;
    const minOwnUs = (F / info.downloadBps) * 1e6;
    if ((nowUs - arrivalUs) * slack < minOwnUs) {
      fail(
        `${took}, ${formatTimeUs(nowUs - arrivalUs)} after arriving; its ${info.downloadBps} bit/s downlink needs at least ${formatTimeUs(minOwnUs)} (F/d)`,
      );
    }
    if (this.seedBits * slack < F) {
      fail(
        `${took}, but the initial seeds present could have sent only ${Math.floor(this.seedBits / 8)} bytes by then (F/u_s)`,
      );
    }
    if (this.uploadBits * slack < this.completions * F) {
      fail(
        `${took} as completion number ${this.completions}, which needs ${(this.completions * F) / 8} bytes, but the peers present could have uploaded only ${Math.floor(this.uploadBits / 8)} bytes by then (N·F/(u_s + Σu_i))`,
      );
    }
    const since = this.uploadBits - this.atArrival[info.id];
    if (since * slack < F) {
      fail(
        `${took}, but since it arrived at ${formatTimeUs(arrivalUs)} the peers present could have uploaded only ${Math.floor(since / 8)} bytes`,
      );
    }
  }

  private fileBytes(): number {
    return this.fileBits / 8;
  }
}
