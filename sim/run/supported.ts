import { hashingModeProblem } from "../integrity/index.ts";
import type { Problem } from "../scenario/issues.ts";
import type { ScenarioConfig } from "../scenario/types.ts";

/**
 * Scenario values the schema knows but cannot be simulated together. They
 * are refused (exit 2, located at the key) rather than silently run as
 * something else. Pass as a load check: `parseScenario(…, { checks: [supportProblems] })`.
 */
export function supportProblems(config: ScenarioConfig): Problem[] {
  const problem = (path: Problem["path"], text: string): Problem => ({
    path,
    problem: text,
    kind: "invalid",
  });
  const hashing = hashingModeProblem(config.integrity.hashing, config.torrent.file !== null);
  if (hashing)
    return [problem(["integrity", "hashing"], hashing.replace(/^integrity\.hashing: /, ""))];
  if (config.distribution === "bittorrent") return [];
  // Whole-file distributions model no pieces, hashes or tracker: refuse what would be ignored.
  const ignored: [Problem["path"], boolean][] = [
    [["discovery"], config.discovery !== "tracker"],
    [["faults", "corrupt"], config.faults.corrupt !== null],
    [["faults", "link_corruption"], config.faults.link_corruption > 0],
    [["faults", "tracker_outage"], config.faults.tracker_outage.length > 0],
  ];
  const badGroup = config.groups.findIndex((g) => g.behaviour === "corrupt");
  if (badGroup >= 0) ignored.push([["groups", badGroup, "behaviour"], true]);
  return ignored
    .filter(([, bad]) => bad)
    .map(([path]) =>
      problem(
        path,
        `not modelled with distribution '${config.distribution}' (only with bittorrent)`,
      ),
    );
}
