import { describe, expect, it } from "vitest";
import { Rng } from "../../sim/engine/rng.ts";
import { PairLatency, unitHash } from "../../sim/net/latency.ts";

describe("PairLatency", () => {
  const MIN = 10_000;
  const MAX = 150_000;

  it("is symmetric", () => {
    const lat = new PairLatency(7, MIN, MAX);
    const gen = new Rng("latency-sym");
    for (let i = 0; i < 5000; i++) {
      const a = gen.int(100_000);
      const b = gen.int(100_000);
      expect(lat.between(a, b)).toBe(lat.between(b, a));
    }
  });

  it("stays within [min, max] in integer microseconds", () => {
    const lat = new PairLatency(3, MIN, MAX);
    let bad = 0;
    for (let a = 0; a < 300; a++) {
      for (let b = a + 1; b < 300; b++) {
        const l = lat.between(a, b);
        if (!(Number.isInteger(l) && l >= MIN && l <= MAX)) bad++;
      }
    }
    expect(bad).toBe(0);
  });

  it("is deterministic: the same seed and pair give the same latency, whatever was asked before", () => {
    const x = new PairLatency(11, MIN, MAX);
    const y = new PairLatency(11, MIN, MAX);
    const pairs = Array.from({ length: 200 }, (_, i) => [i * 7, i * 13 + 1] as const);
    const forward = pairs.map(([a, b]) => x.between(a, b));
    const backward = pairs
      .slice()
      .reverse()
      .map(([a, b]) => y.between(a, b))
      .reverse();
    expect(backward).toEqual(forward);
    expect(pairs.map(([a, b]) => x.between(a, b))).toEqual(forward);
  });

  it("depends on the seed and on the pair", () => {
    const pairs = Array.from({ length: 100 }, (_, i) => [i, i + 1] as const);
    const s1 = pairs.map(([a, b]) => new PairLatency(1, MIN, MAX).between(a, b));
    const s2 = pairs.map(([a, b]) => new PairLatency(2, MIN, MAX).between(a, b));
    expect(s2).not.toEqual(s1);
    // Not a constant per seed: many distinct values over 100 pairs.
    expect(new Set(s1).size).toBeGreaterThan(90);
  });

  it("is roughly uniform: mean near the middle and every tenth of the range about equally filled", () => {
    const lat = new PairLatency(5, MIN, MAX);
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    let n = 0;
    for (let a = 0; a < 500; a++) {
      for (let b = a + 1; b < 500; b++) {
        const l = lat.between(a, b);
        sum += l;
        n++;
        bins[Math.min(9, Math.floor(((l - MIN) / (MAX - MIN)) * 10))]++;
      }
    }
    const mid = (MIN + MAX) / 2;
    expect(Math.abs(sum / n - mid) / (MAX - MIN)).toBeLessThan(0.01);
    for (const c of bins) expect(Math.abs(c / (n / 10) - 1)).toBeLessThan(0.05);
  });

  it("reaches both ends of a small range", () => {
    const lat = new PairLatency(9, 5, 7);
    const seen = new Set<number>();
    for (let a = 0; a < 60; a++) for (let b = a + 1; b < 60; b++) seen.add(lat.between(a, b));
    expect([...seen].sort()).toEqual([5, 6, 7]);
  });

  it("min == max gives that constant for every pair", () => {
    const lat = new PairLatency(4, 25_000, 25_000);
    for (let a = 0; a < 50; a++)
      for (let b = 0; b < 50; b++) expect(lat.between(a, b)).toBe(25_000);
  });
});

describe("unitHash", () => {
  it("maps to [0, 1), deterministically, and differs when any argument changes", () => {
    const h = unitHash(1, 2, 3);
    expect(h).toBe(unitHash(1, 2, 3));
    expect(h >= 0 && h < 1).toBe(true);
    expect(unitHash(2, 2, 3)).not.toBe(h);
    expect(unitHash(1, 3, 3)).not.toBe(h);
    expect(unitHash(1, 2, 4)).not.toBe(h);
  });
});
