/**
 * The allowed-fast set (BEP 6, the Fast Extension): the pieces a peer lets a
 * remote download even while it chokes it, derived from the remote's address
 * and the info-hash so that a peer cannot get a different set by
 * reconnecting.
 *
 * Rules it owns:
 * - BEP 6's canonical generation (`bep6AllowedFastSet`): x = (IPv4 &
 *   0xFFFFFF00) ‖ info-hash; repeat x ← SHA-1(x) and read its five 4-byte
 *   big-endian words, each modulo the piece count, keeping each new index,
 *   until k distinct pieces are found.
 * - libtorrent 2.0.8's variant (peer_connection.cpp `send_allowed_set`,
 *   `libtorrentAllowedFastSet`): the same SHA-1 chain, but over the remote's
 *   whole address (no mask), and a piece the remote already has is not sent
 *   yet counts as one of the k attempts (so fewer than k may be sent); a
 *   piece already sent is skipped without counting, with a safety net of
 *   500 words. With k ≥ the piece count it allows every piece the remote
 *   lacks.
 * - `AllowedFastSets`: the SHA-1 chain of each address, computed once per
 *   address and extended on demand (a swarm of one address — loopback —
 *   hashes once).
 */
import { createHash } from "node:crypto";

/** BEP 6's mask: the set depends on the /24, not on the host. */
const BEP6_MASK = 0xffffff00;
/** peer_connection.cpp `send_allowed_set`: "our safety-net to make sure this loop terminates". */
const LIBTORRENT_MAX_LOOPS = 500;

function sha1(bytes: Uint8Array): Uint8Array {
  return createHash("sha1").update(bytes).digest();
}

/** The first digest of the chain: SHA-1 of the 4 address bytes (network order) and the info-hash. */
function firstDigest(ipv4: number, infoHash: Uint8Array): Uint8Array {
  const x = new Uint8Array(4 + infoHash.length);
  new DataView(x.buffer).setUint32(0, ipv4 >>> 0, false);
  x.set(infoHash, 4);
  return sha1(x);
}

/**
 * The piece indices an address's SHA-1 chain yields, five per digest (each
 * 4-byte big-endian word modulo the piece count), extended on demand.
 */
export class PieceChain {
  private readonly words: number[] = [];
  private digest: Uint8Array;

  constructor(
    ipv4: number,
    infoHash: Uint8Array,
    private readonly pieceCount: number,
  ) {
    this.digest = firstDigest(ipv4, infoHash);
  }

  /** The i-th index of the chain. */
  at(i: number): number {
    while (this.words.length <= i) {
      const view = new DataView(this.digest.buffer, this.digest.byteOffset, this.digest.length);
      for (let j = 0; j < 5; j++) this.words.push(view.getUint32(4 * j, false) % this.pieceCount);
      this.digest = sha1(this.digest);
    }
    return this.words[i];
  }
}

/** BEP 6's canonical allowed-fast set of `k` pieces for a peer at `ipv4` (in generation order). */
export function bep6AllowedFastSet(
  ipv4: number,
  infoHash: Uint8Array,
  pieceCount: number,
  k: number,
): number[] {
  const want = Math.min(k, pieceCount);
  const out: number[] = [];
  if (want <= 0) return out;
  const chain = new PieceChain((ipv4 & BEP6_MASK) >>> 0, infoHash, pieceCount);
  for (let i = 0; out.length < want; i++) {
    const piece = chain.at(i);
    if (!out.includes(piece)) out.push(piece);
  }
  return out;
}

/**
 * libtorrent's allowed-fast set for a remote at `ipv4` (the chain of its
 * unmasked address), given which pieces the remote has (file comment).
 */
export function libtorrentAllowedFastSet(
  chain: PieceChain,
  pieceCount: number,
  k: number,
  remoteHas: (piece: number) => boolean,
): number[] {
  const out: number[] = [];
  if (k <= 0 || pieceCount <= 0) return out;
  if (k >= pieceCount) {
    // "more allowed fast pieces than pieces in the torrent": every piece the remote lacks.
    for (let p = 0; p < pieceCount; p++) if (!remoteHas(p)) out.push(p);
    return out;
  }
  let attempts = 0;
  // Every word read counts toward the safety net once; a repeat does not count as an attempt.
  for (let i = 0; i < LIBTORRENT_MAX_LOOPS; i++) {
    const piece = chain.at(i);
    if (out.includes(piece)) continue;
    if (!remoteHas(piece)) out.push(piece);
    if (++attempts >= k) return out;
  }
  return out;
}

/** Where a peer's protocol gets the allowed-fast set to send a remote (tests supply their own). */
export interface AllowedFastSource {
  /** The pieces to allow `remote`, given what it has. */
  forRemote(remote: number, remoteHas: (piece: number) => boolean): number[];
}

/**
 * The allowed-fast sets of a swarm: one SHA-1 chain per address, shared by
 * every connection to a peer at that address.
 */
export class AllowedFastSets implements AllowedFastSource {
  private readonly chains = new Map<number, PieceChain>();

  constructor(
    private readonly infoHash: Uint8Array,
    private readonly pieceCount: number,
    /** `protocol.allowed_fast_set_size` (libtorrent's `allowed_fast_set_size`, 5). */
    readonly size: number,
    /** The address of peer `id` (addresses.ts). */
    private readonly addressOf: (peer: number) => number,
  ) {}

  /** The pieces to allow `remote` (libtorrent's rule), given what it has. */
  forRemote(remote: number, remoteHas: (piece: number) => boolean): number[] {
    const address = this.addressOf(remote);
    let chain = this.chains.get(address);
    if (chain === undefined) {
      chain = new PieceChain(address, this.infoHash, this.pieceCount);
      this.chains.set(address, chain);
    }
    return libtorrentAllowedFastSet(chain, this.pieceCount, this.size, remoteHas);
  }
}
