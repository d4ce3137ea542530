/**
 * Trackerless BitTorrent (BEP 5) over the simulated network: every peer is
 * also a Kademlia node, and `get_peers` results feed the same known-peer
 * list the tracker feeds (`PeerWire.learnPeers`).
 *
 * - Node ids are 160-bit hashes of (seed, peer); the torrent's info-hash is
 *   one more. Routing tables, lookups and XOR distance are the pure logic in
 *   sim/protocol/dht/.
 * - Bootstrap: `dht.bootstrap` router nodes (like router.bittorrent.com)
 *   that are always up, know each other and are not peers; a joining node
 *   starts its lookups from them.
 * - On arrival a peer runs two lookups at once: find_node for its own id
 *   (fills its routing table and makes it known near its id) and get_peers
 *   for the info-hash. Every query and response pays the pair's one-way
 *   latency; a node that left never answers, and the querier gives up after
 *   `dht.timeout` and drops it from its table.
 * - When get_peers ends the peer sends announce_peer to the k closest nodes
 *   that answered (token-less); nodes keep announced peers for 30 min. It
 *   looks up again after `dht.interval` (15 min), or after
 *   `dht.min_interval` while it has fewer than `protocol.min_peers`
 *   connections.
 * - With `discovery: dht` the tracker is never contacted (protocol/tracker/client.ts).
 */

import type { Rng } from "../engine/rng.ts";
import { secondsToUs, US_PER_SECOND } from "../engine/time.ts";
import { Lookup } from "../protocol/dht/lookup.ts";
import { hashedId, type NodeId } from "../protocol/dht/node-id.ts";
import { RoutingTable } from "../protocol/dht/routing-table.ts";
import type { DhtNode } from "./discovery-stats.ts";
import type { Peer } from "./peer.ts";
import type { SwarmState } from "./swarm-state.ts";

/** How long a node keeps an announced peer (common client practice; BEP 5 leaves it open). */
const PEER_TTL_US = 30 * 60 * US_PER_SECOND;
/** Peers returned per get_peers response (what fits a UDP packet in practice). */
const MAX_VALUES = 50;

const FIND_NODE = 0;
const GET_PEERS = 1;

interface ActiveLookup {
  readonly lookup: Lookup;
  readonly peer: number;
  readonly kind: typeof FIND_NODE | typeof GET_PEERS;
  readonly startUs: number;
}

interface Response {
  readonly lookupId: number;
  readonly node: number;
  readonly nodes: number[];
  readonly values: number[];
}

export class SwarmDht implements DhtNode {
  private readonly ids: NodeId[] = [];
  private readonly tables: (RoutingTable | undefined)[] = [];
  private readonly storage = new Map<number, Map<number, number>>();
  private readonly lookups = new Map<number, ActiveLookup>();
  private readonly pending = new Map<number, Response>();
  private readonly refreshGeneration: Int32Array;
  private readonly infoHash: NodeId;
  private readonly peerCount: number;
  private readonly routers: number[] = [];
  private readonly rng: Rng;
  private readonly k: number;
  private readonly alpha: number;
  private readonly timeoutUs: number;
  private readonly intervalUs: number;
  private readonly minIntervalUs: number;
  private nextLookup = 0;
  private nextResponse = 0;
  private readonly ev: {
    query: number;
    response: number;
    timeout: number;
    announce: number;
    refresh: number;
  };
  // Figures.
  private lookupsDone = 0;
  private hopsSum = 0;
  private hopsMax = 0;
  private durationSumUs = 0;
  private queries = 0;
  private timeouts = 0;

  constructor(private readonly swarm: SwarmState) {
    const c = swarm.config;
    this.peerCount = swarm.present.length;
    this.k = c.dht.k;
    this.alpha = c.dht.alpha;
    this.timeoutUs = secondsToUs(c.dht.timeout);
    this.intervalUs = secondsToUs(c.dht.interval);
    this.minIntervalUs = secondsToUs(c.dht.min_interval);
    this.refreshGeneration = new Int32Array(this.peerCount);
    this.rng = swarm.streams.get("dht");
    this.infoHash = hashedId(c.seed, 2, 0);
    const sim = swarm.sim;
    this.ev = {
      query: sim.register((lookupId, node) => this.onQuery(lookupId, node)),
      response: sim.register((key) => this.onResponse(key)),
      timeout: sim.register((lookupId, node) => this.onTimeout(lookupId, node)),
      announce: sim.register((node, peer) => this.onAnnounce(node, peer)),
      refresh: sim.register((peer, generation) => {
        if (this.alive(peer) && generation === this.refreshGeneration[peer])
          this.startLookup(peer, GET_PEERS);
      }),
    };
    for (let i = 0; i < c.dht.bootstrap; i++) this.routers.push(this.peerCount + i);
    for (const r of this.routers) {
      const t = this.table(r);
      for (const other of this.routers) t.add(other);
    }
  }

  /** A peer arrived: it joins the DHT and looks for peers of the torrent. */
  join(peer: Peer): void {
    const t = this.table(peer.id);
    for (const r of this.routers) t.add(r);
    this.startLookup(peer.id, FIND_NODE);
    this.startLookup(peer.id, GET_PEERS);
  }

  /** The `dht` section of summary.json. */
  figures() {
    return {
      lookups: this.lookupsDone,
      mean_hops: this.lookupsDone > 0 ? round(this.hopsSum / this.lookupsDone, 3) : null,
      max_hops: this.lookupsDone > 0 ? this.hopsMax : null,
      mean_lookup_s:
        this.lookupsDone > 0 ? round(this.durationSumUs / this.lookupsDone / US_PER_SECOND) : null,
      queries: this.queries,
      timeouts: this.timeouts,
      time_to_first_peer_s: meanFirstPeer(this.swarm, this.swarm.discovery.dhtUs),
    };
  }

  // ---- nodes ---------------------------------------------------------------

  private idOf = (node: number): NodeId => {
    let id = this.ids[node];
    if (id === undefined) {
      id = hashedId(this.swarm.config.seed, 1, node);
      this.ids[node] = id;
    }
    return id;
  };

  private table(node: number): RoutingTable {
    let t = this.tables[node];
    if (t === undefined) {
      t = new RoutingTable(node, this.idOf(node), this.k, this.idOf);
      this.tables[node] = t;
    }
    return t;
  }

  /** Routers never leave; peers are up while present. */
  private alive(node: number): boolean {
    return node >= this.peerCount || this.swarm.present[node] === 1;
  }

  private latency(a: number, b: number): number {
    return this.swarm.latency.between(a, b);
  }

  // ---- lookups ---------------------------------------------------------------

  private startLookup(peer: number, kind: ActiveLookup["kind"]): void {
    const target = kind === GET_PEERS ? this.infoHash : this.idOf(peer);
    const lookup = new Lookup(target, this.k, this.alpha, this.idOf, peer);
    const id = this.nextLookup++;
    const rec: ActiveLookup = { lookup, peer, kind, startUs: this.swarm.sim.now };
    this.lookups.set(id, rec);
    this.send(id, rec, lookup.start(this.table(peer).closest(target, this.k)));
  }

  private send(lookupId: number, rec: ActiveLookup, nodes: readonly number[]): void {
    const sim = this.swarm.sim;
    for (const n of nodes) {
      this.queries++;
      sim.schedule(this.latency(rec.peer, n), this.ev.query, lookupId, n);
      sim.schedule(this.timeoutUs, this.ev.timeout, lookupId, n);
    }
    if (rec.lookup.done) this.finish(lookupId, rec);
  }

  /** A query reaches `node`: it answers with its k closest nodes (and peers, for get_peers). */
  private onQuery(lookupId: number, node: number): void {
    const rec = this.lookups.get(lookupId);
    if (rec === undefined || !this.alive(node)) return;
    const t = this.table(node);
    t.add(rec.peer);
    const nodes = t.closest(rec.lookup.target, this.k);
    const values = rec.kind === GET_PEERS ? this.storedPeers(node) : [];
    const key = this.nextResponse++;
    this.pending.set(key, { lookupId, node, nodes, values });
    this.swarm.sim.schedule(this.latency(node, rec.peer), this.ev.response, key);
  }

  private onResponse(key: number): void {
    const r = this.pending.get(key)!;
    this.pending.delete(key);
    const rec = this.lookups.get(r.lookupId);
    if (rec === undefined) return;
    const peer = this.swarm.peers[rec.peer];
    if (!peer.present) {
      this.lookups.delete(r.lookupId);
      return;
    }
    if (!rec.lookup.awaiting(r.node)) return; // already timed out
    this.table(rec.peer).add(r.node);
    if (r.values.length > 0) {
      if (r.values.some((v) => v !== peer.id) && !peer.info.initialSeed)
        this.swarm.discovery.noteDht(peer.id, this.swarm.sim.now);
      peer.wire.learnPeers(r.values);
    }
    this.send(r.lookupId, rec, rec.lookup.onResponse(r.node, r.nodes));
  }

  private onTimeout(lookupId: number, node: number): void {
    const rec = this.lookups.get(lookupId);
    if (rec === undefined || !rec.lookup.awaiting(node)) return;
    if (!this.swarm.peers[rec.peer].present) {
      this.lookups.delete(lookupId);
      return;
    }
    this.timeouts++;
    this.table(rec.peer).remove(node);
    this.send(lookupId, rec, rec.lookup.onTimeout(node));
  }

  private finish(lookupId: number, rec: ActiveLookup): void {
    if (!this.lookups.delete(lookupId)) return;
    if (rec.kind !== GET_PEERS) return;
    const sim = this.swarm.sim;
    this.lookupsDone++;
    const hops = rec.lookup.hops;
    this.hopsSum += hops;
    this.hopsMax = Math.max(this.hopsMax, hops);
    this.durationSumUs += sim.now - rec.startUs;
    for (const n of rec.lookup.result()) {
      sim.schedule(this.latency(rec.peer, n), this.ev.announce, n, rec.peer);
    }
    const peer = this.swarm.peers[rec.peer];
    const short = peer.wire.connectionCount < this.swarm.config.protocol.min_peers;
    this.refreshGeneration[rec.peer]++;
    sim.schedule(
      short ? this.minIntervalUs : this.intervalUs,
      this.ev.refresh,
      rec.peer,
      this.refreshGeneration[rec.peer],
    );
  }

  // ---- storage ---------------------------------------------------------------

  private onAnnounce(node: number, peer: number): void {
    if (!this.alive(node)) return;
    let s = this.storage.get(node);
    if (s === undefined) {
      s = new Map();
      this.storage.set(node, s);
    }
    s.delete(peer); // re-insert: most recent last
    s.set(peer, this.swarm.sim.now);
  }

  private storedPeers(node: number): number[] {
    const s = this.storage.get(node);
    if (s === undefined) return [];
    const now = this.swarm.sim.now;
    const out: number[] = [];
    for (const [peer, at] of s) {
      if (now - at > PEER_TTL_US) s.delete(peer);
      else out.push(peer);
    }
    return out.length > MAX_VALUES ? this.rng.sample(out, MAX_VALUES) : out;
  }
}

/** Rounds to microseconds (times) or thousandths, as the metrics do. */
function round(x: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Mean over leechers of arrival → first peer learned (from `firstUs`), in seconds. */
function meanFirstPeer(swarm: SwarmState, firstUs: Float64Array): number | null {
  let sum = 0;
  let n = 0;
  for (const p of swarm.peers) {
    if (p.info.initialSeed || p.arrivalUs < 0 || firstUs[p.id] < 0) continue;
    sum += firstUs[p.id] - p.arrivalUs;
    n++;
  }
  return n > 0 ? round(sum / n / US_PER_SECOND) : null;
}

/** The `tracker` and `dht` sections of summary.json (null where not used). */
export function discoveryFigures(swarm: SwarmState) {
  const mode = swarm.config.discovery;
  return {
    tracker:
      mode === "dht"
        ? null
        : {
            announces: swarm.totals.trackerAnnounces,
            time_to_first_peer_s: meanFirstPeer(swarm, swarm.discovery.trackerUs),
          },
    dht: swarm.dht === null ? null : swarm.dht.figures(),
  };
}
