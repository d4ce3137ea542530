import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readAll, sim, tempDir } from "../helpers/cli.ts";

const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const CORRUPT = ["--set", "faults.corrupt={group: dsl, fraction: 0.5}"];

describe("swarm.torrent and sim torrent", () => {
  it("a run writes a .torrent whose info-hash sim torrent --inspect reports", () => {
    const out = join(tempDir(), "run");
    expect(sim(["run", "scenarios/small.yaml", "--out", out, "--quiet"]).status).toBe(0);
    const inspect = sim(["torrent", "--inspect", join(out, "swarm.torrent")]);
    expect(inspect.status).toBe(0);
    expect(inspect.stdout).toMatch(/pieces:\s+16/);
    expect(inspect.stdout).toMatch(/size:\s+4194304 bytes/);
    const alone = join(tempDir(), "alone.torrent");
    expect(sim(["torrent", "scenarios/small.yaml", "--out", alone]).status).toBe(0);
    expect(readFileSync(alone).equals(readFileSync(join(out, "swarm.torrent")))).toBe(true);
  });

  it.skipIf(!has("transmission-show"))(
    "transmission-show agrees on info-hash, pieces and size",
    () => {
      const file = join(tempDir(), "s.torrent");
      expect(sim(["torrent", "scenarios/small.yaml", "--out", file]).status).toBe(0);
      const ours = sim(["torrent", "--inspect", file]).stdout;
      const theirs = spawnSync("transmission-show", [file], { encoding: "utf8" }).stdout;
      const hash = /info-hash:\s+([0-9a-f]{40})/.exec(ours)?.[1];
      expect(hash).toBeDefined();
      expect(theirs.toLowerCase()).toContain(`hash: ${hash}`);
      expect(theirs).toMatch(/Piece Count: 16/);
    },
  );

  it.skipIf(!has("transmission-create"))(
    "a scenario can use an existing .torrent: its pieces are used, full hashing is refused",
    () => {
      const dir = tempDir();
      const payload = join(dir, "payload.bin");
      writeFileSync(payload, Buffer.alloc(3 * 65536 + 1000, 7));
      const torrent = join(dir, "payload.torrent");
      const made = spawnSync("transmission-create", ["-o", torrent, "-s", "64", payload], {
        encoding: "utf8",
      });
      expect(made.status).toBe(0);
      const scenario = join(dir, "ext.yaml");
      const base = readFileSync("scenarios/small.yaml", "utf8").replace(
        /size: 4MiB.*\n/,
        "file: payload.torrent\n",
      );
      writeFileSync(scenario, base);
      const out = join(dir, "out");
      const r = sim(["run", scenario, "--out", out, "--quiet"]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(readFileSync(join(out, "swarm.torrent")).equals(readFileSync(torrent))).toBe(true);
      const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
      expect(summary.peers.completed).toBe(summary.peers.leechers);
      expect(JSON.parse(readFileSync(join(out, "run.json"), "utf8")).hashing_mode).toBe("model");
      const full = sim([
        "run",
        scenario,
        "--out",
        join(dir, "full"),
        "--set",
        "integrity.hashing=full",
      ]);
      expect(full.status).toBe(2);
      expect(full.stderr).toMatch(/integrity\.hashing/);
    },
  );
});

describe("hashing modes", () => {
  it("full (real SHA-1 over real bytes) and model (provenance) give byte-identical outputs, corrupt peers included", () => {
    const base = tempDir();
    const outs = ["full", "model"].map((mode) => {
      const out = join(base, mode);
      const r = sim([
        "run",
        "scenarios/small.yaml",
        "--out",
        out,
        "--quiet",
        "--set",
        `integrity.hashing=${mode}`,
        ...CORRUPT,
      ]);
      expect(r.status).toBe(0);
      expect(JSON.parse(readFileSync(join(out, "run.json"), "utf8")).hashing_mode).toBe(mode);
      return readAll(out);
    });
    const summary = JSON.parse(outs[0]["summary.json"].toString());
    expect(summary.hash_failures).toBeGreaterThan(0);
    expect(summary.all_completed_verified).toBe(true);
    for (const f of Object.keys(outs[0])) {
      if (f === "run.json") continue;
      expect(outs[1][f].equals(outs[0][f]), `${f} differs between hashing modes`).toBe(true);
    }
  });

  it("with faults.corrupt.fraction 0 the counters are zero and outputs equal a run without the key", () => {
    const base = tempDir();
    const a = join(base, "a");
    const b = join(base, "b");
    expect(
      sim([
        "run",
        "scenarios/small.yaml",
        "--out",
        a,
        "--quiet",
        "--set",
        "faults.corrupt={group: dsl, fraction: 0}",
      ]).status,
    ).toBe(0);
    expect(sim(["run", "scenarios/small.yaml", "--out", b, "--quiet"]).status).toBe(0);
    const [ra, rb] = [readAll(a), readAll(b)];
    for (const f of Object.keys(ra))
      if (f !== "run.json") expect(ra[f].equals(rb[f]), f).toBe(true);
    const s = JSON.parse(ra["summary.json"].toString());
    expect([
      s.hash_failures,
      s.redownloaded_pieces,
      s.bytes.wasted_corrupt,
      s.peers.banned,
    ]).toEqual([0, 0, 0, 0]);
  });
});
