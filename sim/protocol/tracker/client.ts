/**
 * A peer's side of the tracker conversation (BEP 3): `started` on arrival,
 * `completed` on completion, `stopped` on a clean departure, and a periodic
 * re-announce every `tracker.interval`.
 *
 * Rules it owns:
 * - Any announce supersedes the pending periodic one; the reply schedules the
 *   next (timers carry a generation, and only the current one fires).
 * - A failed announce (tracker outage) is retried after 15 s, 30 s, 60 s, …
 *   capped at the interval.
 * - Peer-set upkeep (mainline's Rerequester): with fewer than `min_peers`
 *   connections a peer re-announces early, never sooner than `min_interval`
 *   after its last announce.
 * - Trackerless (`discovery: dht`, BEP 5): nothing is ever sent.
 */

import { type Clock, US_PER_SECOND } from "../time.ts";
import type { AnnounceCode, Outbox } from "../wire/outbox.ts";
import { Timer } from "../wire/outbox.ts";
import type { WireSettings } from "../wire/settings.ts";

/** First retry after a failed announce; doubles on each further failure. */
const RETRY_BASE_US = 15 * US_PER_SECOND;

export class TrackerClient {
  /** The pending periodic announce is valid only if it carries this generation. */
  generation = 0;
  lastAnnounceUs = -1;
  failures = 0;
  nextAnnounceUs = Number.POSITIVE_INFINITY;

  constructor(
    private readonly peer: number,
    private readonly settings: WireSettings,
    private readonly out: Outbox,
    private readonly clock: Clock,
  ) {}

  announce(event: AnnounceCode): void {
    if (this.settings.trackerless) return;
    this.lastAnnounceUs = this.clock.now;
    this.generation++;
    this.nextAnnounceUs = Number.POSITIVE_INFINITY;
    this.out.announce(this.peer, event);
  }

  /** The announce timer fired with `generation`. */
  onTimer(generation: number): void {
    if (generation === this.generation) this.announce(3);
  }

  /** A reply with a peer list arrived: the next regular announce is one interval away. */
  onReply(): void {
    this.failures = 0;
    this.schedule(this.settings.trackerIntervalUs);
  }

  /** The announce failed (no reply in an outage): back off and retry. */
  onFailure(): void {
    this.failures++;
    const backoffUs = RETRY_BASE_US * 2 ** Math.min(this.failures - 1, 16);
    this.schedule(Math.min(backoffUs, this.settings.trackerIntervalUs));
  }

  /** With fewer than `min_peers` connections (open + dialling), ask early. */
  announceEarlyIfShort(connections: number): void {
    if (this.settings.trackerless || connections >= this.settings.minPeers) return;
    const earliest = this.lastAnnounceUs + this.settings.trackerMinIntervalUs;
    if (this.nextAnnounceUs <= earliest) return;
    this.schedule(Math.max(0, earliest - this.clock.now));
  }

  /** The peer left: no pending announce may fire. */
  cancel(): void {
    this.generation++;
  }

  private schedule(delayUs: number): void {
    this.generation++;
    this.nextAnnounceUs = this.clock.now + delayUs;
    this.out.setTimer(this.peer, Timer.Announce, delayUs, this.generation);
  }
}
