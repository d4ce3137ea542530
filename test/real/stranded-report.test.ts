/** The stranded-piece table (scripts/real/stranded-report.ts): real and twin, per seed and mean. */
import { describe, expect, it } from "vitest";
import type { HarnessResult } from "../../scripts/real/harness.ts";
import {
  strandedCsv,
  strandedMarkdown,
  strandedRows,
  swarmMode,
} from "../../scripts/real/stranded-report.ts";

const fig = (meanS: number, maxS: number) => ({ meanS, maxS });
// Only the fields the table reads.
const result = {
  options: { leave: true, superSeed: false },
  runs: [
    {
      n: 24,
      rep: 1,
      realFigures: fig(50, 53),
      realStrandedS: 6,
      simulated: [
        {
          variant: "default",
          perSeed: [fig(36, 38), fig(40, 42)],
          strandedS: [2, null],
          figures: fig(38, 40),
        },
      ],
    },
  ],
} as unknown as HarnessResult;

describe("strandedRows", () => {
  it("lists the real swarm, each twin seed, and the twin's mean (seed 0, nulls skipped)", () => {
    expect(strandedRows(result).map((r) => [r.source, r.seed, r.meanS, r.strandedS])).toEqual([
      ["real", 0, 50, 6],
      ["sim default", 1, 36, 2],
      ["sim default", 2, 40, null],
      ["sim default", 0, 38, 2],
    ]);
  });
});

describe("the outputs", () => {
  it("write the flags as columns, and print the real rows and the twins' means", () => {
    const rows = strandedRows(result);
    const csv = strandedCsv(rows, result.options).trim().split("\n");
    expect(csv[0]).toBe("leave,super_seed,n,rep,source,seed,mean_s,max_s,stranded_s");
    expect(csv[1]).toBe("true,false,24,1,real,0,50.000,53.000,6.000");
    expect(csv[3]).toBe("true,false,24,1,sim default,2,40.000,42.000,");
    const md = strandedMarkdown(rows, swarmMode(result.options));
    expect(md).toMatch(/^Stranded pieces \(leave, plain seed\)/);
    expect(md).toMatch(/\| 24 \| 1 \| real \| 50\.0 \| 53\.0 \| 6\.00 \|/);
    expect(md).toMatch(/\| 24 \| 1 \| sim default \(mean of seeds\) \| 38\.0 \| 40\.0 \| 2\.00 \|/);
    expect(md.split("\n")).toHaveLength(6);
  });
});
