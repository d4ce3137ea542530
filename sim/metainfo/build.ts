import bencode from "bencode";
import { SHA1_BYTES } from "../integrity/hashes.ts";

/** Where the generated torrents announce: `.invalid` is reserved (RFC 2606), so nothing real is ever contacted. */
export const DEFAULT_ANNOUNCE_URL = "http://tracker.swarmsim.invalid/announce";
export const CREATED_BY = "swarmsim";

export interface MetainfoFields {
  /** `info.name`: the file's suggested name. */
  readonly name: string;
  readonly lengthBytes: number;
  readonly pieceLengthBytes: number;
  /** SHA-1 of every piece, concatenated (20 bytes a piece). */
  readonly pieceHashes: Uint8Array;
  readonly announce?: string;
}

/**
 * A single-file BitTorrent v1 metainfo file, bencoded. There is deliberately no
 * `creation date`, so the same scenario and seed give byte-identical files.
 * The `bencode` package sorts dictionary keys (byte order, as the format
 * requires), writes JS strings as UTF-8 and Uint8Arrays as raw bytes, so
 * `pieces` stays binary.
 */
export function buildMetainfo(fields: MetainfoFields): Uint8Array {
  const { name, lengthBytes, pieceLengthBytes, pieceHashes } = fields;
  const announce = fields.announce ?? DEFAULT_ANNOUNCE_URL;
  if (name.length === 0 || /[/\\\0]/.test(name) || name === "." || name === "..") {
    throw new RangeError(`torrent name must be a plain file name, got ${JSON.stringify(name)}`);
  }
  if (!Number.isSafeInteger(lengthBytes) || lengthBytes <= 0) {
    throw new RangeError(`torrent length must be a positive integer of bytes, got ${lengthBytes}`);
  }
  if (!Number.isSafeInteger(pieceLengthBytes) || pieceLengthBytes <= 0) {
    throw new RangeError(
      `piece length must be a positive integer of bytes, got ${pieceLengthBytes}`,
    );
  }
  const pieceCount = Math.ceil(lengthBytes / pieceLengthBytes);
  if (pieceHashes.length !== SHA1_BYTES * pieceCount) {
    throw new RangeError(
      `${lengthBytes} bytes in pieces of ${pieceLengthBytes} need ${pieceCount} piece hashes (${SHA1_BYTES * pieceCount} bytes), got ${pieceHashes.length} bytes`,
    );
  }
  return bencode.encode({
    announce,
    "created by": CREATED_BY,
    info: {
      length: lengthBytes,
      name,
      "piece length": pieceLengthBytes,
      pieces: pieceHashes,
    },
  });
}
