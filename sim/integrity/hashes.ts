import { createHash } from "node:crypto";
import type { SyntheticContent } from "./content.ts";

export const SHA1_BYTES = 20;

/** SHA-1 of one byte string. */
export function sha1(bytes: Uint8Array): Buffer {
  return createHash("sha1").update(bytes).digest();
}

/**
 * The metainfo's `pieces` string: SHA-1 of every piece, concatenated (20·n
 * bytes). One piece-sized scratch buffer is reused for every piece, so the
 * working set stays in cache and nothing larger than a piece is allocated.
 */
export function pieceHashes(content: SyntheticContent): Buffer {
  const hashes = Buffer.alloc(SHA1_BYTES * content.pieceCount);
  const scratch = new Uint8Array(content.pieceSizeBytes);
  for (let pieceIndex = 0; pieceIndex < content.pieceCount; pieceIndex++) {
    const bytes = content.pieceBytes(pieceIndex, scratch);
    createHash("sha1")
      .update(bytes)
      .digest()
      .copy(hashes, SHA1_BYTES * pieceIndex);
  }
  return hashes;
}

/** The 20-byte hash of one piece inside a `pieces` string (a view, not a copy). */
export function expectedPieceHash(hashes: Uint8Array, pieceIndex: number): Uint8Array {
  const start = SHA1_BYTES * pieceIndex;
  if (pieceIndex < 0 || start + SHA1_BYTES > hashes.length) {
    throw new RangeError(`no hash for piece ${pieceIndex} in ${hashes.length / SHA1_BYTES}`);
  }
  return hashes.subarray(start, start + SHA1_BYTES);
}

/** Byte-wise equality of two hashes (or any two byte strings). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}
