/**
 * Receiving blocks, completing pieces, verifying them against their hash and
 * acting on the result: a good piece is announced with HAVE; a bad one is
 * discarded and downloaded again, and the peers that sent it are held to
 * account.
 *
 * Banning, `faults.smart_ban` on (libtorrent's smart ban, the default): when
 * a piece fails, the receiver remembers which peer sent each block (and what
 * it sent). A peer that sent the whole failed piece alone is the culprit. When
 * several contributed, the receiver waits for a good copy: peers whose blocks
 * differ from it are the culprits, the others are cleared. Culprits are banned
 * at once. With `smart_ban: false` (the classic rule) every peer that took
 * part in a failed piece gets a strike, and `ban_after` strikes ban it — so
 * honest peers that shared pieces with a polluter get banned too.
 */
import type { ConnEnd } from "./connection.ts";
import type { PartialPiece, Peer } from "./peer.ts";
import type { Swarm } from "./swarm.ts";
import { closeEnd, Msg, refillAll, requestMore, send, updateInterest } from "./wire.ts";

export function receiveBlock(
  swarm: Swarm,
  end: ConnEnd,
  blockId: number,
  bytes: number,
  tag: number,
): void {
  const peer = end.peer;
  if (!end.open || !peer.present) {
    swarm.totals.lostInTransitBytes += bytes;
    return;
  }
  const g = swarm.geometry;
  const i = end.myRequests.indexOf(blockId);
  if (i >= 0) end.myRequests.splice(i, 1);
  swarm.downloadedBytes[peer.id] += bytes;
  swarm.totals.downloadedBytes += bytes;
  end.recvCur += bytes;
  end.lastRecvUs = swarm.sim.now;

  const piece = g.pieceOf(blockId);
  const b = g.blockOf(blockId);
  const pp = peer.partial.get(piece);
  if (pp === undefined || pp.state[b] === 2) {
    // Already held or already received from someone else (endgame, or a request released by a choke).
    swarm.totals.wastedDuplicateBytes += bytes;
  } else {
    if (pp.state[b] === 0) {
      peer.unrequestedBlocks--;
      pp.unrequested--;
    }
    if (i >= 0 && pp.requests[b] > 0) pp.requests[b]--;
    pp.state[b] = 2;
    pp.tags[b] = tag;
    pp.senders[b] = end.remote.id;
    pp.received++;
    if (pp.requests[b] > 0) cancelDuplicates(swarm, peer, blockId, pp, b);
    if (pp.received === pp.blocks) finishPiece(swarm, peer, pp);
  }
  if (peer.present) requestMore(swarm, end);
}

/** Endgame: the block is here, so withdraw the same request from every other peer (BEP 3 CANCEL). */
function cancelDuplicates(
  swarm: Swarm,
  peer: Peer,
  blockId: number,
  pp: PartialPiece,
  b: number,
): void {
  for (const e of peer.ends) {
    const j = e.myRequests.indexOf(blockId);
    if (j < 0) continue;
    e.myRequests.splice(j, 1);
    send(swarm, e, Msg.Cancel, blockId);
  }
  pp.requests[b] = 0;
}

function finishPiece(swarm: Swarm, peer: Peer, pp: PartialPiece): void {
  const piece = pp.piece;
  peer.partial.delete(piece);
  if (swarm.verifier.verify(piece, pp.tags)) {
    if (pp.tags.some((t) => t !== 0)) peer.acceptedDamaged.set(piece, pp.tags.slice());
    acceptPiece(swarm, peer, piece);
    resolveSuspects(swarm, peer, piece, pp);
    peer.avoid.delete(piece);
  } else {
    rejectPiece(swarm, peer, pp);
  }
}

function acceptPiece(swarm: Swarm, peer: Peer, piece: number): void {
  peer.have[piece] = 1;
  peer.haveCount++;
  swarm.piecesHave[peer.id] = peer.haveCount;
  swarm.copies[piece]++;
  for (const e of peer.ends) {
    if (e.remoteHas(piece)) {
      // We no longer need this piece from them; and they need no HAVE (libtorrent suppresses redundant HAVEs).
      e.useful--;
      if (e.useful === 0) updateInterest(swarm, e);
    } else {
      send(swarm, e, Msg.Have, piece);
    }
  }
  if (peer.haveCount === swarm.geometry.pieceCount) swarm.completed(peer);
}

function rejectPiece(swarm: Swarm, peer: Peer, pp: PartialPiece): void {
  const g = swarm.geometry;
  const piece = pp.piece;
  swarm.totals.hashFailures++;
  swarm.totals.redownloadedPieces++;
  swarm.totals.wastedCorruptBytes += g.pieceLength(piece);
  swarm.emit("hash_failure", peer.id, piece);
  // The piece is discarded and becomes missing again.
  peer.startable[piece] = 1;
  peer.unrequestedBlocks += pp.blocks;

  const senders = new Set<number>();
  for (let b = 0; b < pp.blocks; b++) senders.add(pp.senders[b]);
  for (const s of senders) swarm.hashFailures[s]++;
  // Re-download preferably from peers that did not send this bad copy.
  const avoid = peer.avoid.get(piece) ?? new Set<number>();
  for (const s of senders) avoid.add(s);
  peer.avoid.set(piece, avoid);
  if (!swarm.config.faults.smart_ban) {
    for (const s of senders) {
      const strikes = (peer.strikes.get(s) ?? 0) + 1;
      peer.strikes.set(s, strikes);
      if (strikes >= swarm.config.faults.ban_after) ban(swarm, peer, s);
    }
  } else if (senders.size === 1) {
    ban(swarm, peer, pp.senders[0]);
  } else {
    const list = peer.suspects.get(piece) ?? [];
    for (let b = 0; b < pp.blocks; b++)
      list.push({ block: b, sender: pp.senders[b], tag: pp.tags[b] });
    peer.suspects.set(piece, list);
  }
  refillAll(swarm, peer);
}

/** A good copy of a piece that failed before: compare what each earlier sender sent with it. */
function resolveSuspects(swarm: Swarm, peer: Peer, piece: number, good: PartialPiece): void {
  const list = peer.suspects.get(piece);
  if (list === undefined) return;
  peer.suspects.delete(piece);
  const culprits = new Set<number>();
  for (const s of list) if (s.tag !== good.tags[s.block]) culprits.add(s.sender);
  for (const c of culprits) ban(swarm, peer, c);
}

function ban(swarm: Swarm, peer: Peer, culprit: number): void {
  if (peer.banned.has(culprit)) return;
  peer.banned.add(culprit);
  swarm.bannedFlag[culprit] = 1;
  swarm.emit("ban", peer.id, culprit);
  const end = peer.connectedTo.get(culprit);
  if (end) closeEnd(swarm, end, true);
}
