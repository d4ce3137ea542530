import type { Random } from "../random.ts";

export type AnnounceEvent = "started" | "completed" | "stopped" | "periodic";

/**
 * The tracker's state (BEP 3 HTTP tracker, without the HTTP): the set of
 * peers in the swarm and when each last announced. A reply is up to `numwant`
 * peers chosen uniformly at random from the others, as real trackers do.
 * Peers that stop announcing (crashed) are forgotten after `expireUs`.
 */
export class Tracker {
  private readonly members: number[] = [];
  /** Position of each peer in `members`, or -1. */
  private readonly index = new Map<number, number>();
  private readonly lastSeenUs = new Map<number, number>();

  constructor(
    private readonly numwant: number,
    private readonly expireUs: number,
  ) {}

  get size(): number {
    return this.members.length;
  }

  /** Handles an announce and returns the peer list (empty for `stopped`). */
  announce(peer: number, event: AnnounceEvent, nowUs: number, rng: Random): number[] {
    if (event === "stopped") {
      this.remove(peer);
      return [];
    }
    this.expire(nowUs);
    if (!this.index.has(peer)) {
      this.index.set(peer, this.members.length);
      this.members.push(peer);
    }
    this.lastSeenUs.set(peer, nowUs);
    return this.sampleOthers(peer, rng);
  }

  private sampleOthers(peer: number, rng: Random): number[] {
    const n = this.members.length;
    const want = Math.min(this.numwant, n - 1);
    if (want <= 0) return [];
    if (want >= n - 1) return this.members.filter((m) => m !== peer);
    // Floyd-style rejection sampling: want ≪ n in large swarms, so this is O(want).
    const picked = new Set<number>();
    const out: number[] = [];
    while (out.length < want) {
      const m = this.members[rng.int(n)];
      if (m === peer || picked.has(m)) continue;
      picked.add(m);
      out.push(m);
    }
    return out;
  }

  private remove(peer: number): void {
    const i = this.index.get(peer);
    if (i === undefined) return;
    const last = this.members.pop()!;
    if (last !== peer) {
      this.members[i] = last;
      this.index.set(last, i);
    }
    this.index.delete(peer);
    this.lastSeenUs.delete(peer);
  }

  /** Drops peers silent for longer than the expiry (crashed peers never send `stopped`). */
  private expire(nowUs: number): void {
    if (this.expireUs <= 0) return;
    // Members are few thousand at most per announce check; scan only occasionally.
    if (nowUs < this.nextExpiryScanUs) return;
    this.nextExpiryScanUs = nowUs + this.expireUs / 4;
    for (const m of this.members.slice()) {
      if (nowUs - (this.lastSeenUs.get(m) ?? nowUs) > this.expireUs) this.remove(m);
    }
  }

  private nextExpiryScanUs = 0;
}
