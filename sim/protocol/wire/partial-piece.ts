/** Download state of one piece a peer has started but not yet verified. */
export class PartialPiece {
  /** Per block: 0 missing, 1 requested, 2 received. */
  readonly state: Uint8Array;
  /** Outstanding requests per block (more than one only in endgame). */
  readonly requests: Uint8Array;
  /** Per block: 0 if it arrived intact, else the corruption tag it was damaged with. */
  readonly tags: Int32Array;
  /** Per block: the peer that sent it. */
  readonly senders: Int32Array;
  received = 0;
  /** Blocks in state 0 (neither requested nor received): lets request scans skip full pieces. */
  unrequested: number;
  /**
   * After a piece failed verification, its next copy comes from one peer only
   * (libtorrent prefers whole pieces from one peer after a hash failure): a
   * second failure then has a single sender, the culprit, so repeated
   * failures cannot go on without someone being banned. −1 = not yet chosen.
   */
  source = -1;

  constructor(
    readonly piece: number,
    readonly blocks: number,
    readonly exclusive = false,
  ) {
    this.unrequested = blocks;
    this.state = new Uint8Array(blocks);
    this.requests = new Uint8Array(blocks);
    this.tags = new Int32Array(blocks);
    this.senders = new Int32Array(blocks);
  }
}
