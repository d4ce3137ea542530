/**
 * Piece verification as the protocol sees it: a completed piece passes or
 * fails its hash check. `tags[b]` is 0 where block b arrived intact, else the
 * tag of the damage (who damaged it); sim/integrity implements this with real
 * SHA-1 over real bytes (`full`) or from the tags alone (`model`).
 */
export interface PieceVerifier {
  verify(piece: number, blockTags: ArrayLike<number>): boolean;
}

/** Accepts a piece iff every block arrived intact: the provenance model of hashing. */
export const provenanceVerifier: PieceVerifier = {
  verify: (_piece, tags) => {
    for (let i = 0; i < tags.length; i++) if (tags[i] !== 0) return false;
    return true;
  },
};
