/** A well-mixed hash of three integers to [0, 1) (murmur3 finaliser rounds). */
export function unitHash(x: number, y: number, z: number): number {
  let h = Math.imul(x ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h ^ y, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ z, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x165667b1);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
