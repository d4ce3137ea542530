import { createHash } from "node:crypto";
import { allIntact, assemblePiece, checkBlockSize } from "./assemble.ts";
import type { SyntheticContent } from "./content.ts";
import { sameBytes } from "./hashes.ts";
import type { HashingMode } from "./hashing-mode.ts";

/** Per piece, the block tags a peer's verified copy of that piece was built from. */
export type PieceTagSource = (pieceIndex: number) => ArrayLike<number>;

/**
 * SHA-1 of the whole file as a peer would reassemble it in piece order:
 * streamed piece by piece into one hash through one piece-sized buffer, never
 * a whole-file buffer. Without `pieceSource` it is the original file's SHA-1.
 */
export function fileSha1(
  content: SyntheticContent,
  blockSizeBytes: number,
  pieceSource?: PieceTagSource,
): Buffer {
  checkBlockSize(blockSizeBytes);
  const hash = createHash("sha1");
  const scratch = new Uint8Array(content.pieceSizeBytes);
  for (let pieceIndex = 0; pieceIndex < content.pieceCount; pieceIndex++) {
    const bytes = pieceSource
      ? assemblePiece(content, pieceIndex, pieceSource(pieceIndex), blockSizeBytes, scratch)
      : content.pieceBytes(pieceIndex, scratch);
    hash.update(bytes);
  }
  return hash.digest();
}

/** The end-of-run check "does this completed peer hold exactly the original file?". */
export interface FileVerifier {
  readonly mode: HashingMode;
  /** The original file's SHA-1 (computed once, on first use). */
  originalSha1(): Buffer;
  matchesOriginal(pieceSource: PieceTagSource): boolean;
}

export function createFileVerifier(
  mode: HashingMode,
  content: SyntheticContent,
  blockSizeBytes: number,
): FileVerifier {
  checkBlockSize(blockSizeBytes);
  let original: Buffer | null = null;
  const originalSha1 = (): Buffer => {
    original ??= fileSha1(content, blockSizeBytes);
    return original;
  };
  return {
    mode,
    originalSha1,
    matchesOriginal(pieceSource) {
      if (mode === "full") {
        return sameBytes(fileSha1(content, blockSizeBytes, pieceSource), originalSha1());
      }
      for (let pieceIndex = 0; pieceIndex < content.pieceCount; pieceIndex++) {
        if (!allIntact(pieceSource(pieceIndex))) return false;
      }
      return true;
    },
  };
}
