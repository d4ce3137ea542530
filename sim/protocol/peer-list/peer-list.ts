/**
 * A peer's list of known addresses (libtorrent's peer list), fed by tracker
 * replies, PEX and the DHT, and dialled round robin.
 *
 * Rules it owns:
 * - At most `max_peerlist` entries (libtorrent's max_peerlist_size, 3000):
 *   while the list is full new addresses are ignored, as libtorrent does when
 *   it finds nothing to evict; entries leave when a dial finds them gone.
 * - Reconnect back-off: a peer that refused us, or that we closed as useless,
 *   is not dialled again before `retryAfterUs` (libtorrent's
 *   min_reconnect_time).
 * - Membership is a bitset over peer ids, not a hash set (PeerIdSet).
 */
import { PeerIdSet } from "./peer-id-set.ts";

export class PeerList {
  readonly known: number[] = [];
  readonly knownSet: PeerIdSet;
  /** Where the next dialling round starts. */
  cursor = 0;
  /** Known peers not to dial again before the given time. */
  readonly retryAfterUs = new Map<number, number>();

  constructor(
    private readonly self: number,
    private readonly capacity: number,
    /** Peer ids range over [0, idSpace). */
    idSpace: number,
  ) {
    this.knownSet = new PeerIdSet(idSpace);
  }

  get size(): number {
    return this.known.length;
  }

  /** Adds addresses, up to capacity. */
  learn(ids: Iterable<number>): void {
    for (const other of ids) {
      if (this.known.length >= this.capacity) return;
      if (other === this.self || this.knownSet.has(other)) continue;
      this.knownSet.add(other);
      this.known.push(other);
    }
  }

  /** Drops a peer that turned out to have left. */
  forget(other: number): void {
    if (!this.knownSet.delete(other)) return;
    const i = this.known.indexOf(other);
    this.known.splice(i, 1);
    if (this.cursor > i) this.cursor--;
  }

  backOff(other: number, untilUs: number): void {
    this.retryAfterUs.set(other, untilUs);
  }

  mayDial(other: number, nowUs: number): boolean {
    return (this.retryAfterUs.get(other) ?? 0) <= nowUs;
  }

  clear(): void {
    this.known.length = 0;
    this.knownSet.clear();
    this.retryAfterUs.clear();
  }
}
