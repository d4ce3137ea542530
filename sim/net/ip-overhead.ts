/**
 * TCP/IP header bytes, as libtorrent estimates them to charge its rate
 * limits (`rate_limit_ip_overhead`, include/libtorrent/stat.hpp
 * `trancieve_ip_packet`): 40 bytes of IPv4 + TCP headers for every packet of
 * at most 1,460 payload bytes (a 1,500-byte MTU), at least one packet per
 * message. libtorrent charges the same amount to both directions — the data
 * one way, the acknowledgements the other — and so does the swarm.
 */
export const IP_TCP_HEADER_BYTES = 40;
export const MSS_BYTES = 1500 - IP_TCP_HEADER_BYTES;

export function ipOverheadBytes(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / MSS_BYTES)) * IP_TCP_HEADER_BYTES;
}
