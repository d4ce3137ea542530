import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { ScenarioError } from "../scenario/errors.ts";
import { type LoadOptions, parseScenario } from "../scenario/load.ts";
import type { ScenarioConfig } from "../scenario/types.ts";

/** Reads and validates a scenario file; `torrent.file` is resolved against its folder. */
export function loadScenarioFile(path: string, opts: LoadOptions = {}): ScenarioConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message;
    throw new ScenarioError({ file: path }, "", `cannot read the scenario: ${reason}`);
  }
  return parseScenario(text, path, opts, dirname(path));
}
