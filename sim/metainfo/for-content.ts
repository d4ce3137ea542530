import type { SyntheticContent } from "../integrity/content.ts";
import { pieceHashes } from "../integrity/hashes.ts";
import { buildMetainfo } from "./build.ts";

/** The scenario's swarm.torrent: the synthetic file's real piece hashes, bencoded. */
export function metainfoForContent(
  content: SyntheticContent,
  name: string,
  hashes: Uint8Array = pieceHashes(content),
): Uint8Array {
  return buildMetainfo({
    name,
    lengthBytes: content.sizeBytes,
    pieceLengthBytes: content.pieceSizeBytes,
    pieceHashes: hashes,
  });
}
