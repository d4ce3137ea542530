/**
 * The lean model's uplink sharing (sim/swarm/water-fill.ts) is max-min fair:
 * it equals the textbook algorithm that serves flows in ascending order of
 * cap, each taking min(cap, what is left / flows left), over random inputs;
 * a flow whose cap is at its floor (its receiver's downlink is full) takes
 * no share.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { waterFill } from "../../sim/swarm/water-fill.ts";

function reference(capacity: number, caps: number[], floors: number[]): number[] {
  const open = caps.map((_, i) => i).filter((i) => caps[i] > floors[i]);
  const order = open.sort((a, b) => caps[a] - caps[b] || a - b);
  const rates = new Array<number>(caps.length).fill(0);
  let left = capacity;
  let shares = order.length;
  for (const i of order) {
    rates[i] = Math.min(caps[i], left / shares);
    left -= rates[i];
    shares--;
  }
  return rates;
}

function fill(capacity: number, caps: number[], floors: number[]): number[] {
  const n = caps.length;
  const rates = new Float64Array(n);
  waterFill(
    n,
    capacity,
    Float64Array.from(caps),
    Float64Array.from(floors),
    rates,
    new Uint8Array(n),
  );
  return [...rates];
}

describe("waterFill", () => {
  it("splits equally when no flow is capped", () => {
    expect(fill(90, [100, 100, 100], [0, 0, 0])).toEqual([30, 30, 30]);
  });

  it("gives a capped flow its cap and the rest to the others", () => {
    expect(fill(90, [10, 100, 100], [0, 0, 0])).toEqual([10, 40, 40]);
  });

  it("gives nothing to a flow whose cap is at its floor, and its share to the others", () => {
    expect(fill(90, [1, 100, 100], [2, 0, 0])).toEqual([0, 45, 45]);
  });

  it("gives a flow its share however small against its floor (a slow uplink, a fast receiver)", () => {
    // 1 Mbit/s shared three ways; the fast receiver's floor (1 % of 100 Mbit/s) is above its share.
    const rates = fill(125_000, [12.5e6, 1e6, 1e6], [125_000, 10_000, 10_000]);
    for (const r of rates) expect(r).toBeCloseTo(125_000 / 3, 6);
  });

  it("is max-min fair (the sorted algorithm) and never exceeds a cap or the capacity", () => {
    const flow = fc.record({
      cap: fc.double({ min: 0, max: 1e6, noNaN: true }),
      floor: fc.double({ min: 0, max: 1e4, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.array(flow, { minLength: 1, maxLength: 80 }),
        (capacity, flows) => {
          const caps = flows.map((f) => f.cap);
          const floors = flows.map((f) => f.floor);
          const got = fill(capacity, caps, floors);
          const want = reference(capacity, caps, floors);
          for (let i = 0; i < caps.length; i++) {
            expect(got[i]).toBeCloseTo(want[i], 6);
            expect(got[i]).toBeLessThanOrEqual(caps[i]);
          }
          expect(got.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(capacity * (1 + 1e-12) + 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });
});
