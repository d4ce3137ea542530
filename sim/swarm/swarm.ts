/**
 * The swarm: the composition root. It is the one place that knows both the
 * engine and the protocol: it owns one PeerWire (sim/protocol/wire/) per peer,
 * implements their Outbox over the event queue and the links
 * (wire-outbox.ts), delivers what arrives (wire-delivery.ts), moves payload
 * blocks (uplink.ts), talks to the tracker (tracker-link.ts) and the DHT
 * (dht.ts), and reports to observers. The peer lifecycle — arrivals,
 * seeding time, aborts, departures, samples, the run loop — is the one every
 * mode shares (sim/population/); its state is in swarm-state.ts.
 */
import type { Rng } from "../engine/rng.ts";
import { secondsToUs } from "../engine/time.ts";
import { QuotaTicks } from "../net/quota-ticks.ts";
import { peerInfo } from "../population/population.ts";
import { PeerWire } from "../protocol/wire/peer-wire.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import { corruptionOf, corruptPeerIds } from "./corrupt-peers.ts";
import { SwarmDht } from "./dht.ts";
import type { EventIds } from "./event-ids.ts";
import { abortRun, leanUplinkHandlers, pumpRuns } from "./lean-uplink.ts";
import { LinkOverhead } from "./link-overhead.ts";
import { Peer } from "./peer.ts";
import { type SwarmOptions, SwarmState } from "./swarm-state.ts";
import { trackerHandlers } from "./tracker-link.ts";
import { abortTransfer, pumpUplink, uplinkHandlers } from "./uplink.ts";
import { wireHandlers } from "./wire-delivery.ts";
import { SwarmOutbox } from "./wire-outbox.ts";

export type { EndReason } from "../population/population.ts";
export { type PieceVerifier, provenanceVerifier } from "../protocol/verify/verifier.ts";
export type { SwarmOptions, SwarmTotals } from "./swarm-state.ts";

export class Swarm extends SwarmState {
  readonly outbox: SwarmOutbox;
  readonly ev: EventIds;
  readonly dht: SwarmDht | null;
  readonly overhead: LinkOverhead;
  readonly quota: QuotaTicks | null;

  constructor(config: ScenarioConfig, options: SwarmOptions = {}) {
    super(config, options);
    this.outbox = new SwarmOutbox(this);
    const sim = this.sim;
    const n = this.capacityPeers;
    const uplink = { ...uplinkHandlers(this), ...(this.lean ? leanUplinkHandlers(this) : {}) };
    const all = { ...wireHandlers(this), ...uplink, ...trackerHandlers(this) };
    // Lean: every event ends by delivering the instant messages its actions sent.
    const handlers = this.lean ? drainingAfter(all, () => this.outbox.instant!.drain()) : all;
    this.ev = {
      connectArrive: sim.register(handlers.connectArrive),
      connectRefused: sim.register(handlers.connectRefused),
      message: sim.register(handlers.message),
      close: sim.register(handlers.close),
      pexMessage: sim.register(handlers.pexMessage),
      timer: sim.register(handlers.timer),
      txDone: sim.register(handlers.txDone),
      blockArrive: sim.register(handlers.blockArrive),
      overheadDone: sim.register(handlers.overheadDone),
      quotaPump: sim.register(handlers.quotaPump),
      trackerRequest: sim.register(handlers.trackerRequest),
      trackerReply: sim.register(handlers.trackerReply),
      start: sim.register((id) => this.start(id)),
      // Only the lean model holds requests (registered last: the block model's ids stay as they were).
      heldDue: sim.register(handlers.heldDue ?? (() => {})),
      landing: sim.register(handlers.landing ?? (() => {})),
    };
    this.dht = config.discovery === "tracker" ? null : new SwarmDht(this);
    const tick = config.protocol.rate_limit_tick;
    this.quota =
      tick > 0
        ? new QuotaTicks(
            n,
            secondsToUs(tick),
            [this.links.upCapacity, this.links.downCapacity],
            config.seed,
          )
        : null;
    this.overhead = new LinkOverhead(
      n,
      {
        messages: config.protocol.message_overhead,
        ip: config.protocol.ip_overhead,
        flushBytes: config.torrent.block_size,
      },
      this.links,
      sim,
      this.ev.overheadDone,
      this.present,
      options.onOverhead,
    );

    const corrupt = corruptPeerIds(config, this.plan, this.streams);
    this.admitAll((a, id) => {
      const corruptOf = corruptionOf(config, a.group, corrupt.has(id));
      const behaviour = corruptOf ? "corrupt" : a.group.behaviour;
      const info = peerInfo(id, a.group, a.groupIndex, a.timeUs, behaviour);
      const rng = {
        picker: this.streams.get(`peer:${id}:picker`),
        choker: this.streams.get(`peer:${id}:choker`),
        pex: this.streams.get(`peer:${id}:pex`),
      };
      const wire = new PeerWire(
        id,
        behaviour === "free-rider",
        this.settings,
        this.outbox,
        sim,
        rng,
        this.pieceViews,
        n,
      );
      if (a.group.super_seed !== false) wire.enableSuperSeed(a.group.super_seed);
      this.peers.push(
        new Peer(id, info, wire, this.streams.get(`peer:${id}:faults`), corruptOf, this),
      );
      return info;
    });
  }

  drainInstant(): void {
    this.outbox.instant?.drain();
  }

  deliverLater(toEnd: number, block: number, tag: number): void {
    this.outbox.instant!.pushBlock(toEnd, block, tag);
  }

  pump(peer: Peer): void {
    if (this.lean) pumpRuns(this, peer);
    else pumpUplink(this, peer);
  }

  abortTransfer(tx: number): void {
    if (this.lean) abortRun(this, tx);
    else abortTransfer(this, tx);
  }

  // ---- lifecycle hooks -------------------------------------------------------

  protected seedArrived(id: number): void {
    const wire = this.peers[id].wire;
    wire.holdEverything();
    this.completedUs[id] = this.sim.now;
    this.piecesHave[id] = wire.haveCount;
    for (let p = 0; p < this.geometry.pieceCount; p++) this.copies[p]++;
  }

  protected arrived(id: number): void {
    // groups[].startup_delay: the client is up (present, holding its link) but
    // says and accepts nothing until its start-up is over.
    const delayUs = secondsToUs(this.groupOf(id).startup_delay);
    if (delayUs > 0) this.sim.schedule(delayUs, this.ev.start, id);
    else this.start(id);
  }

  /** The client's start-up is over: first announce, DHT, timers. */
  private start(id: number): void {
    if (this.present[id] !== 1) return;
    const peer = this.peers[id];
    peer.wire.present = true;
    peer.wire.tracker.announce(0);
    this.dht?.join(peer);
    peer.wire.startTimers();
  }

  protected holdsFile(id: number): boolean {
    return this.peers[id].isSeed;
  }

  protected abortStream(id: number): Rng {
    return this.peers[id].faultRng;
  }

  protected seedTimeStream(id: number): Rng {
    return this.peers[id].faultRng;
  }

  /** Called through the outbox when a leecher holds every piece. */
  completed(peer: Peer): void {
    this.interestTime.stopLeeching(peer.id, this.sim.now);
    this.completeLeecher(peer.id);
  }

  protected override onCompletion(id: number): void {
    this.peers[id].wire.tracker.announce(1);
  }

  protected override beforeDeparture(id: number): void {
    const peer = this.peers[id];
    // A crash never says goodbye: the tracker keeps the address until it expires.
    const crash = peer.faultRng.chance(this.groupOf(id).crash_fraction);
    if (!crash) peer.wire.tracker.announce(2);
  }

  protected departed(id: number): void {
    const peer = this.peers[id];
    const wire = peer.wire;
    wire.leave();
    for (let p = 0; p < this.geometry.pieceCount; p++) if (wire.have[p]) this.copies[p]--;
    for (const c of wire.conns.slice()) wire.close(c, true);
    for (const tx of this.transferPool.involving(id)) this.abortTransfer(tx);
    this.overhead.forget(id);
    peer.releaseAfterDeparture();
    this.drainInstant();
  }
}

type Handler = (a: number, b: number) => void;

/** The same handlers, each followed by `after` (the lean model's instant deliveries). */
function drainingAfter<H extends Record<string, Handler>>(handlers: H, after: () => void): H {
  const out: Record<string, Handler> = {};
  for (const [name, h] of Object.entries(handlers)) {
    out[name] = (a, b) => {
      h(a, b);
      after();
    };
  }
  return out as H;
}
