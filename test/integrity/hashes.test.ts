import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SyntheticContent } from "../../sim/integrity/content.ts";
import { expectedPieceHash, pieceHashes } from "../../sim/integrity/hashes.ts";

describe("pieceHashes", () => {
  it("is the SHA-1 of each piece, concatenated", () => {
    const content = new SyntheticContent(4, 100_000, 16_384);
    const hashes = pieceHashes(content);
    expect(hashes.length).toBe(20 * content.pieceCount);
    for (let i = 0; i < content.pieceCount; i++) {
      const direct = createHash("sha1").update(content.pieceBytes(i)).digest();
      expect(Buffer.from(expectedPieceHash(hashes, i))).toEqual(direct);
    }
    expect(() => expectedPieceHash(hashes, content.pieceCount)).toThrow(RangeError);
  });

  it("hashes 128 MiB well under a second (generation included)", () => {
    const content = new SyntheticContent(1, 128 * 1024 ** 2, 256 * 1024);
    const started = performance.now();
    pieceHashes(content);
    // ~0.15 s on a laptop; the bound leaves room for slow CI machines.
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
