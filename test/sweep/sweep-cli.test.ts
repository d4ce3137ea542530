import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, sim, tempDir } from "../helpers/cli.ts";

const SMALL = join(ROOT, "scenarios/small.yaml");

/** A sweep of small.yaml: 2 pickers × 2 DSL group sizes × 2 seeds = 8 short runs. */
function sweepFile(dir: string, extra = "", counts = "[4, 8]"): string {
  const file = join(dir, "sweep.yaml");
  writeFileSync(
    file,
    `name: t\nbase: ${SMALL}\nvary:\n  protocol.picker: [rarest-first, random]\n  groups.1.count: ${counts}\nseeds: 2\nmetrics: [download_time_s.mean, last_completion_s]\n${extra}`,
  );
  return file;
}

function runIds(out: string): string[] {
  return readdirSync(join(out, "runs"))
    .filter((n) => /^[0-9a-f]{16}$/.test(n))
    .sort();
}

/** Runs `sim` asynchronously (so several can run at once). */
function simAsync(args: readonly string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, "bin/sim.mjs"), ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: "true" },
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (status) => resolve({ status, stderr }));
  });
}

describe("sim sweep", () => {
  it("three concurrent shard processes + merge = one `--jobs 1` sweep, byte for byte; a changed grid reuses runs", async () => {
    const base = tempDir();
    const file = sweepFile(base);
    const single = join(base, "single");
    const r = sim(["sweep", file, "--out", single, "--jobs", "1", "--quiet"]);
    expect(r.status, r.stderr).toBe(0);
    const csv = readFileSync(join(single, "sweep.csv"), "utf8");
    const lines = csv.trim().split("\n");
    expect(lines.length).toBe(1 + 8);
    expect(lines[0]).toBe(
      "point,protocol.picker,groups.1.count,seed,id,end_reason,leechers,completed,download_time_s.mean,last_completion_s",
    );
    expect(lines[1]).toMatch(/^0,rarest-first,4,1,[0-9a-f]{16},all-done,22,22,/);
    expect(lines[8]).toMatch(/^3,random,8,2,/);
    const html = readFileSync(join(single, "sweep.html"), "utf8");
    expect(html).toContain('id="sweep-data"');
    expect(html).not.toMatch(/<script[^>]+src=/);
    for (const id of runIds(single)) {
      const params = JSON.parse(readFileSync(join(single, "runs", id, "params.json"), "utf8"));
      expect(params.id).toBe(id);
      for (const f of ["summary.json", "peers.csv", "timeseries.csv", "run.json"])
        expect(existsSync(join(single, "runs", id, f))).toBe(true);
    }

    const sharded = join(base, "sharded");
    const shards = await Promise.all(
      [0, 1, 2].map((i) =>
        simAsync(["sweep", file, "--out", sharded, "--jobs", "1", "--shard", `${i}/3`, "--quiet"]),
      ),
    );
    for (const s of shards) expect(s.status, s.stderr).toBe(0);
    expect(existsSync(join(sharded, "sweep.csv"))).toBe(false); // shards do not merge
    const m = sim(["sweep", "merge", sharded]);
    expect(m.status, m.stderr).toBe(0);
    expect(m.stdout).toContain("8/8 runs merged");
    expect(readFileSync(join(sharded, "sweep.csv"), "utf8")).toBe(csv);
    expect(readFileSync(join(sharded, "sweep.json"), "utf8")).toBe(
      readFileSync(join(single, "sweep.json"), "utf8"),
    );
    expect(runIds(sharded)).toEqual(runIds(single));

    // A wider grid: the four runs with 8 leechers in the DSL group are reused, 16 are new.
    const wider = sweepFile(base, "", "[8, 16]");
    const again = sim(["sweep", wider, "--out", single, "--jobs", "2"]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/8 runs; 4 already complete; running 4/);
  });

  it("a sweep killed midway resumes without redoing finished runs, and merge never sees a half-written run", async () => {
    const base = tempDir();
    const file = sweepFile(base);
    const out = join(base, "out");
    const child = spawn(
      process.execPath,
      [join(ROOT, "bin/sim.mjs"), "sweep", file, "--out", out, "--jobs", "1", "--quiet"],
      { cwd: ROOT, stdio: "ignore" },
    );
    const exited = new Promise((resolve) => child.on("exit", resolve));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (existsSync(join(out, "runs")) && runIds(out).length > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill("SIGKILL");
    await exited;
    const done = runIds(out);
    expect(done.length).toBeGreaterThan(0);
    expect(done.length).toBeLessThan(8);
    // Whatever was in flight is a partial folder, never a run folder.
    const before = new Map(
      done.map((id) => [
        id,
        {
          mtime: statSync(join(out, "runs", id, "run.json")).mtimeMs,
          run: readFileSync(join(out, "runs", id, "run.json"), "utf8"),
        },
      ]),
    );
    const partial = sim(["sweep", "merge", out, "--strict"]);
    expect(partial.status).toBe(1);
    expect(partial.stderr).toMatch(new RegExp(`${8 - done.length} run\\(s\\) missing`));
    const lenient = sim(["sweep", "merge", out]);
    expect(lenient.status).toBe(0);
    expect(readFileSync(join(out, "sweep.csv"), "utf8").trim().split("\n").length).toBe(
      1 + done.length,
    );

    const r = sim(["sweep", file, "--out", out, "--jobs", "2"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${done.length} already complete`);
    expect(r.stderr).toContain(`running ${8 - done.length}`);
    for (const [id, b] of before) {
      expect(statSync(join(out, "runs", id, "run.json")).mtimeMs).toBe(b.mtime);
      expect(readFileSync(join(out, "runs", id, "run.json"), "utf8")).toBe(b.run);
    }
    expect(readdirSync(join(out, "runs")).filter((n) => n.startsWith("."))).toEqual([]);
    expect(runIds(out).length).toBe(8);
    expect(readFileSync(join(out, "sweep.csv"), "utf8").trim().split("\n").length).toBe(9);
    expect(sim(["sweep", "merge", out, "--strict"]).status).toBe(0);
  });

  it("a bad sweep file exits 2 naming the file, line:col and key, and writes nothing", () => {
    const base = tempDir();
    const out = join(base, "out");
    const cases: [string, RegExp][] = [
      [
        `base: ${SMALL}\nvary:\n  protocol.picker: [rarest-first, best]\nseeds: 2\n`,
        /sweep\.yaml:3:35: vary\.protocol\.picker\[1\]: expected one of rarest-first \| random \| sequential; got 'best'/,
      ],
      [
        `base: ${SMALL}\nvary:\n  groups.1.count: [4, -1]\nseeds: 2\n`,
        /sweep\.yaml:3:23: vary\.groups\.1\.count\[1\]: /,
      ],
      [
        `base: ${SMALL}\nvary:\n  protocol.pickr: [random]\nseeds: 2\n`,
        /sweep\.yaml:3:20: vary\.protocol\.pickr\[0\]: unknown key \(did you mean picker\?\)/,
      ],
      [
        `base: ${SMALL}\nvary:\n  protocol.picker: [random]\nseeds: 2\nmetrics: [download_time]\n`,
        /sweep\.yaml:5:11: metrics\[0\]: expected one of/,
      ],
      [
        `base: nowhere.yaml\nvary:\n  protocol.picker: [random]\nseeds: 2\n`,
        /sweep\.yaml:1:7: base: cannot read the base scenario: no such file/,
      ],
      [`base: ${SMALL}\nvary:\n  protocol.picker: [random]\n`, /sweep\.yaml:1:1: seeds: required/],
    ];
    for (const [text, re] of cases) {
      const dir = join(base, String(cases.findIndex((c) => c[0] === text)));
      mkdirSync(dir);
      const file = join(dir, "sweep.yaml");
      writeFileSync(file, text);
      const r = sim(["sweep", file, "--out", out]);
      expect(r.status, `${text}\n${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(re);
      expect(existsSync(out)).toBe(false);
    }
    const ok = sweepFile(base);
    const flags = sim(["sweep", ok, "--out", out, "--shard", "3/3"]);
    expect(flags.status).toBe(2);
    expect(flags.stderr).toMatch(/--shard 3\/3: I must be in 0\.\.2/);
    expect(sim(["sweep", "merge", join(base, "none")]).status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it("--emit writes the Slurm script and the GNU parallel line; parallel runs its line for real", () => {
    const base = tempDir();
    const file = sweepFile(base);
    const out = join(base, "par");
    const slurm = sim([
      "sweep",
      file,
      "--emit",
      "slurm",
      "--shards",
      "4",
      "--jobs",
      "2",
      "--out",
      out,
    ]);
    expect(slurm.status, slurm.stderr).toBe(0);
    expect(slurm.stdout).toMatch(/^#!\/bin\/bash\n/);
    expect(slurm.stdout).toContain("#SBATCH --array=0-3\n");
    expect(slurm.stdout).toMatch(/--shard "\$\{SLURM_ARRAY_TASK_ID\}\/4"/);
    expect(existsSync(out)).toBe(false);
    const script = join(base, "job.sh");
    expect(sim(["sweep", file, "--emit", "slurm", "--emit-out", script, "--out", out]).status).toBe(
      0,
    );
    expect(readFileSync(script, "utf8")).toContain("#SBATCH --array=0-7\n");
    expect(spawnSync("bash", ["-n", script]).status).toBe(0);

    const par = sim(["sweep", file, "--emit", "parallel", "--shards", "3", "--out", out]);
    expect(par.status, par.stderr).toBe(0);
    const line = par.stdout.trim();
    expect(line).toMatch(/^parallel -j 3 npx sim sweep .* --shard \{\}\/3 ::: \$\(seq 0 2\)$/);
    if (spawnSync("parallel", ["--version"]).status !== 0) {
      console.warn(
        "skipping the GNU parallel run: `parallel` not installed (apt-get install parallel)",
      );
      return;
    }
    const run = spawnSync("bash", ["-c", line], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CI: "true" },
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(runIds(out).length).toBe(8);
    const m = sim(["sweep", "merge", out, "--strict", "--quiet"]);
    expect(m.status, m.stderr).toBe(0);
    const single = join(base, "single");
    expect(sim(["sweep", file, "--out", single, "--jobs", "1", "--quiet"]).status).toBe(0);
    expect(readFileSync(join(out, "sweep.csv"), "utf8")).toBe(
      readFileSync(join(single, "sweep.csv"), "utf8"),
    );
  });
});
