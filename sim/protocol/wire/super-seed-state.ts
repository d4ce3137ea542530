/** What a super-seeding peer remembers (BEP 16; the rules are in super-seed.ts). */
export class SuperSeedState {
  /** Times each piece was offered. */
  readonly offers: Int32Array;
  /** The piece offered on each connection (by connection id). */
  readonly offered = new Map<number, number>();

  constructor(pieceCount: number) {
    this.offers = new Int32Array(pieceCount);
  }
}
