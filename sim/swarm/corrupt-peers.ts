/** Which peers send corrupted blocks (`behaviour: corrupt`, `faults.corrupt`), and how. */
import type { RngStreams } from "../engine/rng.ts";
import type { PlannedArrival } from "../population/arrivals.ts";
import type { GroupConfig, ScenarioConfig } from "../scenario/types.ts";
import type { CorruptBehaviour, Peer } from "./peer.ts";
import type { SwarmState } from "./swarm-state.ts";

/**
 * faults.corrupt: round(fraction × count) peers of the named group, drawn from
 * their own random stream, send damaged blocks with the given probability.
 * Returns peer ids (= positions in the arrival plan).
 */
export function corruptPeerIds(
  config: ScenarioConfig,
  plan: readonly PlannedArrival[],
  streams: RngStreams,
): Set<number> {
  const fault = config.faults.corrupt;
  if (fault === null) return new Set();
  const members: number[] = [];
  plan.forEach((a, i) => {
    if (a.group.name === fault.group) members.push(i);
  });
  const k = Math.round(fault.fraction * members.length);
  return new Set(streams.get("faults:corrupt").sample(members, k));
}

/** `behaviour: corrupt` damages every block; faults.corrupt picks some peers of a group. */
export function corruptionOf(
  config: ScenarioConfig,
  group: GroupConfig,
  picked: boolean,
): CorruptBehaviour | null {
  const fault = config.faults.corrupt;
  if (picked && fault !== null) {
    return { probability: fault.probability, pieces: fault.pieces ? new Set(fault.pieces) : null };
  }
  return group.behaviour === "corrupt" ? { probability: 1, pieces: null } : null;
}

/**
 * Nonzero when a block arrives damaged: the sender lies (faults.corrupt,
 * tag = sender + 1) or the link damages it (faults.link_corruption, tag =
 * −(sender + 1)). Distinct tags mean distinct bytes, as with real corruption.
 */
export function corruptionTag(swarm: SwarmState, sender: Peer, blockId: number): number {
  const c = sender.corrupt;
  if (c !== null && (c.pieces === null || c.pieces.has(swarm.geometry.pieceOf(blockId)))) {
    if (sender.faultRng.chance(c.probability)) return sender.id + 1;
  }
  const pLink = swarm.config.faults.link_corruption;
  if (pLink > 0) {
    sender.linkRng ??= swarm.streams.get(`peer:${sender.id}:link`);
    if (sender.linkRng.chance(pLink)) return -(sender.id + 1);
  }
  return 0;
}
