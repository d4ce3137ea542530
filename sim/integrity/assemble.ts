import type { SyntheticContent } from "./content.ts";
import { corruptBlockInPlace } from "./corrupt.ts";

/** Blocks in a piece of `pieceLengthBytes` (the last one may be short). */
export function blocksInPiece(pieceLengthBytes: number, blockSizeBytes: number): number {
  return Math.ceil(pieceLengthBytes / blockSizeBytes);
}

/**
 * The bytes a peer actually holds for a piece: the original blocks, except that
 * block i was damaged with blockTags[i] when that is nonzero. Written into
 * `scratch` (at least one piece long) and returned as a view of it.
 */
export function assemblePiece(
  content: SyntheticContent,
  pieceIndex: number,
  blockTags: ArrayLike<number>,
  blockSizeBytes: number,
  scratch: Uint8Array,
): Uint8Array {
  const bytes = content.pieceBytes(pieceIndex, scratch);
  const blockCount = blocksInPiece(bytes.length, blockSizeBytes);
  if (blockTags.length !== blockCount) {
    throw new RangeError(
      `piece ${pieceIndex} has ${blockCount} blocks but ${blockTags.length} block tags were given`,
    );
  }
  for (let blockIndex = 0; blockIndex < blockCount; blockIndex++) {
    const tag = blockTags[blockIndex];
    if (tag === 0) continue;
    const startByte = blockIndex * blockSizeBytes;
    corruptBlockInPlace(
      bytes.subarray(startByte, Math.min(startByte + blockSizeBytes, bytes.length)),
      tag,
    );
  }
  return bytes;
}

/** True when every block arrived intact — what model hashing decides from. */
export function allIntact(blockTags: ArrayLike<number>): boolean {
  for (let i = 0; i < blockTags.length; i++) if (blockTags[i] !== 0) return false;
  return true;
}

export function checkBlockSize(blockSizeBytes: number): void {
  if (!Number.isSafeInteger(blockSizeBytes) || blockSizeBytes <= 0) {
    throw new RangeError(`block size must be a positive integer of bytes, got ${blockSizeBytes}`);
  }
}
