/**
 * Invariants of block transport (BitTorrent runs):
 *
 * - a block is never received before it could have arrived: its
 *   transmission's start + its size at the slower of the two links' capacity
 *   + the pair's one-way latency (computed here from the scenario, not read
 *   from the connection) — under the lean model, which delivers a run when
 *   its transmission ends (sim/swarm/lean-transfer.ts), without the latency;
 * - no transmission ends faster than that size at that capacity allows;
 * - bytes sent = bytes received + bytes lost (connection closed, peer gone)
 *   + bytes in flight, at every sample and at the end; and the swarm's upload
 *   counter equals the bytes this ledger saw sent, at every transmission.
 *
 * It is fed by the swarm's `onTransmission` and `onBlockDelivered` hooks; the
 * swarm's own figures come through `SwarmFigures` so this file needs nothing
 * else of the swarm.
 */
import { secondsToUs } from "../engine/time.ts";
import { PairLatency } from "../net/latency.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import type { CheckedLinks } from "./links.ts";
import { formatTimeUs, InvariantViolation } from "./violation.ts";

/** The swarm's counters, read when the ledger is checked. */
export interface SwarmByteFigures {
  readonly uploadedBytes: number;
  readonly downloadedBytes: number;
  readonly lostInTransitBytes: number;
  readonly inFlightBytes: number;
}

export class ByteLedger {
  sentBytes = 0;
  deliveredBytes = 0;
  transmissions = 0;
  deliveries = 0;
  private readonly latency: PairLatency;
  /** Whether a block's arrival pays the pair's latency (the block model; see above). */
  private readonly latencyPaid: boolean;

  constructor(
    config: ScenarioConfig,
    private readonly links: CheckedLinks,
    private readonly now: () => number,
    private readonly figures: () => SwarmByteFigures,
  ) {
    const l = config.network.latency;
    this.latency = new PairLatency(config.seed, secondsToUs(l.min), secondsToUs(l.max));
    this.latencyPaid = config.network.model === "block";
  }

  /** The shortest time `bytes` can take from `from` to `to`: the slower link at full capacity. */
  private minTransmitUs(from: number, to: number, bytes: number): number {
    const rate = Math.min(this.links.trueUp[from], this.links.trueDown[to]);
    return Math.ceil((bytes / rate) * 1e6);
  }

  readonly onTransmission = (
    from: number,
    to: number,
    startUs: number,
    endUs: number,
    bytes: number,
  ): void => {
    this.transmissions++;
    this.sentBytes += bytes;
    const minUs = this.minTransmitUs(from, to, bytes);
    // One microsecond of slack: durations are rounded to whole microseconds.
    if (endUs - startUs < minUs - 1) {
      throw new InvariantViolation(
        "transmission time",
        endUs,
        [from, to],
        `${bytes} bytes went from peer ${from} to peer ${to} in ${endUs - startUs} µs ` +
          `(started ${formatTimeUs(startUs)}); at the slower link's capacity they take at least ${minUs} µs`,
      );
    }
    const uploaded = this.figures().uploadedBytes;
    if (uploaded !== this.sentBytes) {
      throw new InvariantViolation(
        "byte conservation",
        endUs,
        [from],
        `the swarm counts ${uploaded} bytes uploaded, but ${this.sentBytes} bytes finished transmission`,
      );
    }
  };

  readonly onBlockDelivered = (from: number, to: number, bytes: number, startUs: number): void => {
    this.deliveries++;
    this.deliveredBytes += bytes;
    const now = this.now();
    const latencyUs = this.latencyPaid ? this.latency.between(from, to) : 0;
    const earliestUs = startUs + this.minTransmitUs(from, to, bytes) + latencyUs;
    if (now < earliestUs - 1) {
      throw new InvariantViolation(
        "block arrival",
        now,
        [from, to],
        `a ${bytes}-byte block from peer ${from} reached peer ${to} at ${formatTimeUs(now)}, but it started ` +
          `at ${formatTimeUs(startUs)}, takes at least ${this.minTransmitUs(from, to, bytes)} µs to send and ` +
          `${latencyUs} µs to cross: not before ${formatTimeUs(earliestUs)}`,
      );
    }
    if (this.deliveredBytes > this.sentBytes) {
      throw new InvariantViolation(
        "byte conservation",
        now,
        [from, to],
        `${this.deliveredBytes} bytes delivered, more than the ${this.sentBytes} bytes sent`,
      );
    }
  };

  /** sent = received + lost + in flight, on the swarm's counters and on this ledger's. */
  checkBalance(): void {
    const f = this.figures();
    const accounted = f.downloadedBytes + f.lostInTransitBytes + f.inFlightBytes;
    if (f.uploadedBytes !== accounted || f.uploadedBytes !== this.sentBytes) {
      throw new InvariantViolation(
        "byte conservation",
        this.now(),
        [],
        `sent ${f.uploadedBytes} bytes (transmissions seen: ${this.sentBytes}) ≠ received ` +
          `${f.downloadedBytes} + lost ${f.lostInTransitBytes} + in flight ${f.inFlightBytes} = ${accounted}`,
      );
    }
    // Every block delivered was received or lost at its receiver; every block not delivered is in flight or lost on the way.
    if (
      this.deliveredBytes < f.downloadedBytes ||
      this.sentBytes - this.deliveredBytes < f.inFlightBytes
    ) {
      throw new InvariantViolation(
        "byte conservation",
        this.now(),
        [],
        `blocks delivered ${this.deliveredBytes} bytes of ${this.sentBytes} sent, but the swarm counts ` +
          `${f.downloadedBytes} received and ${f.inFlightBytes} in flight`,
      );
    }
  }
}
