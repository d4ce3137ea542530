/**
 * Partial folders left by processes that died hard (kill -9, out of memory)
 * are removed by the next command writing into the same folder, which says
 * so; those of live processes and of other hosts are left alone.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanStalePartials, HOST, partialName } from "../../sim/cli/stale-partials.ts";
import { sim, tempDir } from "../helpers/cli.ts";

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  return Number(r.stdout);
}

function partial(parent: string, name: string): string {
  const p = join(parent, name);
  mkdirSync(p);
  writeFileSync(join(p, "summary.json"), "{half");
  return p;
}

describe("stale partial folders", () => {
  it("the next sim run into the same folder removes those of dead processes and says so", () => {
    const parent = tempDir();
    const dead = deadPid();
    const stale = partial(parent, `.flash-crowd.partial-${HOST}-${dead}`);
    const legacy = partial(parent, `.old.partial-${dead}`); // the name before hosts were added
    const live = partial(parent, `.busy.partial-${HOST}-${process.pid}`);
    const remote = partial(parent, `.theirs.partial-othernode-${dead}`);
    const r = sim(["run", "scenarios/small.yaml", "--out", join(parent, "small")]);
    expect(r.status, r.stderr).toBe(0);
    for (const p of [stale, legacy]) {
      expect(existsSync(p)).toBe(false);
      expect(r.stderr).toContain(
        `sim: removed ${p}, left unfinished by process ${dead}, which is no longer running`,
      );
    }
    expect(existsSync(live)).toBe(true);
    expect(existsSync(remote)).toBe(true);
    expect(readdirSync(parent).sort()).toEqual(
      [".busy", ".theirs"]
        .map((n) => readdirSync(parent).find((e) => e.startsWith(n)) as string)
        .concat("small")
        .sort(),
    );
  });

  it("cleanStalePartials ignores folders that are not partial folders", () => {
    const dir = tempDir();
    const dead = deadPid();
    for (const n of ["results", ".hidden", `.x.partial-${HOST}-${dead}`, "x.partial-1"])
      partial(dir, n);
    const removed = cleanStalePartials(dir);
    expect(removed.map((s) => s.pid)).toEqual([dead]);
    expect(readdirSync(dir).sort()).toEqual([".hidden", "results", "x.partial-1"]);
    // This process's own name is never "stale".
    partial(dir, partialName("mine"));
    expect(cleanStalePartials(dir)).toEqual([]);
  });
});
