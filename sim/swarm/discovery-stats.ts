/** Peer discovery's bookkeeping: when each leecher first learned a peer, and the DHT's face. */
import type { DhtFigures } from "../metrics/summary.ts";
import type { Peer } from "./peer.ts";

/** When each leecher first learned a peer, per source (time to first peer). */
export class DiscoveryStats {
  readonly trackerUs: Float64Array;
  readonly dhtUs: Float64Array;

  constructor(capacity: number) {
    this.trackerUs = new Float64Array(capacity).fill(-1);
    this.dhtUs = new Float64Array(capacity).fill(-1);
  }

  noteTracker(peer: number, nowUs: number): void {
    if (this.trackerUs[peer] < 0) this.trackerUs[peer] = nowUs;
  }

  noteDht(peer: number, nowUs: number): void {
    if (this.dhtUs[peer] < 0) this.dhtUs[peer] = nowUs;
  }
}

/** What the swarm asks of its DHT (sim/swarm/dht.ts). */
export interface DhtNode {
  /** A peer arrived: it joins the DHT and looks for peers of the torrent. */
  join(peer: Peer): void;
  /** The `dht` section of summary.json. */
  figures(): DhtFigures;
}
