import { describe, expect, it } from "vitest";
import {
  AUTO_FULL_HASHING_LIMIT_BYTES,
  FULL_HASHING_NEEDS_CONTENT,
  HashingModeError,
  hashingModeProblem,
  resolveHashingMode,
} from "../../sim/integrity/hashing-mode.ts";

const MiB = 1024 ** 2;

describe("resolveHashingMode", () => {
  it("keeps an explicit full or model", () => {
    expect(resolveHashingMode("full", 10 * 1024 * MiB, 10_000, false)).toBe("full");
    expect(resolveHashingMode("model", MiB, 1, false)).toBe("model");
    expect(resolveHashingMode("model", MiB, 1, true)).toBe("model");
  });

  it("auto: full below the size × leechers limit, model at or above it", () => {
    expect(AUTO_FULL_HASHING_LIMIT_BYTES).toBe(2 * 1024 ** 3);
    expect(resolveHashingMode("auto", 128 * MiB, 15, false)).toBe("full");
    expect(resolveHashingMode("auto", 128 * MiB, 16, false)).toBe("model");
    expect(resolveHashingMode("auto", 128 * MiB, 1000, false)).toBe("model");
  });

  it("auto with an external torrent is model; full is refused with a usable message", () => {
    expect(resolveHashingMode("auto", MiB, 1, true)).toBe("model");
    expect(() => resolveHashingMode("full", MiB, 1, true)).toThrow(HashingModeError);
    expect(() => resolveHashingMode("full", MiB, 1, true)).toThrow(FULL_HASHING_NEEDS_CONTENT);
    expect(hashingModeProblem("full", true)).toBe(FULL_HASHING_NEEDS_CONTENT);
    expect(hashingModeProblem("full", false)).toBeNull();
    expect(hashingModeProblem("auto", true)).toBeNull();
  });
});
