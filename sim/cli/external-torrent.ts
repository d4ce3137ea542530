import { readFileSync } from "node:fs";
import { ScenarioError } from "../scenario/errors.ts";
import type { ScenarioConfig } from "../scenario/types.ts";

/** The bytes of the scenario's `torrent.file`, if it names one (exit 2 when unreadable). */
export function readExternalTorrent(config: ScenarioConfig): Uint8Array | undefined {
  const file = config.torrent.file;
  if (file === null) return undefined;
  try {
    return readFileSync(file);
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message;
    throw new ScenarioError(
      { file: config.name },
      "torrent.file",
      `cannot read ${file}: ${reason}`,
    );
  }
}
