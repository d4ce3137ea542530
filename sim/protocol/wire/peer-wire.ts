/**
 * One peer's protocol, sans-IO (as h11 is): inputs are the methods below — a
 * message arrived, a block arrived, a timer fired, a tracker reply, a PEX
 * list — and every output goes through the Outbox. It knows no engine, no
 * network and no files; the swarm (sim/swarm/) feeds it and carries out what
 * it asks. Two of them can be paired in memory with a recording outbox
 * (test/protocol/wire-pair.test.ts).
 *
 * The rules live in the files this one dispatches to: interest.ts (interest
 * and requests), requests.ts (which block), slots.ts and choke-round.ts
 * (choking), pieces.ts and smart-ban.ts (verification outcome), close.ts,
 * dial.ts, fast-extension.ts (BEP 6), and ../tracker/client.ts.
 */
import { PEX_INTERVAL_US, pexSample } from "../pex/pex.ts";
import {
  chokeTick,
  onRechokeTimer,
  scheduledByTicks,
  startChokeSchedule,
} from "./choke-schedule.ts";
import { closeConnection, onRemoteClosed } from "./close.ts";
import type { Connection } from "./connection.ts";
import { dialKnown, onDialRefused } from "./dial.ts";
import {
  bitfieldMessage,
  bitfieldMessageBytes,
  maybeSendAllowedSet,
  onAllowedFast,
  onChokedFast,
  onReject,
  refuseRequest,
  servesChoked,
} from "./fast-extension.ts";
import { learnBitfield, onHave, refillAll, requestMore } from "./interest.ts";
import { Msg } from "./messages.ts";
import { Timer } from "./outbox.ts";
import { PeerState } from "./peer-state.ts";
import { receiveBlock } from "./pieces.ts";
import { preemptiveUnchoke } from "./preemptive-unchoke.ts";
import { needsSecondTick, tickConnection } from "./request-queue.ts";
import { releaseAll } from "./requests.ts";
import { onPeerLostInterest, onSlotWanted } from "./slots.ts";
import {
  type SuperSeedRule,
  SuperSeedState,
  superSeedLostInterest,
  superSeedSawPiece,
  superSeedStart,
} from "./super-seed.ts";

const SECOND_US = 1_000_000;

export class PeerWire extends PeerState {
  // ---- lifecycle ---------------------------------------------------------

  /** Starts the periodic timers, each on the peer's own phase (not in lockstep). */
  startTimers(): void {
    const s = this.settings;
    const offset = Math.floor(this.rng.choker.next() * s.rechokeUs);
    // Rate-based slots run their rounds from the one-second tick (choke-schedule.ts).
    if (scheduledByTicks(this)) startChokeSchedule(this, offset);
    else this.out.setTimer(this.id, Timer.Rechoke, offset, 0);
    if (s.pex) {
      const pexOffset = Math.floor(this.rng.pex.next() * PEX_INTERVAL_US);
      this.out.setTimer(this.id, Timer.Pex, pexOffset, 0);
    }
    // The one-second tick, on a phase of its own but without a draw (the
    // rechoke's phase, modulo a second): no stream is consumed.
    if (needsSecondTick(this)) this.out.setTimer(this.id, Timer.Second, offset % SECOND_US, 0);
  }

  /** Super-seeds from now on (BEP 16; an initial seed, before it connects). */
  enableSuperSeed(rule: SuperSeedRule): void {
    this.superSeed = new SuperSeedState(this.settings.geometry.pieceCount, rule);
  }

  /** Acts on HAVEs for pieces it is known to have (a libtorrent super-seed; Connection.redundantHave). */
  get wantsRedundantHave(): boolean {
    return this.superSeed?.rule === "libtorrent";
  }

  /** The pieces our BITFIELD shows: all we have, or none while super-seeding (BEP 16). */
  advertisedPieces(): Uint8Array {
    if (this.superSeed === null) return this.have;
    this.noPieces ??= new Uint8Array(this.have.length);
    return this.noPieces;
  }
  private noPieces: Uint8Array | undefined;
  private allPieces: Uint8Array | undefined;

  /** Bytes of what we send in place of a BITFIELD (BEP 6's HAVE_ALL / HAVE_NONE where they apply). */
  advertisedBytes(): number {
    return bitfieldMessageBytes(this);
  }

  /** The peer leaves: nothing of it fires again. Close its connections next, then `release`. */
  leave(): void {
    this.present = false;
    this.tracker.cancel();
  }

  onTimer(kind: Timer, arg: number): void {
    if (!this.present) return;
    switch (kind) {
      case Timer.Rechoke:
        this.out.setTimer(this.id, Timer.Rechoke, this.settings.rechokeUs, 0);
        onRechokeTimer(this);
        return;
      case Timer.Announce:
        this.tracker.onTimer(arg);
        return;
      case Timer.Pex:
        this.out.setTimer(this.id, Timer.Pex, PEX_INTERVAL_US, 0);
        this.sendPex();
        return;
      case Timer.Second:
        this.out.setTimer(this.id, Timer.Second, SECOND_US, 0);
        for (const c of this.conns) if (tickConnection(this, c)) requestMore(this, c);
        chokeTick(this);
        return;
      default: {
        const unreachable: never = kind;
        throw new Error(`unknown timer ${unreachable}`);
      }
    }
  }

  // ---- connections -------------------------------------------------------

  /** Whether we accept a handshake from `remote` (not banned, not connected, not full). */
  acceptsFrom(remote: number): boolean {
    return (
      !this.banned.has(remote) &&
      !this.connectedTo.has(remote) &&
      this.connectedTo.size < this.settings.maxConnections
    );
  }

  /** Whether our dial to `remote` may complete when it accepts (not banned, not full). */
  mayComplete(remote: number): boolean {
    return !this.banned.has(remote) && this.connectedTo.size < this.settings.maxConnections;
  }

  /** Our dial reached the remote (accepted or not, it is no longer pending). */
  onDialLanded(remote: number): void {
    this.pendingTo.delete(remote);
  }

  /** The remote refused us; we hear of it a latency later (dialling until then). */
  onDialRefusing(remote: number): void {
    this.pendingTo.add(remote);
  }

  onDialRefused(remote: number, gone: boolean): void {
    onDialRefused(this, remote, gone);
  }

  /** A connection opened (either side). */
  addConnection(conn: Connection): void {
    conn.desiredQueue = this.settings.pipelineDepth;
    conn.fast = this.settings.allowedFast !== null;
    this.conns.push(conn);
    this.connectedTo.set(conn.remote, conn);
  }

  /**
   * We accepted a handshake, which carried the dialler's bitfield: learn it and
   * send ours (it arrives a latency later, see Msg.Bitfield).
   */
  onHandshake(conn: Connection, remoteHave: ArrayLike<number>): void {
    learnBitfield(this, conn, remoteHave);
    this.out.send(conn, bitfieldMessage(this), 0);
    if (this.superSeed !== null) superSeedStart(this, conn);
    preemptiveUnchoke(this, conn);
  }

  /** Closes our side now; with `notify`, the remote closes its side after the latency. */
  close(conn: Connection, notify: boolean): void {
    closeConnection(this, conn, notify);
  }

  onRemoteClosed(conn: Connection, idle: boolean): void {
    onRemoteClosed(this, conn, idle);
  }

  // ---- messages ----------------------------------------------------------

  /**
   * Takes a HAVE for `piece` on `conn` if it changes nothing but this peer's
   * view and piece counts — the remote's piece is known already, or we hold
   * it, or we want something from the remote already and it chokes us (no
   * interest changes, no request can go out) — and returns whether it did.
   * Otherwise it changes nothing and the HAVE must go through `onMessage`.
   * The same outcome as `onMessage` for such a HAVE, without an action, so
   * the composition root may apply it as it is sent (the lean model).
   */
  takeInertHave(conn: Connection, piece: number): boolean {
    if (this.superSeed !== null) return false;
    if (conn.remoteHas(piece)) return true;
    const wanted = this.have[piece] === 0;
    if (wanted && (conn.useful === 0 || !conn.peerChoking)) return false;
    // Choked by a remote that allowed us pieces (BEP 6), a HAVE may let a request go out.
    if (wanted && conn.allowedFast.length > 0) return false;
    onHave(this, conn, piece);
    return true;
  }

  /**
   * A REQUEST for `block` reached `conn`: queues it and returns true, or
   * returns false if it is dropped. Touches only the connection's queue (no
   * outbox action), so the composition root may admit requests it held (the
   * lean model) while it serves the uplink.
   */
  takeRequest(conn: Connection, block: number): boolean {
    // Requests from a peer we choke are dropped (BEP 3), but for the pieces we
    // allowed it (BEP 6; the caller rejects the others: fast-extension.ts).
    if (conn.amChoking && !(conn.fast && servesChoked(this, conn, block))) return false;
    // A request already queued is ignored (libtorrent does the same): after a
    // choke raced with a re-unchoke, the remote re-asks for blocks we still
    // hold queued, and serving both copies only wastes the uplink.
    if (conn.theirRequests.includes(block)) return false;
    conn.theirRequests.push(block);
    return true;
  }

  /**
   * A control message arrived on an open connection. For BITFIELD,
   * `remoteHave` is the remote's pieces (the message's payload).
   */
  onMessage(conn: Connection, msg: Msg, arg: number, remoteHave?: ArrayLike<number>): void {
    switch (msg) {
      case Msg.Bitfield:
      case Msg.HaveAll:
      case Msg.HaveNone:
        // The acceptor's handshake and bitfield: the dialler's handshake is complete.
        learnBitfield(this, conn, this.bitfieldOf(msg, remoteHave));
        if (this.superSeed !== null) superSeedStart(this, conn);
        preemptiveUnchoke(this, conn);
        return;
      case Msg.Have:
        if (this.superSeed !== null && !conn.remoteHas(arg)) {
          onHave(this, conn, arg);
          superSeedSawPiece(this, conn, arg);
          return;
        }
        onHave(this, conn, arg);
        return;
      case Msg.Interested:
        maybeSendAllowedSet(this, conn);
        conn.peerInterested = true;
        conn.noteInterest(this.now);
        if (conn.amChoking) onSlotWanted(this);
        return;
      case Msg.NotInterested:
        conn.peerInterested = false;
        conn.noteInterest(this.now);
        onPeerLostInterest(this, conn);
        if (this.superSeed !== null) superSeedLostInterest(this, conn);
        return;
      case Msg.Choke:
        conn.peerChoking = true;
        // BEP 6: with the Fast Extension a choke cancels nothing sent (REJECTs follow).
        if (conn.fast) {
          onChokedFast(this, conn);
          return;
        }
        // BEP 3: a choke discards every outstanding request; ask again elsewhere.
        releaseAll(this, conn);
        refillAll(this);
        return;
      case Msg.Unchoke:
        conn.peerChoking = false;
        conn.remoteUnchokedUsAt = this.now;
        requestMore(this, conn);
        return;
      case Msg.Request:
        if (this.takeRequest(conn, arg)) this.out.uploadReady(conn);
        else refuseRequest(this, conn, arg);
        return;
      case Msg.Cancel: {
        const i = conn.theirRequests.indexOf(arg);
        if (i >= 0) conn.theirRequests.splice(i, 1);
        return;
      }
      case Msg.AllowedFast:
        onAllowedFast(this, conn, arg);
        return;
      case Msg.Reject:
        onReject(this, conn, arg);
        return;
      default: {
        const unreachable: never = msg;
        throw new Error(`unknown message ${unreachable}`);
      }
    }
  }

  /** The pieces a BITFIELD, HAVE_ALL or HAVE_NONE says the remote has. */
  private bitfieldOf(msg: Msg, remoteHave: ArrayLike<number> | undefined): ArrayLike<number> {
    if (msg === Msg.HaveNone) return [];
    if (msg !== Msg.HaveAll) return remoteHave ?? [];
    this.allPieces ??= new Uint8Array(this.have.length).fill(1);
    return this.allPieces;
  }

  /**
   * Whether `blockId` arriving on `conn` now would complete its piece (the
   * last block still missing): what the block then sets off — verification,
   * HAVEs, interest — is what its arrival time decides. A query, no action.
   */
  completesPiece(conn: Connection, blockId: number): boolean {
    if (!conn.open || !this.present) return false;
    const g = this.settings.geometry;
    const pp = this.partial.get(g.pieceOf(blockId));
    return pp !== undefined && pp.state[g.blockOf(blockId)] !== 2 && pp.received === pp.blocks - 1;
  }

  /** A payload block arrived (`tag` 0 = intact, else who damaged it). */
  onBlock(conn: Connection, blockId: number, bytes: number, tag: number): void {
    receiveBlock(this, conn, blockId, bytes, tag);
  }

  /** `bytes` of payload finished leaving us on `conn` (for the chokers' rates). */
  onBlockSent(conn: Connection, bytes: number): void {
    const early = Math.min(conn.sentCredit, bytes);
    conn.sentCredit -= early;
    conn.sentCur += bytes - early;
    conn.sentSinceUnchoke += bytes - early;
  }

  /**
   * Payload bytes of blocks still in transfer on `conn` — `received` from the
   * remote, `sent` to it — count toward the rates now, as a real client counts
   * bytes as they arrive (a transport that moves many blocks as one
   * transmission reports its progress before the rechoke and rate ticks read
   * the rates). The blocks, when they complete, count only the rest.
   */
  onProgress(conn: Connection, received: number, sent: number): void {
    if (received > 0) {
      conn.recvCredit += received;
      conn.recvCur += received;
      conn.recvThisSecond += received;
    }
    if (sent > 0) {
      conn.sentCredit += sent;
      conn.sentCur += sent;
      conn.sentSinceUnchoke += sent;
    }
  }

  // ---- discovery ---------------------------------------------------------

  /** A tracker reply: its peers, or null when the announce failed (outage). */
  onTrackerReply(peers: readonly number[] | null): void {
    if (!this.present) return;
    if (peers === null) {
      this.tracker.onFailure();
      return;
    }
    this.peers.learn(peers);
    dialKnown(this);
    this.tracker.onReply();
    this.tracker.announceEarlyIfShort(this.connectionCount);
  }

  /** Peers learned from PEX (on `conn`) or the DHT: add them and dial. */
  learnPeers(peers: readonly number[]): void {
    this.peers.learn(peers);
    dialKnown(this);
  }

  private sendPex(): void {
    if (this.conns.length < 2) return;
    const neighbours = this.conns.map((c) => c.remote);
    for (const c of this.conns) {
      if (!c.ready) continue;
      this.out.sendPex(c, pexSample(neighbours, c.remote, this.rng.pex));
    }
  }
}
