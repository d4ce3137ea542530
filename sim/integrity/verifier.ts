import type { PieceVerifier } from "../protocol/verify/verifier.ts";
import { allIntact, assemblePiece, blocksInPiece, checkBlockSize } from "./assemble.ts";
import type { SyntheticContent } from "./content.ts";
import { expectedPieceHash, SHA1_BYTES, sameBytes, sha1 } from "./hashes.ts";
import type { HashingMode } from "./hashing-mode.ts";

export type { HashingMode } from "./hashing-mode.ts";

/** The protocol's piece check (sim/protocol/verify), with the hashing mode that implements it. */
export interface HashingVerifier extends PieceVerifier {
  readonly mode: HashingMode;
}

export function createVerifier(
  mode: HashingMode,
  content: SyntheticContent,
  expectedHashes: Uint8Array,
  blockSizeBytes: number,
): HashingVerifier {
  checkBlockSize(blockSizeBytes);
  if (expectedHashes.length !== SHA1_BYTES * content.pieceCount) {
    throw new RangeError(
      `expected ${content.pieceCount} piece hashes (${SHA1_BYTES * content.pieceCount} bytes), got ${expectedHashes.length} bytes`,
    );
  }
  return mode === "full"
    ? new FullVerifier(content, expectedHashes, blockSizeBytes)
    : new ModelVerifier(content, blockSizeBytes);
}

/** Rebuilds the piece's bytes as received and SHA-1s them. */
class FullVerifier implements HashingVerifier {
  readonly mode = "full";
  private readonly scratch: Uint8Array;

  constructor(
    private readonly content: SyntheticContent,
    private readonly expectedHashes: Uint8Array,
    private readonly blockSizeBytes: number,
  ) {
    this.scratch = new Uint8Array(content.pieceSizeBytes);
  }

  verify(pieceIndex: number, blockTags: ArrayLike<number>): boolean {
    const bytes = assemblePiece(
      this.content,
      pieceIndex,
      blockTags,
      this.blockSizeBytes,
      this.scratch,
    );
    return sameBytes(sha1(bytes), expectedPieceHash(this.expectedHashes, pieceIndex));
  }
}

/** Decides from the tags alone (still checks the tag count, like full does). */
class ModelVerifier implements HashingVerifier {
  readonly mode = "model";

  constructor(
    private readonly content: SyntheticContent,
    private readonly blockSizeBytes: number,
  ) {}

  verify(pieceIndex: number, blockTags: ArrayLike<number>): boolean {
    const blockCount = blocksInPiece(this.content.pieceLength(pieceIndex), this.blockSizeBytes);
    if (blockTags.length !== blockCount) {
      throw new RangeError(
        `piece ${pieceIndex} has ${blockCount} blocks but ${blockTags.length} block tags were given`,
      );
    }
    return allIntact(blockTags);
  }
}
