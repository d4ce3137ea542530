/**
 * Peer-wire control messages (BEP 3, and BEP 6's Fast Extension when both
 * ends support it: fast-extension.ts), as small integer codes so that a
 * message is two numbers on the event queue, never an object. The PIECE
 * message is not here: payload blocks travel through the uplink
 * (Outbox.uploadReady), since their timing is the network's.
 */
export const Msg = {
  Bitfield: 0,
  Have: 1,
  Interested: 2,
  NotInterested: 3,
  Choke: 4,
  Unchoke: 5,
  Request: 6,
  Cancel: 7,
  /** BEP 6: instead of a BITFIELD, "I have every piece" / "I have none". */
  HaveAll: 8,
  HaveNone: 9,
  /** BEP 6: arg = a piece the remote may request while we choke it. */
  AllowedFast: 10,
  /** BEP 6: arg = a block whose REQUEST we will not serve. */
  Reject: 11,
} as const;
export type Msg = (typeof Msg)[keyof typeof Msg];

/** Message names, indexed by code (for traces). */
export const WIRE_MESSAGES = [
  "bitfield",
  "have",
  "interested",
  "not_interested",
  "choke",
  "unchoke",
  "request",
  "cancel",
  "have_all",
  "have_none",
  "allowed_fast",
  "reject_request",
] as const;
export type WireMessage = (typeof WIRE_MESSAGES)[number];
