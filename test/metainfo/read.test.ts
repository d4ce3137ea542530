import { createHash } from "node:crypto";
import bencode from "bencode";
import { describe, expect, it } from "vitest";
import { buildMetainfo } from "../../sim/metainfo/build.ts";
import { TorrentFormatError } from "../../sim/metainfo/errors.ts";
import { infoHash, inspectTorrent, readTorrentFile } from "../../sim/metainfo/read.ts";

const enc = (value: unknown) => bencode.encode(value);
const text = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));

const good = buildMetainfo({
  name: "f",
  lengthBytes: 100,
  pieceLengthBytes: 64,
  pieceHashes: new Uint8Array(40).fill(0xab),
});

describe("readTorrentFile", () => {
  it("sums the lengths of a multi-file torrent", () => {
    const bytes = enc({
      "announce-list": [["http://a.invalid/announce"], ["http://b.invalid/announce"]],
      info: {
        files: [
          { length: 50, path: ["dir", "a.bin"] },
          { length: 0, path: ["empty"] },
          { length: 30, path: ["b.bin"] },
        ],
        name: "bundle",
        "piece length": 32,
        pieces: new Uint8Array(60),
      },
    });
    const read = readTorrentFile(bytes);
    expect(read.lengthBytes).toBe(80);
    expect(read.pieceCount).toBe(3);
    expect(read.announce).toBe("http://a.invalid/announce");
    expect(read.files.map((f) => f.path)).toEqual([
      "bundle/dir/a.bin",
      "bundle/empty",
      "bundle/b.bin",
    ]);
  });

  it("hashes the info dictionary's bytes as written, even when not canonical", () => {
    // Unsorted info keys: re-encoding would sort them and change the hash.
    const raw = "d4:infod4:name1:f12:piece lengthi64e6:lengthi10e6:pieces20:AAAAAAAAAAAAAAAAAAAAee";
    const expected = createHash("sha1")
      .update(raw.slice("d4:info".length, -1), "latin1")
      .digest("hex");
    expect(infoHash(text(raw))).toBe(expected);
    expect(inspectTorrent(text(raw))).toEqual({
      name: "f",
      lengthBytes: 10,
      pieceLengthBytes: 64,
      pieceCount: 1,
      infoHash: expected,
      announce: null,
    });
  });

  const malformed: [string, Uint8Array, RegExp][] = [
    ["an empty file", new Uint8Array(0), /empty/],
    ["a list", text("le"), /does not start with a bencoded dictionary/],
    ["a truncated file", good.subarray(0, good.length - 30), /truncated/],
    ["trailing bytes", new Uint8Array([...good, 0x30]), /stray bytes/],
    ["no info", enc({ announce: "x" }), /no info dictionary/],
    ["info not a dict", enc({ info: 5 }), /info is not a dictionary/],
    ["a bad integer", text("d4:infoi01ee"), /invalid integer "01"/],
    ["a negative zero", text("d4:infoi-0ee"), /invalid integer "-0"/],
    ["a huge integer", text("d4:infoi99999999999999999999ee"), /too large/],
    ["a string length past the end", text("d4:info99:abce"), /runs past the end/],
    ["a non-string key", text("di1ei2ee"), /key is not a byte string/],
    ["a duplicate key", text("d1:ai1e1:ai2ee"), /duplicate dictionary key "a"/],
    [
      "missing pieces",
      enc({ info: { length: 1, name: "f", "piece length": 1 } }),
      /info.pieces is missing/,
    ],
    [
      "a v2-only torrent",
      enc({ info: { "file tree": {}, "meta version": 2, name: "f", "piece length": 16384 } }),
      /v2-only/,
    ],
    [
      "pieces not a multiple of 20",
      enc({ info: { length: 1, name: "f", "piece length": 1, pieces: new Uint8Array(19) } }),
      /not a multiple of 20/,
    ],
    [
      "too few piece hashes",
      enc({ info: { length: 100, name: "f", "piece length": 10, pieces: new Uint8Array(20) } }),
      /holds 1 hashes but 100 bytes in pieces of 10 need 10/,
    ],
    [
      "both length and files",
      enc({
        info: { files: [], length: 1, name: "f", "piece length": 1, pieces: new Uint8Array(20) },
      }),
      /both length and files/,
    ],
    [
      "a zero piece length",
      enc({ info: { length: 1, name: "f", "piece length": 0, pieces: new Uint8Array(20) } }),
      /piece length is 0/,
    ],
    [
      "a file without a path",
      enc({
        info: { files: [{ length: 1 }], name: "f", "piece length": 1, pieces: new Uint8Array(20) },
      }),
      /info.files\[0\].path/,
    ],
    ["deep nesting", text(`d1:a${"l".repeat(100)}${"e".repeat(100)}e`), /nesting deeper/],
  ];

  for (const [what, bytes, message] of malformed) {
    it(`rejects ${what} with a clear TorrentFormatError`, () => {
      expect(() => readTorrentFile(bytes)).toThrow(TorrentFormatError);
      expect(() => readTorrentFile(bytes)).toThrow(message);
    });
  }
});
