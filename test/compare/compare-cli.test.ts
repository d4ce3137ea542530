import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { sim, tempDir } from "../helpers/cli.ts";

/** Every file under a folder, by relative path, but run.json (wall time). */
function tree(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== "run.json") out[relative(dir, p)] = readFileSync(p);
    }
  };
  walk(dir);
  return out;
}

const ARGS = [
  "compare",
  "scenarios/small.yaml",
  "--vary",
  "protocol.picker=rarest-first,random",
  "--seeds",
  "2",
];

describe("sim compare", () => {
  it("prints the table, writes the three files and one folder per run; 1 job = many jobs byte for byte", () => {
    const base = tempDir();
    const one = join(base, "one");
    const many = join(base, "many");
    const r1 = sim([...ARGS, "--out", one, "--jobs", "1"]);
    expect(r1.status, r1.stderr).toBe(0);
    expect(r1.stdout).toMatch(/protocol\.picker=rarest-first\s+2\/2/);
    expect(r1.stdout).toMatch(/mean dl \(s\)/);
    expect(r1.stdout).toMatch(/±/);
    const r2 = sim([...ARGS, "--out", many, "--jobs", "2", "--quiet"]);
    expect(r2.status, r2.stderr).toBe(0);
    for (const f of ["compare.csv", "compare.json", "compare.html"])
      expect(existsSync(join(one, f))).toBe(true);
    for (const v of ["protocol.picker=rarest-first", "protocol.picker=random"])
      for (const s of [1, 2])
        for (const f of ["summary.json", "peers.csv", "timeseries.csv", "run.json"])
          expect(existsSync(join(one, v, `seed-${s}`, f))).toBe(true);
    const a = tree(one);
    const b = tree(many);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const f of Object.keys(a))
      expect(b[f].equals(a[f]), `${f} differs between --jobs 1 and 2`).toBe(true);

    const csv = readFileSync(join(one, "compare.csv"), "utf8").trim().split("\n");
    expect(csv.length).toBe(1 + 4);
    expect(csv[0]).toMatch(/^variant,protocol\.picker,seed,dir,end_reason/);
    const json = JSON.parse(readFileSync(join(one, "compare.json"), "utf8"));
    expect(json.variants.map((v: { name: string }) => v.name)).toEqual([
      "protocol.picker=rarest-first",
      "protocol.picker=random",
    ]);
    expect(json.variants[0].metrics.download_time_mean_s.n).toBe(2);
    // A compare run's outputs are those of `sim run` with the same overrides and seed.
    const single = join(base, "single");
    expect(
      sim([
        "run",
        "scenarios/small.yaml",
        "--set",
        "protocol.picker=random",
        "--seed",
        "2",
        "--out",
        single,
        "--quiet",
      ]).status,
    ).toBe(0);
    const s = tree(single);
    for (const f of Object.keys(s))
      expect(s[f].equals(a[`protocol.picker=random/seed-2/${f}`]), f).toBe(true);
  });

  it("rejects bad input with exit 2 and writes nothing", () => {
    const out = join(tempDir(), "bad");
    const r = sim([
      "compare",
      "scenarios/small.yaml",
      "--vary",
      "protocol.picker=best,random",
      "--out",
      out,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/protocol\.picker/);
    expect(existsSync(out)).toBe(false);
    const r2 = sim(["compare", "scenarios/small.yaml", "--vary", "protocol.picker", "--out", out]);
    expect(r2.status).toBe(2);
    const r3 = sim([
      "compare",
      "scenarios/small.yaml",
      "--vary",
      "protocol.picker=random",
      "--seeds",
      "0",
      "--out",
      out,
    ]);
    expect(r3.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
