/**
 * Writes one run's outputs (timeseries.csv streamed while it runs,
 * summary.json, peers.csv, swarm.torrent, run.json) into a folder. Shared by `sim run` and by
 * `sim compare`'s workers, so both write exactly the same files.
 */
import { once } from "node:events";
import { createWriteStream, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "csv-stringify";
import { stringify as stringifySync } from "csv-stringify/sync";
import { PEERS_COLUMNS } from "../metrics/peers-table.ts";
import { ReplayRecorder } from "../metrics/replay-trace.ts";
import { TIMESERIES_COLUMNS, type TimeseriesRow } from "../metrics/timeseries.ts";
import type { SwarmObserver } from "../observe/events.ts";
import { type Progress, type SimulationResult, simulate } from "../run/simulate.ts";
import { prepareTorrent } from "../run/torrent-setup.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import { readExternalTorrent } from "./external-torrent.ts";
import { renderReplayHtml } from "./replay-html.ts";
import { runMetadata } from "./run-metadata.ts";

export interface WriteRunOptions {
  readonly onProgress?: (p: Progress) => void;
  /** Also receives each timeseries row (compare keeps some for its charts). */
  readonly onTimeseriesRow?: (row: TimeseriesRow) => void;
  /** Told what the run is doing, for an interrupt's message. */
  readonly onPhase?: (phase: RunPhase) => void;
  /** Stops the run (SimulationInterrupted) when it returns true; see sim/run/interrupt.ts. */
  readonly interrupt?: () => boolean;
  /** `--check`: assert the model's invariants while running (sim/check/). */
  readonly check?: boolean;
  /** More observers of the run (compare's seeding figures); they write nothing. */
  readonly observers?: readonly SwarmObserver[];
}

export type RunPhase = "preparing the torrent" | "simulating" | "writing the outputs";

/** Runs the simulation and writes its files into `dir` (which must exist). */
export async function writeRunOutputs(
  config: ScenarioConfig,
  dir: string,
  opts: WriteRunOptions = {},
): Promise<SimulationResult> {
  const startedMs = performance.now();
  opts.onPhase?.("preparing the torrent");
  const torrent = prepareTorrent(config, readExternalTorrent(config), config.name);
  opts.onPhase?.("simulating");
  const tsFile = createWriteStream(join(dir, "timeseries.csv"));
  const ts = stringify({ header: true, columns: [...TIMESERIES_COLUMNS] });
  ts.pipe(tsFile);
  const replay = new ReplayRecorder({
    scenario: config.name,
    seed: config.seed,
    groups: config.groups.map((g) => g.name),
  });
  let result: SimulationResult;
  try {
    result = simulate(config, {
      torrent,
      observers: [replay, ...(opts.observers ?? [])],
      onTimeseriesRow: (row) => {
        ts.write(row);
        opts.onTimeseriesRow?.(row);
      },
      onProgress: opts.onProgress,
      interrupt: opts.interrupt,
      check: opts.check,
    });
  } catch (e) {
    // The file is opened asynchronously, after the (synchronous) run: make sure a
    // failed or stopped run's stream never reports into a folder that is being removed.
    tsFile.on("error", () => {});
    ts.destroy();
    tsFile.destroy();
    throw e;
  }
  opts.onPhase?.("writing the outputs");
  const wallS = (performance.now() - startedMs) / 1000;
  ts.end();
  await once(tsFile, "finish");

  writeFileSync(join(dir, "swarm.torrent"), result.metainfo);
  writeFileSync(join(dir, "replay.html"), renderReplayHtml(replay.toTrace()));
  writeFileSync(join(dir, "summary.json"), `${JSON.stringify(result.summary, null, 2)}\n`);
  writeFileSync(
    join(dir, "peers.csv"),
    stringifySync(result.peerRows, { header: true, columns: [...PEERS_COLUMNS] }),
  );
  writeFileSync(
    join(dir, "run.json"),
    `${JSON.stringify(runMetadata(config, result.events, wallS, result.simEndS, result.hashingMode), null, 2)}\n`,
  );
  return result;
}
