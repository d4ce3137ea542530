import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../sim/scenario/errors.ts";
import { parallelCommand, slurmScript } from "../../sim/sweep/emit.ts";
import { mergeRows, sweepCsvColumns } from "../../sim/sweep/merge.ts";
import {
  canonicalJson,
  gridPoints,
  parseShard,
  pointCoords,
  runId,
  type SweepPlan,
  shardOf,
} from "../../sim/sweep/plan.ts";
import { parseSweepSpec } from "../../sim/sweep/spec.ts";

function errorOf(text: string): ScenarioError {
  try {
    parseSweepSpec(text, "s.yaml");
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error("no error");
}

describe("sweep file", () => {
  it("reads base, an ordered grid, seeds as a count or a list, and metrics", () => {
    const spec = parseSweepSpec(
      "base: ../small.yaml\nvary:\n  protocol.picker: [rarest-first, random]\n  groups.1.count: [10, 20]\nseeds: 3\nmetrics: [download_time_s.p90]\n",
      "s.yaml",
    );
    expect(spec.vary.map((a) => a.path)).toEqual(["protocol.picker", "groups.1.count"]);
    expect(spec.vary[1].values).toEqual([10, 20]);
    expect(spec.vary[1].where[1]).toEqual({ file: "s.yaml", line: 4, col: 24 });
    expect(spec.seeds).toEqual([1, 2, 3]);
    expect(spec.metrics).toEqual(["download_time_s.p90"]);
    expect(
      parseSweepSpec("base: a.yaml\nvary: { x.y: [1] }\nseeds: [4, 2, 9]\n", "s.yaml").seeds,
    ).toEqual([4, 2, 9]);
  });

  it("names the file, line:col and key of each mistake", () => {
    const base = "base: a.yaml\nvary:\n  protocol.picker: [rarest-first]\n";
    expect(errorOf(`${base}seeds: 2\nmetrics: [download_time_s.mena]\n`).message).toMatch(
      /^s\.yaml:5:11: metrics\[0\]: expected one of .*download_time_s\.mean/,
    );
    expect(errorOf(`${base}seeds: 2\nseed: 3\n`).message).toMatch(
      /^s\.yaml:5:1: seed: unknown key \(did you mean seeds\?\)/,
    );
    expect(errorOf(`${base}seeds: 0\n`).message).toMatch(/^s\.yaml:4:8: seeds: /);
    expect(errorOf(`${base}seeds: [1, 1]\n`).message).toMatch(/^s\.yaml:4:12: seeds\[1\]: .*twice/);
    expect(errorOf("vary: { a.b: [1] }\nseeds: 1\n").message).toMatch(/base: required/);
    expect(errorOf("base: a.yaml\nvary: { a.b: 3 }\nseeds: 1\n").message).toMatch(
      /^s\.yaml:2:14: vary\.a\.b: expected a list/,
    );
    expect(errorOf("base: a.yaml\nvary: { seed: [1, 2] }\nseeds: 1\n").message).toMatch(
      /vary\.seed: seeds are not a grid key/,
    );
    expect(errorOf("base: a.yaml\nvary:\n  a: [1\n").message).toMatch(/^s\.yaml:\d+:\d+: /);
  });
});

describe("plan", () => {
  it("expands the grid first key slowest and maps points back to coordinates", () => {
    const axes = [
      { path: "a", values: ["x", "y"] },
      { path: "b", values: [1, 2, 3] },
    ];
    const pts = gridPoints(axes);
    expect(pts.map((p) => p.values)).toEqual([
      ["x", 1],
      ["x", 2],
      ["x", 3],
      ["y", 1],
      ["y", 2],
      ["y", 3],
    ]);
    expect(pts[4].sets).toEqual(['a="y"', "b=2"]);
    expect(pts.map((p) => pointCoords(axes, p.index))).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
  });

  it("gives a run id that ignores key order and description, and changes with any value", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
    const id = runId({ seed: 1, p: { x: 1, y: "z" }, description: "one" });
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(runId({ p: { y: "z", x: 1 }, description: "two", seed: 1 })).toBe(id);
    expect(runId({ seed: 2, p: { x: 1, y: "z" } })).not.toBe(id);
  });

  it("shards deterministically and about evenly", () => {
    expect(parseShard("2/5")).toEqual({ index: 2, count: 5 });
    for (const bad of ["5/5", "1", "a/b", "0/0"]) expect(() => parseShard(bad)).toThrow();
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[shardOf(runId({ i }), 4)]++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
    expect(shardOf("0000000a00000000", 4)).toBe(2);
  });

  it("merges rows in plan order and lists the missing runs", () => {
    const plan: SweepPlan = {
      format: 1,
      name: "t",
      description: "",
      base: "b.yaml",
      vary: [{ path: "a", values: [1, 2] }],
      seeds: [1, 2],
      metrics: ["download_time_s.mean", "swarm.upload_utilization"],
      runs: [
        { id: "aa", point: 0, seed: 1 },
        { id: "bb", point: 0, seed: 2 },
        { id: "cc", point: 1, seed: 1 },
        { id: "dd", point: 1, seed: 2 },
      ],
    };
    const sum = (m: number) => ({
      end_reason: "all-done",
      peers: { leechers: 3, completed: 3 },
      download_time_s: { mean: m },
    });
    const r = mergeRows(
      plan,
      new Map<string, unknown>([
        ["dd", sum(4)],
        ["aa", sum(1)],
      ]),
    );
    expect(sweepCsvColumns(plan)).toEqual([
      "point",
      "a",
      "seed",
      "id",
      "end_reason",
      "leechers",
      "completed",
      "download_time_s.mean",
      "swarm.upload_utilization",
    ]);
    expect(r.rows).toEqual([
      [0, "1", 1, "aa", "all-done", 3, 3, 1, ""],
      [1, "2", 2, "dd", "all-done", 3, 3, 4, ""],
    ]);
    expect(r.missing.map((m) => m.id)).toEqual(["bb", "cc"]);
  });
});

describe("cluster recipes", () => {
  const opts = {
    sweepFile: "scenarios/sweeps/x.yaml",
    out: "results/x",
    shards: 6,
    name: "x",
    runs: 40,
    cpus: 4,
  };

  it("the Slurm script is an array 0..N-1 whose tasks each run their shard into the shared DIR", () => {
    const script = slurmScript(opts);
    const lines = script.split("\n");
    expect(lines[0]).toBe("#!/bin/bash");
    // #SBATCH directives must all come before the first command.
    const firstCommand = lines.findIndex((l) => l.trim() !== "" && !l.startsWith("#"));
    const directives = new Map<string, string>();
    lines.forEach((l, i) => {
      const m = /^#SBATCH\s+--([a-z-]+)=(\S+)$/.exec(l);
      if (m) {
        expect(i).toBeLessThan(firstCommand);
        directives.set(m[1], m[2]);
      }
    });
    const [lo, hi] = (directives.get("array") ?? "").split("-").map(Number);
    expect([lo, hi]).toEqual([0, opts.shards - 1]);
    expect(directives.get("cpus-per-task")).toBe("4");
    expect(directives.get("job-name")).toBe("x");
    const cmd = lines.find((l) => l.startsWith("npx sim sweep")) ?? "";
    expect(cmd).toContain("scenarios/sweeps/x.yaml --out results/x");
    const shard = /--shard "\$\{SLURM_ARRAY_TASK_ID\}\/(\d+)"/.exec(cmd);
    expect(Number(shard?.[1])).toBe(opts.shards);
    expect(cmd).toMatch(/--jobs "\$\{SLURM_CPUS_PER_TASK:-1\}"/);
    expect(script).toContain("npx sim sweep merge results/x");
  });

  it("the GNU parallel line runs shards 0..N-1 with {} as the shard index", () => {
    expect(parallelCommand(opts)).toBe(
      "parallel -j 6 npx sim sweep scenarios/sweeps/x.yaml --out results/x --jobs 1 --quiet --shard {}/6 ::: $(seq 0 5)",
    );
    expect(parallelCommand({ ...opts, out: "my results" })).toContain("--out 'my results'");
  });
});
