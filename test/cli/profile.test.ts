/**
 * The profile in the outputs: summary.json and run.json name it, and the
 * goodput (payload) and the capacity used (every byte on the uplinks) are
 * reported side by side.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sim, tempDir } from "../helpers/cli.ts";

function run(profile: string) {
  const out = join(tempDir(), profile);
  const r = sim([
    "run",
    "scenarios/small.yaml",
    "--set",
    `protocol.profile=${profile}`,
    "--out",
    out,
    "--quiet",
  ]);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  const json = (f: string) => JSON.parse(readFileSync(join(out, f), "utf8"));
  const [header, ...rows] = readFileSync(join(out, "timeseries.csv"), "utf8").trim().split("\n");
  const cols = header.split(",");
  const table = rows.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i], v])));
  return { summary: json("summary.json"), runJson: json("run.json"), cols, table };
}

describe("the profile in the outputs", () => {
  for (const profile of ["libtorrent", "mainline"]) {
    it(`${profile}: named in summary.json and run.json; goodput and capacity used apart`, () => {
      const { summary, runJson, cols, table } = run(profile);
      expect(summary.profile).toBe(profile);
      expect(runJson.profile).toBe(profile);
      // The contract's columns first, unchanged; the wire columns added after.
      expect(cols.slice(0, 9)).toEqual([
        "time_s",
        "leechers",
        "seeds",
        "completed",
        "upload_bps",
        "upload_utilization",
        "min_piece_copies",
        "mean_piece_copies",
        "hash_failures",
      ]);
      expect(cols).toContain("wire_upload_bps");
      expect(cols).toContain("wire_utilization");
      const b = summary.bytes;
      // BEP 3 framing is on the wire in both profiles; libtorrent adds TCP/IP headers.
      expect(b.wire_uploaded).toBeGreaterThan(b.uploaded);
      const overhead = b.wire_uploaded / b.uploaded - 1;
      if (profile === "libtorrent") expect(overhead).toBeGreaterThan(40 / 1500);
      else expect(overhead).toBeLessThan(0.01);
      expect(summary.swarm.wire_utilization).toBeGreaterThan(summary.swarm.upload_utilization);
      for (const r of table) {
        expect(Number(r.wire_upload_bps)).toBeGreaterThanOrEqual(Number(r.upload_bps));
        if (r.wire_utilization !== "") expect(Number(r.wire_utilization)).toBeLessThanOrEqual(1);
      }
    });
  }
});
