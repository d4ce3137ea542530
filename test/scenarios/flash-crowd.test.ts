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

  it("keeps at least 80 % of the upload capacity busy while the crowd trades, and never strands a piece", () => {
    // Issue #16's figure, over the trading window. Busy = every byte on the
    // uplinks, protocol overhead included (the libtorrent profile charges it).
    // The payload alone is ~5 % less: ≥ 0.8 on the full scenario's seeds
    // (docs/flash-crowd.md), ~0.79-0.80 on this 64 KiB-request stand-in, so
    // it is held to a looser bound here.
    const w = tradingWindow(run.rows, run.summary.peers.leechers, "wire_utilization");
    expect(w).not.toBeNull();
    expect(w!.samples).toBeGreaterThan(30);
    expect(w!.meanUtilization).toBeGreaterThanOrEqual(0.8);
    const payload = tradingWindow(run.rows, run.summary.peers.leechers, "upload_utilization");
    expect(payload!.meanUtilization).toBeGreaterThan(0.75);
    expect(strandedStretch(run.rows, w!.toS)).toBeNull();
  });
});
