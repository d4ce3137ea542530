import { fmix32, fold32, GOLDEN_32, HOST_IS_LITTLE_ENDIAN, swapWordBytes } from "./mix.ts";

/** The stream restarts every 1 KiB, which is the granularity of random access. */
const CHUNK_WORDS = 256;

/**
 * The scenario's file: `sizeBytes` of synthetic bytes that derive from the seed
 * alone. The file is cut into 1 KiB chunks; chunk c is the output of
 * Marsaglia's xorshift128 seeded from (seed, c) through fmix32, written as
 * little-endian 32-bit words. So any byte range (a piece, a block) is produced
 * on its own in O(its length), in any order, without generating what precedes it.
 *
 * Consequences worth knowing:
 * - The bytes depend on (seed, byte offset) only: piece size just chunks the
 *   same file, and a shorter size is a prefix of a longer one.
 * - Distinct chunks start from distinct generator states (fmix32 is a
 *   bijection, φ is odd), and xorshift128's first four outputs determine its
 *   state, so no two 1 KiB chunks of a file (up to 4 TiB) are equal — hence no
 *   two pieces either when the piece size is a multiple of 1 KiB (equal pieces
 *   would have equal hashes and hide mix-ups).
 * - Throughput is ~3 GB/s in Node; SHA-1 (~2 GB/s) is the bottleneck of full hashing.
 */
export class SyntheticContent {
  readonly pieceCount: number;
  private readonly fileKey: number;

  constructor(
    readonly seed: number,
    readonly sizeBytes: number,
    readonly pieceSizeBytes: number,
  ) {
    if (!Number.isSafeInteger(sizeBytes) || sizeBytes <= 0) {
      throw new RangeError(`content size must be a positive integer of bytes, got ${sizeBytes}`);
    }
    if (!Number.isSafeInteger(pieceSizeBytes) || pieceSizeBytes <= 0) {
      throw new RangeError(`piece size must be a positive integer of bytes, got ${pieceSizeBytes}`);
    }
    this.pieceCount = Math.ceil(sizeBytes / pieceSizeBytes);
    // Salted so seed 0 does not start the stream at fmix32(0) = 0.
    this.fileKey = fmix32(fold32(seed) ^ 0x5eed_c0de);
  }

  /** Byte offset of the piece in the file. */
  pieceOffset(pieceIndex: number): number {
    this.checkPiece(pieceIndex);
    return pieceIndex * this.pieceSizeBytes;
  }

  /** Length of the piece in bytes: pieceSizeBytes except for a shorter last piece. */
  pieceLength(pieceIndex: number): number {
    this.checkPiece(pieceIndex);
    return Math.min(this.pieceSizeBytes, this.sizeBytes - pieceIndex * this.pieceSizeBytes);
  }

  /** The piece's bytes, written to the start of `out` when given (then a view of it). */
  pieceBytes(pieceIndex: number, out?: Uint8Array): Uint8Array {
    return this.rangeBytes(this.pieceOffset(pieceIndex), this.pieceLength(pieceIndex), out);
  }

  /** `lengthBytes` of the piece starting `offsetBytes` into it (one block, typically). */
  blockBytes(pieceIndex: number, offsetBytes: number, lengthBytes: number, out?: Uint8Array) {
    const pieceLengthBytes = this.pieceLength(pieceIndex);
    if (offsetBytes < 0 || lengthBytes < 0 || offsetBytes + lengthBytes > pieceLengthBytes) {
      throw new RangeError(
        `block [${offsetBytes}, ${offsetBytes + lengthBytes}) is outside piece ${pieceIndex} of ${pieceLengthBytes} bytes`,
      );
    }
    return this.rangeBytes(this.pieceOffset(pieceIndex) + offsetBytes, lengthBytes, out);
  }

  /** Any byte range of the file. */
  rangeBytes(startByte: number, lengthBytes: number, out?: Uint8Array): Uint8Array {
    if (
      !Number.isSafeInteger(startByte) ||
      !Number.isSafeInteger(lengthBytes) ||
      startByte < 0 ||
      lengthBytes < 0 ||
      startByte + lengthBytes > this.sizeBytes
    ) {
      throw new RangeError(
        `range [${startByte}, ${startByte + lengthBytes}) is outside the file of ${this.sizeBytes} bytes`,
      );
    }
    if (out && out.length < lengthBytes) {
      throw new RangeError(`output buffer of ${out.length} bytes is shorter than ${lengthBytes}`);
    }
    const target = out ? out.subarray(0, lengthBytes) : new Uint8Array(lengthBytes);
    if (startByte % 4 === 0 && target.byteOffset % 4 === 0) {
      // Fast path (every piece and block of a power-of-two layout): fill in place.
      const wholeWords = lengthBytes >>> 2;
      const words = new Uint32Array(target.buffer, target.byteOffset, wholeWords);
      this.fillWords(startByte / 4, words);
      const tailBytes = lengthBytes - wholeWords * 4;
      if (tailBytes > 0) {
        const last = this.wordAt(startByte / 4 + wholeWords);
        for (let k = 0; k < tailBytes; k++) target[wholeWords * 4 + k] = (last >>> (8 * k)) & 0xff;
      }
      return target;
    }
    // Unaligned: generate the covering words aside and copy the wanted bytes.
    const firstWord = Math.floor(startByte / 4);
    const endWord = Math.ceil((startByte + lengthBytes) / 4);
    const words = new Uint32Array(endWord - firstWord);
    this.fillWords(firstWord, words);
    const bytes = new Uint8Array(words.buffer);
    const skip = startByte - firstWord * 4;
    target.set(bytes.subarray(skip, skip + lengthBytes));
    return target;
  }

  /** Words firstWord.. of the stream into `words`, as little-endian bytes on any host. */
  private fillWords(firstWord: number, words: Uint32Array): void {
    let done = 0;
    while (done < words.length) {
      const wordIndex = firstWord + done;
      const chunkIndex = Math.floor(wordIndex / CHUNK_WORDS);
      const skipWords = wordIndex - chunkIndex * CHUNK_WORDS;
      const count = Math.min(words.length - done, CHUNK_WORDS - skipWords);
      // xorshift128 seeded from the chunk key: four distinct fmix32 outputs,
      // so never the all-zero state, and distinct chunks start in distinct states.
      const chunkKey = fmix32((this.fileKey + Math.imul(chunkIndex, GOLDEN_32)) >>> 0);
      let a = fmix32(chunkKey);
      let b = fmix32((chunkKey + GOLDEN_32) >>> 0);
      let c = fmix32((chunkKey + 2 * GOLDEN_32) >>> 0);
      let d = fmix32((chunkKey + 3 * GOLDEN_32) >>> 0);
      // An unaligned start discards the chunk's first words (rare: blocks are aligned).
      for (let k = 0; k < skipWords; k++) {
        const t = a ^ (a << 11);
        a = b;
        b = c;
        c = d;
        d = d ^ (d >>> 19) ^ t ^ (t >>> 8);
      }
      const end = done + count;
      for (let i = done; i < end; i++) {
        // Marsaglia's xorshift128, inlined: this loop is the whole cost of content generation.
        const t = a ^ (a << 11);
        a = b;
        b = c;
        c = d;
        d = d ^ (d >>> 19) ^ t ^ (t >>> 8);
        words[i] = d;
      }
      done = end;
    }
    if (!HOST_IS_LITTLE_ENDIAN) swapWordBytes(words);
  }

  /** One word of the stream as a number (its bytes are little-endian in the file). */
  private wordAt(wordIndex: number): number {
    const one = new Uint32Array(1);
    this.fillWords(wordIndex, one);
    if (!HOST_IS_LITTLE_ENDIAN) swapWordBytes(one);
    return one[0];
  }

  private checkPiece(pieceIndex: number): void {
    if (!Number.isInteger(pieceIndex) || pieceIndex < 0 || pieceIndex >= this.pieceCount) {
      throw new RangeError(`piece ${pieceIndex} is outside 0..${this.pieceCount - 1}`);
    }
  }
}
