import { describe, expect, it } from "vitest";
import { expandGrid, parseVary, variantDir } from "../../sim/compare/grid.ts";
import { estimate, tCritical95 } from "../../sim/compare/stats.ts";

describe("compare grid", () => {
  it("parses --vary and expands a grid, first flag slowest", () => {
    const axes = [
      parseVary("protocol.picker=rarest-first,random"),
      parseVary("groups.1.count=10,20"),
    ];
    const vs = expandGrid(axes);
    expect(vs.map((v) => v.name)).toEqual([
      "protocol.picker=rarest-first,groups.1.count=10",
      "protocol.picker=rarest-first,groups.1.count=20",
      "protocol.picker=random,groups.1.count=10",
      "protocol.picker=random,groups.1.count=20",
    ]);
    expect(vs[3].sets).toEqual(["protocol.picker=random", "groups.1.count=20"]);
  });

  it("rejects malformed --vary", () => {
    expect(() => parseVary("protocol.picker")).toThrow(/PATH=V1,V2/);
    expect(() => parseVary("a=1,,2")).toThrow(/empty value/);
    expect(() => parseVary("a=1,1")).toThrow(/twice/);
    expect(() => expandGrid([parseVary("a=1"), parseVary("a=2")])).toThrow(/same path/);
  });

  it("makes folder names without path separators", () => {
    expect(variantDir("groups.0.upload=10Mbit/s")).toBe("groups.0.upload=10Mbit_s");
  });
});

describe("mean and 95 % CI", () => {
  it("uses Student's t critical values", () => {
    expect(tCritical95(1)).toBe(12.706);
    expect(tCritical95(4)).toBe(2.776);
    expect(tCritical95(30)).toBe(2.042);
    expect(tCritical95(60)).toBeCloseTo(2.0, 3);
    expect(tCritical95(1e9)).toBeCloseTo(1.96, 2);
    expect(tCritical95(45)).toBeGreaterThan(2.0);
    expect(tCritical95(45)).toBeLessThan(2.021);
  });

  it("computes mean ± t·s/√n, ignoring missing values", () => {
    const e = estimate([1, 2, 3, 4, 5, null]);
    expect(e.n).toBe(5);
    expect(e.mean).toBe(3);
    expect(e.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(e.ci95).toBeCloseTo((2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 12);
    expect(estimate([7]).ci95).toBeNull();
    expect(estimate([]).mean).toBeNull();
  });
});
