import { createHash } from "node:crypto";
import bencode from "bencode";
import { describe, expect, it } from "vitest";
import { SyntheticContent } from "../../sim/integrity/content.ts";
import { pieceHashes } from "../../sim/integrity/hashes.ts";
import { buildMetainfo, DEFAULT_ANNOUNCE_URL } from "../../sim/metainfo/build.ts";
import { metainfoForContent } from "../../sim/metainfo/for-content.ts";
import { infoHash, readTorrentFile } from "../../sim/metainfo/read.ts";

const content = new SyntheticContent(1, 1024 * 1024 + 17, 64 * 1024);
const hashes = pieceHashes(content);
const torrent = metainfoForContent(content, "swarm.bin", hashes);

describe("buildMetainfo", () => {
  it("writes the BEP 3 single-file fields with sorted keys and no creation date", () => {
    const text = Buffer.from(torrent).toString("latin1");
    expect(
      text.startsWith(`d8:announce${DEFAULT_ANNOUNCE_URL.length}:${DEFAULT_ANNOUNCE_URL}`),
    ).toBe(true);
    expect(text).toContain("10:created by8:swarmsim4:infod6:lengthi1048593e4:name9:swarm.bin");
    expect(text).toContain("12:piece lengthi65536e6:pieces340:");
    expect(text).not.toContain("creation date");
    const decoded = bencode.decode(torrent) as Record<string, unknown>;
    expect(Object.keys(decoded)).toEqual(["announce", "created by", "info"]);
  });

  it("keeps pieces as raw binary", () => {
    const decoded = bencode.decode(torrent) as { info: { pieces: Uint8Array } };
    expect(Buffer.from(decoded.info.pieces).equals(hashes)).toBe(true);
    expect(hashes.some((b) => b >= 0x80)).toBe(true); // would be mangled by a text round trip
  });

  it("is byte-identical for the same inputs", () => {
    expect(Buffer.from(metainfoForContent(content, "swarm.bin")).equals(torrent)).toBe(true);
  });

  it("has an info-hash equal to SHA-1 of the bencoded info dictionary", () => {
    const decoded = bencode.decode(torrent) as { info: unknown };
    const reencoded = createHash("sha1").update(bencode.encode(decoded.info)).digest("hex");
    expect(infoHash(torrent)).toBe(reencoded);
    const text = Buffer.from(torrent).toString("latin1");
    const infoStart = text.indexOf("4:info") + "4:info".length;
    const raw = torrent.subarray(infoStart, torrent.length - 1); // strip the outer 'e'
    expect(createHash("sha1").update(raw).digest("hex")).toBe(infoHash(torrent));
  });

  it("round-trips through readTorrentFile", () => {
    const read = readTorrentFile(torrent);
    expect(read).toMatchObject({
      name: "swarm.bin",
      lengthBytes: content.sizeBytes,
      pieceLengthBytes: 64 * 1024,
      pieceCount: 17,
      announce: DEFAULT_ANNOUNCE_URL,
      files: [{ path: "swarm.bin", lengthBytes: content.sizeBytes }],
    });
    expect(read.pieceHashes.equals(hashes)).toBe(true);
  });

  it("encodes non-ASCII names as UTF-8 and a custom announce URL", () => {
    const bytes = buildMetainfo({
      name: "sürf-🌊.bin",
      lengthBytes: 10,
      pieceLengthBytes: 16,
      pieceHashes: new Uint8Array(20),
      announce: "udp://example.invalid:6969",
    });
    const read = readTorrentFile(bytes);
    expect(read.name).toBe("sürf-🌊.bin");
    expect(read.announce).toBe("udp://example.invalid:6969");
  });

  it("rejects inconsistent fields", () => {
    const base = {
      name: "x",
      lengthBytes: 100,
      pieceLengthBytes: 40,
      pieceHashes: new Uint8Array(60),
    };
    expect(() => buildMetainfo(base)).not.toThrow();
    expect(() => buildMetainfo({ ...base, pieceHashes: new Uint8Array(40) })).toThrow(
      /need 3 piece hashes/,
    );
    expect(() => buildMetainfo({ ...base, name: "" })).toThrow(/name/);
    expect(() => buildMetainfo({ ...base, name: "a/b" })).toThrow(/name/);
    expect(() => buildMetainfo({ ...base, lengthBytes: 0 })).toThrow(/length/);
    expect(() => buildMetainfo({ ...base, pieceLengthBytes: 2.5 })).toThrow(/piece length/);
  });
});
