/**
 * Super-seeding (BEP 16, from BitTornado S-5.5): an initial seed with little
 * upload capacity "masquerades as a normal client with no data".
 *
 * Rules it owns:
 * - The seed's BITFIELD is empty (PeerWire.advertisedPieces).
 * - Once a connection is ready, the seed offers its remote one piece with a
 *   HAVE: a piece never offered to anyone, else the one offered least, among
 *   those the remote lacks; ties go to the piece rarest among the seed's
 *   neighbours, then to the lowest index after a random rotation.
 * - It offers that remote its next piece only once the remote holds the
 *   piece it was offered and that piece has been seen at another peer (a
 *   HAVE from someone else): until then the remote cannot waste the seed's
 *   upload on a second piece.
 * - The remote holds its offered piece when it says so (HAVE) or when it
 *   loses interest in us: it lacks nothing we showed it. (The model's peers
 *   send no HAVE to a peer already known to have the piece, as libtorrent
 *   can be set to; BitTornado's clients told everyone. Loss of interest
 *   carries the same news.)
 *
 * Caveats (BEP 16): it helps only an initial seed pumping out the first
 * copy; a remote that never spreads its piece (it leaves, or it has no
 * neighbours) gets nothing more from the seed; with few peers it is slower
 * than plain seeding.
 */
import type { Connection } from "./connection.ts";
import { Msg } from "./messages.ts";
import type { PeerState } from "./peer-state.ts";

export { SuperSeedState } from "./super-seed-state.ts";

/** Offers `conn`'s remote one more piece, if it lacks any. */
export function offerNextPiece(peer: PeerState, conn: Connection): void {
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
  if (best < 0) {
    ss.offered.delete(conn.id);
    return;
  }
  ss.offers[best]++;
  ss.offered.set(conn.id, best);
  peer.out.send(conn, Msg.Have, best);
}

/** A remote announced `piece` (HAVE): offered pieces that have spread unlock the next offer. */
export function superSeedSawPiece(peer: PeerState, from: Connection, piece: number): void {
  const ss = peer.superSeed!;
  if (ss.offered.get(from.id) === piece && elsewhere(peer, from, piece)) offerNextPiece(peer, from);
  for (const c of peer.conns) {
    if (c !== from && ss.offered.get(c.id) === piece && c.remoteHas(piece)) offerNextPiece(peer, c);
  }
}

/** The remote lost interest in us: it holds what we offered it; if that has spread, offer the next. */
export function superSeedLostInterest(peer: PeerState, conn: Connection): void {
  const piece = peer.superSeed!.offered.get(conn.id);
  if (piece === undefined || conn.remoteHas(piece)) return;
  // As good as its HAVE: count the copy (it will send none, thinking we have it).
  conn.noteRemoteHas(piece);
  peer.availability[piece]++;
  if (elsewhere(peer, conn, piece)) offerNextPiece(peer, conn);
}

function elsewhere(peer: PeerState, except: Connection, piece: number): boolean {
  for (const c of peer.conns) if (c !== except && c.remoteHas(piece)) return true;
  return false;
}
