/**
 * The torrent a run distributes: its synthetic content (bytes derived from the
 * seed), the piece hashes and bencoded metainfo, and the piece and file
 * verifiers for the hashing mode in force. Pure: an external .torrent arrives
 * as bytes read by the CLI.
 */
import {
  createFileVerifier,
  createVerifier,
  type FileVerifier,
  type HashingMode,
  type HashingVerifier,
  hashingModeProblem,
  pieceHashes,
  resolveHashingMode,
  SyntheticContent,
} from "../integrity/index.ts";
import { metainfoForContent, readTorrentFile } from "../metainfo/index.ts";
import { ScenarioError } from "../scenario/errors.ts";
import type { ScenarioConfig } from "../scenario/types.ts";

export interface PreparedTorrent {
  /** The scenario, with size and piece size taken from an external .torrent when one is named. */
  readonly config: ScenarioConfig;
  readonly content: SyntheticContent;
  /** swarm.torrent: generated, or the external file as given. */
  readonly metainfo: Uint8Array;
  readonly mode: HashingMode;
  readonly verifier: HashingVerifier;
  readonly files: FileVerifier;
}

/**
 * @param externalTorrent the bytes of `torrent.file`, when the scenario names one
 * @param fileLabel how errors name the scenario (its path)
 */
export function prepareTorrent(
  config: ScenarioConfig,
  externalTorrent?: Uint8Array,
  fileLabel = config.name,
): PreparedTorrent {
  const problem = hashingModeProblem(config.integrity.hashing, externalTorrent !== undefined);
  if (problem)
    throw new ScenarioError(
      { file: fileLabel },
      "integrity.hashing",
      problem.replace(/^integrity\.hashing: /, ""),
    );
  let resolved = config;
  let hashes: Uint8Array;
  let metainfo: Uint8Array;
  let content: SyntheticContent;
  if (externalTorrent) {
    const t = readTorrentFile(externalTorrent);
    resolved = Object.freeze({
      ...config,
      torrent: Object.freeze({
        ...config.torrent,
        size: t.lengthBytes,
        piece_size: t.pieceLengthBytes,
      }),
    });
    content = new SyntheticContent(config.seed, t.lengthBytes, t.pieceLengthBytes);
    hashes = t.pieceHashes;
    metainfo = externalTorrent;
  } else {
    content = new SyntheticContent(config.seed, config.torrent.size, config.torrent.piece_size);
    hashes = pieceHashes(content);
    metainfo = metainfoForContent(content, config.torrent.name, hashes as Buffer);
  }
  const leechers = resolved.groups.reduce((n, g) => n + (g.start_as === "seed" ? 0 : g.count), 0);
  const mode = resolveHashingMode(
    config.integrity.hashing,
    resolved.torrent.size,
    leechers,
    externalTorrent !== undefined,
  );
  const blockBytes = resolved.torrent.block_size;
  return {
    config: resolved,
    content,
    metainfo,
    mode,
    verifier: createVerifier(mode, content, hashes, blockBytes),
    files: createFileVerifier(mode, content, blockBytes),
  };
}
