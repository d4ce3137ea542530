import { hashingModeProblem } from "../integrity/index.ts";
import { ScenarioError } from "../scenario/errors.ts";
import type { ScenarioConfig } from "../scenario/types.ts";

/**
 * Scenario values the schema knows but this version cannot simulate yet. They
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
    throw new ScenarioError(
      { file },
      "distribution",
      `'${config.distribution}' is not implemented yet; only 'bittorrent' runs in this version`,
    );
  }
  if (config.discovery !== "tracker") {
    throw new ScenarioError(
      { file },
      "discovery",
      `'${config.discovery}' (DHT) is not implemented yet; only 'tracker' runs in this version`,
    );
  }
}
