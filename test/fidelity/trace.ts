/**
 * Runs a swarm with every trace hook attached, for the protocol-fidelity tests:
 * peer-wire messages (sent and delivered), rechoke decisions, swarm events and
 * block transmissions, each with its simulated time.
 */

import type { SwarmEvent, WireTrace } from "../../sim/observe/events.ts";
import type { ScenarioConfig } from "../../sim/scenario/types.ts";
import { Swarm, type SwarmOptions } from "../../sim/swarm/swarm.ts";

export interface RechokeRecord {
  readonly peer: number;
  readonly timeUs: number;
  readonly regular: readonly number[];
  readonly optimistic: number;
}

export interface TxRecord {
  readonly from: number;
  readonly to: number;
  readonly startUs: number;
  readonly endUs: number;
  readonly bytes: number;
}

export interface Traced {
  readonly swarm: Swarm;
  readonly wire: WireTrace[];
  readonly rechokes: RechokeRecord[];
  readonly events: SwarmEvent[];
  readonly txs: TxRecord[];
}

export const S = 1_000_000;

/** Runs `config` to its end; `onWire` also sees each message live (for probes of the sender's state). */
export function runTraced(
  config: ScenarioConfig,
  live: { onWire?: (e: WireTrace, swarm: Swarm) => void } = {},
): Traced {
  const wire: WireTrace[] = [];
  const rechokes: RechokeRecord[] = [];
  const events: SwarmEvent[] = [];
  const txs: TxRecord[] = [];
  let swarm: Swarm | null = null;
  const options: SwarmOptions = {
    observers: [{ onEvent: (e) => events.push(e) }],
    onWire: (e) => {
      wire.push(e);
      if (live.onWire && swarm) live.onWire(e, swarm);
    },
    onRechoke: (peer, timeUs, regular, optimistic) =>
      rechokes.push({ peer, timeUs, regular: [...regular], optimistic }),
    onTransmission: (from, to, startUs, endUs, bytes) =>
      txs.push({ from, to, startUs, endUs, bytes }),
  };
  swarm = new Swarm(config, options);
  swarm.run();
  return { swarm, wire, rechokes, events, txs };
}

/** Groups items by a key, keeping their order. */
export function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}

/** Announce event codes (the `other` of "announce"/"announce_failed" events). */
export const ANNOUNCE = { started: 0, completed: 1, stopped: 2, periodic: 3 } as const;
