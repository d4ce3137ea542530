/**
 * Runs one scenario in this process and prints one JSON line of measurements.
 * bench/run.ts starts one process per scenario so that peak RSS is that run's own.
 */

import { loadScenarioFile } from "../sim/cli/load-scenario.ts";
import { simulate } from "../sim/run/simulate.ts";

const [file, ...sets] = process.argv.slice(2);
const config = loadScenarioFile(file, { sets });
const peers = config.groups.reduce((n, g) => n + g.count, 0);
const started = performance.now();
// Peers present at once (leechers + seeds), from the time-series samples.
let peakPresent = 0;
const result = simulate(config, {
  onTimeseriesRow: (row) => {
    peakPresent = Math.max(peakPresent, (row.leechers ?? 0) + (row.seeds ?? 0));
  },
});
const wallS = (performance.now() - started) / 1000;
const out = {
  scenario: config.name,
  peers,
  peak_present: peakPresent,
  pieces: Math.ceil(config.torrent.size / config.torrent.piece_size),
  events: result.events,
  // The scale issue's yardstick (issue 17): events per leecher per piece.
  events_per_peer_piece:
    Math.round(
      (100 * result.events) /
        (result.summary.peers.leechers *
          Math.ceil(config.torrent.size / config.torrent.piece_size)),
    ) / 100,
  network_model: config.network.model,
  wall_s: Math.round(wallS * 100) / 100,
  events_per_s: Math.round(result.events / wallS),
  peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
  sim_end_s: Math.round(result.simEndS),
  sim_s_per_wall_s: Math.round(result.simEndS / wallS),
  completed: `${result.summary.peers.completed}/${result.summary.peers.leechers}`,
  hashing: result.hashingMode,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
