/**
 * The fast subset of `npm run validate` (scripts/validate.ts): the Kumar–Ross
 * lower bound on a small swarm, the swarm metrics' ranges, and the steady-state
 * seed count of the fluid model, which holds whatever η is (Little's law).
 */
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../sim/cli/load-scenario.ts";
import type { TimeseriesRow } from "../../sim/metrics/timeseries.ts";
import { simulate } from "../../sim/run/simulate.ts";

describe("Kumar & Ross lower bound", () => {
  for (const [profile, choker] of [
    ["libtorrent", "tit-for-tat-rr"],
    ["libtorrent", "unchoke-all"],
    ["mainline", "tit-for-tat"],
    ["mainline", "unchoke-all"],
  ]) {
    it(`no completion before max(F/u_s, F/d_min, N·F/(u_s+Σu_i)) (${profile}, ${choker})`, () => {
      const cfg = loadScenarioFile("scenarios/validation/kumar-ross.yaml", {
        sets: [
          "groups.1.count=12",
          "torrent.size=2MiB",
          `protocol.profile=${profile}`,
          `protocol.choker=${choker}`,
        ],
      });
      const F = cfg.torrent.size * 8;
      const [s, l] = cfg.groups;
      const tmin = Math.max(
        F / s.upload,
        F / l.download,
        (l.count * F) / (s.upload + l.count * l.upload),
      );
      const { summary } = simulate(cfg);
      expect(summary.peers.completed).toBe(12);
      expect(summary.last_completion_s).toBeGreaterThanOrEqual(tmin);
      expect(summary.last_completion_s).toBeLessThan(4 * tmin);
    });
  }
});

describe("swarm metrics", () => {
  it("utilization, entropy and replication stay in range; seed-only pieces end at 0", () => {
    const cfg = loadScenarioFile("scenarios/small.yaml");
    const rows: TimeseriesRow[] = [];
    const { summary } = simulate(cfg, { onTimeseriesRow: (r) => rows.push(r) });
    const sw = summary.swarm!;
    expect(sw.upload_utilization).toBeGreaterThan(0);
    expect(sw.upload_utilization).toBeLessThanOrEqual(1);
    expect(sw.entropy.peers).toBe(30);
    expect(sw.entropy.min).toBeGreaterThan(0);
    expect(sw.entropy.mean).toBeLessThanOrEqual(1);
    expect(sw.min_piece_copies).toBeGreaterThanOrEqual(1);
    expect(rows[0].pieces_only_at_seeds).toBe(16); // only the origin holds pieces at t = 0
    for (const r of rows) {
      if (r.entropy !== null) expect(r.entropy).toBeGreaterThanOrEqual(0);
      if (r.entropy !== null) expect(r.entropy).toBeLessThanOrEqual(1);
    }
    expect(summary.groups.find((g) => g.group === "dsl")!.share_ratio).toBeLessThan(1);
  });
});

describe("Qiu & Srikant: seeds in steady state", () => {
  it.each(["libtorrent", "mainline"])(
    "ȳ ≈ λ/γ (seeds stay an exponential time, whatever the download dynamics; %s)",
    (profile) => {
      const cfg = loadScenarioFile("scenarios/validation/qiu-srikant.yaml", {
        sets: [
          "stop.max_time=900s",
          "groups.1.arrival.until=900s",
          "groups.1.arrival.rate=1",
          `protocol.profile=${profile}`,
        ],
      });
      const rows: TimeseriesRow[] = [];
      simulate(cfg, { onTimeseriesRow: (r) => rows.push(r) });
      const window = rows.filter((r) => (r.time_s ?? 0) >= 450);
      // Seeds include the bootstrap origin.
      const ybar = window.reduce((a, r) => a + (r.seeds ?? 0) - 1, 0) / window.length;
      expect(ybar / 30 - 1).toBeGreaterThan(-0.35);
      expect(ybar / 30 - 1).toBeLessThan(0.35);
    },
  );
});
