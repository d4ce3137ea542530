/**
 * The distributions without pieces, run in memory like sim/run/simulate.ts
 * runs a BitTorrent swarm: same observers, same summary, same peer rows.
 * simulate.ts dispatches here on `config.distribution`.
 */
import type { ScenarioConfig } from "../scenario/types.ts";
import type { DistributionOptions, DistributionRun } from "./base.ts";
import { ClientServerRun } from "./client-server.ts";
import { NapsterRun } from "./napster.ts";

export { ClientServerRun } from "./client-server.ts";
export { NapsterRun } from "./napster.ts";

/** The run for a non-BitTorrent distribution. */
export function createDistribution(
  config: ScenarioConfig,
  options: DistributionOptions = {},
): DistributionRun {
  switch (config.distribution) {
    case "client-server":
      return new ClientServerRun(config, options);
    case "napster":
      return new NapsterRun(config, options);
    case "bittorrent":
      throw new Error("bittorrent runs in sim/swarm");
    default: {
      const never: never = config.distribution;
      throw new Error(`unknown distribution ${never}`);
    }
  }
}
