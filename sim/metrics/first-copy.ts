/**
 * The swarm's first copy: the first metrics sample at which the peers other
 * than the initial seeds together hold every piece (each piece has a copy at
 * a present peer that did not start as a seed), and how much payload the
 * initial seeds had uploaded by then.
 *
 * That upload, in copies of the file, is what super-seeding (BEP 16) is for:
 * a plain seed hands out many pieces twice before the crowd holds the whole
 * file (BEP 16: "150% to 200%"); a super-seed offers each piece once until
 * every piece has been offered, so close to one copy ("only uploading 105%").
 * At sample resolution: the figure is read at the first sample at or after
 * the moment, so it is high by at most the seeds' upload over one interval.
 */
import type { SwarmObserver, SwarmSnapshot } from "../observe/events.ts";
import { round } from "./stats.ts";

export interface FirstCopy {
  /** Simulated time of the first sample at which the crowd held every piece; null if never. */
  readonly timeS: number | null;
  /** Payload the initial seeds had uploaded by then, in bytes. */
  readonly seedUploadedBytes: number | null;
}

export class FirstCopyFigures implements SwarmObserver {
  private timeS: number | null = null;
  private seedUploadedBytes: number | null = null;

  onSample(s: SwarmSnapshot): void {
    if (this.timeS !== null || s.pieceCount === 0 || s.pieceLevel === false) return;
    let initialSeeds = 0;
    let others = 0;
    let uploaded = 0;
    for (let i = 0; i < s.peers.length; i++) {
      if (s.peers[i].initialSeed) {
        uploaded += s.uploadedBytes[i];
        if (s.present[i] === 1 && s.piecesHave[i] === s.pieceCount) initialSeeds++;
      } else if (s.present[i] === 1) others++;
    }
    if (others === 0) return;
    // availability counts present peers; every present initial seed holds every piece.
    for (let p = 0; p < s.pieceCount; p++) if (s.availability[p] - initialSeeds < 1) return;
    this.timeS = s.timeS;
    this.seedUploadedBytes = uploaded;
  }

  result(): FirstCopy {
    return { timeS: round(this.timeS), seedUploadedBytes: this.seedUploadedBytes };
  }
}
