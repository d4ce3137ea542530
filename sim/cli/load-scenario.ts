import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { readTorrentFile, TorrentFormatError } from "../metainfo/index.ts";
import { supportProblems } from "../run/supported.ts";
import { ScenarioError } from "../scenario/errors.ts";
import type { Problem } from "../scenario/issues.ts";
import { type LoadOptions, parseScenario } from "../scenario/load.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import { type GuardOptions, memoryCheck } from "./resource-guard.ts";

export interface CliLoadOptions extends LoadOptions {
  /** Refuse runs that cannot fit in memory (the commands that run: run, compare, sweep, validate). */
  readonly guard?: GuardOptions;
}

/**
 * Reads and validates a scenario file as every command does: the schema, what
 * the simulator supports, a readable `torrent.file` (resolved against the
 * scenario's folder) and, when asked, the memory guard — every problem
 * located at its key (exit 2).
 */
export function loadScenarioFile(path: string, opts: CliLoadOptions = {}): ScenarioConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message;
    throw new ScenarioError({ file: path }, "", `cannot read the scenario: ${reason}`);
  }
  return parseScenario(text, path, { ...opts, checks: cliChecks(opts) }, dirname(path));
}

/** The checks of `loadScenarioFile`, for loaders that read the text themselves (sweeps). */
export function cliChecks(opts: CliLoadOptions = {}): NonNullable<LoadOptions["checks"]> {
  const checks = [...(opts.checks ?? []), supportProblems, externalTorrentProblems];
  if (opts.guard) checks.push(memoryCheck({ torrentSize: externalTorrentSize, ...opts.guard }));
  return checks;
}

/** torrent.file must be a readable .torrent (its size and pieces replace the scenario's). */
function externalTorrentProblems(config: ScenarioConfig): Problem[] {
  const file = config.torrent.file;
  if (file === null) return [];
  try {
    readTorrentFile(readFileSync(file));
    return [];
  } catch (e) {
    const reason =
      e instanceof TorrentFormatError
        ? `not a valid .torrent: ${e.message}`
        : (e as NodeJS.ErrnoException).code === "ENOENT"
          ? "no such file"
          : (e as Error).message;
    return [
      { path: ["torrent", "file"], kind: "invalid", problem: `cannot read ${file}: ${reason}` },
    ];
  }
}

function externalTorrentSize(config: ScenarioConfig): { bytes: number; pieceBytes: number } {
  if (config.torrent.file === null)
    return { bytes: config.torrent.size, pieceBytes: config.torrent.piece_size };
  const t = readTorrentFile(readFileSync(config.torrent.file));
  return { bytes: t.lengthBytes, pieceBytes: t.pieceLengthBytes };
}
