import { TorrentFormatError } from "./errors.ts";

/**
 * A strict bencode reader. The `bencode` package writes our torrents, but its
 * decoder is lenient (a truncated string decodes short, "i1.5e" reads as 1)
 * and cannot say where a value sat in the input — and the info-hash must be
 * the SHA-1 of the info dictionary's bytes exactly as they appear in the file,
 * which re-encoding only reproduces for canonical input. So reading is done
 * here, recording the raw bytes of each top-level value.
 */

export type BValue = number | Uint8Array | BValue[] | BDict;
/** Keys are the raw key bytes read as latin1, so any key maps to a distinct string. */
export type BDict = Map<string, BValue>;

export interface TopLevel {
  readonly dict: BDict;
  /** The encoded bytes of each top-level value (a view into the input). */
  readonly rawValues: Map<string, Uint8Array>;
}

/** Nesting deeper than this is malformed for a torrent and would only risk the stack. */
const MAX_DEPTH = 64;

const CH_D = 0x64;
const CH_L = 0x6c;
const CH_I = 0x69;
const CH_E = 0x65;
const CH_COLON = 0x3a;
const CH_0 = 0x30;
const CH_9 = 0x39;

export function decodeTopLevelDict(bytes: Uint8Array): TopLevel {
  if (bytes.length === 0) throw new TorrentFormatError("not a torrent: the file is empty");
  if (bytes[0] !== CH_D) {
    throw new TorrentFormatError("not a torrent: it does not start with a bencoded dictionary");
  }
  const reader = new Reader(bytes);
  const rawValues = new Map<string, Uint8Array>();
  const dict = reader.dict(0, rawValues);
  if (reader.pos !== bytes.length) {
    throw new TorrentFormatError(
      `malformed torrent: ${bytes.length - reader.pos} stray bytes after the top-level dictionary (at byte ${reader.pos})`,
    );
  }
  return { dict, rawValues };
}

class Reader {
  pos = 0;

  constructor(private readonly bytes: Uint8Array) {}

  value(depth: number): BValue {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    const c = this.peek();
    if (c === CH_D) return this.dict(depth, null);
    if (c === CH_L) return this.list(depth);
    if (c === CH_I) return this.integer();
    if (c >= CH_0 && c <= CH_9) return this.string();
    return this.fail(`unexpected byte 0x${c.toString(16).padStart(2, "0")}`);
  }

  dict(depth: number, rawValues: Map<string, Uint8Array> | null): BDict {
    this.pos++; // 'd'
    const dict: BDict = new Map();
    while (this.peek() !== CH_E) {
      const keyAt = this.pos;
      const c = this.peek();
      if (c < CH_0 || c > CH_9) this.fail("dictionary key is not a byte string");
      const key = Buffer.from(this.string()).toString("latin1");
      if (dict.has(key)) this.fail(`duplicate dictionary key "${key}"`, keyAt);
      const valueAt = this.pos;
      dict.set(key, this.value(depth + 1));
      rawValues?.set(key, this.bytes.subarray(valueAt, this.pos));
    }
    this.pos++; // 'e'
    return dict;
  }

  list(depth: number): BValue[] {
    this.pos++; // 'l'
    const items: BValue[] = [];
    while (this.peek() !== CH_E) items.push(this.value(depth + 1));
    this.pos++; // 'e'
    return items;
  }

  integer(): number {
    const start = ++this.pos; // past 'i'
    const end = this.bytes.indexOf(CH_E, start);
    if (end < 0) this.fail("unterminated integer", start - 1);
    const text = Buffer.from(this.bytes.subarray(start, end)).toString("latin1");
    if (!/^(0|-?[1-9][0-9]*)$/.test(text)) this.fail(`invalid integer "${text}"`, start - 1);
    const n = Number(text);
    if (!Number.isSafeInteger(n)) this.fail(`integer ${text} is too large`, start - 1);
    this.pos = end + 1;
    return n;
  }

  string(): Uint8Array {
    const start = this.pos;
    const colon = this.bytes.indexOf(CH_COLON, start);
    if (colon < 0) this.fail("byte string without a ':' after its length");
    const text = Buffer.from(this.bytes.subarray(start, colon)).toString("latin1");
    if (!/^(0|[1-9][0-9]*)$/.test(text)) this.fail(`invalid byte-string length "${text}"`);
    const length = Number(text);
    const end = colon + 1 + length;
    if (end > this.bytes.length) {
      this.fail(`byte string of ${length} bytes runs past the end of the file (truncated?)`);
    }
    this.pos = end;
    return this.bytes.subarray(colon + 1, end);
  }

  private peek(): number {
    if (this.pos >= this.bytes.length) this.fail("unexpected end of file (truncated?)");
    return this.bytes[this.pos];
  }

  private fail(what: string, at = this.pos): never {
    throw new TorrentFormatError(`malformed torrent: ${what} at byte ${at}`);
  }
}
