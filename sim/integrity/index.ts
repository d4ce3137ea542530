/** The integrity building blocks: synthetic content, damage, hashes, checks. */
export { allIntact, assemblePiece, blocksInPiece } from "./assemble.ts";
export { SyntheticContent } from "./content.ts";
export { corruptBlock, corruptBlockInPlace } from "./corrupt.ts";
export {
  createFileVerifier,
  type FileVerifier,
  fileSha1,
  type PieceTagSource,
} from "./file-check.ts";
export { expectedPieceHash, pieceHashes, SHA1_BYTES, sameBytes, sha1 } from "./hashes.ts";
export {
  AUTO_FULL_HASHING_LIMIT_BYTES,
  FULL_HASHING_NEEDS_CONTENT,
  type HashingMode,
  HashingModeError,
  hashingModeProblem,
  resolveHashingMode,
} from "./hashing-mode.ts";
export { createVerifier, type HashingVerifier } from "./verifier.ts";
