/**
 * Per-peer interest time, for the entropy of Legout et al. ("Rarest first and
 * choke algorithms are enough", IMC 2006): the share of the time a leecher is
 * connected to neighbours during which it is interested in them. Summed over
 * connections: `interestedS` = Σ time an end of this peer was interested,
 * `connectedS` = Σ time an end of this peer was open, both counted only while
 * the peer is a leecher (Legout et al. measure in leecher state).
 *
 * Kept as piecewise-constant integrals: each change of a peer's count of open
 * or interested ends first accrues the elapsed time at the old counts, so the
 * cost is O(1) per change and O(peers) per sample.
 */
export class InterestTime {
  /** Cumulative seconds, per peer (owned here; copy what you keep). */
  readonly interestedS: Float64Array;
  readonly connectedS: Float64Array;
  private readonly openEnds: Int32Array;
  private readonly interestedEnds: Int32Array;
  private readonly lastUs: Float64Array;
  private readonly leeching: Uint8Array;

  constructor(capacity: number) {
    this.interestedS = new Float64Array(capacity);
    this.connectedS = new Float64Array(capacity);
    this.openEnds = new Int32Array(capacity);
    this.interestedEnds = new Int32Array(capacity);
    this.lastUs = new Float64Array(capacity);
    this.leeching = new Uint8Array(capacity).fill(1);
  }

  private accrue(id: number, nowUs: number): void {
    const dtS = (nowUs - this.lastUs[id]) / 1e6;
    this.lastUs[id] = nowUs;
    if (dtS <= 0 || this.leeching[id] === 0) return;
    this.connectedS[id] += this.openEnds[id] * dtS;
    this.interestedS[id] += this.interestedEnds[id] * dtS;
  }

  opened(id: number, nowUs: number): void {
    this.accrue(id, nowUs);
    this.openEnds[id]++;
  }

  closed(id: number, wasInterested: boolean, nowUs: number): void {
    this.accrue(id, nowUs);
    this.openEnds[id]--;
    if (wasInterested) this.interestedEnds[id]--;
  }

  interest(id: number, interested: boolean, nowUs: number): void {
    this.accrue(id, nowUs);
    this.interestedEnds[id] += interested ? 1 : -1;
  }

  /** The peer became a seed: its time no longer counts. */
  stopLeeching(id: number, nowUs: number): void {
    this.accrue(id, nowUs);
    this.leeching[id] = 0;
  }

  /** Brings every integral up to `nowUs` (before a snapshot). */
  flush(nowUs: number): void {
    for (let id = 0; id < this.lastUs.length; id++) this.accrue(id, nowUs);
  }
}
