/** What a super-seeding peer remembers (BEP 16; the rules are in super-seed.ts). */

/**
 * Which rule releases a peer's next piece (`groups[].super_seed`):
 * - `strict`: BEP 16 as BitTornado wrote it — one piece at a time, the next
 *   once the piece has shown up at another peer;
 * - `libtorrent`: libtorrent 2.0's (strict_super_seeding off, its default) —
 *   two pieces at a time, each replaced as soon as the peer itself holds it.
 */
export type SuperSeedRule = "strict" | "libtorrent";

export class SuperSeedState {
  /** Times each piece was offered (strict rule). */
  readonly offers: Int32Array;
  /** Connections each piece is offered to now (libtorrent rule). */
  readonly offeredNow: Int32Array;
  /** The pieces offered on each connection now (by connection id), newest first. */
  readonly offered = new Map<number, number[]>();

  constructor(
    pieceCount: number,
    readonly rule: SuperSeedRule,
  ) {
    this.offers = new Int32Array(pieceCount);
    this.offeredNow = new Int32Array(pieceCount);
  }

  /** The connection closed: its offers are void. */
  forget(connId: number): void {
    for (const p of this.offered.get(connId) ?? []) this.offeredNow[p]--;
    this.offered.delete(connId);
  }
}
