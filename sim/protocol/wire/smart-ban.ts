/**
 * Holding the senders of a bad piece to account.
 *
 * Rules it owns (`faults.smart_ban` on, libtorrent's smart-ban plugin, the
 * default): when a piece fails, the receiver remembers which peer sent each
 * block and what it sent. A peer that sent the whole failed piece alone is the
 * culprit. When several contributed, the receiver waits for a good copy:
 * peers whose blocks differ from it are the culprits, the others are cleared.
 * Culprits are banned at once: disconnected and never dialled again.
 *
 * With `smart_ban: false` (the classic rule) every peer that took part in a
 * failed piece gets a strike, and `ban_after` strikes ban it — so honest
 * peers that shared pieces with a polluter get banned too.
 *
 * Either way the piece is fetched again preferably from peers that did not
 * send the bad copy (`avoid`, see requests.ts).
 */
import { closeConnection } from "./close.ts";
import type { PartialPiece } from "./partial-piece.ts";
import type { PeerState } from "./peer-state.ts";

export function onPieceFailed(peer: PeerState, pp: PartialPiece): void {
  const piece = pp.piece;
  const senders = new Set<number>();
  for (let b = 0; b < pp.blocks; b++) senders.add(pp.senders[b]);
  for (const s of senders) peer.out.blamed(s);
  const avoid = peer.avoid.get(piece) ?? new Set<number>();
  for (const s of senders) avoid.add(s);
  peer.avoid.set(piece, avoid);
  const settings = peer.settings;
  if (!settings.smartBan) {
    for (const s of senders) {
      const strikes = (peer.strikes.get(s) ?? 0) + 1;
      peer.strikes.set(s, strikes);
      if (strikes >= settings.banAfter) ban(peer, s);
    }
  } else if (senders.size === 1) {
    ban(peer, pp.senders[0]);
  } else {
    const list = peer.suspects.get(piece) ?? [];
    for (let b = 0; b < pp.blocks; b++)
      list.push({ block: b, sender: pp.senders[b], tag: pp.tags[b] });
    peer.suspects.set(piece, list);
  }
}

/** A good copy of a piece that failed before: compare what each earlier sender sent with it. */
export function onPiecePassed(peer: PeerState, piece: number, good: PartialPiece): void {
  const list = peer.suspects.get(piece);
  if (list !== undefined) {
    peer.suspects.delete(piece);
    const culprits = new Set<number>();
    for (const s of list) if (s.tag !== good.tags[s.block]) culprits.add(s.sender);
    for (const c of culprits) ban(peer, c);
  }
  peer.avoid.delete(piece);
}

function ban(peer: PeerState, culprit: number): void {
  if (peer.banned.has(culprit)) return;
  peer.banned.add(culprit);
  peer.out.banned(peer.id, culprit);
  const conn = peer.connectedTo.get(culprit);
  if (conn) closeConnection(peer, conn, true);
}
