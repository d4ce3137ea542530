/**
 * The lean network model against the block model (issue 17; docs/validation.md,
 * "Lean model against block model", has the full 10-seed table from
 * scripts/lean-agreement.ts). Both models run the same scenarios and seeds
 * under `--check` (links never above capacity, bytes conserved, no completion
 * before the minimum distribution time); their averages over the seeds must
 * agree. The tolerances are what a 3–10-seed sample of these small swarms
 * allows: two disjoint seed sets of the block model itself differ by up to
 * ~7 % in mean download time on `small` (the generated table's "chance"
 * column). Issue 17's target, 3 % on all seven scenarios, is measured there.
 */
import { describe, expect, it } from "vitest";
import {
  AGREEMENT_CASES,
  type AgreementCase,
  deviation,
  runModel,
} from "../../scripts/lean/agreement.ts";

const byName = (name: string): AgreementCase => AGREEMENT_CASES.find((c) => c.name === name)!;
const seeds = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("lean model agrees with the block model", () => {
  for (const [name, n] of [
    ["small", 10],
    ["all-stay-20", 10],
    // Its max is the slowest corrupt peer's (banned everywhere, it ends on the origin alone),
    // which swings ±25 % between seeds and models; six seeds average that out.
    ["corrupt-peers", 6],
    ["churn", 3],
  ] as const) {
    it(`${name} over ${n} seeds: download times, utilization, completions, bans`, () => {
      const c = byName(name);
      const block = runModel(c, "block", seeds(n));
      const lean = runModel(c, "lean", seeds(n));
      expect(Math.abs(deviation(block.mean, lean.mean))).toBeLessThan(0.06);
      expect(Math.abs(deviation(block.p90, lean.p90))).toBeLessThan(0.06);
      expect(Math.abs(deviation(block.max, lean.max))).toBeLessThan(0.1);
      expect(Math.abs(block.utilization - lean.utilization)).toBeLessThan(0.03);
      // Churn's aborts race completions: its count may differ by a few peers (within 3 %).
      if (name === "churn") {
        expect(Math.abs(block.completed - lean.completed)).toBeLessThanOrEqual(
          0.03 * block.completed,
        );
      } else expect(lean.completed).toBe(block.completed);
      expect(lean.banned).toEqual(block.banned);
      // The point of the lean model: far fewer events.
      expect(lean.events).toBeLessThan(block.events * 0.7);
    }, 300_000);
  }
});
