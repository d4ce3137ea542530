import { describe, expect, it } from "vitest";
import { Rng } from "../../sim/engine/rng.ts";
import { SyntheticContent } from "../../sim/integrity/content.ts";
import { corruptBlock, corruptBlockInPlace } from "../../sim/integrity/corrupt.ts";

const tags = [1, 2, 3, 255, 256, 65536, 2 ** 31 - 1, -1, -2, -256, -(2 ** 31 - 1)];

describe("corruptBlock", () => {
  it("always changes the block, even a 1–3 byte one, for every tag", () => {
    for (const length of [1, 2, 3]) {
      const bytes = new Uint8Array(length).fill(0x5a);
      for (let tag = -5000; tag <= 5000; tag++) {
        if (tag === 0) continue;
        expect(corruptBlock(bytes, tag)).not.toEqual(bytes);
      }
    }
  });

  it("always changes random blocks of random lengths", () => {
    const rng = new Rng("corrupt-test");
    const content = new SyntheticContent(2, 64 * 1024, 16 * 1024);
    for (let trial = 0; trial < 2000; trial++) {
      const length = 1 + rng.int(600);
      const start = rng.int(content.sizeBytes - length);
      const bytes = content.rangeBytes(start, length);
      const tag = (rng.chance(0.5) ? 1 : -1) * (1 + rng.int(2 ** 31 - 2));
      expect(corruptBlock(bytes, tag)).not.toEqual(bytes);
    }
  });

  it("is deterministic and gives distinct bytes for distinct tags (blocks ≥ 4 bytes)", () => {
    const block = new SyntheticContent(3, 16 * 1024, 16 * 1024).pieceBytes(0);
    const seen = new Set<string>();
    for (const tag of tags) {
      const damaged = corruptBlock(block, tag);
      expect(corruptBlock(block, tag)).toEqual(damaged);
      seen.add(Buffer.from(damaged).toString("hex"));
    }
    expect(seen.size).toBe(tags.length);
    const tiny = new Uint8Array([1, 2, 3, 4]);
    const tinySeen = new Set(
      Array.from({ length: 2000 }, (_, i) =>
        Buffer.from(corruptBlock(tiny, i + 1)).toString("hex"),
      ),
    );
    expect(tinySeen.size).toBe(2000);
  });

  it("spreads damage through a 16 KiB block", () => {
    const block = new Uint8Array(16 * 1024);
    const damaged = corruptBlock(block, 42);
    const changed = damaged.reduce((n, b) => n + (b !== 0 ? 1 : 0), 0);
    expect(changed).toBeGreaterThan(200);
    expect(damaged.subarray(16 * 1024 - 64).some((b) => b !== 0)).toBe(true);
  });

  it("leaves its input alone; the in-place variant damages it", () => {
    const bytes = new Uint8Array([9, 9, 9, 9, 9]);
    corruptBlock(bytes, 5);
    expect(bytes).toEqual(new Uint8Array([9, 9, 9, 9, 9]));
    const same = corruptBlockInPlace(bytes, 5);
    expect(same).toBe(bytes);
    expect(bytes).toEqual(corruptBlock(new Uint8Array([9, 9, 9, 9, 9]), 5));
  });

  it("rejects tag 0 and non-integer or huge tags", () => {
    const bytes = new Uint8Array(8);
    expect(() => corruptBlock(bytes, 0)).toThrow(/nonzero/);
    expect(() => corruptBlock(bytes, 1.5)).toThrow(RangeError);
    expect(() => corruptBlock(bytes, 2 ** 31)).toThrow(RangeError);
    expect(corruptBlock(new Uint8Array(0), 1).length).toBe(0);
  });
});
