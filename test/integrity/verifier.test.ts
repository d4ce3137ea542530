import { describe, expect, it } from "vitest";
import { Rng } from "../../sim/engine/rng.ts";
import { SyntheticContent } from "../../sim/integrity/content.ts";
import { pieceHashes } from "../../sim/integrity/hashes.ts";
import { createVerifier } from "../../sim/integrity/verifier.ts";

const KiB = 1024;

/** Random tag patterns: mostly intact, sometimes one bad block, sometimes many. */
function randomTags(rng: Rng, blockCount: number): number[] {
  const tags = new Array<number>(blockCount).fill(0);
  const style = rng.int(3);
  if (style === 1) tags[rng.int(blockCount)] = 1 + rng.int(1000);
  if (style === 2) {
    for (let i = 0; i < blockCount; i++) {
      if (rng.chance(0.3)) tags[i] = (rng.chance(0.5) ? 1 : -1) * (1 + rng.int(1000));
    }
  }
  return tags;
}

describe("piece verifiers", () => {
  // Block size does not divide the piece size, and the last piece is short.
  const content = new SyntheticContent(21, 600 * KiB + 123, 64 * KiB);
  const blockSizeBytes = 10 * KiB;
  const hashes = pieceHashes(content);
  const full = createVerifier("full", content, hashes, blockSizeBytes);
  const model = createVerifier("model", content, hashes, blockSizeBytes);
  const blocksOf = (piece: number) => Math.ceil(content.pieceLength(piece) / blockSizeBytes);

  it("report their mode", () => {
    expect(full.mode).toBe("full");
    expect(model.mode).toBe("model");
  });

  it("pass every intact piece", () => {
    for (let piece = 0; piece < content.pieceCount; piece++) {
      const tags = new Array(blocksOf(piece)).fill(0);
      expect(full.verify(piece, tags)).toBe(true);
      expect(model.verify(piece, tags)).toBe(true);
    }
  });

  it("agree (full vs model) on 600 random tag patterns", () => {
    const rng = new Rng("verifier-agreement");
    let failures = 0;
    for (let trial = 0; trial < 600; trial++) {
      const piece = rng.int(content.pieceCount);
      const tags = randomTags(rng, blocksOf(piece));
      const verdict = full.verify(piece, Int32Array.from(tags));
      expect(model.verify(piece, tags)).toBe(verdict);
      if (!verdict) failures++;
    }
    expect(failures).toBeGreaterThan(200); // the test really exercised bad pieces
  });

  it("fail a piece whose only bad block is the short last one", () => {
    const last = content.pieceCount - 1;
    const tags = new Array(blocksOf(last)).fill(0);
    tags[tags.length - 1] = -7;
    expect(full.verify(last, tags)).toBe(false);
    expect(model.verify(last, tags)).toBe(false);
  });

  it("full mode really hashes: other content's hashes fail intact pieces", () => {
    const other = pieceHashes(new SyntheticContent(22, content.sizeBytes, content.pieceSizeBytes));
    const wrong = createVerifier("full", content, other, blockSizeBytes);
    expect(wrong.verify(0, new Array(blocksOf(0)).fill(0))).toBe(false);
  });

  it("reject a wrong number of tags or hashes", () => {
    expect(() => full.verify(0, [0])).toThrow(/blocks but 1 block tags/);
    expect(() => model.verify(0, [0])).toThrow(/blocks but 1 block tags/);
    expect(() => createVerifier("full", content, hashes.subarray(20), blockSizeBytes)).toThrow(
      /piece hashes/,
    );
    expect(() => createVerifier("model", content, hashes, 0)).toThrow(/block size/);
  });
});
