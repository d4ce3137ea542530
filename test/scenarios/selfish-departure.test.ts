/**
 * The lesson the old flash crowd teaches, read from summary.json and
 * timeseries.csv of a real run (the half-size stand-in of scaled.ts): when
 * every leecher leaves on completion, the last piece strands at the slow
 * origin and every class finishes together.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { strandedStretch, tradingWindow } from "../../sim/metrics/trading-window.ts";
import { meanDownload, type RunFigures, runScenario } from "./run-figures.ts";
import { SELFISH_DEPARTURE_SCALED } from "./scaled.ts";

describe("scenarios/selfish-departure.yaml: the last piece strands at the origin", () => {
  let run: RunFigures;
  beforeAll(() => {
    run = runScenario("scenarios/selfish-departure.yaml", SELFISH_DEPARTURE_SCALED);
  });

  it("holds a piece at the origin alone for a long stretch while leechers wait", () => {
    const w = tradingWindow(run.rows, run.summary.peers.leechers)!;
    const stretch = strandedStretch(run.rows, w.toS);
    expect(stretch).not.toBeNull();
    expect(stretch!.samples).toBeGreaterThanOrEqual(5); // ≥ 50 s of 10 s samples
    const during = run.rows.filter((r) => r.time_s! >= stretch!.fromS && r.time_s! <= stretch!.toS);
    for (const r of during) expect(r.min_piece_copies).toBe(1);
    // It strands while most of the crowd still wants it.
    expect(during[0].leechers).toBeGreaterThan(0.5 * run.summary.peers.leechers);
    // The origin's 10 Mbit/s is all that moves it: the swarm's upload idles.
    expect(w.meanUtilization).toBeLessThan(0.3);
  });

  it("makes every class finish at about the same time, fibre included", () => {
    const dsl = meanDownload(run, "dsl");
    for (const g of ["cable", "vdsl", "fibre"]) {
      expect(meanDownload(run, g) / dsl).toBeGreaterThan(0.9);
    }
    expect(run.summary.peers.completed).toBe(run.summary.peers.leechers);
  });
});
