/**
 * How protocol calls become engine events: a control message is (end,
 * arg × 16 + code) and a timer is (peer, arg × 4 + kind), two integers on the
 * event queue, never an object.
 */
import type { WireTrace } from "../observe/events.ts";
import { WIRE_MESSAGES } from "../protocol/wire/messages.ts";
import type { SwarmState } from "./swarm-state.ts";

export const MESSAGE_CODES = 16;
export const TIMER_KINDS = 4;

/** Reports a message to `swarm.onWire` (tests only; the hot path just checks the hook). */
export function traceWire(
  swarm: SwarmState,
  kind: WireTrace["kind"],
  from: number,
  to: number,
  word: number,
): void {
  swarm.onWire?.({
    timeUs: swarm.sim.now,
    kind,
    from,
    to,
    msg: WIRE_MESSAGES[word % MESSAGE_CODES],
    arg: Math.floor(word / MESSAGE_CODES),
  });
}
