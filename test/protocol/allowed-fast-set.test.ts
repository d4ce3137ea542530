/**
 * BEP 6's allowed-fast set generation against the BEP's published example
 * (info-hash 0xAA × 20, 1,313 pieces, peer 80.4.4.200), and libtorrent
 * 2.0.8's variant (peer_connection.cpp `send_allowed_set`).
 */
import { describe, expect, it } from "vitest";
import {
  formatIpv4,
  LOOPBACK_IPV4,
  parseIpv4,
  peerAddress,
} from "../../sim/protocol/fast/addresses.ts";
import {
  AllowedFastSets,
  bep6AllowedFastSet,
  libtorrentAllowedFastSet,
  PieceChain,
} from "../../sim/protocol/fast/allowed-fast-set.ts";

const INFO_HASH = new Uint8Array(20).fill(0xaa);
const PIECES = 1313;
const BEP6_SEVEN = [1059, 431, 808, 1217, 287, 376, 1188];
const BEP6_NINE = [...BEP6_SEVEN, 353, 508];

describe("BEP 6 allowed-fast set", () => {
  it("reproduces the BEP's example: 7 and 9 pieces for 80.4.4.200", () => {
    const ip = parseIpv4("80.4.4.200");
    expect(bep6AllowedFastSet(ip, INFO_HASH, PIECES, 7)).toEqual(BEP6_SEVEN);
    expect(bep6AllowedFastSet(ip, INFO_HASH, PIECES, 9)).toEqual(BEP6_NINE);
  });

  it("depends on the /24 only (the address is masked with 0xFFFFFF00)", () => {
    for (const host of ["80.4.4.0", "80.4.4.1", "80.4.4.255"]) {
      expect(bep6AllowedFastSet(parseIpv4(host), INFO_HASH, PIECES, 9)).toEqual(BEP6_NINE);
    }
    expect(bep6AllowedFastSet(parseIpv4("80.4.5.200"), INFO_HASH, PIECES, 9)).not.toEqual(
      BEP6_NINE,
    );
  });

  it("never asks for more pieces than the torrent has, and none for k = 0", () => {
    const ip = parseIpv4("80.4.4.200");
    expect(bep6AllowedFastSet(ip, INFO_HASH, 3, 10).sort()).toEqual([0, 1, 2]);
    expect(bep6AllowedFastSet(ip, INFO_HASH, PIECES, 0)).toEqual([]);
  });
});

describe("libtorrent's variant (send_allowed_set)", () => {
  const none = () => false;

  it("hashes the whole address: 80.4.4.0 gives BEP 6's set, 80.4.4.200 another", () => {
    const chain = (ip: string) => new PieceChain(parseIpv4(ip), INFO_HASH, PIECES);
    expect(libtorrentAllowedFastSet(chain("80.4.4.0"), PIECES, 9, none)).toEqual(BEP6_NINE);
    const own = libtorrentAllowedFastSet(chain("80.4.4.200"), PIECES, 9, none);
    expect(own).toHaveLength(9);
    expect(own).not.toEqual(BEP6_NINE);
  });

  it("leaves out pieces the remote has, each still one of the k attempts", () => {
    const chain = new PieceChain(parseIpv4("80.4.4.0"), INFO_HASH, PIECES);
    const has = (p: number) => p === 1059 || p === 808;
    expect(libtorrentAllowedFastSet(chain, PIECES, 7, has)).toEqual([431, 1217, 287, 376, 1188]);
  });

  it("with k ≥ the piece count, allows every piece the remote lacks", () => {
    const chain = new PieceChain(LOOPBACK_IPV4, INFO_HASH, 4);
    expect(libtorrentAllowedFastSet(chain, 4, 5, (p) => p === 2)).toEqual([0, 1, 3]);
  });

  it("AllowedFastSets: one chain per address; loopback gives every peer the same set", () => {
    const shared = new AllowedFastSets(INFO_HASH, 64, 5, (p) => peerAddress("shared", p));
    const distinct = new AllowedFastSets(INFO_HASH, 64, 5, (p) => peerAddress("distinct", p));
    const sets = [0, 1, 2, 3].map((p) => shared.forRemote(p, none));
    for (const s of sets) expect(s).toEqual(sets[0]);
    expect(sets[0]).toHaveLength(5);
    const own = [0, 1, 2, 3].map((p) => distinct.forRemote(p, none).join(","));
    expect(new Set(own).size).toBe(4);
  });
});

describe("simulated addresses", () => {
  it("distinct: every peer its own /24; shared: 127.0.0.1", () => {
    expect([0, 1, 255, 256, 65536].map((p) => formatIpv4(peerAddress("distinct", p)))).toEqual([
      "10.0.0.1",
      "10.0.1.1",
      "10.0.255.1",
      "10.1.0.1",
      "11.0.0.1",
    ]);
    expect(formatIpv4(peerAddress("shared", 42))).toBe("127.0.0.1");
  });
});
