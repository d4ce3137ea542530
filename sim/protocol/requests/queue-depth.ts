/**
 * How many block requests to keep outstanding on one connection.
 *
 * A fixed backlog (mainline 3.x's 5, BEP 3's "five requests") caps a
 * connection at backlog × block / RTT: 5 × 16 KiB over a 110 ms round trip is
 * about 6 Mbit/s, however fast both links are. libtorrent instead sizes the
 * queue to the bandwidth-delay product it observes: the connection's download
 * rate × `request_queue_time` (3 s by default, an assumed round trip that
 * includes the remote's disk and message handling) / the request size, capped
 * at `max_out_request_queue` (500). See libtorrent's settings_pack
 * (request_queue_time, max_out_request_queue) and its
 * OutstandingRequestLimitReached performance warning.
 *
 * Pure: the swarm passes the rate it measured (payload bytes per second over
 * the choker's 20 s window, BEP 3's rolling "download rate").
 */

/** The scenario's two keys that size the queue (protocol.pipeline_depth, protocol.request_queue_time). */
export interface RequestQueuePolicy {
  readonly pipeline_depth: number;
  /** Seconds; 0 keeps the backlog fixed. */
  readonly request_queue_time: number;
}

/** libtorrent's default max_out_request_queue. */
export const MAX_REQUEST_QUEUE = 500;

/**
 * `pipeline_depth` is the fixed backlog and the floor of the adaptive one;
 * `request_queue_time` 0 keeps the backlog fixed.
 */
export function requestQueueDepth(
  protocol: RequestQueuePolicy,
  blockBytes: number,
  rateBytesPerS: number,
): number {
  const fixed = protocol.pipeline_depth;
  if (protocol.request_queue_time <= 0) return fixed;
  const wanted = Math.ceil((rateBytesPerS * protocol.request_queue_time) / blockBytes);
  return Math.max(fixed, Math.min(MAX_REQUEST_QUEUE, wanted));
}
