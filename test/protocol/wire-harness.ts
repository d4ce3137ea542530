/**
 * An in-memory world for PeerWire state machines: a recording Outbox that
 * delivers control messages and blocks at once, in FIFO order, with no
 * simulator and no swarm — the protocol's transcript, as h11 tests pair two
 * connections in memory.
 */
import { Rng } from "../../sim/engine/rng.ts";
import { LEECHER_CHOKERS, SEED_CHOKERS } from "../../sim/protocol/choker/index.ts";
import { TorrentGeometry } from "../../sim/protocol/geometry.ts";
import { PICKERS } from "../../sim/protocol/picker/index.ts";
import { provenanceVerifier } from "../../sim/protocol/verify/verifier.ts";
import { Connection } from "../../sim/protocol/wire/connection.ts";
import { Msg, WIRE_MESSAGES } from "../../sim/protocol/wire/messages.ts";
import type { Outbox, Timer } from "../../sim/protocol/wire/outbox.ts";
import { PeerWire } from "../../sim/protocol/wire/peer-wire.ts";
import { PieceBitSlab } from "../../sim/protocol/wire/piece-bit-slab.ts";
import type { WireSettings } from "../../sim/protocol/wire/settings.ts";

export function testSettings(overrides: Partial<WireSettings> = {}): WireSettings {
  return {
    geometry: new TorrentGeometry(32 * 1024, 32 * 1024, 16 * 1024),
    picker: PICKERS["rarest-first"],
    verifier: provenanceVerifier,
    leecherChoker: LEECHER_CHOKERS["tit-for-tat"],
    seedChoker: SEED_CHOKERS["round-robin"],
    unchokeSlots: 4,
    optimisticSlots: 1,
    optimisticChoice: "random",
    pipelineDepth: 5,
    requestQueueTime: 0,
    maxOutRequestQueue: 500,
    wholePiecesThreshold: 0,
    uploadSlots: "fixed",
    preemptiveUnchoke: false,
    strictPriority: true,
    endgame: true,
    maxConnections: 80,
    minPeers: 0,
    maxPeerlist: 100,
    pex: false,
    smartBan: true,
    banAfter: 3,
    trackerless: true,
    rechokeUs: 10e6,
    optimisticEvery: 3,
    optimisticUs: 30e6,
    snubUs: 60e6,
    inactivityUs: 600e6,
    seedQuotaBytes: 256 * 1024,
    seedMinUnchokeUs: 0,
    newPeerUs: 90e6,
    trackerIntervalUs: 1800e6,
    trackerMinIntervalUs: 300e6,
    allowedFast: null,
    ...overrides,
  };
}

type Delivery = () => void;

export class MemoryWorld implements Outbox {
  readonly clock = { now: 0 };
  readonly transcript: string[] = [];
  readonly timers: { peer: number; kind: Timer; delayUs: number; arg: number }[] = [];
  readonly rechokes: { peer: number; regular: readonly number[]; optimistic: number }[] = [];
  readonly wires: PeerWire[] = [];
  readonly names: string[] = [];
  private readonly conns: Connection[] = [];
  private readonly queue: Delivery[] = [];
  readonly slab: PieceBitSlab;

  /** Requests waiting to be served when uploads are held (`serveUploads`). */
  private readonly held: Connection[] = [];

  constructor(
    readonly settings: WireSettings = testSettings(),
    /** Hold served requests until `serveUploads` (a rate-limited uplink), instead of at once. */
    private readonly holdUploads = false,
  ) {
    this.slab = new PieceBitSlab(settings.geometry.pieceCount);
  }

  /** The connection end with this id (ends pair as 2k, 2k + 1). */
  connection(id: number): Connection {
    return this.conns[id];
  }

  /**
   * Serves up to `blocks` held requests (of `from`'s uplink only, if given),
   * round robin over the connections that have some, and delivers them (a
   * held uplink's rate: blocks per call).
   */
  serveUploads(blocks: number, from?: PeerWire): number {
    let served = 0;
    while (served < blocks) {
      const ready = this.held.filter(
        (c) =>
          c.open &&
          // Choking, a BEP 6 end queues (and serves) only allowed-fast requests.
          (!c.amChoking || c.fast) &&
          c.theirRequests.length > 0 &&
          (from === undefined || c.peer === from.id),
      );
      if (ready.length === 0) break;
      for (const conn of ready) {
        if (served >= blocks) break;
        this.serveOne(conn);
        served++;
      }
    }
    this.drain();
    return served;
  }

  private serveOne(conn: Connection): void {
    const other = this.conns[conn.id ^ 1];
    const bytes = this.settings.geometry.blockBytes;
    const block = conn.theirRequests.shift()!;
    this.log(conn.peer, conn.remote, `piece ${block}`);
    this.wires[conn.peer].onBlockSent(conn, bytes);
    this.queue.push(() => this.wires[other.peer].onBlock(other, block, bytes, 0));
  }

  addPeer(name: string, opts: { seed?: boolean; freeRider?: boolean } = {}): PeerWire {
    const id = this.wires.length;
    const rng = {
      picker: new Rng(`${name}p`),
      choker: new Rng(`${name}c`),
      pex: new Rng(`${name}x`),
    };
    const w = new PeerWire(
      id,
      opts.freeRider ?? false,
      this.settings,
      this,
      this.clock,
      rng,
      this.slab,
      64,
    );
    if (opts.seed) w.holdEverything();
    w.present = true;
    this.wires.push(w);
    this.names.push(name);
    return w;
  }

  /** `from` dials `to` and the handshake is accepted (as sim/swarm/wire-delivery.ts does). */
  connect(from: PeerWire, to: PeerWire): void {
    const base = this.conns.length;
    const toConn = new Connection(base, to.id, from.id, this.clock.now, this.slab);
    const fromConn = new Connection(base + 1, from.id, to.id, this.clock.now, this.slab);
    this.conns.push(toConn, fromConn);
    toConn.redundantHave = from.wantsRedundantHave;
    fromConn.redundantHave = to.wantsRedundantHave;
    this.log(from.id, to.id, "handshake");
    to.addConnection(toConn);
    from.addConnection(fromConn);
    to.onHandshake(toConn, from.advertisedPieces());
    this.drain();
  }

  private log(from: number, to: number, what: string): void {
    this.transcript.push(`${this.names[from]}→${this.names[to]} ${what}`);
  }

  /** Delivers everything sent so far (messages and blocks), in order. */
  drain(): void {
    while (this.queue.length > 0) this.queue.shift()!();
  }

  // ---- Outbox --------------------------------------------------------------

  send(conn: Connection, msg: Msg, arg: number): void {
    const name = WIRE_MESSAGES[msg];
    const shown =
      msg === Msg.Have ||
      msg === Msg.Request ||
      msg === Msg.Cancel ||
      msg === Msg.AllowedFast ||
      msg === Msg.Reject
        ? `${name} ${arg}`
        : name;
    this.log(conn.peer, conn.remote, shown);
    const other = this.conns[conn.id ^ 1];
    const sender = this.wires[conn.peer];
    this.queue.push(() => {
      if (!other.open) return;
      this.wires[other.peer].onMessage(
        other,
        msg,
        arg,
        msg === Msg.Bitfield ? sender.advertisedPieces() : undefined,
      );
    });
  }

  uploadReady(conn: Connection): void {
    if (this.holdUploads) {
      if (!this.held.includes(conn)) this.held.push(conn);
      return;
    }
    // An uplink with no capacity limit: serve every queued request at once.
    while (conn.theirRequests.length > 0) this.serveOne(conn);
  }

  dial(peer: number, remote: number): void {
    this.log(peer, remote, "dial");
  }
  closing(): void {}
  sendClose(conn: Connection, idle: boolean): void {
    this.log(conn.peer, conn.remote, idle ? "close (idle)" : "close");
  }
  closed(): void {}
  sendPex(conn: Connection, peers: number[]): void {
    this.log(conn.peer, conn.remote, `pex ${peers.join(",")}`);
  }
  announce(peer: number, event: number): void {
    this.transcript.push(`${this.names[peer]} announce ${event}`);
  }
  hostGone(): boolean {
    return false;
  }
  setTimer(peer: number, kind: Timer, delayUs: number, arg: number): void {
    this.timers.push({ peer, kind, delayUs, arg });
  }
  interestChanged(): void {}
  blockReceived(): void {}
  blockLost(): void {}
  duplicateBlock(): void {}
  pieceAccepted(peer: number, piece: number): void {
    this.transcript.push(`${this.names[peer]} verified ${piece}`);
  }
  pieceRejected(peer: number, piece: number): void {
    this.transcript.push(`${this.names[peer]} rejected ${piece}`);
  }
  blamed(): void {}
  banned(peer: number, culprit: number): void {
    this.transcript.push(`${this.names[peer]} banned ${this.names[culprit]}`);
  }
  completed(peer: number): void {
    this.transcript.push(`${this.names[peer]} completed`);
  }
  rechoked(peer: number, regular: readonly number[], optimistic: number): void {
    this.rechokes.push({ peer, regular, optimistic });
  }
}
