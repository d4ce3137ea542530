/**
 * An iterative Kademlia lookup (find_node / get_peers, BEP 5) as a pure
 * state machine: it is told about responses and timeouts and answers with
 * the nodes to query next. No I/O, no timers — the caller sends the
 * queries, pays the latency and reports back.
 *
 * Rules (Maymounkov & Mazières 2002, §2.3):
 * - candidates are kept sorted by XOR distance to the target;
 * - at most α queries are in flight; each free slot goes to the closest
 *   candidate not yet queried among the k closest live candidates;
 * - a node that times out is dropped from the candidates;
 * - the lookup ends when the k closest live candidates have all answered
 *   (queries still in flight to farther nodes are abandoned).
 *
 * Hops: a seed (from our own routing table) is at depth 1, a node first
 * learned from a response of a node at depth d is at depth d + 1. The
 * lookup's `hops` is the depth of the closest node that answered — the
 * number of sequential round trips it took to reach it.
 */
import { compareDistance, type NodeId } from "./node-id.ts";

const FRESH = 0;
const IN_FLIGHT = 1;
const ANSWERED = 2;
const FAILED = 3;

export class Lookup {
  /** Candidates, closest first (failed ones removed). */
  private readonly order: number[] = [];
  private readonly state = new Map<number, number>();
  private readonly depth = new Map<number, number>();
  private inFlight = 0;
  private finished = false;
  /** Queries sent so far. */
  queries = 0;
  /** Queries that timed out. */
  timeouts = 0;

  constructor(
    readonly target: NodeId,
    private readonly k: number,
    private readonly alpha: number,
    private readonly idOf: (node: number) => NodeId,
    private readonly self = -1,
  ) {}

  get done(): boolean {
    return this.finished;
  }

  /** Seeds the lookup with nodes from the caller's routing table; returns the first queries. */
  start(seeds: readonly number[]): number[] {
    for (const n of seeds) this.learn(n, 1);
    return this.next();
  }

  /** `node` answered with `nodes` (closer nodes it knows). */
  onResponse(node: number, nodes: readonly number[]): number[] {
    if (this.state.get(node) !== IN_FLIGHT) return [];
    this.state.set(node, ANSWERED);
    this.inFlight--;
    const d = (this.depth.get(node) ?? 1) + 1;
    for (const n of nodes) this.learn(n, d);
    return this.next();
  }

  /** The query to `node` timed out (the node left or is unreachable). */
  onTimeout(node: number): number[] {
    if (this.state.get(node) !== IN_FLIGHT) return [];
    this.state.set(node, FAILED);
    this.inFlight--;
    this.timeouts++;
    const i = this.order.indexOf(node);
    if (i >= 0) this.order.splice(i, 1);
    return this.next();
  }

  /** Whether a query to `node` is outstanding. */
  awaiting(node: number): boolean {
    return this.state.get(node) === IN_FLIGHT;
  }

  /** The k closest nodes that answered, closest first. */
  result(): number[] {
    const out: number[] = [];
    for (const n of this.order) {
      if (this.state.get(n) === ANSWERED) out.push(n);
      if (out.length === this.k) break;
    }
    return out;
  }

  /** Depth of the closest node that answered (0 if none did). */
  get hops(): number {
    for (const n of this.order) if (this.state.get(n) === ANSWERED) return this.depth.get(n) ?? 0;
    return 0;
  }

  private learn(node: number, depth: number): void {
    if (node === this.self) return;
    if (this.state.has(node)) {
      // Reached by a shorter path: keep the smaller depth while not yet queried.
      if (this.state.get(node) === FRESH && depth < (this.depth.get(node) ?? depth))
        this.depth.set(node, depth);
      return;
    }
    this.state.set(node, FRESH);
    this.depth.set(node, depth);
    // Binary insertion by distance (ties by handle, for determinism).
    const id = this.idOf(node);
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = this.order[mid];
      const c = compareDistance(this.idOf(m), id, this.target) || m - node;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    this.order.splice(lo, 0, node);
  }

  private next(): number[] {
    if (this.finished) return [];
    const out: number[] = [];
    let allAnswered = true;
    const limit = Math.min(this.k, this.order.length);
    for (let i = 0; i < limit; i++) {
      const n = this.order[i];
      const s = this.state.get(n);
      if (s === ANSWERED) continue;
      allAnswered = false;
      if (s === FRESH && this.inFlight < this.alpha) {
        this.state.set(n, IN_FLIGHT);
        this.inFlight++;
        this.queries++;
        out.push(n);
      }
    }
    if (allAnswered) this.finished = true;
    return out;
  }
}
