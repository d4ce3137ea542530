import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SyntheticContent } from "../../sim/integrity/content.ts";
import { createFileVerifier, fileSha1 } from "../../sim/integrity/file-check.ts";

const KiB = 1024;

describe("whole-file check", () => {
  const content = new SyntheticContent(8, 300 * KiB + 11, 32 * KiB);
  const blockSizeBytes = 16 * KiB;
  const blocksOf = (piece: number) => Math.ceil(content.pieceLength(piece) / blockSizeBytes);
  const intact = (piece: number) => new Array(blocksOf(piece)).fill(0);

  it("streams the original file's SHA-1", () => {
    const direct = createHash("sha1").update(content.rangeBytes(0, content.sizeBytes)).digest();
    expect(fileSha1(content, blockSizeBytes)).toEqual(direct);
    expect(fileSha1(content, blockSizeBytes, intact)).toEqual(direct);
  });

  for (const mode of ["full", "model"] as const) {
    it(`${mode}: matches an intact copy, not one with a damaged block`, () => {
      const verifier = createFileVerifier(mode, content, blockSizeBytes);
      expect(verifier.mode).toBe(mode);
      expect(verifier.matchesOriginal(intact)).toBe(true);
      const damaged = (piece: number) => {
        const tags = intact(piece);
        if (piece === 4) tags[1] = 3;
        return tags;
      };
      expect(verifier.matchesOriginal(damaged)).toBe(false);
    });
  }

  it("computes the original's SHA-1 once", () => {
    const verifier = createFileVerifier("full", content, blockSizeBytes);
    const first = verifier.originalSha1();
    verifier.matchesOriginal(intact);
    expect(verifier.originalSha1()).toBe(first);
  });
});
