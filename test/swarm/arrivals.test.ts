/**
 * The arrival planner's `decay` pattern (Guo et al. 2005): a Poisson process
 * of rate λ0 · 2^(−(t − start)/half_life). Checked statistically over many
 * seeds against the model's own expectations, not against pinned draws.
 */
import { describe, expect, it } from "vitest";
import { RngStreams } from "../../sim/engine/rng.ts";
import { planArrivals } from "../../sim/population/arrivals.ts";
import {
  type DecayProcess,
  decayArrivalTimes,
  expectedDecayArrivals,
} from "../../sim/population/decay-arrivals.ts";
import type { Arrival } from "../../sim/scenario/types.ts";
import { group, makeConfig } from "../helpers/config.ts";

const DECAY: DecayProcess = { initial_rate: 2, half_life: 60, start: 0, until: 600 };
const SEEDS = 400;

function runs(p: DecayProcess, max: number): number[][] {
  const out: number[][] = [];
  for (let s = 1; s <= SEEDS; s++) out.push(decayArrivalTimes(p, max, new RngStreams(s).get("x")));
  return out;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("decay arrivals", () => {
  const all = runs(DECAY, 10_000);

  it("stay in [start, until) and come in increasing order", () => {
    const bad: number[] = [];
    for (const times of all) {
      times.forEach((t, i) => {
        if (t < DECAY.start || t >= DECAY.until || (i > 0 && t < times[i - 1])) bad.push(t);
      });
    }
    expect(bad).toEqual([]);
    expect(all.every((t) => t.length > 0)).toBe(true);
  });

  it("number Λ(until) on average, with Poisson spread", () => {
    // Λ = λ0 · h / ln 2 · (1 − 2^(−10)) ≈ 173.0 for these parameters.
    const expected = expectedDecayArrivals(DECAY);
    expect(expected).toBeCloseTo(((2 * 60) / Math.LN2) * (1 - 2 ** -10), 6);
    const counts = all.map((t) => t.length);
    const m = mean(counts);
    // Mean of 400 Poisson(173) draws: standard error √(173/400) ≈ 0.66.
    expect(Math.abs(m - expected)).toBeLessThan(4 * Math.sqrt(expected / SEEDS));
    const variance = mean(counts.map((c) => (c - m) ** 2));
    expect(variance / expected).toBeGreaterThan(0.75);
    expect(variance / expected).toBeLessThan(1.25);
  });

  it("halve every half-life", () => {
    // Arrivals per half-life window, pooled over seeds: each window expects
    // half the previous one (the windows' counts are independent Poisson).
    const bins = new Array(6).fill(0);
    for (const times of all) for (const t of times) if (t < 360) bins[Math.floor(t / 60)]++;
    for (let k = 1; k < bins.length; k++) expect(bins[k]).toBeLessThan(bins[k - 1]);
    const first = SEEDS * ((2 * 60) / Math.LN2) * 0.5; // expected in [0, h)
    for (let k = 0; k < bins.length; k++) {
      const want = first / 2 ** k;
      expect(Math.abs(bins[k] - want)).toBeLessThan(4 * Math.sqrt(want));
    }
  });

  it("are capped at the group's count, keeping the earliest", () => {
    const capped = runs(DECAY, 50);
    for (let s = 0; s < SEEDS; s++) {
      expect(capped[s].length).toBe(Math.min(50, all[s].length));
      expect(capped[s]).toEqual(all[s].slice(0, 50));
    }
  });

  it("end with the window, and a later start shifts every time", () => {
    const short = runs({ ...DECAY, until: 90 }, 10_000);
    for (let s = 0; s < SEEDS; s++) expect(short[s]).toEqual(all[s].filter((t) => t < 90));
    const shifted = runs({ ...DECAY, start: 30, until: 630 }, 10_000);
    for (let s = 0; s < SEEDS; s++) {
      expect(shifted[s].map((t) => t - 30)).toEqual(all[s].map((t) => expect.closeTo(t, 9)));
    }
  });
});

describe("planArrivals with a decaying group", () => {
  const flash: Arrival = { pattern: "flash", over: 60, start: 0 };
  const decay: Arrival = { pattern: "decay", ...DECAY };
  const plan = (groups: ReturnType<typeof group>[]) =>
    planArrivals(makeConfig({ groups }), new RngStreams(7));

  it("draws from its own stream: other groups' arrival times do not move", () => {
    const base = [
      group({ name: "origin", start_as: "seed", arrival: { at: 0 } }),
      group({ name: "a", count: 50, arrival: flash }),
      group({
        name: "b",
        count: 50,
        arrival: { pattern: "poisson", rate: 1, until: 600, start: 0 },
      }),
    ];
    const without = plan(base);
    const withDecay = plan([...base, group({ name: "c", count: 500, arrival: decay })]);
    const times = (p: typeof without, g: number) =>
      p.filter((a) => a.groupIndex === g).map((a) => a.timeUs);
    for (const g of [0, 1, 2]) expect(times(withDecay, g)).toEqual(times(without, g));
    expect(times(withDecay, 3).length).toBeGreaterThan(100);
  });

  it("is sorted by time and deterministic for a seed", () => {
    const groups = [
      group({ name: "origin", start_as: "seed", arrival: { at: 0 } }),
      group({ name: "c", count: 500, arrival: decay }),
      group({ name: "d", count: 500, arrival: { ...decay, half_life: 30 } }),
    ];
    const p = plan(groups);
    for (let i = 1; i < p.length; i++) expect(p[i].timeUs).toBeGreaterThanOrEqual(p[i - 1].timeUs);
    expect(plan(groups)).toEqual(p);
    const other = planArrivals(makeConfig({ groups }), new RngStreams(8));
    expect(other.map((a) => a.timeUs)).not.toEqual(p.map((a) => a.timeUs));
  });
});
