import { describe, expect, it } from "vitest";
import { Rng, RngStreams } from "../../sim/engine/rng.ts";

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.next());
}

describe("RngStreams", () => {
  it("pins the first outputs of stream (1, 'x') so a platform or library change is caught", () => {
    const r = new RngStreams(1).get("x");
    expect(r.next()).toBe(0.36922406894154847);
    expect(r.next()).toBe(0.5723047349601984);
    expect(r.next()).toBe(0.4784171525388956);
  });

  it("gives the same sequence for the same (seed, name)", () => {
    const a = new RngStreams(42).get("peer:3:choker");
    const b = new RngStreams(42).get("peer:3:choker");
    expect(draws(a, 1000)).toEqual(draws(b, 1000));
    // get() twice on one RngStreams restarts the stream too.
    const s = new RngStreams(42);
    expect(draws(s.get("k"), 10)).toEqual(draws(s.get("k"), 10));
  });

  it("gives different sequences for different names and different seeds", () => {
    const base = draws(new RngStreams(7).get("a"), 20);
    expect(draws(new RngStreams(7).get("b"), 20)).not.toEqual(base);
    expect(draws(new RngStreams(8).get("a"), 20)).not.toEqual(base);
  });

  it("streams are independent: drawing from one never shifts another", () => {
    const alone = draws(new RngStreams(5).get("tracker"), 500);
    const s = new RngStreams(5);
    const tracker = s.get("tracker");
    const other = s.get("picker");
    const mixed: number[] = [];
    for (let i = 0; i < 500; i++) {
      for (let k = 0; k < i % 4; k++) other.next();
      other.shuffle([1, 2, 3, 4]);
      mixed.push(tracker.next());
    }
    expect(mixed).toEqual(alone);
  });
});

describe("Rng", () => {
  it("next is in [0, 1); int(n) in [0, n) and hits every value; uniform in [lo, hi)", () => {
    const r = new Rng("ranges");
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      const k = r.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
      seen.add(k);
      const u = r.uniform(-3, 5);
      expect(u >= -3 && u < 5).toBe(true);
    }
    expect(seen.size).toBe(7);
  });

  it("shuffle returns the same array as a permutation of its input", () => {
    const r = new Rng("shuffle");
    for (let n = 0; n < 40; n++) {
      const items = Array.from({ length: n }, (_, i) => i * 10);
      const arr = items.slice();
      const out = r.shuffle(arr);
      expect(out).toBe(arr);
      expect(out.slice().sort((a, b) => a - b)).toEqual(items);
    }
  });

  it("shuffle is deterministic for a seed and actually permutes", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = new Rng("shuffle-det").shuffle(items.slice());
    const b = new Rng("shuffle-det").shuffle(items.slice());
    expect(a).toEqual(b);
    expect(a).not.toEqual(items);
    expect(new Rng("shuffle-other").shuffle(items.slice())).not.toEqual(a);
  });

  it("shuffle puts each item in each position about equally often", () => {
    const r = new Rng("shuffle-uniform");
    const n = 4;
    const trials = 40_000;
    const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let t = 0; t < trials; t++) {
      const arr = r.shuffle([0, 1, 2, 3]);
      for (let pos = 0; pos < n; pos++) counts[arr[pos]][pos]++;
    }
    for (const row of counts)
      for (const c of row) expect(Math.abs(c / (trials / n) - 1)).toBeLessThan(0.05);
  });

  it("sample(k) returns k distinct items of the input without changing it", () => {
    const r = new Rng("sample");
    const items = Array.from({ length: 30 }, (_, i) => `p${i}`);
    const copy = items.slice();
    for (let k = 0; k <= 30; k++) {
      const s = r.sample(items, k);
      expect(s).toHaveLength(k);
      expect(new Set(s).size).toBe(k);
      for (const x of s) expect(items).toContain(x);
    }
    expect(items).toEqual(copy);
    expect(r.sample(items, 100)).toHaveLength(30);
    expect(r.sample([], 3)).toEqual([]);
  });

  it("sample is deterministic for a seed and covers every item", () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(new Rng("s").sample(items, 3)).toEqual(new Rng("s").sample(items, 3));
    const r = new Rng("sample-cover");
    const hits = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) for (const x of r.sample(items, 3)) hits[x]++;
    // Each item appears with probability 3/10.
    for (const h of hits) expect(Math.abs(h / 3000 - 1)).toBeLessThan(0.08);
  });

  it("exponential(mean) has the given mean over 100k draws (±2%) and is non-negative", () => {
    for (const mean of [1, 250, 1e6]) {
      const r = new Rng(`exp/${mean}`);
      let sum = 0;
      let bad = 0;
      const n = 100_000;
      for (let i = 0; i < n; i++) {
        const x = r.exponential(mean);
        if (!(x >= 0 && Number.isFinite(x))) bad++;
        sum += x;
      }
      expect(bad).toBe(0);
      expect(Math.abs(sum / n / mean - 1)).toBeLessThan(0.02);
    }
  });

  it("chance(p) respects the bounds and the probability", () => {
    const r = new Rng("chance");
    let hits = 0;
    for (let i = 0; i < 20_000; i++) {
      expect(r.chance(0)).toBe(false);
      expect(r.chance(1)).toBe(true);
      if (r.chance(0.25)) hits++;
    }
    expect(Math.abs(hits / 20_000 - 0.25)).toBeLessThan(0.015);
  });
});
