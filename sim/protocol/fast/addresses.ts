/**
 * The simulated IPv4 address of each peer, for what real clients derive from
 * an address: BEP 6's allowed-fast set (allowed-fast-set.ts). The model has
 * no sockets, so the address is a pure function of the peer id and the
 * scenario's `network.addresses`:
 *
 * - `distinct`: every peer its own /24 (peer i is 10.0.0.1 + 256·i, so
 *   10.0.0.1, 10.0.1.1, … and on into 11.0.0.0 past 65,536 peers): BEP 6
 *   masks the low octet, so peers on one /24 would share a set; on the
 *   Internet a swarm's peers are almost never neighbours.
 * - `shared`: every peer is 127.0.0.1, as on loopback (the real-client twin,
 *   scripts/real): every peer's allowed-fast set is then the same pieces.
 */

export const ADDRESS_MODES = ["distinct", "shared"] as const;
export type AddressMode = (typeof ADDRESS_MODES)[number];

/** 127.0.0.1 as a 32-bit integer (network byte order read as a number). */
export const LOOPBACK_IPV4 = 0x7f000001;
const FIRST_DISTINCT = 0x0a000001; // 10.0.0.1

/** Peer `peer`'s IPv4 address as an unsigned 32-bit integer. */
export function peerAddress(mode: AddressMode, peer: number): number {
  if (mode === "shared") return LOOPBACK_IPV4;
  return (FIRST_DISTINCT + peer * 256) >>> 0;
}

/** `a.b.c.d` for an address (traces, tests). */
export function formatIpv4(address: number): string {
  return [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join(".");
}

/** An `a.b.c.d` string as an unsigned 32-bit integer. */
export function parseIpv4(text: string): number {
  const parts = text.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`not an IPv4 address: ${text}`);
  }
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}
