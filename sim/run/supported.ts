import { hashingModeProblem } from "../integrity/index.ts";
import { ScenarioError } from "../scenario/errors.ts";
import type { ScenarioConfig } from "../scenario/types.ts";

/**
 * Scenario values the schema knows but cannot be simulated together. They
 * are refused (exit 2) rather than silently run as something else.
 */
export function assertSupported(config: ScenarioConfig, file: string): void {
  const hashing = hashingModeProblem(config.integrity.hashing, config.torrent.file !== null);
  if (hashing) {
    throw new ScenarioError(
      { file },
      "integrity.hashing",
      hashing.replace(/^integrity\.hashing: /, ""),
    );
  }
  if (config.distribution !== "bittorrent") {
    // Whole-file distributions model no pieces, hashes or tracker: refuse what would be ignored.
    const ignored: [string, boolean][] = [
      ["discovery", config.discovery !== "tracker"],
      ["faults.corrupt", config.faults.corrupt !== null],
      ["faults.link_corruption", config.faults.link_corruption > 0],
      ["faults.tracker_outage", config.faults.tracker_outage.length > 0],
    ];
    const badGroup = config.groups.findIndex((g) => g.behaviour === "corrupt");
    if (badGroup >= 0) ignored.push([`groups[${badGroup}].behaviour`, true]);
    for (const [key, bad] of ignored) {
      if (bad)
        throw new ScenarioError(
          { file },
          key,
          `not modelled with distribution '${config.distribution}' (only with bittorrent)`,
        );
    }
  }
}
