import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readAll, sim, tempDir } from "../helpers/cli.ts";

const CONTRACT_FILES = ["peers.csv", "run.json", "summary.json", "timeseries.csv"];

describe("sim run", () => {
  it("writes the contract's outputs and a short summary", () => {
    const out = join(tempDir(), "small");
    const r = sim(["run", "scenarios/small.yaml", "--out", out, "--quiet"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    for (const f of CONTRACT_FILES) expect(existsSync(join(out, f))).toBe(true);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.scenario).toBe("small");
    expect(summary.peers.completed).toBe(summary.peers.leechers);
    expect(summary.all_completed_verified).toBe(true);
    for (const k of ["mean", "p50", "p90", "p99", "max"]) {
      expect(summary.download_time_s[k]).toBeGreaterThan(0);
    }
    const peers = readFileSync(join(out, "peers.csv"), "utf8").trim().split("\n");
    expect(peers[0]).toBe(
      "peer,group,behaviour,arrival_s,completion_s,departure_s,uploaded_bytes,downloaded_bytes,hash_failures,banned",
    );
    expect(peers.length - 1).toBe(summary.peers.total);
    const ts = readFileSync(join(out, "timeseries.csv"), "utf8").trim().split("\n");
    // The contract's columns come first; later columns are additions.
    expect(
      ts[0].startsWith(
        "time_s,leechers,seeds,completed,upload_bps,upload_utilization,min_piece_copies,mean_piece_copies,hash_failures",
      ),
    ).toBe(true);
    const run = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
    expect(run.events).toBe(summary.events);
    expect(run.events_per_s).toBeGreaterThan(0);
  });

  it("prints a summary and shows progress unless --quiet", () => {
    const out = join(tempDir(), "small");
    const r = sim(["run", "scenarios/small.yaml", "--out", out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/leechers completed 30\/30/);
  });

  it("is deterministic: same seed ⇒ byte-identical outputs but run.json; another seed differs", () => {
    const base = tempDir();
    const runs = ["a", "b"].map((name) => {
      const out = join(base, name);
      expect(sim(["run", "scenarios/small.yaml", "--out", out, "--quiet"]).status).toBe(0);
      return readAll(out);
    });
    const other = join(base, "c");
    expect(
      sim(["run", "scenarios/small.yaml", "--out", other, "--quiet", "--seed", "2"]).status,
    ).toBe(0);
    const third = readAll(other);
    for (const f of Object.keys(runs[0])) {
      if (f === "run.json") continue;
      expect(runs[1][f].equals(runs[0][f]), `${f} differs between identical runs`).toBe(true);
    }
    expect(third["peers.csv"].equals(runs[0]["peers.csv"])).toBe(false);
    expect(third["summary.json"].equals(runs[0]["summary.json"])).toBe(false);
  });

  it("--set overrides change the run", () => {
    const out = join(tempDir(), "small");
    const r = sim([
      "run",
      "scenarios/small.yaml",
      "--out",
      out,
      "--quiet",
      "--set",
      "groups.1.count=3",
    ]);
    expect(r.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.peers.total).toBe(31 - 12 + 3);
  });
});

describe("bad input", () => {
  function expectRejected(args: string[], pattern: RegExp) {
    const base = tempDir();
    const out = join(base, "out");
    const r = sim([...args, "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(pattern);
    // Nothing written: no output folder, no partial folder.
    expect(readdirSync(base)).toEqual([]);
  }

  it("an unknown key names the file, line:col and key path", () => {
    const dir = tempDir();
    const file = join(dir, "bad.yaml");
    writeFileSync(
      file,
      "name: bad\nseed: 1\ntorrent:\n  size: 1MiB\ngroups:\n  - name: s\n    start_as: seed\n    upload: 1Mbit/s\n    download: 1Mbit/s\nprotocol:\n  pickr: random\n",
    );
    expectRejected(["run", file], /bad\.yaml:11:3: protocol\.pickr: .*unknown/);
  });

  it("a bad unit names the key", () => {
    const dir = tempDir();
    const file = join(dir, "bad.yaml");
    writeFileSync(
      file,
      "name: bad\nseed: 1\ntorrent:\n  size: 1MiB\ngroups:\n  - name: s\n    start_as: seed\n    upload: fast\n    download: 1Mbit/s\n",
    );
    expectRejected(["run", file], /bad\.yaml:8:13: groups\[0\]\.upload: /);
  });

  it("a bad --set value is reported against the override", () => {
    expectRejected(
      ["run", "scenarios/small.yaml", "--set", "protocol.picker=best"],
      /--set protocol\.picker=best.*picker/,
    );
  });

  it("a missing scenario file and unknown flags exit 2", () => {
    expectRejected(["run", "scenarios/nope.yaml"], /nope\.yaml/);
    expectRejected(["run", "scenarios/small.yaml", "--bogus"], /bogus/);
  });

  it("sim validate accepts good scenarios and rejects bad ones without running", () => {
    const ok = sim(["validate", "scenarios/flash-crowd.yaml"]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/ok/);
    const bad = sim(["validate", "scenarios/small.yaml", "--set", "groups.0.count=-1"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/groups\[0\]\.count|groups\.0\.count/);
  });
});
