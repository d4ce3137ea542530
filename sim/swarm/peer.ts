import type { Rng } from "../engine/rng.ts";
import type { ConnEnd } from "./connection.ts";
import type { PeerInfo } from "./observe.ts";
import { PeerIdSet } from "./peer-id-set.ts";

/** Download state of one piece a peer has started but not yet verified. */
export class PartialPiece {
  /** Per block: 0 missing, 1 requested, 2 received. */
  readonly state: Uint8Array;
  /** Outstanding requests per block (more than one only in endgame). */
  readonly requests: Uint8Array;
  /** Per block: 0 if it arrived intact, else the corruption tag it was damaged with. */
  readonly tags: Int32Array;
  /** Per block: the peer that sent it. */
  readonly senders: Int32Array;
  received = 0;
  /** Blocks in state 0 (neither requested nor received): lets request scans skip full pieces. */
  unrequested: number;
  /**
   * After a piece failed verification, its next copy comes from one peer only
   * (libtorrent prefers whole pieces from one peer after a hash failure): a
   * second failure then has a single sender, the culprit, so repeated
   * failures cannot go on without someone being banned. -1 = not yet chosen.
   */
  source = -1;

  constructor(
    readonly piece: number,
    readonly blocks: number,
    readonly exclusive = false,
  ) {
    this.unrequested = blocks;
    this.state = new Uint8Array(blocks);
    this.requests = new Uint8Array(blocks);
    this.tags = new Int32Array(blocks);
    this.senders = new Int32Array(blocks);
  }
}

/** A block a peer could not attribute yet: kept to single out the culprit later (smart ban). */
export interface SuspectBlock {
  readonly block: number;
  readonly sender: number;
  readonly tag: number;
}

export interface CorruptBehaviour {
  readonly probability: number;
  readonly pieces: ReadonlySet<number> | null;
}

const EMPTY_I32 = new Int32Array(0);
const EMPTY_U8 = new Uint8Array(0);

/** Everything the swarm tracks about one peer. */
export class Peer {
  present = false;
  isSeed = false;
  arrivalUs = -1;
  completedUs = -1;
  departedUs = -1;
  aborted = false;

  readonly have: Uint8Array;
  /** 1 where the piece may be started: not held and not in progress (the pickers' view). */
  startable: Uint8Array;
  /** Copies of each piece among connected peers, as their BITFIELD/HAVE messages told us. */
  availability: Int32Array;
  haveCount = 0;
  readonly partial = new Map<number, PartialPiece>();
  /** Blocks of pieces not held that nobody has been asked for; 0 ⇒ endgame may start. */
  unrequestedBlocks = 0;

  /** Open connections, own side. */
  readonly ends: ConnEnd[] = [];
  readonly connectedTo = new Map<number, ConnEnd>();
  readonly pendingTo = new Set<number>();
  /** Peers learned from the tracker and from PEX, dialled round robin when a slot frees (libtorrent's peer list). */
  readonly known: number[] = [];
  readonly knownSet: PeerIdSet;
  dialCursor = 0;
  /** Known peers not to dial again before the given time: refused us, or closed as useless (libtorrent's reconnect back-off). */
  readonly retryAfterUs = new Map<number, number>();
  readonly banned = new Set<number>();
  /** Failed pieces each remote took part in (the classic ban rule, `smart_ban: false`). */
  readonly strikes = new Map<number, number>();
  readonly suspects = new Map<number, SuspectBlock[]>();
  /** Per piece that failed: peers that sent blocks of a bad copy, asked again only if no one else has it. */
  readonly avoid = new Map<number, Set<number>>();
  /** Pieces accepted although a block was damaged (only a broken verifier could do it): for the end-of-run file check. */
  readonly acceptedDamaged = new Map<number, Int32Array>();

  /** Ends with queued requests from their remote, served round robin by the uplink. */
  readonly uploadQueue: ConnEnd[] = [];
  uploadCursor = 0;
  /** Sender-side ends whose next block waits for this peer's downlink to free up. */
  waitingSenders: ConnEnd[] = [];

  optimistic: ConnEnd | null = null;
  /** Upload slots, the optimistic one included: protocol.unchoke_slots, more with upload_slots: auto. */
  uploadSlots = 0;
  rechokeRound = 0;
  /** Next periodic announce is valid only if it carries this generation. */
  announceGeneration = 0;
  lastAnnounceUs = -1;
  announceFailures = 0;
  nextAnnounceUs = Number.POSITIVE_INFINITY;

  constructor(
    readonly id: number,
    readonly info: PeerInfo,
    pieceCount: number,
    readonly pickerRng: Rng,
    readonly chokerRng: Rng,
    readonly faultRng: Rng,
    readonly pexRng: Rng,
    readonly corrupt: CorruptBehaviour | null,
    /** Peer ids range over [0, peerCapacity). */
    peerCapacity: number,
  ) {
    this.knownSet = new PeerIdSet(peerCapacity);
    this.have = new Uint8Array(pieceCount);
    this.startable = new Uint8Array(pieceCount).fill(1);
    this.availability = new Int32Array(pieceCount);
  }

  /**
   * Drops what only a present peer needs (called once it has left and closed
   * its connections), so that a long run with churn holds memory for the
   * peers present, not for every peer that ever came.
   */
  releaseAfterDeparture(): void {
    this.known.length = 0;
    this.knownSet.clear();
    this.retryAfterUs.clear();
    this.pendingTo.clear();
    this.partial.clear();
    this.uploadQueue.length = 0;
    this.waitingSenders = [];
    this.availability = EMPTY_I32;
    this.startable = EMPTY_U8;
  }

  /** Draws for transit damage on this peer's uplink; its own stream, made on first use. */
  linkRng: Rng | null = null;

  get freeRider(): boolean {
    return this.info.behaviour === "free-rider";
  }
}
