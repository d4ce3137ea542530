/**
 * `sim run --check`: the model's invariants asserted while the run goes.
 *
 *   link capacity        no uplink or downlink above capacity (links.ts)
 *   transmission time    no block sent faster than the slower link allows (bytes.ts)
 *   block arrival        no block received before start + transmission + latency (bytes.ts)
 *   byte conservation    bytes sent = received + lost + in flight (bytes.ts)
 *   minimum distribution time   no completion before the Kumar–Ross bound
 *                        of the peers present (completion.ts)
 *
 * The checker plugs into the swarm through its options (the link model, the
 * transmission and delivery hooks, an observer) and reads nothing else but
 * the swarm's byte counters; the first violation throws InvariantViolation
 * from the event that broke it. Client-server and Napster runs move whole
 * files as fluid flows: there the link, balance and completion checks apply.
 */
import { AccessLinks, type LinkModelFactory } from "../net/links.ts";
import type { PeerInfo, SwarmObserver, SwarmSnapshot } from "../observe/events.ts";
import type { ScenarioConfig } from "../scenario/types.ts";
import { ByteLedger, type SwarmByteFigures } from "./bytes.ts";
import { CompletionBound } from "./completion.ts";
import { CheckedLinks } from "./links.ts";
import { InvariantViolation } from "./violation.ts";

export { InvariantViolation } from "./violation.ts";

/** What a passing check looked at (printed by `sim run --check`). */
export interface CheckSummary {
  readonly linkReservations: number;
  readonly transmissions: number;
  readonly deliveries: number;
  readonly completions: number;
  readonly balanceChecks: number;
}

/** What the checker reads of a running swarm or distribution. */
export interface CheckedRun {
  readonly sim: { readonly now: number };
  readonly peerInfos: readonly PeerInfo[];
  /** The swarm's byte counters (BitTorrent runs); null for fluid distributions. */
  readonly byteFigures: (() => SwarmByteFigures) | null;
}

export class InvariantChecker {
  private run: CheckedRun | null = null;
  private checkedLinks: CheckedLinks | null = null;
  private ledger: ByteLedger | null = null;
  private readonly completion: CompletionBound;
  private balanceChecks = 0;

  constructor(
    private readonly config: ScenarioConfig,
    /** The link model to check (default AccessLinks). */
    private readonly inner: LinkModelFactory = (n) => new AccessLinks(n),
  ) {
    this.completion = new CompletionBound(config);
  }

  private readonly now = (): number => this.run?.sim.now ?? 0;

  /** The link model to give the run: the inner one, wrapped. */
  readonly links: LinkModelFactory = (n) => {
    this.checkedLinks = new CheckedLinks(this.inner(n), n, this.now);
    this.ledger = new ByteLedger(this.config, this.checkedLinks, this.now, () => this.figures());
    return this.checkedLinks;
  };

  readonly onTransmission = (from: number, to: number, s: number, e: number, bytes: number) =>
    this.ledger!.onTransmission(from, to, s, e, bytes);

  readonly onBlockDelivered = (from: number, to: number, bytes: number, startUs: number) =>
    this.ledger!.onBlockDelivered(from, to, bytes, startUs);

  readonly observer: SwarmObserver = {
    onEvent: (e) => this.completion.onEvent(e),
    onSample: (snap) => this.checkBalance(snap),
    onEnd: (snap) => this.checkBalance(snap),
  };

  /** Called once the run is built (before it starts). */
  attach(run: CheckedRun): void {
    if (this.checkedLinks === null)
      throw new Error(
        "the run was not built with the checker's link model (InvariantChecker.links)",
      );
    this.run = run;
    this.completion.attach(run.peerInfos);
  }

  private figures(): SwarmByteFigures {
    const f = this.run?.byteFigures;
    if (!f) throw new Error("byte figures read before the checker was attached to a swarm");
    return f();
  }

  private checkBalance(snap: SwarmSnapshot): void {
    this.balanceChecks++;
    if (this.run?.byteFigures) {
      this.ledger!.checkBalance();
      return;
    }
    // Fluid flows: every byte moved is counted at both ends at once.
    let up = 0;
    let down = 0;
    for (let i = 0; i < snap.peers.length; i++) {
      up += snap.uploadedBytes[i];
      down += snap.downloadedBytes[i];
    }
    if (Math.abs(up - down) > 1e-6 * Math.max(1, up)) {
      throw new InvariantViolation(
        "byte conservation",
        this.now(),
        [],
        `peers uploaded ${up} bytes in all but downloaded ${down}`,
      );
    }
  }

  summary(): CheckSummary {
    return {
      linkReservations: this.checkedLinks?.reservations ?? 0,
      transmissions: this.ledger?.transmissions ?? 0,
      deliveries: this.ledger?.deliveries ?? 0,
      completions: this.completion.completions,
      balanceChecks: this.balanceChecks,
    };
  }
}
