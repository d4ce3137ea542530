/**
 * Everything one peer's protocol knows: its pieces and partial pieces, its
 * connections (one `Connection` record each), its known-peer list, its
 * tracker client, its ban bookkeeping and choke state. Data only; the rules
 * live in the files that act on it (requests.ts, interest.ts, slots.ts,
 * close.ts, pieces.ts, smart-ban.ts, choke-round.ts, peer-wire.ts), which
 * touch this state and the Outbox and nothing else.
 */
import { PeerList } from "../peer-list/peer-list.ts";
import type { Random } from "../random.ts";
import type { Clock } from "../time.ts";
import { TrackerClient } from "../tracker/client.ts";
import type { Connection } from "./connection.ts";
import type { Outbox } from "./outbox.ts";
import type { PartialPiece } from "./partial-piece.ts";
import type { PieceBitSlab } from "./piece-bit-slab.ts";
import type { WireSettings } from "./settings.ts";
import type { SuperSeedState } from "./super-seed-state.ts";

/** A block a peer could not attribute yet: kept to single out the culprit later (smart ban). */
export interface SuspectBlock {
  readonly block: number;
  readonly sender: number;
  readonly tag: number;
}

/** The random streams a peer draws from, one per purpose. */
export interface PeerRandom {
  readonly picker: Random;
  readonly choker: Random;
  readonly pex: Random;
}

const EMPTY_I32 = new Int32Array(0);
const EMPTY_U8 = new Uint8Array(0);

export class PeerState {
  present = false;
  isSeed = false;

  readonly have: Uint8Array;
  /** 1 where the piece may be started: not held and not in progress (the pickers' view). */
  startable: Uint8Array;
  /** Copies of each piece among connected peers, as their BITFIELD/HAVE messages told us. */
  availability: Int32Array;
  haveCount = 0;
  readonly partial = new Map<number, PartialPiece>();
  /** Blocks of pieces not held that nobody has been asked for; 0 ⇒ endgame may start. */
  unrequestedBlocks: number;

  /** Open connections. */
  readonly conns: Connection[] = [];
  readonly connectedTo = new Map<number, Connection>();
  /** Remotes we are dialling. */
  readonly pendingTo = new Set<number>();
  readonly peers: PeerList;
  readonly tracker: TrackerClient;

  readonly banned = new Set<number>();
  /** Failed pieces each remote took part in (the classic ban rule, `smart_ban: false`). */
  readonly strikes = new Map<number, number>();
  readonly suspects = new Map<number, SuspectBlock[]>();
  /** Per piece that failed: peers that sent blocks of a bad copy, asked again only if no one else has it. */
  readonly avoid = new Map<number, Set<number>>();
  /** Pieces accepted although a block was damaged (only a broken verifier could do it): for the end-of-run file check. */
  readonly acceptedDamaged = new Map<number, Int32Array>();

  /** BEP 16 super-seeding state, for a seed that super-seeds (else null). */
  superSeed: SuperSeedState | null = null;
  /** The optimistic unchokes of the current optimistic period. */
  optimistic: Connection[] = [];
  /** Upload slots, the optimistic ones included: unchoke_slots, more with upload_slots: rate-based. */
  uploadSlots: number;
  rechokeRound = 0;
  /** Start of the current and of the previous choke round (µs): the rates' windows. */
  roundStartUs = 0;
  prevRoundStartUs = 0;
  /**
   * The choke schedule of rate-based slots (choke-schedule.ts): a round is due
   * at the next one-second tick (libtorrent's trigger_unchoke), and when the
   * next regular and optimistic rounds fall due.
   */
  rechokeDue = false;
  nextRechokeUs = 0;
  nextOptimisticUs = 0;

  constructor(
    readonly id: number,
    /** Never uploads (`behaviour: free-rider`): keeps no upload slots. */
    readonly freeRider: boolean,
    readonly settings: WireSettings,
    readonly out: Outbox,
    readonly clock: Clock,
    readonly rng: PeerRandom,
    /** Shared storage of every connection's view of its remote's pieces. */
    readonly slab: PieceBitSlab,
    /** Peer ids range over [0, idSpace). */
    idSpace: number,
  ) {
    const pieces = settings.geometry.pieceCount;
    this.have = new Uint8Array(pieces);
    this.startable = new Uint8Array(pieces).fill(1);
    this.availability = new Int32Array(pieces);
    this.unrequestedBlocks = settings.geometry.totalBlocks;
    this.peers = new PeerList(id, settings.maxPeerlist, idSpace);
    this.tracker = new TrackerClient(id, settings, out, clock);
    this.uploadSlots = settings.unchokeSlots;
  }

  get now(): number {
    return this.clock.now;
  }

  /** Open connections plus dials in progress. */
  get connectionCount(): number {
    return this.connectedTo.size + this.pendingTo.size;
  }

  /** Starts as a seed: every piece held. */
  holdEverything(): void {
    this.have.fill(1);
    this.startable.fill(0);
    this.haveCount = this.settings.geometry.pieceCount;
    this.unrequestedBlocks = 0;
    this.isSeed = true;
  }

  /**
   * Drops what only a present peer needs (once it has left and closed its
   * connections), so a long run with churn holds memory for the peers
   * present, not for every peer that ever came.
   */
  releaseAfterDeparture(): void {
    this.peers.clear();
    this.pendingTo.clear();
    this.partial.clear();
    this.availability = EMPTY_I32;
    this.startable = EMPTY_U8;
  }
}
