/**
 * Piece and block arithmetic of a torrent. Blocks get global ids
 * (piece × blocksPerPiece + block) so the hot path moves integers, not objects.
 */
export class TorrentGeometry {
  readonly pieceCount: number;
  readonly blocksPerPiece: number;
  readonly lastPieceBytes: number;
  readonly totalBlocks: number;

  constructor(
    readonly sizeBytes: number,
    readonly pieceBytes: number,
    readonly blockBytes: number,
  ) {
    this.pieceCount = Math.ceil(sizeBytes / pieceBytes);
    this.blocksPerPiece = Math.ceil(pieceBytes / blockBytes);
    this.lastPieceBytes = sizeBytes - (this.pieceCount - 1) * pieceBytes;
    let total = 0;
    for (let p = 0; p < this.pieceCount; p++) total += this.blocksIn(p);
    this.totalBlocks = total;
  }

  pieceLength(piece: number): number {
    return piece === this.pieceCount - 1 ? this.lastPieceBytes : this.pieceBytes;
  }

  blocksIn(piece: number): number {
    return Math.ceil(this.pieceLength(piece) / this.blockBytes);
  }

  blockId(piece: number, block: number): number {
    return piece * this.blocksPerPiece + block;
  }

  pieceOf(blockId: number): number {
    return Math.floor(blockId / this.blocksPerPiece);
  }

  blockOf(blockId: number): number {
    return blockId % this.blocksPerPiece;
  }

  blockLength(blockId: number): number {
    const piece = this.pieceOf(blockId);
    const offset = this.blockOf(blockId) * this.blockBytes;
    return Math.min(this.blockBytes, this.pieceLength(piece) - offset);
  }
}
