/**
 * Bytes each peer-wire message takes on the wire (BEP 3 framing: a 4-byte
 * length prefix and a 1-byte id before the payload). The protocol never
 * counts bytes; the transport charges them to the links when
 * `protocol.message_overhead` is on (sim/swarm/link-overhead.ts).
 */
import { Msg } from "./messages.ts";

/** `<pstrlen=19><"BitTorrent protocol"><8 reserved><20 info_hash><20 peer_id>`. */
export const HANDSHAKE_BYTES = 68;
/** `<len=0009+X><id=7><index><begin>` before a block's X bytes. */
export const PIECE_HEADER_BYTES = 13;

/** BITFIELD: `<len=0001+X><id=5><bitfield>`, one bit a piece. */
export function bitfieldBytes(pieceCount: number): number {
  return 5 + Math.ceil(pieceCount / 8);
}

/**
 * A BEP 11 ut_pex message (an extended message, BEP 10) listing `peers`
 * IPv4 peers: framing, extended id, the bencoded dictionary's keys, 6 bytes
 * of compact address and 1 flag byte a peer.
 */
export function pexBytes(peers: number): number {
  return 6 + 40 + 7 * peers;
}

/** A control message's bytes on the wire. */
export function messageBytes(msg: Msg, pieceCount: number): number {
  switch (msg) {
    case Msg.Bitfield:
      return bitfieldBytes(pieceCount);
    case Msg.Have:
      return 9; // <len=0005><id=4><piece index>
    case Msg.Request:
    case Msg.Cancel:
    case Msg.Reject:
      return 17; // <len=0013><id=6|8|0x10><index><begin><length> (REJECT_REQUEST: BEP 6)
    case Msg.AllowedFast:
      return 9; // <len=0005><id=0x11><piece index> (BEP 6)
    case Msg.HaveAll:
    case Msg.HaveNone:
      return 5; // <len=0001><id=0x0E|0x0F> (BEP 6)
    case Msg.Interested:
    case Msg.NotInterested:
    case Msg.Choke:
    case Msg.Unchoke:
      return 5; // <len=0001><id>
    default: {
      const unreachable: never = msg;
      throw new Error(`unknown message ${unreachable}`);
    }
  }
}
