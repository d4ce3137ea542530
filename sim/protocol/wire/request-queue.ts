/**
 * How many requests a connection keeps outstanding, and the per-connection
 * download rate the rule reads.
 *
 * Rules it owns:
 * - `request_queue_time` 0 (mainline): a fixed backlog of `pipeline_depth`.
 * - `request_queue_time` > 0 (libtorrent, src/peer_connection.cpp
 *   `update_desired_queue_size`): the queue holds that many seconds of the
 *   connection's download rate, queue = request_queue_time × rate / block
 *   size, at least 2 and at most `max_out_request_queue`. A connection starts
 *   in slow start at `pipeline_depth` (libtorrent: 4) and grows its queue by
 *   one for every block received, until a second in which its download did
 *   not grow by more than 5,000 bytes while it was unchoked
 *   (`second_tick`); then the rate rule applies.
 * - In end game (no block left unrequested) the queue is one request
 *   (peer_connection.hpp `desired_queue_size`: 1 in end-game mode), so a
 *   connection asks for a busy block only when it has nothing outstanding
 *   (request_blocks.cpp).
 * - The rate is libtorrent's "5-second average" (stat.cpp): every second,
 *   rate ← rate × 4/5 + bytes of that second / 5.
 */
import type { Connection } from "./connection.ts";
import type { PeerState } from "./peer-state.ts";

/**
 * Whether the rules need the one-second tick (the rate-adaptive queue,
 * whole-piece picking, or the choke schedule of rate-based slots).
 */
export function needsSecondTick(peer: PeerState): boolean {
  const s = peer.settings;
  return s.requestQueueTime > 0 || s.wholePiecesThreshold > 0 || s.uploadSlots === "rate-based";
}

/** Requests `conn` may have outstanding now. */
export function queueDepth(peer: PeerState, conn: Connection): number {
  const s = peer.settings;
  if (s.requestQueueTime <= 0) return s.pipelineDepth;
  if (s.endgame && peer.unrequestedBlocks === 0) return 1;
  return conn.desiredQueue;
}

/** A block arrived on `conn`: counts toward this second's rate; slow start grows the queue. */
export function noteBlockReceived(peer: PeerState, conn: Connection, bytes: number): void {
  conn.recvThisSecond += bytes;
  if (conn.slowStart) {
    conn.desiredQueue = Math.min(conn.desiredQueue + 1, peer.settings.maxOutRequestQueue);
  }
}

/**
 * The one-second tick of one connection: its rate, slow start and queue size.
 * Returns true when the queue grew (the caller then requests more).
 */
export function tickConnection(peer: PeerState, c: Connection): boolean {
  const s = peer.settings;
  const got = c.recvThisSecond;
  if (c.slowStart && !c.peerChoking && c.recvLastSecond > 0 && c.recvLastSecond + 5000 >= got) {
    c.slowStart = false;
  }
  c.recvLastSecond = got;
  c.recvThisSecond = 0;
  c.downloadRate = Math.floor((c.downloadRate * 4) / 5 + got / 5);
  if (s.requestQueueTime <= 0) return false;
  const before = c.desiredQueue;
  if (!c.slowStart) {
    c.desiredQueue = Math.floor((s.requestQueueTime * c.downloadRate) / s.geometry.blockBytes);
  }
  c.desiredQueue = Math.max(2, Math.min(c.desiredQueue, s.maxOutRequestQueue));
  return c.desiredQueue > before;
}
