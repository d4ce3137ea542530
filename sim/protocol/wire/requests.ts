/**
 * Which block to ask a remote for next: the request policy around the piece
 * picker.
 *
 * 1. Strict priority: blocks of pieces already started come first, so pieces
 *    complete (and can be shared) as soon as possible (BEP 3, libtorrent).
 * 2. Otherwise the piece picker (rarest-first, random, …) chooses a new piece.
 * 3. Endgame (BEP 3): once every missing block has been requested, ask for
 *    blocks already requested elsewhere; the first copy to arrive wins and the
 *    others are cancelled. Duplicates that still arrive are wasted bytes.
 *    libtorrent's variant: see `endgameAllowed`.
 * 4. After a hash failure, the piece is fetched again preferably from peers
 *    that did not send blocks of the bad copy, and from one peer only
 *    (`PartialPiece.exclusive`), so a second failure names its culprit.
 * 5. Whole pieces for fast connections (`whole_pieces_threshold`, libtorrent
 *    request_blocks.cpp): a connection whose download rate fetches a piece
 *    within the threshold reserves whole pieces — as many contiguous ones as
 *    it fetches in that time, up to 8 MiB (piece_picker.cpp `expand_piece`) —
 *    and takes blocks of pieces started by other connections only when no new
 *    piece is left ("ignored as long as possible", piece_picker.cpp
 *    `pick_pieces`). With too many partial pieces (more than 1.5 × the
 *    connections, or over 2,048 blocks) partial pieces come first again and
 *    whole-piece picking pauses (`pick_pieces`, "prioritize_partials").
 */
import type { PieceBits } from "../picker/piece-bits.ts";
import type { Connection } from "./connection.ts";
import { PartialPiece } from "./partial-piece.ts";
import type { PeerState } from "./peer-state.ts";

/** The next block to request from `conn`'s remote, marked requested; −1 if none. */
export function nextRequest(peer: PeerState, conn: Connection): number {
  if (conn.peerChoking) return allowedFastRequest(peer, conn);
  const s = peer.settings;
  const whole = wholePieces(peer, conn);
  // A whole-piece connection's own pieces are all reserved already: it starts
  // new ones first and finishes others' only as a backup.
  const strict = s.strictPriority && whole === 0;
  let block = strict ? fromStartedPieces(peer, conn) : -1;
  if (block < 0) block = fromNewPiece(peer, conn, whole);
  if (block < 0 && !strict) block = fromStartedPieces(peer, conn);
  if (block < 0 && s.endgame && endgameAllowed(peer, conn)) block = endgameBlock(peer, conn);
  return block;
}

/** The allowed-fast pick's bit record (allowedFastRequest); all zero between picks. */
let allowedScratch = new Uint32Array(0);

/** Choked: the next block of the remote's allowed-fast set (rule 6), −1 if none. */
function allowedFastRequest(peer: PeerState, conn: Connection): number {
  // The pickable allowed pieces as a bit record for the picker: a scratch record,
  // its bits cleared again after the pick (no allocation per request).
  const words = peer.slab.wordsPerRecord;
  if (allowedScratch.length < words) allowedScratch = new Uint32Array(words);
  const mask = allowedScratch;
  let marked = 0;
  for (const piece of conn.allowedFast) {
    if (!conn.remoteHas(piece) || peer.have[piece] === 1) continue;
    const pp = peer.partial.get(piece);
    if (pp !== undefined) {
      if (pp.unrequested === 0) continue;
      if (pp.exclusive ? !exclusiveAllows(peer, conn, pp) : avoided(peer, conn, piece)) continue;
      for (let b = 0; b < pp.blocks; b++) {
        if (pp.state[b] === 0) return markRequested(peer, pp, b);
      }
      continue;
    }
    if (peer.startable[piece] !== 1 || (peer.avoid.size > 0 && avoided(peer, conn, piece)))
      continue;
    mask[piece >>> 5] |= 1 << (piece & 31);
    marked++;
  }
  if (marked === 0) return -1;
  const g = peer.settings.geometry;
  const piece = peer.settings.picker({
    pieceCount: g.pieceCount,
    availability: peer.availability,
    remoteHas: { words: mask, offset: 0 },
    startable: peer.startable,
    piecesHeld: peer.haveCount,
    rng: peer.rng.picker,
  });
  for (const p of conn.allowedFast) mask[p >>> 5] = 0;
  if (piece < 0) return -1;
  return markRequested(peer, startPiece(peer, conn, piece), 0);
}

/**
 * Endgame may ask for a block already requested elsewhere: BEP 3 / mainline
 * once every missing block is requested; with libtorrent's request queue
 * (`request_queue_time` > 0) also once every missing piece is started, by a
 * connection with nothing outstanding (request_blocks.cpp with
 * `strict_end_game_mode`: busy blocks only when the download queue covers every
 * wanted piece, one at a time) — whole-piece reservations would otherwise hold
 * the last pieces on one connection while the others idle.
 */
function endgameAllowed(peer: PeerState, conn: Connection): boolean {
  if (peer.unrequestedBlocks === 0) return true;
  const s = peer.settings;
  return (
    s.requestQueueTime > 0 &&
    conn.myRequests.length === 0 &&
    peer.partial.size === s.geometry.pieceCount - peer.haveCount
  );
}

/** Blocks a request to `conn` for a new piece should reserve at once (0: one block). */
function wholePieces(peer: PeerState, conn: Connection): number {
  const s = peer.settings;
  if (s.wholePiecesThreshold <= 0) return 0;
  const g = s.geometry;
  const blocksPerPiece = g.blocksPerPiece;
  if (
    peer.partial.size > (peer.conns.length * 3) / 2 ||
    peer.partial.size * blocksPerPiece > MAX_PARTIAL_BLOCKS
  ) {
    return 0;
  }
  const window = Math.min(conn.downloadRate * s.wholePiecesThreshold, WHOLE_PIECES_MAX_BYTES);
  return Math.floor(window / g.pieceBytes) * blocksPerPiece;
}

/** piece_picker.cpp: at most 2,048 partial blocks (32 MiB of 16 KiB) before partials come first. */
const MAX_PARTIAL_BLOCKS = 2048;
/** request_blocks.cpp: a whole-piece pick covers at most 8 MiB. */
const WHOLE_PIECES_MAX_BYTES = 8 * 1024 * 1024;

/** A reserved block is still worth asking for (nobody delivered it meanwhile). */
export function stillWanted(peer: PeerState, blockId: number): boolean {
  const g = peer.settings.geometry;
  const pp = peer.partial.get(g.pieceOf(blockId));
  return pp !== undefined && pp.state[g.blockOf(blockId)] === 1;
}

function fromStartedPieces(peer: PeerState, conn: Connection): number {
  for (const pp of peer.partial.values()) {
    // Pieces with every block asked for are skipped first (cheap, and most are);
    // exclusive ones still go through exclusiveAllows, which may hand them to this remote.
    if (pp.unrequested === 0 && !pp.exclusive) continue;
    if (!conn.remoteHas(pp.piece)) continue;
    if (pp.exclusive ? !exclusiveAllows(peer, conn, pp) : avoided(peer, conn, pp.piece)) continue;
    for (let b = 0; b < pp.blocks; b++) {
      if (pp.state[b] === 0) return markRequested(peer, pp, b);
    }
  }
  return -1;
}

function fromNewPiece(peer: PeerState, conn: Connection, wholeBlocks: number): number {
  const g = peer.settings.geometry;
  const remoteHas = peer.avoid.size > 0 ? withoutAvoided(peer, conn) : conn.remotePieces();
  const piece = peer.settings.picker({
    pieceCount: g.pieceCount,
    availability: peer.availability,
    remoteHas,
    startable: peer.startable,
    piecesHeld: peer.haveCount,
    rng: peer.rng.picker,
  });
  if (piece < 0) return -1;
  const first = startPiece(peer, conn, piece);
  if (wholeBlocks === 0) return markRequested(peer, first, 0);
  // Reserve the picked piece and its pickable neighbours, whole.
  const [from, to] = contiguousRun(peer, remoteHas, piece, Math.ceil(wholeBlocks / first.blocks));
  for (let b = 1; b < first.blocks; b++) conn.unsent.push(markRequested(peer, first, b));
  for (let k = from; k < to; k++) {
    if (k === piece) continue;
    const pp = startPiece(peer, conn, k);
    for (let b = 0; b < pp.blocks; b++) conn.unsent.push(markRequested(peer, pp, b));
  }
  return markRequested(peer, first, 0);
}

function startPiece(peer: PeerState, conn: Connection, piece: number): PartialPiece {
  const pp = new PartialPiece(piece, peer.settings.geometry.blocksIn(piece), peer.avoid.has(piece));
  if (pp.exclusive) pp.source = conn.remote;
  peer.partial.set(piece, pp);
  peer.startable[piece] = 0;
  return pp;
}

/**
 * piece_picker.cpp `expand_piece`: up to `n` contiguous pieces around `piece`
 * that the remote has and nobody has started, reaching back at most n − 1.
 */
function contiguousRun(peer: PeerState, remoteHas: PieceBits, piece: number, n: number) {
  const pickable = (k: number) =>
    peer.startable[k] === 1 &&
    ((remoteHas.words[remoteHas.offset + (k >>> 5)] >>> (k & 31)) & 1) === 1;
  let from = piece;
  const lower = Math.max(0, piece - n + 1);
  while (from > lower && pickable(from - 1)) from--;
  let to = piece + 1;
  const upper = Math.min(peer.settings.geometry.pieceCount, from + n);
  while (to < upper && pickable(to)) to++;
  return [from, to] as const;
}

function endgameBlock(peer: PeerState, conn: Connection): number {
  const g = peer.settings.geometry;
  let best = -1;
  let bestRequests = Number.POSITIVE_INFINITY;
  for (const pp of peer.partial.values()) {
    if (!conn.remoteHas(pp.piece) || !exclusiveAllows(peer, conn, pp)) continue;
    for (let b = 0; b < pp.blocks; b++) {
      if (pp.state[b] !== 1 || pp.requests[b] >= bestRequests) continue;
      const id = g.blockId(pp.piece, b);
      if (conn.myRequests.includes(id)) continue;
      best = id;
      bestRequests = pp.requests[b];
    }
  }
  if (best >= 0) {
    const pp = peer.partial.get(g.pieceOf(best))!;
    pp.requests[g.blockOf(best)]++;
  }
  return best;
}

function markRequested(peer: PeerState, pp: PartialPiece, b: number): number {
  pp.state[b] = 1;
  pp.requests[b] = 1;
  pp.unrequested--;
  peer.unrequestedBlocks--;
  return peer.settings.geometry.blockId(pp.piece, b);
}

/** Releases every request `conn` holds, sent or reserved (a choke, a close). */
export function releaseAll(peer: PeerState, conn: Connection): void {
  for (const b of conn.myRequests) releaseRequest(peer, b);
  conn.myRequests.length = 0;
  for (const b of conn.unsent) releaseRequest(peer, b);
  conn.unsent.length = 0;
}

/** One outstanding request for `blockId` is gone (choke, close, cancel): the block may be missing again. */
export function releaseRequest(peer: PeerState, blockId: number): void {
  const g = peer.settings.geometry;
  const pp = peer.partial.get(g.pieceOf(blockId));
  if (!pp) return;
  const b = g.blockOf(blockId);
  if (pp.state[b] !== 1) return;
  if (pp.requests[b] > 0) pp.requests[b]--;
  if (pp.requests[b] === 0) {
    pp.state[b] = 0;
    pp.unrequested++;
    peer.unrequestedBlocks++;
  }
}

/**
 * A piece that failed verification is fetched again preferably from peers
 * that did not send blocks of a bad copy: the remote is avoided for it while
 * another connected peer that is not suspect has the piece.
 */
function avoided(peer: PeerState, conn: Connection, piece: number): boolean {
  const suspects = peer.avoid.get(piece);
  if (suspects === undefined || !suspects.has(conn.remote)) return false;
  for (const c of peer.conns) {
    if (c.remoteHas(piece) && !suspects.has(c.remote)) return true;
  }
  return false;
}

/** The remote's pieces minus those we avoid asking it for (see `avoided`). */
function withoutAvoided(peer: PeerState, conn: Connection): PieceBits {
  const view = conn.remotePieces();
  let copy: Uint32Array | null = null;
  for (const piece of peer.avoid.keys()) {
    if (conn.remoteHas(piece) && avoided(peer, conn, piece)) {
      copy ??= view.words.slice(view.offset, view.offset + peer.slab.wordsPerRecord);
      copy[piece >>> 5] &= ~(1 << (piece & 31));
    }
  }
  return copy === null ? view : { words: copy, offset: 0 };
}

/**
 * An exclusive piece takes blocks only from its source while the source can
 * serve it (connected and not choking us); otherwise this remote, if not a
 * suspect for the piece, becomes the new source.
 */
function exclusiveAllows(peer: PeerState, conn: Connection, pp: PartialPiece): boolean {
  if (!pp.exclusive || pp.source === conn.remote) return true;
  const current = peer.connectedTo.get(pp.source);
  if (current !== undefined && !current.peerChoking) return false;
  if (avoided(peer, conn, pp.piece)) return false;
  pp.source = conn.remote;
  return true;
}
