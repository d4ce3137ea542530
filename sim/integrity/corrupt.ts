import { fmix32, fold32, GOLDEN_32 } from "./mix.ts";

/**
 * Deterministic block damage. The swarm only records a nonzero tag per bad
 * block (who damaged it, and how: the simulator uses sender + 1 for lying peers
 * and −(sender + 1) for link errors); full hashing turns the tag back into bytes
 * here. The damage depends on (bytes, tag) only, and:
 * - always changes the block (tag ≠ 0, length ≥ 1), so a piece with a bad block
 *   never passes its SHA-1 check — the property full/model agreement rests on;
 * - for blocks of ≥ 4 bytes, different tags give different bytes (the first
 *   word is XORed with fmix32(tag), a bijection), as real corruption from
 *   different sources would.
 * Besides that first word, one pseudo-random word per 64 bytes is flipped so
 * the damage is spread like noise rather than confined to a header.
 */

const NOISE_STRIDE_BYTES = 64;

/** Damages `bytes` in place (and returns it). Tags are nonzero integers with |tag| < 2^31. */
export function corruptBlockInPlace(bytes: Uint8Array, tag: number): Uint8Array {
  if (!Number.isInteger(tag) || tag === 0 || Math.abs(tag) >= 2 ** 31) {
    throw new RangeError(`corruption tag must be a nonzero integer with |tag| < 2^31, got ${tag}`);
  }
  if (bytes.length === 0) return bytes;
  const mask = fmix32(fold32(tag)); // nonzero, since fmix32 only maps 0 to 0
  const headBytes = Math.min(4, bytes.length);
  let headMask = mask;
  if (headBytes < 4 && (mask & (2 ** (8 * headBytes) - 1)) === 0) {
    // A 1–3 byte block whose share of the mask is zero: still must change.
    headMask = 0xa5;
  }
  for (let k = 0; k < headBytes; k++) bytes[k] ^= (headMask >>> (8 * k)) & 0xff;

  let noise = mask;
  for (let at = NOISE_STRIDE_BYTES; at + 4 <= bytes.length; at += NOISE_STRIDE_BYTES) {
    noise = fmix32((noise + GOLDEN_32) >>> 0);
    bytes[at] ^= noise & 0xff;
    bytes[at + 1] ^= (noise >>> 8) & 0xff;
    bytes[at + 2] ^= (noise >>> 16) & 0xff;
    bytes[at + 3] ^= noise >>> 24;
  }
  return bytes;
}

/** A damaged copy of `bytes`; the input is left untouched. */
export function corruptBlock(bytes: Uint8Array, tag: number): Uint8Array {
  return corruptBlockInPlace(bytes.slice(), tag);
}
