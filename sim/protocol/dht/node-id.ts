/**
 * Kademlia node ids (BEP 5): 160-bit numbers held as five big-endian 32-bit
 * words in a Uint32Array, compared by XOR distance. Typed words instead of a
 * BigInt: a distance comparison is at most five XORs and no allocation,
 * which matters when a 10,000-node table is built in a test.
 */
import { unitHash } from "../../util/hash.ts";

export type NodeId = Uint32Array;

export const ID_WORDS = 5;
export const ID_BITS = 160;

/** A deterministic id from (seed, salt, index): each word from its own hash. */
export function hashedId(seed: number, salt: number, index: number): NodeId {
  const id = new Uint32Array(ID_WORDS);
  for (let w = 0; w < ID_WORDS; w++) {
    id[w] = Math.floor(unitHash(seed ^ Math.imul(salt, 0x9e3779b1), index, w) * 4294967296);
  }
  return id;
}

/** < 0 when `a` is closer to `target` than `b` (XOR metric), 0 when equal, > 0 otherwise. */
export function compareDistance(a: NodeId, b: NodeId, target: NodeId): number {
  for (let w = 0; w < ID_WORDS; w++) {
    const da = (a[w] ^ target[w]) >>> 0;
    const db = (b[w] ^ target[w]) >>> 0;
    if (da !== db) return da < db ? -1 : 1;
  }
  return 0;
}

/** Number of leading bits `a` and `b` share (160 when equal): the k-bucket index. */
export function commonPrefixLength(a: NodeId, b: NodeId): number {
  for (let w = 0; w < ID_WORDS; w++) {
    const x = (a[w] ^ b[w]) >>> 0;
    if (x !== 0) return w * 32 + Math.clz32(x);
  }
  return ID_BITS;
}
