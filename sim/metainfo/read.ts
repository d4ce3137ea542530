import { createHash } from "node:crypto";
import { SHA1_BYTES } from "../integrity/hashes.ts";
import { type BDict, type BValue, decodeTopLevelDict } from "./bdecode.ts";
import { TorrentFormatError } from "./errors.ts";

/** What `sim` reports about a .torrent. */
export interface TorrentSummary {
  /** `info.name` (UTF-8). */
  readonly name: string;
  /** Total payload: `info.length`, or the sum of `info.files[].length`. */
  readonly lengthBytes: number;
  readonly pieceLengthBytes: number;
  readonly pieceCount: number;
  /** Hex SHA-1 of the info dictionary's bytes as they appear in the file (v1 info-hash). */
  readonly infoHash: string;
  /** `announce`, else the first `announce-list` URL, else null (trackerless). */
  readonly announce: string | null;
}

export interface TorrentFileEntry {
  /** Path inside the torrent, components joined with "/" (the name itself for single-file). */
  readonly path: string;
  readonly lengthBytes: number;
}

export interface TorrentFile extends TorrentSummary {
  readonly files: readonly TorrentFileEntry[];
  /** SHA-1 of every piece, concatenated (a copy, 20·pieceCount bytes). */
  readonly pieceHashes: Buffer;
}

/** The v1 info-hash of a metainfo file, as lowercase hex. */
export function infoHash(metainfoBytes: Uint8Array): string {
  return infoHashOf(decodeTopLevelDict(metainfoBytes).rawValues);
}

export function inspectTorrent(bytes: Uint8Array): TorrentSummary {
  const { name, lengthBytes, pieceLengthBytes, pieceCount, infoHash, announce } =
    readTorrentFile(bytes);
  return { name, lengthBytes, pieceLengthBytes, pieceCount, infoHash, announce };
}

/** Reads a single- or multi-file v1 (or hybrid) torrent; throws TorrentFormatError. */
export function readTorrentFile(bytes: Uint8Array): TorrentFile {
  const { dict, rawValues } = decodeTopLevelDict(bytes);
  const info = dict.get("info");
  if (info === undefined) throw new TorrentFormatError("not a torrent: no info dictionary");
  if (!(info instanceof Map))
    throw new TorrentFormatError("malformed torrent: info is not a dictionary");

  const name = text(requireBytes(info, "name", "info.name"));
  const pieceLengthBytes = requireInteger(info, "piece length", "info.piece length");
  if (pieceLengthBytes <= 0) {
    throw new TorrentFormatError(`malformed torrent: info.piece length is ${pieceLengthBytes}`);
  }
  if (!info.has("pieces") && info.get("meta version") === 2) {
    throw new TorrentFormatError("unsupported torrent: BitTorrent v2-only (no v1 piece hashes)");
  }
  const pieces = requireBytes(info, "pieces", "info.pieces");
  if (pieces.length % SHA1_BYTES !== 0) {
    throw new TorrentFormatError(
      `malformed torrent: info.pieces is ${pieces.length} bytes, not a multiple of ${SHA1_BYTES}`,
    );
  }
  const files = readFiles(info, name);
  const lengthBytes = files.reduce((sum, f) => sum + f.lengthBytes, 0);
  const pieceCount = pieces.length / SHA1_BYTES;
  const neededPieces = Math.ceil(lengthBytes / pieceLengthBytes);
  if (pieceCount !== neededPieces) {
    throw new TorrentFormatError(
      `malformed torrent: info.pieces holds ${pieceCount} hashes but ${lengthBytes} bytes in pieces of ${pieceLengthBytes} need ${neededPieces}`,
    );
  }
  return {
    name,
    lengthBytes,
    pieceLengthBytes,
    pieceCount,
    infoHash: infoHashOf(rawValues),
    announce: announceOf(dict),
    files,
    pieceHashes: Buffer.from(pieces),
  };
}

function infoHashOf(rawValues: Map<string, Uint8Array>): string {
  const raw = rawValues.get("info");
  if (raw === undefined) throw new TorrentFormatError("not a torrent: no info dictionary");
  return createHash("sha1").update(raw).digest("hex");
}

function readFiles(info: BDict, name: string): TorrentFileEntry[] {
  const length = info.get("length");
  const files = info.get("files");
  if (length !== undefined && files !== undefined) {
    throw new TorrentFormatError("malformed torrent: info has both length and files");
  }
  if (length !== undefined) {
    return [{ path: name, lengthBytes: nonNegative(length, "info.length") }];
  }
  if (files === undefined) {
    throw new TorrentFormatError("malformed torrent: info has neither length nor files");
  }
  if (!Array.isArray(files) || files.length === 0) {
    throw new TorrentFormatError("malformed torrent: info.files is not a non-empty list");
  }
  return files.map((entry, i) => {
    const where = `info.files[${i}]`;
    if (!(entry instanceof Map))
      throw new TorrentFormatError(`malformed torrent: ${where} is not a dictionary`);
    const path = entry.get("path");
    if (!Array.isArray(path) || path.length === 0 || !path.every((p) => p instanceof Uint8Array)) {
      throw new TorrentFormatError(`malformed torrent: ${where}.path is not a list of strings`);
    }
    return {
      path: [name, ...path.map((p) => text(p as Uint8Array))].join("/"),
      lengthBytes: nonNegative(entry.get("length"), `${where}.length`),
    };
  });
}

function announceOf(dict: BDict): string | null {
  const announce = dict.get("announce");
  if (announce instanceof Uint8Array) return text(announce);
  const tiers = dict.get("announce-list");
  if (Array.isArray(tiers)) {
    for (const tier of tiers) {
      if (Array.isArray(tier) && tier[0] instanceof Uint8Array) return text(tier[0]);
    }
  }
  return null;
}

function requireBytes(dict: BDict, key: string, where: string): Uint8Array {
  const value = dict.get(key);
  if (value === undefined) throw new TorrentFormatError(`malformed torrent: ${where} is missing`);
  if (!(value instanceof Uint8Array)) {
    throw new TorrentFormatError(`malformed torrent: ${where} is not a string`);
  }
  return value;
}

function requireInteger(dict: BDict, key: string, where: string): number {
  const value = dict.get(key);
  if (value === undefined) throw new TorrentFormatError(`malformed torrent: ${where} is missing`);
  if (typeof value !== "number") {
    throw new TorrentFormatError(`malformed torrent: ${where} is not an integer`);
  }
  return value;
}

function nonNegative(value: BValue | undefined, where: string): number {
  if (typeof value !== "number" || value < 0) {
    throw new TorrentFormatError(`malformed torrent: ${where} is not a non-negative integer`);
  }
  return value;
}

function text(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("utf8");
}
