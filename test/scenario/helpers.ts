import { ScenarioError } from "../../sim/scenario/errors.ts";
import { type LoadOptions, parseScenario } from "../../sim/scenario/load.ts";

/** A minimal valid scenario; tests append or edit lines. */
export const MINIMAL = `name: t
seed: 7
torrent:
  size: 1MiB
groups:
  - name: origin
    start_as: seed
    class: datacenter
  - name: crowd
    count: 10
    upload: 1Mbit/s
    download: 8Mbit/s
`;

/** Parses `text` expecting failure; returns the ScenarioError. */
export function scenarioError(text: string, opts?: LoadOptions): ScenarioError {
  try {
    parseScenario(text, "s.yaml", opts);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error("expected a ScenarioError, but the scenario loaded");
}
