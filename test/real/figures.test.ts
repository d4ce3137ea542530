/**
 * The figures compared between real and simulated swarms (scripts/real/figures.ts),
 * on hand-made traces whose answers follow from their construction.
 */
import { describe, expect, it } from "vitest";
import {
  type CounterSample,
  counterAt,
  meanFigures,
  midRunWindow,
  type PeerTrace,
  spreadFigures,
  swarmFigures,
} from "../../scripts/real/figures.ts";

/** Samples every 0.05 s from `from` to `to` of counters growing at constant rates after `start`. */
function steady(o: {
  from: number;
  to: number;
  upRate: number;
  downRate: number;
  start?: number;
}): CounterSample[] {
  const out: CounterSample[] = [];
  const start = o.start ?? o.from;
  for (let k = 0; o.from + k * 0.05 <= o.to + 1e-9; k++) {
    const t = o.from + k * 0.05;
    const dt = Math.max(0, t - start);
    out.push({ t, up: o.upRate * dt, down: o.downRate * dt });
  }
  return out;
}

function leecher(
  name: string,
  arrivalS: number,
  completionS: number | null,
  upRate: number,
  upCap = 100,
): PeerTrace {
  return {
    name,
    role: "leecher",
    upBytesPerS: upCap,
    arrivalS,
    completionS,
    samples: steady({
      from: arrivalS,
      to: completionS ?? 40,
      upRate,
      downRate: 50,
      start: arrivalS + 1,
    }),
  };
}

const seed = (upRate: number, upCap: number): PeerTrace => ({
  name: "seed",
  role: "seed",
  upBytesPerS: upCap,
  arrivalS: 0,
  completionS: null,
  samples: steady({ from: 0, to: 40, upRate, downRate: 0 }),
});

describe("counterAt", () => {
  const s: CounterSample[] = [
    { t: 1, up: 0, down: 0 },
    { t: 2, up: 10, down: 4 },
    { t: 4, up: 30, down: 4 },
  ];
  it("interpolates linearly between samples", () => {
    expect(counterAt(s, 1.5, "up")).toBeCloseTo(5);
    expect(counterAt(s, 3, "up")).toBeCloseTo(20);
    expect(counterAt(s, 3, "down")).toBeCloseTo(4);
  });
  it("is 0 before the first sample and the last value after the last", () => {
    expect(counterAt(s, 0.5, "up")).toBe(0);
    expect(counterAt(s, 9, "up")).toBe(30);
    expect(counterAt([], 3, "up")).toBe(0);
  });
});

describe("midRunWindow", () => {
  it("is the middle half of [last arrival, first completion]", () => {
    const w = midRunWindow([
      seed(0, 1),
      leecher("a", 0.2, 30, 1),
      leecher("b", 2, 22, 1),
      leecher("c", 1, null, 1),
    ]);
    expect(w?.[0]).toBeCloseTo(2 + 0.25 * 20);
    expect(w?.[1]).toBeCloseTo(2 + 0.75 * 20);
  });
  it("is null when no leecher completed after the last arrival", () => {
    expect(midRunWindow([seed(0, 1), leecher("a", 0, null, 1)])).toBeNull();
    expect(midRunWindow([seed(0, 1), leecher("a", 0, 3, 1), leecher("b", 5, null, 1)])).toBeNull();
  });
});

describe("swarmFigures", () => {
  it("measures download times from each peer's own arrival", () => {
    const f = swarmFigures([
      seed(100, 200),
      leecher("a", 0.5, 20.5, 60),
      leecher("b", 1, 31, 60),
      leecher("c", 0, null, 60),
    ]);
    expect(f.leechers).toBe(3);
    expect(f.completed).toBe(2);
    expect(f.meanS).toBeCloseTo(25);
    expect(f.maxS).toBeCloseTo(30);
    expect(f.arrivalSpreadS).toBeCloseTo(1);
  });

  it("finds the first byte at the first sample holding received bytes", () => {
    // Downloads start 1 s after arrival; the first positive sample is one poll later.
    const f = swarmFigures([seed(100, 200), leecher("a", 0, 20, 60), leecher("b", 0.5, 20, 60)]);
    expect(f.firstByteS).toBeCloseTo(1.05);
  });

  it("reads upload rates and capacity used over the mid-run window", () => {
    // Seed sends 150 of 200 B/s, leechers 60 and 40 of 100: (150 + 60 + 40) / 400.
    const f = swarmFigures([seed(150, 200), leecher("a", 0, 20, 60), leecher("b", 0, 24, 40)]);
    expect(f.window).not.toBeNull();
    expect(f.leecherUpBytesPerS).toBeCloseTo(50);
    expect(f.capacityUsed).toBeCloseTo(250 / 400);
  });

  it("leaves rates empty when there is no window", () => {
    const f = swarmFigures([seed(150, 200), leecher("a", 0, null, 60)]);
    expect(f.leecherUpBytesPerS).toBeNull();
    expect(f.capacityUsed).toBeNull();
    expect(f.meanS).toBeNull();
  });
});

describe("meanFigures", () => {
  it("averages each figure over runs, skipping runs without it", () => {
    const a = swarmFigures([seed(150, 200), leecher("a", 0, 20, 60)]);
    const b = swarmFigures([seed(150, 200), leecher("a", 0, 30, 60)]);
    const c = swarmFigures([seed(150, 200), leecher("a", 0, null, 60)]);
    const m = meanFigures([a, b, c]);
    expect(m.meanS).toBeCloseTo(25);
    expect(m.completed).toBe(0);
  });
});

describe("spreadFigures", () => {
  it("is the sample standard deviation over runs, null below two runs", () => {
    const a = swarmFigures([seed(150, 200), leecher("a", 0, 20, 60)]);
    const b = swarmFigures([seed(150, 200), leecher("a", 0, 30, 60)]);
    const c = swarmFigures([seed(150, 200), leecher("a", 0, null, 60)]);
    // Download times 20 and 30 s (the run without a completion is skipped): sd = 5·√2.
    expect(spreadFigures([a, b, c]).meanS).toBeCloseTo(5 * Math.SQRT2, 6);
    expect(spreadFigures([a, c]).meanS).toBeNull();
  });
});
