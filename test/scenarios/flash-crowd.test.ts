/**
 * The main job's done-when figures, read from summary.json and
 * timeseries.csv of a real run (the 64 KiB-request stand-in of scaled.ts;
 * docs/flash-crowd.md has the full run's figures).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { strandedStretch, tradingWindow } from "../../sim/metrics/trading-window.ts";
import { meanDownload, type RunFigures, runScenario } from "./run-figures.ts";
import { FLASH_CROWD_SCALED } from "./scaled.ts";

describe("scenarios/flash-crowd.yaml: a flash crowd as measured", () => {
  let run: RunFigures;
  beforeAll(() => {
    run = runScenario("scenarios/flash-crowd.yaml", FLASH_CROWD_SCALED);
  });

  it("brings about 1,000 leechers, and every one completes", () => {
    expect(run.summary.peers.leechers).toBeGreaterThan(900);
    expect(run.summary.peers.leechers).toBeLessThanOrEqual(1000);
    expect(run.summary.peers.completed).toBe(run.summary.peers.leechers);
    expect(run.summary.end_reason).toBe("all-done");
  });

  it("has arrivals that peak at the release and decay", () => {
    // New leechers per 5 min (the half-life): each window well below the one before.
    const arrived = (t: number) => {
      const r = run.rows.filter((x) => x.time_s! <= t).at(-1)!;
      return r.leechers! + r.completed!;
    };
    const windows = [0, 1, 2, 3].map((k) => arrived(300 * (k + 1)) - arrived(300 * k));
    for (let k = 1; k < windows.length; k++) expect(windows[k]).toBeLessThan(0.8 * windows[k - 1]);
  });

  it("gives fibre a mean download time well below DSL's", () => {
    expect(meanDownload(run, "fibre")).toBeLessThan(0.6 * meanDownload(run, "dsl"));
    expect(meanDownload(run, "vdsl")).toBeLessThan(meanDownload(run, "dsl"));
  });

  it("keeps most of the upload capacity busy while the crowd trades, and never strands a piece", () => {
    // Busy = every byte on the uplinks, protocol overhead included (the
    // libtorrent profile charges it: the payload alone is ~6 % less).
    const w = tradingWindow(run.rows, run.summary.peers.leechers, "wire_utilization");
    expect(w).not.toBeNull();
    expect(w!.samples).toBeGreaterThan(30);
    expect(w!.meanUtilization).toBeGreaterThan(0.6);
    expect(strandedStretch(run.rows, w!.toS)).toBeNull();
  });

  // Issue #16 asks for ≥ 0.8. Under libtorrent's defaults the model gives
  // ~0.72 (wire) / ~0.67 (payload): newcomers idle for their first pieces
  // (docs/flash-crowd.md, "Where the utilization goes"). Marked as a known
  // failure, so that it fails — and must be turned back into a plain test —
  // the day the model reaches the target.
  it.fails("reaches ≥ 80 % upload utilization in the trading window (issue #16, not met yet)", () => {
    const w = tradingWindow(run.rows, run.summary.peers.leechers, "wire_utilization");
    expect(w!.meanUtilization).toBeGreaterThanOrEqual(0.8);
  });
});
