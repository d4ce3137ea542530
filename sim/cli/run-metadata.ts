import { readFileSync } from "node:fs";
import type { ScenarioConfig } from "../scenario/types.ts";

/** run.json: how the run went on this machine — the one output that differs between identical runs. */
export function runMetadata(
  config: ScenarioConfig,
  events: number,
  wallS: number,
  simEndS: number,
  hashingMode: string,
) {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  return {
    scenario: config.name,
    seed: config.seed,
    profile: config.distribution === "bittorrent" ? config.protocol.profile : null,
    hashing_mode: hashingMode,
    wall_time_s: Math.round(wallS * 1000) / 1000,
    events,
    events_per_s: wallS > 0 ? Math.round(events / wallS) : null,
    sim_seconds_per_wall_second: wallS > 0 ? Math.round((simEndS / wallS) * 10) / 10 : null,
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    finished_at: new Date().toISOString(),
    versions: { swarmsim: pkg.version, node: process.version },
  };
}
