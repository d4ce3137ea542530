/**
 * A set of piece indices as bits in 32-bit words, at `offset` words into a
 * shared array: what a peer believes a remote holds. Each connection keeps
 * one, so a swarm of n peers with k connections each holds n·k of them —
 * bits rather than bytes keep that eight times smaller, and the shared
 * array keeps them together in memory (sim/protocol/wire/piece-bit-slab.ts).
 */
export interface PieceBits {
  readonly words: Uint32Array;
  readonly offset: number;
}

/** 1 when the set holds `piece`, else 0. */
export function hasPiece(s: PieceBits, piece: number): number {
  return (s.words[s.offset + (piece >>> 5)] >>> (piece & 31)) & 1;
}

/** A standalone set of `pieceCount` pieces holding those where `member[p]` is truthy. */
export function pieceBitsOf(member: ArrayLike<number>): PieceBits {
  const words = new Uint32Array((member.length + 31) >>> 5);
  for (let p = 0; p < member.length; p++) if (member[p]) words[p >>> 5] |= 1 << (p & 31);
  return { words, offset: 0 };
}
