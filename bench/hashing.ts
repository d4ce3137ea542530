/**
 * Piece-verification throughput, full vs model hashing, plus the pieces of
 * full mode's cost (content generation, SHA-1). Usage:
 *   npx tsx bench/hashing.ts [sizeMiB=64] [pieceKiB=256] [blockKiB=16]
 * Prints one line per measurement and a final JSON line.
 */

import { createHash } from "node:crypto";
import { SyntheticContent } from "../sim/integrity/content.ts";
import { pieceHashes } from "../sim/integrity/hashes.ts";
import { createVerifier, type HashingVerifier } from "../sim/integrity/verifier.ts";

const [sizeMiB = 64, pieceKiB = 256, blockKiB = 16] = process.argv.slice(2).map(Number);
const sizeBytes = sizeMiB * 1024 ** 2;
const blockSizeBytes = blockKiB * 1024;
const content = new SyntheticContent(1, sizeBytes, pieceKiB * 1024);
const blockTags = (pieceIndex: number) =>
  new Int32Array(Math.ceil(content.pieceLength(pieceIndex) / blockSizeBytes));

/** Best of three passes over every piece (the first pass also warms the JIT). */
function measure(label: string, perPiece: (pieceIndex: number) => void) {
  let bestMs = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    for (let i = 0; i < content.pieceCount; i++) perPiece(i);
    bestMs = Math.min(bestMs, performance.now() - started);
  }
  const seconds = bestMs / 1000;
  const result = {
    label,
    mb_per_s: Math.round(sizeBytes / 1e6 / seconds),
    pieces_per_s: Math.round(content.pieceCount / seconds),
    ms: Math.round(bestMs),
  };
  console.log(
    `${label.padEnd(22)} ${String(result.mb_per_s).padStart(8)} MB/s ${String(result.pieces_per_s).padStart(10)} pieces/s  (${result.ms} ms for ${sizeMiB} MiB)`,
  );
  return result;
}

const scratch = new Uint8Array(content.pieceSizeBytes);
const hashStarted = performance.now();
const hashes = pieceHashes(content);
const pieceHashesMs = Math.round(performance.now() - hashStarted);
const full: HashingVerifier = createVerifier("full", content, hashes, blockSizeBytes);
const model: HashingVerifier = createVerifier("model", content, hashes, blockSizeBytes);
const tags = Array.from({ length: content.pieceCount }, (_, i) => blockTags(i));

console.log(
  `${sizeMiB} MiB, ${content.pieceCount} pieces of ${pieceKiB} KiB, ${blockKiB} KiB blocks; pieceHashes ${pieceHashesMs} ms`,
);
const results = [
  measure("generate content", (i) => content.pieceBytes(i, scratch)),
  measure("sha1 only", (i) =>
    createHash("sha1")
      .update(scratch.subarray(0, content.pieceLength(i)))
      .digest(),
  ),
  measure("verify full", (i) => {
    if (!full.verify(i, tags[i])) throw new Error(`piece ${i} failed`);
  }),
  measure("verify model", (i) => {
    if (!model.verify(i, tags[i])) throw new Error(`piece ${i} failed`);
  }),
];
console.log(
  JSON.stringify({
    size_mib: sizeMiB,
    piece_kib: pieceKiB,
    piece_hashes_ms: pieceHashesMs,
    results,
  }),
);
