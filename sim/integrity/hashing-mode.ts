import type { HashingMode as RequestedHashingMode } from "../scenario/types.ts";

/**
 * How piece checks are decided:
 * - `full`: real SHA-1 over the real (possibly damaged) bytes, compared with
 *   the metainfo's hash — the end-to-end proof, at a cost of hashing every
 *   byte every leecher downloads;
 * - `model`: from provenance — a piece is good exactly when none of its blocks
 *   carries a corruption tag. Free, and always the same answer as `full`
 *   (tested), because damage always changes bytes and SHA-1 has no known
 *   second preimages.
 */
export type HashingMode = "full" | "model";

/**
 * `auto` picks full hashing while size × leechers (the bytes the leechers'
 * piece checks hash; the completed-file checks roughly double it) stays below
 * this. Full verification runs at ~1.3 GB/s on one core (bench/hashing.ts), so
 * the limit costs at most ~3.5 s of a run — small next to the simulation of a
 * swarm that size. Above it, model.
 */
export const AUTO_FULL_HASHING_LIMIT_BYTES = 2 * 1024 ** 3;

/** The CLI's / validator's message when `full` is asked for with an external torrent. */
export const FULL_HASHING_NEEDS_CONTENT =
  "integrity.hashing: full needs the torrent's real content, but with torrent.file only its " +
  "piece hashes are known (the simulator's bytes are synthetic and would fail every check); " +
  "use hashing: model or auto";

export class HashingModeError extends Error {
  override readonly name = "HashingModeError";
}

/** Why the requested mode cannot be used, or null when it can. */
export function hashingModeProblem(
  requested: RequestedHashingMode,
  hasExternalTorrent: boolean,
): string | null {
  return requested === "full" && hasExternalTorrent ? FULL_HASHING_NEEDS_CONTENT : null;
}

/**
 * The mode a run uses. With an external .torrent the content is unknown, so
 * `auto` means `model` and `full` is refused (HashingModeError, message
 * FULL_HASHING_NEEDS_CONTENT).
 */
export function resolveHashingMode(
  requested: RequestedHashingMode,
  sizeBytes: number,
  leecherCount: number,
  hasExternalTorrent: boolean,
): HashingMode {
  const problem = hashingModeProblem(requested, hasExternalTorrent);
  if (problem) throw new HashingModeError(problem);
  if (requested !== "auto") return requested;
  if (hasExternalTorrent) return "model";
  return sizeBytes * leecherCount < AUTO_FULL_HASHING_LIMIT_BYTES ? "full" : "model";
}
