/**
 * One node's Kademlia routing table (Maymounkov & Mazières 2002; BEP 5):
 * bucket i holds up to k nodes whose ids share exactly i leading bits with
 * ours, least recently seen first. Nodes are integer handles; `idOf` maps a
 * handle to its id.
 *
 * Rules:
 * - a node we hear from directly (it queried us, or answered us) is added, or
 *   moved to the tail of its bucket if already there;
 * - a full bucket keeps its old nodes and drops the newcomer (Kademlia's
 *   preference for long-lived nodes; the liveness ping is replaced by
 *   removing nodes when a query to them times out, see `remove`);
 * - `closest` answers find_node/get_peers with the k nodes nearest a target.
 */
import { commonPrefixLength, compareDistance, ID_BITS, type NodeId } from "./node-id.ts";

export class RoutingTable {
  private readonly buckets: (number[] | undefined)[] = new Array(ID_BITS);
  private count = 0;

  constructor(
    readonly self: number,
    private readonly selfId: NodeId,
    private readonly k: number,
    private readonly idOf: (node: number) => NodeId,
  ) {}

  get size(): number {
    return this.count;
  }

  /** Records that `node` was heard from. Returns true if it is (now) in the table. */
  add(node: number): boolean {
    if (node === this.self) return false;
    const i = commonPrefixLength(this.selfId, this.idOf(node));
    if (i >= ID_BITS) return false;
    let bucket = this.buckets[i];
    if (bucket === undefined) {
      bucket = [];
      this.buckets[i] = bucket;
    }
    const at = bucket.indexOf(node);
    if (at >= 0) {
      bucket.splice(at, 1);
      bucket.push(node);
      return true;
    }
    if (bucket.length >= this.k) return false;
    bucket.push(node);
    this.count++;
    return true;
  }

  /** Drops a node that failed to answer. */
  remove(node: number): void {
    const i = commonPrefixLength(this.selfId, this.idOf(node));
    const bucket = this.buckets[i];
    if (bucket === undefined) return;
    const at = bucket.indexOf(node);
    if (at < 0) return;
    bucket.splice(at, 1);
    this.count--;
  }

  has(node: number): boolean {
    if (node === this.self) return false;
    const i = commonPrefixLength(this.selfId, this.idOf(node));
    return this.buckets[i]?.includes(node) ?? false;
  }

  /** Sizes of the non-empty buckets by index (tests, diagnostics). */
  bucketSizes(): Map<number, number> {
    const out = new Map<number, number>();
    this.buckets.forEach((b, i) => {
      if (b && b.length > 0) out.set(i, b.length);
    });
    return out;
  }

  /** The `count` known nodes closest to `target`, closest first. */
  closest(target: NodeId, count: number): number[] {
    const all: number[] = [];
    for (const b of this.buckets) if (b) for (const n of b) all.push(n);
    const idOf = this.idOf;
    all.sort((a, b) => compareDistance(idOf(a), idOf(b), target) || a - b);
    if (all.length > count) all.length = count;
    return all;
  }
}
