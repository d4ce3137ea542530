/**
 * Super-seeding (BEP 16, from BitTornado S-5.5): an initial seed with little
 * upload capacity "masquerades as a normal client with no data". Two rules
 * (`SuperSeedRule`), both with an empty BITFIELD (PeerWire.advertisedPieces)
 * and offers made with HAVE messages: a remote can ask only for what it was
 * offered.
 *
 * `strict` (BEP 16 as written):
 * - Once a connection is ready, the seed offers its remote one piece: a
 *   piece never offered to anyone, else the one offered least, among those
 *   the remote lacks; ties go to the piece rarest among the seed's
 *   neighbours, then to the lowest index after a random rotation.
 * - It offers that remote its next piece only once the remote holds the
 *   piece it was offered and that piece has been seen at another peer (a
 *   HAVE from someone else): until then the remote cannot waste the seed's
 *   upload on a second piece.
 * - The remote holds its offered piece when it says so (HAVE) or when it
 *   loses interest in us: it lacks nothing we showed it. (The model's peers
 *   send no HAVE to a peer already known to have the piece; loss of
 *   interest carries the same news.)
 *
 * `libtorrent` (libtorrent 2.0, strict_super_seeding off — its default, and
 * the only rule left in its current ABI):
 * - Once a connection is ready the seed offers two pieces
 *   (bt_peer_connection.cpp write_bitfield: "bootstrap super-seeding by
 *   sending two have message"), each picked by torrent.cpp
 *   `get_piece_to_super_seed`: among the pieces the remote lacks, the one
 *   held by the fewest connected peers, a piece offered to any connection
 *   now counting as 999 ("avoid super-seeding the same piece to more than
 *   one peer if we can avoid it"); ties at random.
 * - When the remote says it holds an offered piece (its HAVE), that piece
 *   is replaced by a new pick at once (peer_connection.cpp incoming_have,
 *   `superseed_piece`): the seed waits for the peer to finish, not for the
 *   piece to spread. libtorrent peers send HAVE even to peers that have the
 *   piece (send_redundant_have, default on); the model's peers send those
 *   only to a libtorrent super-seed, the one peer that acts on them
 *   (Connection.redundantHave). libtorrent also offers a fresh piece to a
 *   peer not interested for 10 s, for peers that leave the HAVE out; with
 *   the HAVE always sent the model does not need it.
 *
 * Caveats (BEP 16): it helps only an initial seed pumping out the first
 * copy; under the strict rule a remote that never spreads its piece (it
 * leaves, or it has no neighbours) gets nothing more from the seed; with few
 * peers it is slower than plain seeding.
 */
import type { Connection } from "./connection.ts";
import { Msg } from "./messages.ts";
import type { PeerState } from "./peer-state.ts";

export { type SuperSeedRule, SuperSeedState } from "./super-seed-state.ts";

/** A connection became ready: the first offers. */
export function superSeedStart(peer: PeerState, conn: Connection): void {
  offerNextPiece(peer, conn);
  if (peer.superSeed!.rule === "libtorrent") offerNextPiece(peer, conn);
}

/** Offers `conn`'s remote one more piece, if it lacks any. */
export function offerNextPiece(peer: PeerState, conn: Connection): void {
  const ss = peer.superSeed!;
  const best = ss.rule === "strict" ? leastOffered(peer, conn) : fewestHolders(peer, conn);
  if (best < 0) return;
  ss.offers[best]++;
  ss.offeredNow[best]++;
  const list = ss.offered.get(conn.id) ?? [];
  list.unshift(best);
  // strict: one piece at a time; libtorrent: the two newest (m_superseed_piece[2]).
  const keep = ss.rule === "strict" ? 1 : 2;
  while (list.length > keep) ss.offeredNow[list.pop()!]--;
  ss.offered.set(conn.id, list);
  peer.out.send(conn, Msg.Have, best);
}

/** A remote announced `piece` (HAVE). */
export function superSeedSawPiece(peer: PeerState, from: Connection, piece: number): void {
  const ss = peer.superSeed!;
  if (ss.rule === "libtorrent") {
    const list = ss.offered.get(from.id);
    const i = list?.indexOf(piece) ?? -1;
    if (i < 0) return;
    list!.splice(i, 1);
    ss.offeredNow[piece]--;
    offerNextPiece(peer, from);
    return;
  }
  // strict: offered pieces that have spread unlock the next offer.
  if (offeredOn(peer, from) === piece && elsewhere(peer, from, piece)) offerNextPiece(peer, from);
  for (const c of peer.conns) {
    if (c !== from && offeredOn(peer, c) === piece && c.remoteHas(piece)) offerNextPiece(peer, c);
  }
}

/** The remote lost interest in us: it holds what we offered it (strict rule). */
export function superSeedLostInterest(peer: PeerState, conn: Connection): void {
  if (peer.superSeed!.rule !== "strict") return;
  const piece = offeredOn(peer, conn);
  if (piece < 0 || conn.remoteHas(piece)) return;
  // As good as its HAVE: count the copy (it will send none, thinking we have it).
  conn.noteRemoteHas(piece);
  peer.availability[piece]++;
  if (elsewhere(peer, conn, piece)) offerNextPiece(peer, conn);
}

function offeredOn(peer: PeerState, conn: Connection): number {
  return peer.superSeed!.offered.get(conn.id)?.[0] ?? -1;
}

/** strict: never offered, else offered least; then rarest; then a random rotation. */
function leastOffered(peer: PeerState, conn: Connection): number {
  const ss = peer.superSeed!;
  const n = ss.offers.length;
  const start = peer.rng.picker.int(n);
  let best = -1;
  for (let k = 0; k < n; k++) {
    const p = (start + k) % n;
    if (conn.remoteHas(p)) continue;
    if (
      best < 0 ||
      ss.offers[p] < ss.offers[best] ||
      (ss.offers[p] === ss.offers[best] && peer.availability[p] < peer.availability[best])
    ) {
      best = p;
    }
  }
  return best;
}

/** libtorrent get_piece_to_super_seed: fewest holders, 999 if offered now; ties at random. */
function fewestHolders(peer: PeerState, conn: Connection): number {
  const ss = peer.superSeed!;
  let best = -1;
  let bestCount = Number.POSITIVE_INFINITY;
  let ties = 0;
  for (let p = 0; p < ss.offers.length; p++) {
    if (conn.remoteHas(p)) continue;
    const count = ss.offeredNow[p] > 0 ? 999 : peer.availability[p];
    if (count < bestCount) {
      best = p;
      bestCount = count;
      ties = 1;
    } else if (count === bestCount && peer.rng.picker.next() * ++ties < 1) {
      best = p; // reservoir: each tied piece equally likely
    }
  }
  return best;
}

function elsewhere(peer: PeerState, except: Connection, piece: number): boolean {
  for (const c of peer.conns) if (c !== except && c.remoteHas(piece)) return true;
  return false;
}
