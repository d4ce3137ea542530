/**
 * The file the real swarm shares and its .torrent, made with the project's
 * own writers: the synthetic content the simulator uses (sim/integrity) and
 * the metainfo writer behind `sim torrent` (sim/metainfo). Real libtorrent
 * clients accepting the file is a check of that writer in passing.
 */
import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { pieceHashes, SyntheticContent } from "../../sim/integrity/index.ts";
import { buildMetainfo, infoHash } from "../../sim/metainfo/index.ts";

export const PAYLOAD_NAME = "payload.bin";

export interface Payload {
  /** Folder holding PAYLOAD_NAME: the seed's save_path. */
  readonly dataDir: string;
  readonly torrentPath: string;
  readonly infoHashHex: string;
  readonly sizeBytes: number;
  readonly pieceSizeBytes: number;
}

/** Writes `dataDir/payload.bin` and `torrentPath`, announcing to `announceUrl`. */
export function writePayload(o: {
  dataDir: string;
  torrentPath: string;
  sizeBytes: number;
  pieceSizeBytes: number;
  announceUrl: string;
  seed: number;
}): Payload {
  const content = new SyntheticContent(o.seed, o.sizeBytes, o.pieceSizeBytes);
  const fd = openSync(join(o.dataDir, PAYLOAD_NAME), "w");
  try {
    const chunk = new Uint8Array(4 * 1024 * 1024);
    for (let at = 0; at < o.sizeBytes; at += chunk.length) {
      const n = Math.min(chunk.length, o.sizeBytes - at);
      writeSync(fd, content.rangeBytes(at, n, chunk));
    }
  } finally {
    closeSync(fd);
  }
  const metainfo = buildMetainfo({
    name: PAYLOAD_NAME,
    lengthBytes: o.sizeBytes,
    pieceLengthBytes: o.pieceSizeBytes,
    pieceHashes: pieceHashes(content),
    announce: o.announceUrl,
  });
  writeFileSync(o.torrentPath, metainfo);
  return {
    dataDir: o.dataDir,
    torrentPath: o.torrentPath,
    infoHashHex: infoHash(metainfo),
    sizeBytes: o.sizeBytes,
    pieceSizeBytes: o.pieceSizeBytes,
  };
}
